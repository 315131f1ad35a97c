/**
 * Finding and running the NumPy baseline (bench/numpy/admm_dense.py).
 *
 * The runner probes once: the interpreter (BENCH_PYTHON or /usr/bin/python3) must import numpy,
 * else every comparison record is marked skipped with the reason. The subprocess environment:
 * - OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1 (a one-core comparison);
 * - OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed if set (the machine notes set them on some
 *   processors for old OpenBLAS builds; they slow a current one down);
 * - if numpy is linked to the reference BLAS while Debian's OpenBLAS is installed, the OpenBLAS
 *   directory is put on LD_LIBRARY_PATH for this subprocess only (the system default is untouched);
 * - if OpenBLAS does not recognize the processor and falls back to a generic kernel (it reports
 *   e.g. "Prescott") although the CPU has AVX-512 or AVX2, OPENBLAS_CORETYPE is set to SkylakeX or
 *   Haswell for this subprocess, so the baseline is the fast one (BENCH_OPENBLAS_CORETYPE=none
 *   keeps the generic kernel, any other value is used as given).
 * Every change and the BLAS finally in use (threadpoolctl, or the libraries mapped in
 * /proc/self/maps) are recorded in the report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PythonAvailability } from './types';

const here = dirname(fileURLToPath(import.meta.url));
export const numpyScript = join(here, 'numpy', 'admm_dense.py');
const OPENBLAS_DIRS = ['/usr/lib/x86_64-linux-gnu/openblas-pthread', '/usr/lib/aarch64-linux-gnu/openblas-pthread'];
const GENERIC_KERNELS = new Set(['prescott', 'core2', 'nehalem', 'katmai', 'coppermine', 'northwood', 'banias', 'atom', 'generic']);

interface ProbeResult {
  numpy?: string;
  scipy?: string | null;
  threadpoolctl?: { internal_api?: string; architecture?: string; filepath?: string; num_threads?: number }[] | null;
  loadedLibraries?: string[];
  gemm600Gflops?: number;
  [key: string]: unknown;
}

function runProbe(command: string, env: Record<string, string>): { ok: true; result: ProbeResult } | { ok: false; reason: string } {
  const r = spawnSync(command, [numpyScript, '--probe'], { env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) return { ok: false, reason: `${command} could not be started: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, reason: `${command} ${numpyScript} --probe failed (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}` };
  try {
    const lines = r.stdout.trim().split('\n');
    return { ok: true, result: JSON.parse(lines[lines.length - 1]!) as ProbeResult };
  } catch {
    return { ok: false, reason: `the probe printed no JSON: ${r.stdout.slice(0, 200)}` };
  }
}

function usesOpenBlas(p: ProbeResult): boolean {
  if (p.threadpoolctl?.some((t) => t.internal_api === 'openblas')) return true;
  return (p.loadedLibraries ?? []).some((lib) => /openblas/i.test(lib));
}

function openBlasArchitecture(p: ProbeResult): string | null {
  return p.threadpoolctl?.find((t) => t.internal_api === 'openblas')?.architecture ?? null;
}

function cpuFlags(): Set<string> {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    return new Set((line ?? '').split(':')[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return new Set();
  }
}

export function detectPython(): PythonAvailability {
  const command = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
  if (!existsSync(command)) return { available: false, reason: `${command} not found (set BENCH_PYTHON to another interpreter)` };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const changes: string[] = [];
  for (const key of ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']) {
    if (env[key] !== undefined) {
      changes.push(`unset ${key} (was ${env[key]}) for the python subprocess only`);
      delete env[key];
    }
  }
  env.OPENBLAS_NUM_THREADS = '1';
  env.OMP_NUM_THREADS = '1';
  env.MKL_NUM_THREADS = '1';
  let probe = runProbe(command, env);
  if (!probe.ok) return { available: false, reason: `NumPy baseline unavailable: ${probe.reason}` };
  const defaultProbe = probe.result;

  if (!usesOpenBlas(probe.result)) {
    const dir = OPENBLAS_DIRS.find((d) => existsSync(join(d, 'libblas.so.3')));
    if (dir) {
      const tryEnv = { ...env, LD_LIBRARY_PATH: [dir, env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
      const retry = runProbe(command, tryEnv);
      if (retry.ok && usesOpenBlas(retry.result)) {
        Object.assign(env, tryEnv);
        probe = retry;
        changes.push(`numpy's default BLAS is not OpenBLAS (${(defaultProbe.loadedLibraries ?? []).join(', ') || 'unknown'}); LD_LIBRARY_PATH=${dir} for the python subprocess only`);
      }
    }
  }

  if (!usesOpenBlas(probe.result)) {
    // The targets name a NumPy/OpenBLAS baseline; the reference BLAS is several times slower
    // (measured on this machine when OpenBLAS was missing: NumPy's n = 600 setup 55 s instead of
    // well under 1 s), so comparing against it would pass the targets on a weak baseline.
    const libraries = (probe.result.loadedLibraries ?? []).join(', ') || 'unknown';
    return { available: false, reason: `NumPy does not use OpenBLAS here (${libraries}), so it is not the baseline the targets name; install it with apt-get install -y libopenblas0-pthread` };
  }

  const arch = openBlasArchitecture(probe.result);
  const requested = process.env.BENCH_OPENBLAS_CORETYPE ?? 'auto';
  if (arch !== null && requested !== 'none') {
    const flags = cpuFlags();
    const wanted = requested !== 'auto' ? requested : GENERIC_KERNELS.has(arch.toLowerCase()) ? (flags.has('avx512f') ? 'SkylakeX' : flags.has('avx2') ? 'Haswell' : null) : null;
    if (wanted && wanted.toLowerCase() !== arch.toLowerCase()) {
      const tryEnv = { ...env, OPENBLAS_CORETYPE: wanted };
      const retry = runProbe(command, tryEnv);
      if (retry.ok && (retry.result.gemm600Gflops ?? 0) > (probe.result.gemm600Gflops ?? 0)) {
        changes.push(
          `OpenBLAS chose the generic ${arch} kernel on this CPU (${(probe.result.gemm600Gflops ?? 0).toFixed(1)} GFLOP/s on a 600^3 product); ` +
            `OPENBLAS_CORETYPE=${wanted} for the python subprocess only (${(retry.result.gemm600Gflops ?? 0).toFixed(1)} GFLOP/s), the stronger baseline`,
        );
        Object.assign(env, tryEnv);
        probe = retry;
      }
    }
  }
  return {
    available: true,
    config: {
      command,
      env,
      info: {
        command,
        numpy: probe.result.numpy,
        scipy: probe.result.scipy ?? null,
        blas: probe.result.threadpoolctl ?? probe.result.loadedLibraries ?? null,
        gemm600Gflops: probe.result.gemm600Gflops,
        environmentChanges: changes,
        subprocessEnv: {
          OPENBLAS_NUM_THREADS: env.OPENBLAS_NUM_THREADS,
          OPENBLAS_CORETYPE: env.OPENBLAS_CORETYPE ?? null,
          LD_LIBRARY_PATH: env.LD_LIBRARY_PATH ?? null,
        },
      },
    },
  };
}
