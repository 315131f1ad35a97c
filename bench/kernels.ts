/**
 * Benchmark of the ADMM hot kernels and the structured u-update factorization.
 *
 *   npx tsx bench/kernels.ts            # prints the records as JSON
 *   import { benchKernels } from './kernels'
 *
 * Kernel records: multiplyXB / multiplyXtR (WebAssembly SIMD where available, else the 4 x 4
 * register-blocked scalar loops, also recorded as "scalar JavaScript") against plain
 * loops without register blocking, at n = 100000, d = 50, m = 64; best of a few repetitions,
 * 2 n d m flops per product. The ResidentMatrix records time the same products the way ADMM's
 * applyBlocks / adjointBlocks make them: X resident in wasm memory (only the blocks and the
 * n x m operand copied), and with the n x m operands pinned there too (no copies at all). Cholesky records: the k = 1632 factorization and solve of the
 * direct path, WebAssembly SIMD against scalar JavaScript. Block-system records: factorBlockSystem setup time on Gaussian data
 * with hyperplane patterns (gflops = modelled setup flops / seconds), the path taken, and
 * whether the largest factored matrix stays within min(n, dP). Every record also carries the
 * process CPU time, which stays meaningful when other work shares the cores.
 */
import { pathToFileURL } from 'node:url';
import { estimateBlockSystemCost, factorBlockSystem } from '../src-core/convex/block-system';
import { factorCholesky } from '../src-core/linalg/factor-cholesky';
import { multiplyXB, multiplyXtR } from '../src-core/linalg/kernels';
import { ResidentMatrix } from '../src-core/linalg/resident-matrix';
import { setSimdKernelsEnabled } from '../src-core/linalg/simd-kernels';

function withoutSimd(run: () => void): void {
  const previous = setSimdKernelsEnabled(false);
  try {
    run();
  } finally {
    setSimdKernelsEnabled(previous);
  }
}
import { createMatrix, type Matrix } from '../src-core/linalg/matrix';
import { Prng } from '../src-core/random/prng';

export interface BenchRecord {
  name: string;
  n: number;
  d: number;
  /** Right-hand sides for kernels; number of patterns P for block-system records. */
  m: number;
  seconds: number;
  gflops: number;
  [extra: string]: unknown;
}

export interface BenchKernelOptions {
  /** Repetitions per kernel (best time is reported). Default 5. */
  repetitions?: number;
  /** Skip the n = 100000 block-system case (about 10 s on one core). Default false. */
  skipLargeFactor?: boolean;
}

function randomMatrix(rng: Prng, rows: number, cols: number): Matrix {
  const X = createMatrix(rows, cols);
  for (let i = 0; i < rows * cols; i++) X.data[i] = rng.nextGaussian();
  return X;
}

interface Timing {
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of this process (user + system): below `seconds` when other work shares the cores. */
  cpuSeconds: number;
}

function timeOnce<T>(run: () => T): Timing & { value: T } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, value };
}

/** Best (smallest wall time) of `repetitions` runs after one warm-up run that lets the JIT optimize. */
function bestTiming(run: () => void, repetitions: number): Timing {
  run();
  let best: Timing = { seconds: Number.POSITIVE_INFINITY, cpuSeconds: Number.POSITIVE_INFINITY };
  for (let r = 0; r < repetitions; r++) {
    const { seconds, cpuSeconds } = timeOnce(run);
    if (seconds < best.seconds) best = { seconds, cpuSeconds };
  }
  return best;
}

/** out = X B with one dot product per output entry: no register blocking. */
function plainXB(X: Matrix, B: Float64Array, m: number, out: Float64Array): void {
  const { rows: n, cols: d, data: x } = X;
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += x[k * d + l]! * B[l * m + j]!;
      out[k * m + j] = s;
    }
  }
}

/** out = X^T R as row axpys (out_l += x_kl R_k): the usual plain loop, no register blocking. */
function plainXtR(X: Matrix, R: Float64Array, m: number, out: Float64Array): void {
  const { rows: n, cols: d, data: x } = X;
  out.fill(0);
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < d; l++) {
      const a = x[k * d + l]!;
      const o = l * m;
      const r = k * m;
      for (let j = 0; j < m; j++) out[o + j] += a * R[r + j]!;
    }
  }
}

/**
 * The textbook 4 x 4 register-blocked X B loop (no chunking, n and m multiples of 4): the
 * yardstick for what JavaScript reaches on this machine right now.
 */
