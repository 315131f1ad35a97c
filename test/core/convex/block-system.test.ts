import { describe, expect, it } from 'vitest';
import {
  estimateBlockSystemCost,
  factorBlockSystem,
  type BlockSystemPath,
  type PatternMasks,
} from '../../../src-core/convex/block-system';
import { ConvexNetError } from '../../../src-core/errors';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import type { PatternSet } from '../../../src-core/patterns/pattern-set';
import { Prng } from '../../../src-core/random/prng';

interface Problem {
  X: Matrix;
  patterns: PatternMasks;
}

/**
 * Gaussian X (n x d) and P patterns: P - 2 from random hyperplanes 1[X h >= 0], plus the
 * all-zero pattern (a dead block) and the all-one pattern (the linear model).
 */
function makeProblem(seed: number, n: number, d: number, P: number): Problem {
  const rng = new Prng(seed);
  const X = createMatrix(n, d);
  for (let i = 0; i < n * d; i++) X.data[i] = rng.nextGaussian();
  const masks = new Uint8Array(n * P);
  for (let i = 0; i < P; i++) {
    const h = Array.from({ length: d }, () => rng.nextGaussian());
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += X.data[k * d + l]! * h[l]!;
      masks[k * P + i] = i === 0 ? 0 : i === 1 ? 1 : s >= 0 ? 1 : 0;
    }
  }
  return { X, patterns: { n, count: P, masks } };
}

/** Dense A = I + G^T G + c F^T F, built from explicit F (n x 2dP) and G (2nP x 2dP) as in paper-spec 3.1. */
function denseSystem({ X, patterns }: Problem, c: number): Float64Array {
  const { rows: n, cols: d } = X;
  const P = patterns.count;
  const N = 2 * d * P;
  const F = new Float64Array(n * N);
  const G = new Float64Array(2 * n * P * N);
  for (let half = 0; half < 2; half++) {
    const sign = half === 0 ? 1 : -1;
    for (let i = 0; i < P; i++) {
      const block = half * P + i;
      for (let k = 0; k < n; k++) {
        const m = patterns.masks[k * P + i]!;
        for (let l = 0; l < d; l++) {
          const x = X.data[k * d + l]!;
          F[k * N + block * d + l] = sign * m * x; // F_i = D_i X, -F_i in the w-half
          G[(block * n + k) * N + block * d + l] = (2 * m - 1) * x; // G_i = (2 D_i - I) X
        }
      }
    }
  }
  const A = new Float64Array(N * N);
  for (let a = 0; a < N; a++)
    for (let b = 0; b < N; b++) {
      let s = a === b ? 1 : 0;
      for (let k = 0; k < 2 * n * P; k++) s += G[k * N + a]! * G[k * N + b]!;
      let f = 0;
      for (let k = 0; k < n; k++) f += F[k * N + a]! * F[k * N + b]!;
      A[a * N + b] = s + c * f;
    }
  return A;
}

function residual(A: Float64Array, u: Float64Array, r: Float64Array): number {
  const N = r.length;
  let num = 0;
  let den = 0;
  for (let a = 0; a < N; a++) {
    let s = 0;
    for (let b = 0; b < N; b++) s += A[a * N + b]! * u[b]!;
    num += (s - r[a]!) ** 2;
    den += r[a]! ** 2;
  }
  return Math.sqrt(num / den);
}

/** Gaussian elimination with partial pivoting: an independent reference solution. */
function denseSolve(A: Float64Array, r: Float64Array): Float64Array {
  const N = r.length;
  const M = Float64Array.from(A);
  const x = Float64Array.from(r);
  for (let col = 0; col < N; col++) {
    let piv = col;
    for (let i = col + 1; i < N; i++) if (Math.abs(M[i * N + col]!) > Math.abs(M[piv * N + col]!)) piv = i;
    if (piv !== col) {
      for (let j = 0; j < N; j++) [M[col * N + j], M[piv * N + j]] = [M[piv * N + j]!, M[col * N + j]!];
      [x[col], x[piv]] = [x[piv]!, x[col]!];
    }
    for (let i = col + 1; i < N; i++) {
      const f = M[i * N + col]! / M[col * N + col]!;
      if (f === 0) continue;
      for (let j = col; j < N; j++) M[i * N + j] -= f * M[col * N + j]!;
      x[i] -= f * x[col]!;
    }
  }
  for (let i = N - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < N; j++) s -= M[i * N + j]! * x[j]!;
    x[i] = s / M[i * N + i]!;
  }
  return x;
}

