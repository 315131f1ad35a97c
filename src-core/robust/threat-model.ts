import { ConvexNetError } from '../errors';

/**
 * The adversary of paper-spec 6.1, in the coordinates the network sees (prepared features, plus
 * the constant-1 bias entry when the network has one). Each input x may be moved to x + delta
 * with delta in the set
 *   l_inf:  B = { delta : |delta_t| <= r_t for every t }          (a box; per-feature radii)
 *   l_2:    B = { delta : sum_t (delta_t / r_t)^2 <= 1 }          (an axis-aligned ellipsoid)
 * where r_t = 0 pins coordinate t (immutable features, one-hot columns, the bias entry).
 * With equal radii r_t = eps these are the usual eps-balls of the l_inf and l_2 norms.
 */
export type ThreatNorm = 'linf' | 'l2';

export interface ThreatModel {
  readonly norm: ThreatNorm;
  /** One radius per network input coordinate, >= 0 (0 = never perturbed). */
  readonly radii: Float64Array;
}

export const threatNorms: readonly ThreatNorm[] = ['linf', 'l2'];

export function validateThreatModel(threat: ThreatModel, inputDim: number): void {
  if (!threatNorms.includes(threat.norm)) {
    throw new ConvexNetError('settings/invalid', `The perturbation norm must be one of ${threatNorms.join(', ')}, got ${String(threat.norm)}.`);
  }
  if (threat.radii.length !== inputDim) {
    throw new ConvexNetError('data/shape', `The threat model has ${threat.radii.length} radii but the network has ${inputDim} inputs.`);
  }
  for (let t = 0; t < threat.radii.length; t++) {
    const r = threat.radii[t]!;
    if (!(r >= 0) || !Number.isFinite(r)) {
      throw new ConvexNetError('settings/invalid', `Perturbation radius ${t + 1} is ${r}; radii must be finite and at least 0.`);
    }
  }
}

/** Indices of the coordinates the adversary may move (radius > 0). */
export function perturbableCoordinates(threat: ThreatModel): number[] {
  const out: number[] = [];
  threat.radii.forEach((r, t) => {
    if (r > 0) out.push(t);
  });
  return out;
}

/**
 * psi(g) = sup_{delta in B} delta^T g, the largest change of a linear function with weights g:
 * the weighted dual norm, sum_t r_t |g_t| (l_inf) or sqrt(sum_t (r_t g_t)^2) (l_2).
 * Reads g[offset .. offset + radii.length).
 */
export function worstCaseShift(threat: ThreatModel, g: ArrayLike<number>, offset = 0): number {
  const r = threat.radii;
  let s = 0;
  if (threat.norm === 'linf') {
    for (let t = 0; t < r.length; t++) s += r[t]! * Math.abs(g[offset + t]!);
    return s;
  }
  for (let t = 0; t < r.length; t++) {
    const v = r[t]! * g[offset + t]!;
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * A maximizer delta*(g) in B of delta^T g (a subgradient of psi at g): r_t sign(g_t) for l_inf,
 * r^2 .* g / ||r .* g|| for l_2 (0 when g has no perturbable weight).
 */
export function worstCaseDirection(threat: ThreatModel, g: ArrayLike<number>, out: Float64Array, offset = 0): Float64Array {
  const r = threat.radii;
  if (threat.norm === 'linf') {
    for (let t = 0; t < r.length; t++) out[t] = r[t]! * Math.sign(g[offset + t]!);
    return out;
  }
  const norm = worstCaseShift(threat, g, offset);
  for (let t = 0; t < r.length; t++) out[t] = norm > 0 ? (r[t]! * r[t]! * g[offset + t]!) / norm : 0;
  return out;
}

/** Projects eta onto the unit ball of the threat norm, in place; pinned coordinates are set to 0. */
export function projectToUnitBall(threat: ThreatModel, eta: Float64Array): Float64Array {
  const r = threat.radii;
  if (threat.norm === 'linf') {
    for (let t = 0; t < eta.length; t++) eta[t] = r[t]! > 0 ? Math.min(1, Math.max(-1, eta[t]!)) : 0;
    return eta;
  }
  let s = 0;
  for (let t = 0; t < eta.length; t++) {
    if (r[t]! === 0) eta[t] = 0;
    s += eta[t]! * eta[t]!;
  }
  if (s > 1) {
    const scale = 1 / Math.sqrt(s);
    for (let t = 0; t < eta.length; t++) eta[t] = eta[t]! * scale;
  }
  return eta;
}

/** The same radius eps on every coordinate except the pinned ones (by index). */
export function uniformThreat(norm: ThreatNorm, eps: number, inputDim: number, pinned: readonly number[] = []): ThreatModel {
  const radii = new Float64Array(inputDim).fill(eps);
  for (const t of pinned) radii[t] = 0;
  return { norm, radii };
}