function reference4x4XB(X: Matrix, B: Float64Array, m: number, out: Float64Array): void {
  const { rows: n, cols: d, data: x } = X;
  for (let k = 0; k + 3 < n; k += 4) {
    for (let j = 0; j + 3 < m; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let l = 0; l < d; l++) {
        const a0 = x[k * d + l]!, a1 = x[(k + 1) * d + l]!, a2 = x[(k + 2) * d + l]!, a3 = x[(k + 3) * d + l]!;
        const b0 = B[l * m + j]!, b1 = B[l * m + j + 1]!, b2 = B[l * m + j + 2]!, b3 = B[l * m + j + 3]!;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const o = k * m + j;
      out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03;
      out[o + m] = c10; out[o + m + 1] = c11; out[o + m + 2] = c12; out[o + m + 3] = c13;
      out[o + 2 * m] = c20; out[o + 2 * m + 1] = c21; out[o + 2 * m + 2] = c22; out[o + 2 * m + 3] = c23;
      out[o + 3 * m] = c30; out[o + 3 * m + 1] = c31; out[o + 3 * m + 2] = c32; out[o + 3 * m + 3] = c33;
    }
  }
}

function kernelRecords(repetitions: number): BenchRecord[] {
  const n = 100000;
  const d = 50;
  const m = 64;
  const rng = new Prng(20230101);
  const X = randomMatrix(rng, n, d);
  const B = Float64Array.from({ length: d * m }, () => rng.nextGaussian());
  const R = Float64Array.from({ length: n * m }, () => rng.nextGaussian());
  const outN = new Float64Array(n * m);
  const outD = new Float64Array(d * m);
  const flops = 2 * n * d * m;
  const cases: [string, () => void][] = [
    ['multiplyXB', () => multiplyXB(X, B, m, outN)],
    ['multiplyXtR', () => multiplyXtR(X, R, m, outD)],
    // The scalar JavaScript kernels (the fallback where WebAssembly SIMD is missing).
    ['multiplyXB (scalar JavaScript)', () => withoutSimd(() => multiplyXB(X, B, m, outN))],
    ['multiplyXtR (scalar JavaScript)', () => withoutSimd(() => multiplyXtR(X, R, m, outD))],
    ['reference4x4XB (plain 4x4 loop)', () => reference4x4XB(X, B, m, outN)],
    ['plainXB (no register blocking)', () => plainXB(X, B, m, outN)],
    ['plainXtR (no register blocking)', () => plainXtR(X, R, m, outD)],
    ...residentCases(X, R, m, rng),
  ];
  return cases.map(([name, run]) => {
    const { seconds, cpuSeconds } = bestTiming(run, repetitions);
    return { name, n, d, m, seconds, gflops: flops / seconds / 1e9, cpuSeconds, cpuGflops: flops / cpuSeconds / 1e9 };
  });
}

/** X U^T and R^T X (the block layout of ADMM's applyBlocks / adjointBlocks) with X resident, then pinned with its operands. */
function residentCases(X: Matrix, R: Float64Array, m: number, rng: Prng): [string, () => void][] {
  const { rows: n, cols: d } = X;
  const U = Float64Array.from({ length: m * d }, () => rng.nextGaussian());
  const outN = new Float64Array(n * m);
  const outBlocks = new Float64Array(m * d);
  const resident = new ResidentMatrix(X);
  const cases: [string, () => void][] = [
    ['multiplyXUt (X resident: applyBlocks)', () => resident.multiplyXUt(U, m, outN)],
    ['multiplyRtX (X resident: adjointBlocks)', () => resident.multiplyRtX(R, m, outBlocks)],
  ];
  const pinned = new ResidentMatrix(X);
  const views = pinned.pinOperands(m);
  if (views) {
    views.adjointInput.set(R.subarray(0, n * m));
    cases.push(
      ['multiplyXUt (X and operands pinned)', () => pinned.multiplyXUt(U, m, views.applyOutput)],
      ['multiplyRtX (X and operands pinned)', () => pinned.multiplyRtX(views.adjointInput, m, outBlocks)],
    );
  }
  return cases;
}

/** Gaussian X and P hyperplane patterns 1[X h >= 0] (h Gaussian), as the pattern sampler makes them. */
function blockProblem(n: number, d: number, P: number): { X: Matrix; patterns: { n: number; count: number; masks: Uint8Array } } {
  const rng = new Prng(n + 7 * d + 131 * P);
  const X = randomMatrix(rng, n, d);
  const H = Float64Array.from({ length: d * P }, () => rng.nextGaussian());
  const XH = new Float64Array(n * P);
  multiplyXB(X, H, P, XH);
  const masks = new Uint8Array(n * P);
  for (let e = 0; e < n * P; e++) masks[e] = XH[e]! >= 0 ? 1 : 0;
  return { X, patterns: { n, count: P, masks } };
}

