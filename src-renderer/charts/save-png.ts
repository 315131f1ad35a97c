/**
 * File names for saved chart pictures. The download itself (opaque background, blob URL, no path
 * to the back end) is components/export/chart-png.ts.
 */

/** A file name from a title: lower case words joined by '-', then '.png'. */
export function pngFileName(title: string): string {
  const stem = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'chart'}.png`;
}
