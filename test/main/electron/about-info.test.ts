import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aboutText } from '../../../src-main/electron/about-info';
import { APP_LICENSE, THIRD_PARTY_LICENSES } from '../../../src-main/electron/third-party-licenses';

const root = new URL('../../../', import.meta.url);
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;

describe('About box', () => {
  it('shows the app version, the runtimes and every license', () => {
    const text = aboutText({
      appName: 'ConvexNet Studio',
      appVersion: '0.1.0',
      appLicense: 'MIT',
      versions: { electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' },
      licenses: [{ name: 'vue', license: 'MIT' }, { name: 'zod', license: 'MIT' }],
    });
    expect(text.message).toBe('ConvexNet Studio 0.1.0');
    expect(text.detail).toContain('Electron 45.5.0, Chromium 142.0.0.0, Node.js 22.20.0');
    expect(text.detail).toContain('licensed under the MIT license');
    expect(text.detail).toContain('vue: MIT');
    expect(text.detail).toContain('zod: MIT');
  });

  it('leaves out runtimes it does not know (plain Node has no Electron version)', () => {
    const text = aboutText({ appName: 'A', appVersion: '1', appLicense: 'MIT', versions: { node: '20.20.2' }, licenses: [] });
    expect(text.detail.split('\n')[0]).toBe('Node.js 20.20.2');
  });

  it('lists every runtime dependency and Electron with its installed license', () => {
    const pkg = readJson('package.json');
    expect(APP_LICENSE).toBe(pkg['license']);
    const shipped = [...Object.keys(pkg['dependencies'] as Record<string, string>), 'electron'].sort();
    expect(THIRD_PARTY_LICENSES.map((entry) => entry.name).sort()).toEqual(shipped);
    for (const entry of THIRD_PARTY_LICENSES) {
      expect(readJson(`node_modules/${entry.name}/package.json`)['license'], entry.name).toBe(entry.license);
    }
  });
});