/**
 * A u without forming A, by the block formulas of paper-spec 3.4 in plain loops:
 * A u = u + G^T G u + c F^T F u, with (G^T G u)_j = X^T X u_j and F u = sum_i D_i X (u_i - z_i).
 */
function applyA({ X, patterns }: Problem, c: number, u: Float64Array): Float64Array {
  const { rows: n, cols: d } = X;
  const P = patterns.count;
  const out = Float64Array.from(u);
  const fu = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < P; i++) {
      if (patterns.masks[k * P + i] === 0) continue;
      for (let l = 0; l < d; l++) fu[k] += X.data[k * d + l]! * (u[i * d + l]! - u[(P + i) * d + l]!);
    }
  }
  for (let j = 0; j < 2 * P; j++) {
    const i = j % P;
    const sign = j < P ? 1 : -1;
    for (let k = 0; k < n; k++) {
      let xu = 0;
      for (let l = 0; l < d; l++) xu += X.data[k * d + l]! * u[j * d + l]!;
      const f = patterns.masks[k * P + i] !== 0 ? sign * c * fu[k]! : 0;
      for (let l = 0; l < d; l++) out[j * d + l] += X.data[k * d + l]! * (xu + f);
    }
  }
  return out;
}

function randomRhs(seed: number, N: number): Float64Array {
  const rng = new Prng(seed);
  return Float64Array.from({ length: N }, () => rng.nextGaussian());
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

// [n, d, P]: n < dP and n > dP, d and n not multiples of 4.
const cases: [number, number, number][] = [
  [9, 3, 6], // n = 9 < dP = 18
  [14, 5, 5], // n = 14 < dP = 25
  [41, 3, 4], // n = 41 > dP = 12
  [57, 7, 3], // n = 57 > dP = 21
  [6, 22, 3], // n = 6 < d = 22: M^{-1} in its row form (gram-shift-inverse.ts)
];

describe('factorBlockSystem / StructuredSystem.solve', () => {
  for (const [n, d, P] of cases) {
    for (const rho of [0.1, 1, 7.5]) {
      it(`solves A u = r on both paths and auto for n=${n}, d=${d}, P=${P}, c=1/rho, rho=${rho}`, () => {
        const problem = makeProblem(n * 100 + d * 10 + P, n, d, P);
        const c = 1 / rho;
        const A = denseSystem(problem, c);
        const r = randomRhs(Math.round(rho * 1000) + n, 2 * d * P);
        const reference = denseSolve(A, r);
        const solutions: Partial<Record<BlockSystemPath | 'auto', Float64Array>> = {};
        for (const path of ['direct', 'woodbury', 'auto'] as const) {
          const system = factorBlockSystem(problem.X, problem.patterns, c, { path });
          if (path !== 'auto') expect(system.path).toBe(path);
          const u = new Float64Array(2 * d * P);
          system.solve(r, u);
          expect(residual(A, u, r)).toBeLessThan(1e-10);
          expect(maxRelDiff(u, reference)).toBeLessThan(1e-9);
          solutions[path] = u;
        }
        expect(maxRelDiff(solutions.direct!, solutions.woodbury!)).toBeLessThan(1e-10);
      });
    }
  }

  it('accumulates the direct matrix over several row chunks (n = 1100 > 1024 rows per chunk)', () => {
    const problem = makeProblem(77, 1100, 3, 3);
    const A = denseSystem(problem, 0.25);
    const r = randomRhs(78, 18);
    const solutions = (['direct', 'woodbury'] as const).map((path) => {
      const u = new Float64Array(18);
      factorBlockSystem(problem.X, problem.patterns, 0.25, { path }).solve(r, u);
      expect(residual(A, u, r)).toBeLessThan(1e-10);
      return u;
    });
    expect(maxRelDiff(solutions[0]!, solutions[1]!)).toBeLessThan(1e-10);
  });

  it('checks its plain block operator against the dense A', () => {
    const problem = makeProblem(8, 11, 3, 5);
    const A = denseSystem(problem, 0.7);
    const u = randomRhs(9, 30);
    const dense = new Float64Array(30);
    for (let a = 0; a < 30; a++) for (let b = 0; b < 30; b++) dense[a] += A[a * 30 + b]! * u[b]!;
    expect(maxRelDiff(applyA(problem, 0.7, u), dense)).toBeLessThan(1e-13);
  });

  it('solves a medium problem with more than 32 patterns (two mask words) on both paths', () => {
    const problem = makeProblem(31, 700, 13, 40); // n = 700 > dP = 520
    const c = 1 / 0.3;
    const r = randomRhs(32, 2 * 13 * 40);
    const solutions = (['direct', 'woodbury'] as const).map((path) => {
      const system = factorBlockSystem(problem.X, problem.patterns, c, { path });
      expect(system.largestFactoredDimension).toBe(path === 'direct' ? 520 : 700);
      const u = new Float64Array(r.length);
      system.solve(r, u);
      const Au = applyA(problem, c, u);
      let num = 0;
      let den = 0;
      for (let t = 0; t < r.length; t++) {
        num += (Au[t]! - r[t]!) ** 2;
        den += r[t]! ** 2;
      }
      expect(Math.sqrt(num / den)).toBeLessThan(1e-10);
      return u;
    });
    expect(maxRelDiff(solutions[0]!, solutions[1]!)).toBeLessThan(1e-9);
  });

  it('handles c = 1 (loss-splitting variant) and a full PatternSet object', () => {
    const { X, patterns } = makeProblem(5, 23, 6, 7);
    const set: PatternSet = { ...patterns, generators: createMatrix(7, 6), source: 'sampled' };
    const A = denseSystem({ X, patterns }, 1);
    const r = randomRhs(6, 2 * 6 * 7);
    for (const path of ['direct', 'woodbury'] as const) {
      const u = new Float64Array(r.length);
      factorBlockSystem(X, set, 1, { path }).solve(r, u);
      expect(residual(A, u, r)).toBeLessThan(1e-10);
    }
  });

  it('reuses its factorization across solves and allows out === r', () => {
    const problem = makeProblem(11, 13, 5, 4);
    const A = denseSystem(problem, 0.5);
    for (const path of ['direct', 'woodbury'] as const) {
      const system = factorBlockSystem(problem.X, problem.patterns, 0.5, { path });
      for (let trial = 0; trial < 3; trial++) {
        const r = randomRhs(100 + trial, system.size);
        const u = Float64Array.from(r);
        system.solve(u, u);
        expect(residual(A, u, r)).toBeLessThan(1e-10);
      }
    }
  });

  it('setCoefficient (a rho change) re-factors for the new coefficient without forming again, on both paths', () => {
    for (const [n, d, P] of [[13, 5, 4], [40, 3, 6]] as const) {
      const problem = makeProblem(21 + n, n, d, P);
      for (const path of ['direct', 'woodbury'] as const) {
        const system = factorBlockSystem(problem.X, problem.patterns, 0.5, { path });
        for (const c of [2, 0.01, 7.5]) {
          system.setCoefficient(c);
          const A = denseSystem(problem, c);
          const r = randomRhs(300, system.size);
          const u = new Float64Array(system.size);
          system.solve(r, u);
          expect(residual(A, u, r), `${path} c=${c}`).toBeLessThan(1e-10);
        }
        expect(system.factorizations).toBe(4);
        expect(() => system.setCoefficient(0)).toThrow(ConvexNetError);
      }
    }
  });

  it('with only the all-zero pattern A decouples into copies of I + X^T X', () => {
    const problem = makeProblem(3, 10, 4, 1); // pattern 0 is all-zero
    const A = denseSystem(problem, 2);
    const r = randomRhs(4, 8);
    for (const path of ['direct', 'woodbury'] as const) {
      const u = new Float64Array(8);
      factorBlockSystem(problem.X, problem.patterns, 2, { path }).solve(r, u);
      expect(residual(A, u, r)).toBeLessThan(1e-10);
    }
  });
});

describe('path choice and cost model', () => {
  it('auto takes woodbury when n << dP and direct when n >> dP, factoring at most min(n, dP)', () => {
    const wide = makeProblem(1, 12, 5, 20); // n = 12, dP = 100
    const sWide = factorBlockSystem(wide.X, wide.patterns, 1);
    expect(sWide.path).toBe('woodbury');
    expect(sWide.largestFactoredDimension).toBe(12);
    const tall = makeProblem(2, 300, 4, 3); // n = 300, dP = 12
    const sTall = factorBlockSystem(tall.X, tall.patterns, 1);
    expect(sTall.path).toBe('direct');
    expect(sTall.largestFactoredDimension).toBe(12);
    expect(sTall.factorMs).toBeGreaterThanOrEqual(0);
  });

  it('estimateBlockSystemCost agrees with the solver and scales as the model says', () => {
    for (const [n, d, P] of [
      [600, 31, 64],
      [5000, 31, 64],
      [100000, 51, 32],
    ] as const) {
      const cost = estimateBlockSystemCost(n, d, P);
      expect(cost.factoredDimension).toBe(Math.min(n, d * P));
      expect(cost.setupFlops).toBeGreaterThan(0);
      expect(cost.solveFlops).toBeGreaterThan(0);
      expect(cost.bytes).toBeGreaterThan(8 * cost.factoredDimension ** 2);
    }
    // Forced paths: the direct factor is (dP)^2 doubles, the Woodbury one n^2.
    const direct = estimateBlockSystemCost(600, 31, 64, { path: 'direct' });
    const woodbury = estimateBlockSystemCost(600, 31, 64, { path: 'woodbury' });
    expect(direct.path).toBe('direct');
    expect(direct.factoredDimension).toBe(31 * 64);
    expect(direct.setupFlops).toBeGreaterThan(woodbury.setupFlops);
    expect(woodbury.bytes).toBeLessThan(direct.bytes);
    // Doubling n roughly doubles the direct setup (the forming term) but not its factorization.
    const d1 = estimateBlockSystemCost(100000, 20, 8, { path: 'direct' });
    const d2 = estimateBlockSystemCost(200000, 20, 8, { path: 'direct' });
    expect(d2.setupFlops / d1.setupFlops).toBeGreaterThan(1.9);
    expect(d2.solveFlops).toBe(d1.solveFlops);
  });

  it('auto minimizes setup + expectedSolves * solve flops', () => {
    // n = 600 < dP = 640: Woodbury factors less, but each of its solves costs 4 n dP + 2 n^2
    // against 2 (dP)^2, so many solves tip the balance to the direct path.
    const few = estimateBlockSystemCost(600, 5, 128, { expectedSolves: 0 });
    const many = estimateBlockSystemCost(600, 5, 128, { expectedSolves: 1000 });
    expect(few.path).toBe('woodbury');
    expect(many.path).toBe('direct');
    for (const solves of [0, 10, 100, 1000]) {
      const auto = estimateBlockSystemCost(600, 5, 128, { expectedSolves: solves });
      for (const path of ['direct', 'woodbury'] as const) {
        const forced = estimateBlockSystemCost(600, 5, 128, { path });
        expect(auto.setupFlops + solves * auto.solveFlops).toBeLessThanOrEqual(forced.setupFlops + solves * forced.solveFlops);
      }
    }
    expect(() => estimateBlockSystemCost(10, 2, 2, { expectedSolves: -1 })).toThrow(ConvexNetError);
  });

  it('treats any nonzero mask byte as active', () => {
    const problem = makeProblem(12, 15, 4, 5);
    const scaled = problem.patterns.masks.map((v) => v * 255);
    const A = denseSystem(problem, 1);
    const r = randomRhs(13, 40);
    for (const path of ['direct', 'woodbury'] as const) {
      const u = new Float64Array(40);
      factorBlockSystem(problem.X, { ...problem.patterns, masks: scaled }, 1, { path }).solve(r, u);
      expect(residual(A, u, r)).toBeLessThan(1e-10);
    }
  });

  it('rejects inconsistent input with typed errors', () => {
    const { X, patterns } = makeProblem(9, 8, 3, 2);
    const codeOf = (f: () => void): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof ConvexNetError ? e.code : 'untyped';
      }
      return undefined;
    };
    expect(codeOf(() => factorBlockSystem(X, { ...patterns, n: 7 }, 1))).toBe('linalg/shape-mismatch');
    expect(codeOf(() => factorBlockSystem(X, { ...patterns, masks: new Uint8Array(5) }, 1))).toBe('linalg/shape-mismatch');
    expect(codeOf(() => factorBlockSystem(X, patterns, 0))).toBe('solver/invalid-argument');
    expect(codeOf(() => factorBlockSystem(X, patterns, Number.NaN))).toBe('solver/invalid-argument');
    const system = factorBlockSystem(X, patterns, 1);
    expect(codeOf(() => system.solve(new Float64Array(3), new Float64Array(12)))).toBe('linalg/shape-mismatch');
    // A is positive definite for every finite X; a non-finite entry surfaces as a failed pivot.
    const broken = createMatrix(8, 3, Float64Array.from(X.data));
    broken.data[5] = Number.NaN;
    for (const path of ['direct', 'woodbury'] as const) {
      expect(codeOf(() => factorBlockSystem(broken, patterns, 1, { path }))).toBe('solver/not-positive-definite');
    }
  });
});
