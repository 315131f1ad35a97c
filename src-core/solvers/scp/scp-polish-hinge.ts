import type { Matrix } from '../../linalg/matrix';
import { phiTimes, phiTransposeTimes } from './scp-kernels';
import type { PolishCandidate, PolishWork } from './scp-polish';
import { expand, gatherColumns, POLISH_FLOP_BUDGET, POLISH_MAX_SUPPORT, solveNormal, supportOf } from './scp-polish';

/**
 * LP polish for the hinge loss. `margin` classifies samples from the ADMM variable r = prox
 * output: -1 below the margin (y r < 1), 0 exactly on it (the prox lands on the kink exactly),
 * +1 above. `z` holds the current dual candidate (in dom L*) on entry and the polished one on exit.
 * At a vertex of the LP the support S and the margin set M have the same size; when the iterate
 * has |S| < |M| the directions j outside S closest to dual activity (largest |Phi_j^T z|) join S,
 * and when |M| < |S| the samples closest to the margin join M, so both systems are square.
 */
export function polishHinge(
  phi: Matrix,
  y: Float64Array,
  weights: Float64Array | undefined,
  beta: number,
  alpha: Float64Array,
  margin: Int8Array,
  z: Float64Array,
  work: PolishWork,
): PolishCandidate | null {
  work.flops += 4 * phi.rows * phi.cols;
  const n = phi.rows;
  const N = phi.cols;
  const support = Array.from(supportOf(alpha));
  const signs = support.map((j) => Math.sign(alpha[j]!));
  const onMargin: number[] = [];
  for (let k = 0; k < n; k++) if (margin[k] === 0) onMargin.push(k);
  if (support.length < onMargin.length) {
    const c = new Float64Array(N);
    phiTransposeTimes(phi, z, c);
    const inS = new Uint8Array(N);
    for (const j of support) inS[j] = 1;
    const outside = Array.from({ length: N }, (_, j) => j).filter((j) => !inS[j] && c[j] !== 0);
    outside.sort((i, j) => Math.abs(c[j]!) - Math.abs(c[i]!));
    for (const j of outside.slice(0, onMargin.length - support.length)) {
      support.push(j);
      signs.push(-Math.sign(c[j]!));
    }
  } else if (onMargin.length < support.length) {
    const scores = new Float64Array(n);
    phiTimes(phi, alpha, scores);
    const off = Array.from({ length: n }, (_, k) => k).filter((k) => margin[k] !== 0);
    const distance = (k: number): number => Math.abs(y[k]! * scores[k]! - 1);
    off.sort((i, j) => distance(i) - distance(j));
    for (const k of off.slice(0, support.length - onMargin.length)) onMargin.push(k);
    onMargin.sort((i, j) => i - j);
  }
  const S = Int32Array.from(support);
  const m = S.length;
  const M = onMargin.length;
  if (m === 0 || M === 0 || m > POLISH_MAX_SUPPORT || M > POLISH_MAX_SUPPORT || (n + M) * m * m > POLISH_FLOP_BUDGET) return null;
  const inM = new Uint8Array(n);
  for (const k of onMargin) inM[k] = 1;
  const a = gatherColumns(phi, S, work);
  // Primal: min ||A_M x - y_M||^2 + ridge ||x - x_cur||^2 (target y_k = 1 / y_k for labels +-1).
  const xCur = Float64Array.from(S, (j) => alpha[j]!);
  const rhsP = new Float64Array(m);
  for (const k of onMargin) for (let q = 0; q < m; q++) rhsP[q]! += a[k * m + q]! * y[k]!;
  const x = solveNormal(a, m, onMargin, null, rhsP, xCur, work);
  if (!x) return null;
  // Dual: min ||A_M^T z_M - c||^2 + ridge ||z_M - z_M,cur||^2 with c = -beta s - A_L^T z_L,
  // z_k = -w_k y_k below the margin and 0 above it.
  const c = Float64Array.from(signs, (sg) => -beta * sg);
  for (let k = 0; k < n; k++) {
    if (inM[k]) continue;
    const w = weights ? weights[k]! : 1;
    z[k] = margin[k]! < 0 ? -w * y[k]! : 0;
    if (z[k] !== 0) for (let q = 0; q < m; q++) c[q]! -= a[k * m + q]! * z[k]!;
  }
  // Normal equations (A_M A_M^T) z_M = A_M c, built from the columns of A_M (rows of its transpose).
  const at = new Float64Array(m * M);
  for (let i = 0; i < M; i++) for (let q = 0; q < m; q++) at[q * M + i] = a[onMargin[i]! * m + q]!;
  const rhsD = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += at[q * M + i]! * c[q]!;
    rhsD[i] = s;
  }
  const zCur = Float64Array.from(onMargin, (k) => z[k]!);
  const zm = solveNormal(at, M, Int32Array.from({ length: m }, (_, q) => q), null, rhsD, zCur, work);
  if (!zm) return null;
  for (let i = 0; i < M; i++) {
    const k = onMargin[i]!;
    const w = weights ? weights[k]! : 1;
    z[k] = Math.min(Math.max(zm[i]! * y[k]!, -w), 0) * y[k]!; // project onto dom L*
  }
  return expand(phi, S, x);
}
