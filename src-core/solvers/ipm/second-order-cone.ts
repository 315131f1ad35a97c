/**
 * Algebra of the second-order cone Q = {(x0, x1) : x0 >= ||x1||_2} of dimension m = 1 + d, as a
 * primal-dual interior-point method needs it (Vandenberghe, "The CVXOPT linear and quadratic
 * cone program solvers", 2010, sections 4-5). Vectors live in flat arrays at an offset; J is
 * diag(1, -1, ..., -1), e = (1, 0, ..., 0) is the identity of the Jordan product
 * x o y = (x^T y, x0 y1 + y0 x1).
 *
 * Nesterov-Todd scaling of a pair s, z in int Q: the symmetric matrix
 *   W = eta (2 v v^T - J),   W^{-1} = (1 / eta) (2 J v v^T J - J),
 * with sb = s / sqrt(s^T J s), zb = z / sqrt(z^T J z), gamma = sqrt((1 + zb^T sb) / 2),
 * wb = (sb + J zb) / (2 gamma) (the scaling point, wb^T J wb = 1), v = (wb + e) / sqrt(2 (wb0 + 1))
 * (so v^T J v = 1) and eta = (s^T J s / z^T J z)^(1/4). It satisfies W z = W^{-1} s (= lambda,
 * the scaled point) and W^2 z = s. The functions below take v (named `wb` for its storage).
 */

/** x^T J x = x0^2 - ||x1||^2, as (x0 - ||x1||)(x0 + ||x1||) (no cancellation in the squares). */
export function jNorm2(x: Float64Array, at: number, m: number): number {
  let tail = 0;
  for (let p = 1; p < m; p++) tail += x[at + p]! * x[at + p]!;
  const a = Math.sqrt(tail);
  return (x[at]! - a) * (x[at]! + a);
}

/**
 * Updates the scaling (eta, v) of one cone to the Nesterov-Todd scaling of the new iterates,
 * given in the CURRENT scaling as st = W^{-T} s+, zt = W z+ (Vandenberghe 2010, the update of
 * section 5.3 for second-order cones). Working from the scaled iterates keeps the update accurate
 * when s+ and z+ themselves are close to the cone's boundary. Writes the new scaled point lambda
 * (W+ z+ = W+^{-T} s+) into `lambda` and v into `v`; returns the new eta. st and zt are read only.
 */
export function updateScaling(eta: number, v: Float64Array, vAt: number, st: Float64Array, zt: Float64Array, at: number, m: number, lambda: Float64Array, lAt: number): number {
  const a = Math.sqrt(jNorm2(st, at, m));
  const b = Math.sqrt(jNorm2(zt, at, m));
  // Normalized points sb = st / a, zb = zt / b.
  let sz = 0;
  let vs = 0;
  let vz = 0; // v^T J zb
  for (let p = 0; p < m; p++) {
    const sp = st[at + p]! / a;
    const zp = zt[at + p]! / b;
    sz += sp * zp;
    vs += v[vAt + p]! * sp;
    vz += (p === 0 ? 1 : -1) * v[vAt + p]! * zp;
  }
  const c = Math.sqrt((1 + sz) / 2);
  const vq = (vs + vz) / (2 * c);
  const vu = vs - vz;
  const s0 = st[at]! / a;
  const z0 = zt[at]! / b;
  const w0 = 2 * v[vAt]! * vq - (s0 + z0) / (2 * c);
  const dd = (v[vAt]! * vu - s0 / 2 + z0 / 2) / (w0 + 1);
  const root = Math.sqrt(a * b);
  lambda[lAt] = root * c;
  const coefV = 2 * (-dd * vq + 0.5 * vu);
  const coefS = 0.5 * (1 - dd / c);
  const coefZ = 0.5 * (1 + dd / c);
  for (let p = 1; p < m; p++) lambda[lAt + p] = root * (coefV * v[vAt + p]! + coefS * (st[at + p]! / a) + coefZ * (zt[at + p]! / b));
  // w = 2 (v^T q) v - (J sb + zb) / (2c), then v = (w + e) / sqrt(2 (w0 + 1)).
  const norm = 1 / Math.sqrt(2 * (w0 + 1));
  v[vAt] = (w0 + 1) * norm;
  for (let p = 1; p < m; p++) v[vAt + p] = (2 * vq * v[vAt + p]! + (st[at + p]! / a - zt[at + p]! / b) / (2 * c)) * norm;
  return eta * Math.sqrt(a / b);
}

/**
 * Nesterov-Todd scaling of (s, z): writes v into `wb` at `wbAt` and returns eta. Both points
 * must be strictly inside the cone (the caller's step rule keeps them there).
 */
export function ntScaling(s: Float64Array, sAt: number, z: Float64Array, zAt: number, m: number, wb: Float64Array, wbAt: number): number {
  const sn = Math.sqrt(Math.max(jNorm2(s, sAt, m), 1e-300));
  const zn = Math.sqrt(Math.max(jNorm2(z, zAt, m), 1e-300));
  // zb^T sb with zb = z / zn, sb = s / sn.
  let dot = 0;
  for (let p = 0; p < m; p++) dot += s[sAt + p]! * z[zAt + p]!;
  const gamma = Math.sqrt(Math.max((1 + dot / (sn * zn)) / 2, 1e-300));
  const scale = 1 / (2 * gamma);
  const w0 = scale * (s[sAt]! / sn + z[zAt]! / zn);
  const norm = 1 / Math.sqrt(2 * (w0 + 1));
  wb[wbAt] = (w0 + 1) * norm;
  for (let p = 1; p < m; p++) wb[wbAt + p] = scale * (s[sAt + p]! / sn - z[zAt + p]! / zn) * norm;
  return Math.sqrt(sn / zn);
}

