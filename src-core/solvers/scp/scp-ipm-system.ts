import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import { factorCholesky } from '../../linalg/factor-cholesky';
import { gramMatrix, rowGramLower } from '../../linalg/kernels';
import type { Matrix } from '../../linalg/matrix';
import { createMatrix } from '../../linalg/matrix';
import { phiTimes, phiTransposeTimes } from './scp-kernels';

/**
 * The reduced Newton system of the hinge interior-point method (scp-ipm.ts):
 *   K dalpha = r,   K = Phi^T diag(d) Phi + diag(g),   d, g > 0.
 * N <= n: K itself (N x N) is formed and factored, n N^2 + N^3/3 flops.
 * n < N: Woodbury, K^{-1} b = G^{-1} (b - Phi^T C^{-1} Phi G^{-1} b) with the n x n matrix
 *   C = diag(1/d) + Phi diag(1/g) Phi^T,  n^2 N + n^3/3 flops;
 * this form loses digits once d and g spread over many orders of magnitude (late interior-point
 * steps), so each solve is followed by REFINEMENT_STEPS steps of iterative refinement against K
 * applied matrix-free (O(n N) each).
 * A tiny ridge (1e-14 of the largest diagonal, raised x100 on failure) keeps Cholesky alive at
 * the rounding limit; the Newton direction is then slightly inexact, which the method tolerates.
 */
const IPM_FLOP_BUDGET = 1.5e9;
const MAX_REGULARIZATION_TRIES = 6;
const REFINEMENT_STEPS = 2;

/** The n x n (Woodbury) path is used when it is cheaper, i.e. when n < N. */
export function ipmUsesWoodbury(n: number, N: number): boolean {
  return n < N;
}

/** Flops of forming and factoring the system once. */
export function ipmFactorCost(n: number, N: number): number {
  return ipmUsesWoodbury(n, N) ? n * n * N + (n * n * n) / 3 : n * N * N + (N * N * N) / 3;
}

/** True when one interior-point step fits the per-step flop budget (~1-2 s in JavaScript). */
export function ipmAffordable(n: number, N: number): boolean {
  return ipmFactorCost(n, N) <= IPM_FLOP_BUDGET;
}

export interface IpmSystem {
  readonly factorWork: number;
  /** Factors K for these weights (copied); false if that fails even with the largest ridge. */
  factor(g: Float64Array, d: Float64Array): boolean;
  /** rhs <- K^{-1} rhs with the last factorization. */
  solve(rhs: Float64Array): void;
}

/** Keeps the scaling weights inside a range where their squares and reciprocals stay finite. */
function clampWeight(v: number): number {
  return Math.min(Math.max(v, 1e-150), 1e150);
}

export function createIpmSystem(phi: Matrix): IpmSystem {
  const n = phi.rows;
  const N = phi.cols;
  const woodbury = ipmUsesWoodbury(n, N);
  const size = woodbury ? n : N;
  const g = new Float64Array(N);
  const d = new Float64Array(n);
  const scaled = createMatrix(n, N);
  const tmpN = new Float64Array(N);
  const tmpn = new Float64Array(n);
  const res = new Float64Array(N);
  const res2 = new Float64Array(N);
  const corr = new Float64Array(N);
  const original = new Float64Array(N);
  /** Re-factored every interior-point step (WebAssembly SIMD from order 64); null until the first. */
  let factor: CholeskyFactor | null = null;

  function build(): Float64Array {
    if (woodbury) {
      for (let j = 0; j < N; j++) tmpN[j] = 1 / Math.sqrt(g[j]!);
      for (let k = 0; k < n; k++) {
        const o = k * N;
        for (let j = 0; j < N; j++) scaled.data[o + j] = phi.data[o + j]! * tmpN[j]!;
      }
      const c = new Float64Array(n * n);
      rowGramLower(scaled.data, n, N, c); // lower triangle of Phi G^{-1} Phi^T
      for (let k = 0; k < n; k++) c[k * n + k]! += 1 / d[k]!;
      return c;
    }
    for (let k = 0; k < n; k++) {
      const r = Math.sqrt(d[k]!);
      const o = k * N;
      for (let j = 0; j < N; j++) scaled.data[o + j] = r * phi.data[o + j]!;
    }
    const kk = gramMatrix(scaled); // Phi^T D Phi
    for (let j = 0; j < N; j++) kk[j * N + j]! += g[j]!;
    return kk;
  }

  /** out = K^{-1} b by Woodbury. */
  function woodburyApply(b: Float64Array, out: Float64Array): void {
    for (let j = 0; j < N; j++) out[j] = b[j]! / g[j]!;
    phiTimes(phi, out, tmpn);
    factor!.solve(tmpn);
    phiTransposeTimes(phi, tmpn, res2);
    for (let j = 0; j < N; j++) out[j] = (b[j]! - res2[j]!) / g[j]!;
  }

  return {
    factorWork: ipmFactorCost(n, N),
    factor(gIn, dIn) {
      for (let j = 0; j < N; j++) g[j] = clampWeight(gIn[j]!);
      for (let k = 0; k < n; k++) d[k] = clampWeight(dIn[k]!);
      const base = build();
      let top = 0;
      for (let i = 0; i < size; i++) top = Math.max(top, base[i * size + i]!);
      let ridge = 1e-14 * top;
      let applied = 0;
      for (let attempt = 0; attempt < MAX_REGULARIZATION_TRIES; attempt++) {
        // The factorization reads `base` without changing it: raise its diagonal to this ridge.
        for (let i = 0; i < size; i++) base[i * size + i]! += ridge - applied;
        applied = ridge;
        try {
          if (factor === null) factor = factorCholesky(base, size);
          else factor.factor(base);
          return true;
        } catch {
          ridge *= 100;
        }
      }
      return false;
    },
    solve(rhs) {
      if (!woodbury) {
        factor!.solve(rhs);
        return;
      }
      original.set(rhs);
      woodburyApply(original, rhs);
      for (let refine = 0; refine < REFINEMENT_STEPS; refine++) {
        // res = r - K x with K x = Phi^T (d o Phi x) + g o x
        phiTimes(phi, rhs, tmpn);
        for (let k = 0; k < n; k++) tmpn[k]! *= d[k]!;
        phiTransposeTimes(phi, tmpn, res);
        for (let j = 0; j < N; j++) res[j] = original[j]! - res[j]! - g[j]! * rhs[j]!;
        woodburyApply(res, corr);
        for (let j = 0; j < N; j++) rhs[j]! += corr[j]!;
      }
    },
  };
}
