/**
 * Licenses of what ships inside the app, shown in Help > About. A unit test compares this list
 * with package.json's runtime dependencies and their installed license fields, so a new
 * dependency cannot ship without appearing here.
 */
export interface LicenseEntry {
  readonly name: string;
  readonly license: string;
}

export const APP_LICENSE = 'MIT';

export const THIRD_PARTY_LICENSES: readonly LicenseEntry[] = [
  // Electron bundles Chromium and Node.js; their notices ship as LICENSES.chromium.html.
  { name: 'electron', license: 'MIT' },
  { name: 'chart.js', license: 'MIT' },
  { name: 'ml-matrix', license: 'MIT' },
  { name: 'pinia', license: 'MIT' },
  { name: 'read-excel-file', license: 'MIT' },
  { name: 'vue', license: 'MIT' },
  { name: 'ws', license: 'MIT' },
  { name: 'zod', license: 'MIT' },
];