/** out = W x (out may not alias x). */
export function applyW(eta: number, wb: Float64Array, wbAt: number, x: Float64Array, xAt: number, out: Float64Array, outAt: number, m: number): void {
  let wx = 0;
  for (let p = 0; p < m; p++) wx += wb[wbAt + p]! * x[xAt + p]!;
  out[outAt] = eta * (2 * wb[wbAt]! * wx - x[xAt]!);
  for (let p = 1; p < m; p++) out[outAt + p] = eta * (2 * wb[wbAt + p]! * wx + x[xAt + p]!);
}

/** out = W^{-1} x = (1/eta) (2 a a^T x - J x) with a = J v (out may not alias x). */
export function applyWInverse(eta: number, wb: Float64Array, wbAt: number, x: Float64Array, xAt: number, out: Float64Array, outAt: number, m: number): void {
  let ax = wb[wbAt]! * x[xAt]!;
  for (let p = 1; p < m; p++) ax -= wb[wbAt + p]! * x[xAt + p]!;
  const inv = 1 / eta;
  out[outAt] = inv * (2 * wb[wbAt]! * ax - x[xAt]!);
  for (let p = 1; p < m; p++) out[outAt + p] = inv * (-2 * wb[wbAt + p]! * ax + x[xAt + p]!);
}

/**
 * W^{-1} = (1/eta) (2 a a^T - J) with a = J v as a dense m x m matrix at `outAt` (row-major;
 * symmetric). W^{-2} = W^{-1} W^{-1} is then a Gram of its columns.
 */
export function wInverseMatrix(eta: number, v: Float64Array, vAt: number, m: number, out: Float64Array, outAt: number): void {
  const inv = 1 / eta;
  for (let p = 0; p < m; p++) {
    const ap = p === 0 ? v[vAt]! : -v[vAt + p]!;
    for (let q = 0; q < m; q++) {
      const aq = q === 0 ? v[vAt]! : -v[vAt + q]!;
      out[outAt + p * m + q] = inv * (2 * ap * aq - (p === q ? (p === 0 ? 1 : -1) : 0));
    }
  }
}

/** out = x o y (Jordan product); out may not alias x or y. */
export function jordanProduct(x: Float64Array, xAt: number, y: Float64Array, yAt: number, out: Float64Array, outAt: number, m: number): void {
  let dot = 0;
  for (let p = 0; p < m; p++) dot += x[xAt + p]! * y[yAt + p]!;
  const x0 = x[xAt]!;
  const y0 = y[yAt]!;
  out[outAt] = dot;
  for (let p = 1; p < m; p++) out[outAt + p] = x0 * y[yAt + p]! + y0 * x[xAt + p]!;
}

/**
 * out = lambda \ b, the solution x of lambda o x = b for lambda in int Q:
 * x0 = (lambda0 b0 - lambda1^T b1) / (lambda^T J lambda), x1 = (b1 - x0 lambda1) / lambda0.
 * out may alias b.
 */
export function jordanDivide(lambda: Float64Array, lAt: number, b: Float64Array, bAt: number, out: Float64Array, outAt: number, m: number): void {
  const l0 = lambda[lAt]!;
  let lb = 0;
  for (let p = 1; p < m; p++) lb += lambda[lAt + p]! * b[bAt + p]!;
  const x0 = (l0 * b[bAt]! - lb) / jNorm2(lambda, lAt, m);
  for (let p = 1; p < m; p++) out[outAt + p] = (b[bAt + p]! - x0 * lambda[lAt + p]!) / l0;
  out[outAt] = x0;
}

/**
 * The largest alpha >= 0 with x + alpha dx in Q (Infinity when the ray stays inside), for x in
 * int Q: the smallest positive root of (x0 + a dx0)^2 - ||x1 + a dx1||^2 = 0, or of
 * x0 + a dx0 = 0, whichever comes first.
 */
export function maxConeStep(x: Float64Array, xAt: number, dx: Float64Array, dxAt: number, m: number): number {
  const x0 = x[xAt]!;
  const d0 = dx[dxAt]!;
  let xx = 0;
  let xd = 0;
  let dd = 0;
  for (let p = 1; p < m; p++) {
    const xp = x[xAt + p]!;
    const dp = dx[dxAt + p]!;
    xx += xp * xp;
    xd += xp * dp;
    dd += dp * dp;
  }
  // q(a) = A a^2 + 2 B a + C with C > 0.
  const A = d0 * d0 - dd;
  const B = x0 * d0 - xd;
  const C = x0 * x0 - xx;
  let limit = d0 < 0 ? -x0 / d0 : Infinity;
  if (C <= 0) return 0;
  let root = Infinity;
  if (A === 0) {
    if (B < 0) root = -C / (2 * B);
  } else {
    const disc = B * B - A * C;
    if (disc >= 0) {
      // Stable roots of A a^2 + 2 B a + C: a = C / (-B -+ sqrt(disc)) and (-B -+ sqrt(disc)) / A.
      const sq = Math.sqrt(disc);
      const qq = B >= 0 ? -(B + sq) : -(B - sq);
      const r1 = qq / A;
      const r2 = qq !== 0 ? C / qq : Infinity;
      if (r1 > 0 && r1 < root) root = r1;
      if (r2 > 0 && r2 < root) root = r2;
    }
  }
  if (root < limit) limit = root;
  return limit;
}
