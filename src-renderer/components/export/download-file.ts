import type { ExportedFile } from '../../../src-core/contract/export-types';

/** The bytes (binary files) or text of an exported file, as a Blob of its MIME type. */
export function exportedFileBlob(file: ExportedFile): Blob {
  if (file.encoding === 'utf8') return new Blob([file.content], { type: `${file.mimeType};charset=utf-8` });
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.mimeType });
}

/**
 * Saves a file through the browser's download: a temporary <a download> on a blob URL. This works
 * in both transports: browsers save it (or ask where), and Electron turns every download into
 * its native Save dialog (will-download), so paths never travel between renderer and back end.
 */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoke later: the download starts asynchronously from the URL.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

export function downloadExportedFile(file: ExportedFile, doc: Document = document): void {
  downloadBlob(exportedFileBlob(file), file.fileName, doc);
}