function blockSystemRecords(skipLarge: boolean): BenchRecord[] {
  const cases: [number, number, number][] = [
    [600, 31, 64],
    [5000, 31, 64],
  ];
  if (!skipLarge) cases.push([100000, 51, 32]);
  // Warm-up on a small problem so the timed setups run JIT-optimized code on both paths.
  const warm = blockProblem(300, 9, 40);
  for (const path of ['direct', 'woodbury'] as const) factorBlockSystem(warm.X, warm.patterns, 1, { path }).solve(new Float64Array(720), new Float64Array(720));
  return cases.map(([n, d, P]) => {
    const { X, patterns } = blockProblem(n, d, P);
    const setup = timeOnce(() => factorBlockSystem(X, patterns, 1));
    const system = setup.value;
    const cost = estimateBlockSystemCost(n, d, P);
    const r = Float64Array.from({ length: system.size }, (_, i) => Math.sin(i));
    const u = new Float64Array(system.size);
    const solveSeconds = bestTiming(() => system.solve(r, u), 3).seconds;
    const seconds = system.factorMs / 1000;
    return {
      name: 'factorBlockSystem',
      n,
      d,
      m: P,
      seconds,
      gflops: cost.setupFlops / seconds / 1e9,
      cpuSeconds: setup.cpuSeconds,
      path: system.path,
      gramSeconds: system.timings.gramMs / 1000,
      formSeconds: system.timings.formMs / 1000,
      choleskySeconds: system.timings.choleskyMs / 1000,
      largestFactoredDimension: system.largestFactoredDimension,
      minNdP: Math.min(n, d * P),
      withinMinNdP: system.largestFactoredDimension <= Math.min(n, d * P),
      modelSetupFlops: cost.setupFlops,
      solveSeconds,
      solveGflops: cost.solveFlops / solveSeconds / 1e9,
    };
  });
}

/**
 * The dP x dP Cholesky of the direct path at d = 51, P = 32 (k = 1632): factorization (k^3 / 3
 * flops) and one solve with both triangular factors (2 k^2 flops), WebAssembly SIMD (factor
 * resident in wasm memory) and scalar JavaScript. The matrix is a diagonally dominant random
 * symmetric one (well conditioned; the timing does not depend on the values).
 */
function choleskyRecords(repetitions: number): BenchRecord[] {
  const k = 1632;
  const rng = new Prng(1632);
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const v = rng.nextGaussian() / k;
      a[i * k + j] = v;
      a[j * k + i] = v;
    }
    a[i * k + i] = 2;
  }
  const b = Float64Array.from({ length: k }, (_, i) => Math.sin(i));
  const records: BenchRecord[] = [];
  for (const backend of ['wasm-simd', 'javascript'] as const) {
    const label = backend === 'wasm-simd' ? 'WebAssembly SIMD' : 'scalar JavaScript';
    const factor = factorCholesky(a, k, backend);
    const factorTime = bestTiming(() => factor.factor(a), Math.min(repetitions, 3));
    const solveTime = bestTiming(() => factor.solve(b), 10 * repetitions);
    const factorFlops = (k * k * k) / 3;
    const solveFlops = 2 * k * k;
    records.push(
      { name: `choleskyFactor k=${k} (${label})`, n: k, d: k, m: 1, seconds: factorTime.seconds, gflops: factorFlops / factorTime.seconds / 1e9, cpuSeconds: factorTime.cpuSeconds, cpuGflops: factorFlops / factorTime.cpuSeconds / 1e9, backend: factor.backend },
      { name: `choleskySolve k=${k} (${label})`, n: k, d: k, m: 1, seconds: solveTime.seconds, gflops: solveFlops / solveTime.seconds / 1e9, cpuSeconds: solveTime.cpuSeconds, cpuGflops: solveFlops / solveTime.cpuSeconds / 1e9, backend: factor.backend },
    );
  }
  return records;
}

export async function benchKernels(options: BenchKernelOptions = {}): Promise<BenchRecord[]> {
  const repetitions = options.repetitions ?? 5;
  return [...kernelRecords(repetitions), ...choleskyRecords(repetitions), ...blockSystemRecords(options.skipLargeFactor ?? false)];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchKernels().then(
    (records) => console.log(JSON.stringify(records, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
