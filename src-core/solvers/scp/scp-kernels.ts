import type { Matrix } from '../../linalg/matrix';

/**
 * Matrix-vector passes over the row-major feature matrix Phi (n x N). No allocation except the
 * optional index scratch of `phiTimes`, which the caller owns.
 */

/** out = Phi a (n). Skips zero entries of a through `nzScratch` (length N) when a is sparse. */
export function phiTimes(phi: Matrix, a: Float64Array, out: Float64Array, nzScratch?: Int32Array): void {
  const n = phi.rows;
  const N = phi.cols;
  const pd = phi.data;
  let nnz = 0;
  if (nzScratch) {
    for (let j = 0; j < N; j++) if (a[j] !== 0) nzScratch[nnz++] = j;
  }
  if (nzScratch && nnz * 3 < N) {
    for (let k = 0; k < n; k++) {
      const o = k * N;
      let s = 0;
      for (let q = 0; q < nnz; q++) {
        const j = nzScratch[q]!;
        s += pd[o + j]! * a[j]!;
      }
      out[k] = s;
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    const o = k * N;
    let s = 0;
    for (let j = 0; j < N; j++) s += pd[o + j]! * a[j]!;
    out[k] = s;
  }
}

/** out = Phi^T g (N), accumulated row by row so the pass over Phi stays contiguous. */
export function phiTransposeTimes(phi: Matrix, g: Float64Array, out: Float64Array): void {
  const n = phi.rows;
  const N = phi.cols;
  const pd = phi.data;
  out.fill(0);
  for (let k = 0; k < n; k++) {
    const gk = g[k]!;
    if (gk === 0) continue;
    const o = k * N;
    for (let j = 0; j < N; j++) out[j]! += gk * pd[o + j]!;
  }
}

/** Largest eigenvalue of Phi^T W Phi (= ||W^(1/2) Phi||_2^2) by power iteration from the all-ones
 * vector (Phi >= 0, so by Perron-Frobenius the top eigenvector is non-negative and the start
 * overlaps it). Power iteration approaches from below; callers add a safety margin. */
export function phiSpectralNormSquared(phi: Matrix, weights: Float64Array | undefined, maxIter = 100, relTol = 1e-7): number {
  const n = phi.rows;
  const N = phi.cols;
  const v = new Float64Array(N).fill(1 / Math.sqrt(Math.max(N, 1)));
  const p = new Float64Array(n);
  const w = new Float64Array(N);
  let lambda = 0;
  for (let it = 0; it < maxIter; it++) {
    phiTimes(phi, v, p);
    if (weights) for (let k = 0; k < n; k++) p[k]! *= weights[k]!;
    phiTransposeTimes(phi, p, w);
    let norm = 0;
    for (let j = 0; j < N; j++) norm += w[j]! * w[j]!;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return lambda;
    // Rayleigh-type estimate ||A v|| with ||v|| = 1 (A symmetric PSD), increasing towards lambda_max.
    const previous = lambda;
    lambda = norm;
    for (let j = 0; j < N; j++) v[j] = w[j]! / norm;
    if (Math.abs(lambda - previous) <= relTol * lambda) break;
  }
  return lambda;
}

export function l1Norm(a: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += Math.abs(a[j]!);
  return s;
}

export function infNorm(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) {
    const v = Math.abs(a[j]!);
    if (v > m) m = v;
  }
  return m;
}

/** Soft-thresholding S_c(x) = sign(x) max(|x| - c, 0), the prox of c ||.||_1. */
export function softThreshold(x: number, c: number): number {
  if (x > c) return x - c;
  if (x < -c) return x + c;
  return 0;
}
