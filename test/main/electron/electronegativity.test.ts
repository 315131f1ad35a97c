import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Security gate: runs @doyensec/electronegativity over src-main and src-renderer (offline; it
 * warns that it cannot fetch Electron's release list, which is harmless) with a SARIF (JSON)
 * report in a temp folder, and fails on any finding other than the two review items that stay
 * with every secure app: "'self' in script-src" (CSP_GLOBAL_CHECK) and "review the preload"
 * (PRELOAD_JS_CHECK). A deliberately insecure control file in the scanned copy proves the
 * scanner really ran and still detects problems here.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const CONTROL_FILE = 'insecure-control/window.js';

interface Finding {
  readonly ruleId: string;
  readonly level: string;
  readonly message: string;
  readonly file: string;
}

interface Sarif {
  runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

const englishMessages = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'locales', 'en-US.json'), 'utf8'),
) as Record<string, string>;

/** The two review items a secure Electron app always keeps. */
const ALWAYS_ON_REVIEW_ITEMS: readonly Finding[] = [
  // csp-evaluator: 'self' in script-src "can be problematic if you host JSONP, Angular or user uploaded files".
  { ruleId: 'CSP_GLOBAL_CHECK', level: 'note', message: englishMessages['CSP_GLOBAL_CHECK_MAYBE_WEAK_CSP'] ?? '?', file: 'src-renderer/index.html' },
  { ruleId: 'PRELOAD_JS_CHECK', level: 'note', message: englishMessages['PRELOAD_JS_CHECK'] ?? '?', file: 'src-main/electron/window-options.ts' },
];

/** Findings silenced in the code after review, each with its reason next to it. */
const REVIEWED_ANNOTATIONS = [{ file: 'src-main/electron/navigation-guard.ts', rules: 'OPEN_EXTERNAL_JS_CHECK' }];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('electronegativity security gate', () => {
  let workDir = '';
  let findings: Finding[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'convexnet-electronegativity-'));
    const scanned = join(workDir, 'app');
    for (const part of ['src-main', 'src-renderer']) cpSync(join(repoRoot, part), join(scanned, part), { recursive: true });
    // package.json lets the scanner read the Electron version (otherwise it assumes 0.1.0).
    cpSync(join(repoRoot, 'package.json'), join(scanned, 'package.json'));
    mkdirSync(join(scanned, 'insecure-control'));
    writeFileSync(
      join(scanned, CONTROL_FILE),
      "const { BrowserWindow } = require('electron');\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n',
    );
    const report = join(workDir, 'report.sarif');
    await promisify(execFile)(process.execPath, [cli, '--input', scanned, '--output', report, '--relative'], {
      cwd: workDir,
      // English messages, whatever the machine's locale.
      env: { ...process.env, LANG: 'en-US' },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const sarif = JSON.parse(readFileSync(report, 'utf8')) as Sarif;
    findings = (sarif.runs[0]?.results ?? []).map((result) => ({
      ruleId: result.ruleId,
      level: result.level,
      message: result.message.text,
      file: result.locations[0]?.physicalLocation.artifactLocation.uri ?? '',
    }));
  }, 180_000);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('still detects an insecure window (the scan really ran)', () => {
    const control = findings.filter((finding) => finding.file === CONTROL_FILE).map((finding) => finding.ruleId);
    // Its nodeIntegration: true goes unreported next to sandbox: false (a known blind spot of the
    // scanner); the window-options unit test and the smoke test hold that flag instead.
    expect(control).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK']));
  });

  it('finds nothing in the app beyond the two always-on review items', () => {
    const app = findings.filter((finding) => finding.file !== CONTROL_FILE);
    const sortKey = (finding: Finding): string => `${finding.ruleId} ${finding.file}`;
    expect([...app].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(ALWAYS_ON_REVIEW_ITEMS);
  });

  it('has no eng-disable annotation beyond the reviewed ones', () => {
    const annotations = ['src-main', 'src-renderer']
      .flatMap((part) => filesUnder(join(repoRoot, part)))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line) => {
            const match = /eng-disable\s+([\w \t]+)/.exec(line);
            return match ? [{ file: relative(repoRoot, path), rules: (match[1] ?? '').trim() }] : [];
          }),
      );
    expect(annotations).toEqual(REVIEWED_ANNOTATIONS);
  });
});
