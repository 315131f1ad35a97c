/** Facts about the machine a benchmark ran on (the machine is shared: load matters). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import type { MachineFacts } from './types';

const FLAGS_OF_NOTE = ['avx', 'avx2', 'fma', 'avx512f', 'avx512vl', 'amx_tile'];

function cpuInfo(): { model: string; flags: string[] } {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
    const flagLine = /^flags\s*:\s*(.+)$/m.exec(text)?.[1] ?? '';
    const flags = new Set(flagLine.split(/\s+/));
    return { model, flags: FLAGS_OF_NOTE.filter((f) => flags.has(f)) };
  } catch {
    return { model: os.cpus()[0]?.model ?? 'unknown', flags: [] };
  }
}

/** The checked-out commit (read-only `git rev-parse`), or null outside a repository. */
export function gitCommit(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function loadAverage(): number[] {
  return os.loadavg().map((v) => Math.round(v * 100) / 100);
}

export function machineFacts(repoRoot: string): MachineFacts {
  const cpu = cpuInfo();
  return {
    cpuModel: cpu.model,
    logicalCores: os.cpus().length,
    cpuFlagsOfNote: cpu.flags,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    gitCommit: gitCommit(repoRoot),
    gitCommitEnd: null,
    sourceFingerprintStart: sourceFingerprint(repoRoot),
    sourceFingerprintEnd: null,
    loadAverageStart: loadAverage(),
    loadAverageEnd: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
}

/**
 * SHA-256 (first 12 hex digits) over the paths and contents of every file under src-core and
 * bench/cases. The working tree is shared with other engineers and can change during a run;
 * each case records the fingerprint it started with, so a report shows which cases measured
 * the same code.
 */
export function sourceFingerprint(repoRoot: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) {
        hash.update(relative(repoRoot, path));
        hash.update(readFileSync(path));
      }
    }
  };
  walk(join(repoRoot, 'src-core'));
  walk(join(repoRoot, 'bench', 'cases'));
  return hash.digest('hex').slice(0, 12);
}
