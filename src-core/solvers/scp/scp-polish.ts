import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import { factorCholesky } from '../../linalg/factor-cholesky';
import type { Matrix } from '../../linalg/matrix';
import { phiTimes } from './scp-kernels';

/**
 * Solution polishing (as in OSQP): first-order methods find the support of alpha early but
 * approach the optimum slowly, and the gradient-based dual candidate lags further behind (its
 * error is of the order of the square root of the objective error). Once the support S and the
 * signs s of alpha (and, for the hinge loss, the set M of samples exactly on the margin) are
 * right, the optimum solves a small smooth or linear problem in closed form:
 *  - smooth loss:  min_{alpha_S} L(Phi_S alpha_S) + beta s^T alpha_S, by projected Newton steps
 *    inside an active-set loop that also corrects S (one step for the squared loss once S is right);
 *  - hinge loss:   y_k (Phi_S alpha_S)_k = 1 for k in M (primal), and
 *    Phi_S^T z = -beta s with z_k = -w_k y_k below the margin, 0 above it, free on M (dual),
 *    each as a least-squares system lightly regularized towards the current iterate.
 * Shared pieces here; the two polishers are in scp-polish-smooth.ts and scp-polish-hinge.ts.
 * A polished point is only a candidate: the driver keeps it only if its objective is lower (its
 * dual candidate only ever raises the certified lower bound), so a wrong guess of S, s or M costs
 * time, never correctness.
 */
export const POLISH_MAX_SUPPORT = 1500;
/** Skip polishing when one normal-matrix build would cost more flops than this (~0.2-0.5 s here). */
export const POLISH_FLOP_BUDGET = 2e8;
const RIDGE = 1e-13;

/** Flop counter: polishing is scheduled against iteration work, deterministically (no clock). */
export interface PolishWork {
  flops: number;
}

export interface PolishCandidate {
  readonly alpha: Float64Array;
  readonly scores: Float64Array;
}

export function supportOf(alpha: Float64Array): Int32Array {
  let m = 0;
  for (let j = 0; j < alpha.length; j++) if (alpha[j] !== 0) m++;
  const s = new Int32Array(m);
  m = 0;
  for (let j = 0; j < alpha.length; j++) if (alpha[j] !== 0) s[m++] = j;
  return s;
}

/** Columns S of Phi as a contiguous n x |S| row-major block. */
export function gatherColumns(phi: Matrix, cols: Int32Array, work: PolishWork): Float64Array {
  work.flops += phi.rows * cols.length;
  const n = phi.rows;
  const N = phi.cols;
  const m = cols.length;
  const out = new Float64Array(n * m);
  for (let k = 0; k < n; k++) for (let q = 0; q < m; q++) out[k * m + q] = phi.data[k * N + cols[q]!]!;
  return out;
}

/** Solves (A^T D A + ridge I) x = b for an n x m row-major A restricted to `rows` (all rows when null). */
export function solveNormal(a: Float64Array, m: number, rows: ArrayLike<number>, diag: Float64Array | null, b: Float64Array, ridgeToward: Float64Array | null, work: PolishWork): Float64Array | null {
  work.flops += rows.length * m * m + (m * m * m) / 3;
  const h = new Float64Array(m * m);
  for (let q = 0; q < rows.length; q++) {
    const k = rows[q]!;
    const dk = diag ? diag[k]! : 1;
    if (dk === 0) continue;
    const o = k * m;
    for (let i = 0; i < m; i++) {
      const v = dk * a[o + i]!;
      if (v === 0) continue;
      for (let j = 0; j <= i; j++) h[i * m + j]! += v * a[o + j]!;
    }
  }
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, h[i * m + i]!);
  const ridge = RIDGE * Math.max(scale, 1e-300) + 1e-300;
  const rhs = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    h[i * m + i]! += ridge;
    if (ridgeToward) rhs[i]! += ridge * ridgeToward[i]!;
  }
  let factor: CholeskyFactor;
  try {
    factor = factorCholesky(h, m);
  } catch {
    return null; // not positive definite even with the ridge: no candidate
  }
  factor.solve(rhs);
  return rhs.every(Number.isFinite) ? rhs : null;
}

export function applyBlock(a: Float64Array, n: number, m: number, v: Float64Array, out: Float64Array): void {
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += a[k * m + q]! * v[q]!;
    out[k] = s;
  }
}

export function expand(phi: Matrix, S: Int32Array, x: Float64Array): PolishCandidate {
  const alpha = new Float64Array(phi.cols);
  for (let q = 0; q < S.length; q++) alpha[S[q]!] = x[q]!;
  const scores = new Float64Array(phi.rows);
  phiTimes(phi, alpha, scores);
  return { alpha, scores };
}
