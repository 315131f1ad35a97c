import type { LicenseEntry } from './third-party-licenses';

/** Text of the native About box: version of the app and of its runtimes, and the licenses. */

export interface AboutInput {
  readonly appName: string;
  readonly appVersion: string;
  readonly appLicense: string;
  /** process.versions of the main process: electron, chrome, node. */
  readonly versions: { readonly electron?: string; readonly chrome?: string; readonly node?: string };
  readonly licenses: readonly LicenseEntry[];
}

export interface AboutText {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
}

export function aboutText(input: AboutInput): AboutText {
  const runtimes = [
    ['Electron', input.versions.electron],
    ['Chromium', input.versions.chrome],
    ['Node.js', input.versions.node],
  ]
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const licenses = input.licenses.map((entry) => `  ${entry.name}: ${entry.license}`).join('\n');
  return {
    title: `About ${input.appName}`,
    message: `${input.appName} ${input.appVersion}`,
    detail: [
      runtimes,
      '',
      `${input.appName} is licensed under the ${input.appLicense} license.`,
      '',
      'Open-source software included:',
      licenses,
    ].join('\n'),
  };
}
