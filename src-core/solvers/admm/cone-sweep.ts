/**
 * The pattern-space sweeps of ADMM (arrays of n x 2P: column i < P is the v-block of pattern i,
 * column P + i its w-block; e_ki = 2 d_ki - 1 the cone sign). At large n these sweeps, not the
 * passes over X, are what an iteration and a check spend besides the two X products, so each
 * is one loop that does all the work that reads the same entries.
 */

/** What a check iteration's cone sweep measures for the check (Algorithm 3.1). */
export interface ConeSweepMeasures {
  /** True after a measuring sweep, until the next step. */
  valid: boolean;
  /** ||G u - s+||^2: the cone part of the primal residual (u unrelaxed). */
  cone: number;
  /** ||G u||^2 and ||s+||^2: Boyd's primal scale terms. */
  coneScale: number;
  slackScale: number;
  /** e .* (s+ - s): its adjoint pass is G^T (s+ - s) of the dual residual (n x 2P). */
  readonly slackChange: Float64Array;
  /** F u (n): the certificate's predictions. */
  readonly fu: Float64Array;
}

/**
 * s- and nu-update with over-relaxation a and dual step gamma, writing the next u-step's adjoint
 * input e .* (s+ - nu+):
 *   g = a e .* (X u) + (1 - a) s,  s+ = (g + nu)_+,  nu+ = nu + gamma (g - s+).
 */
export function sweepCones(XU: Float64Array, masks: Uint8Array, n: number, P: number, a: number, gamma: number, s: Float64Array, nu: Float64Array, input: Float64Array): void {
  const b = 1 - a;
  const m = 2 * P;
  for (let k = 0; k < n; k++) {
    const row = k * m;
    const mrow = k * P;
    for (let i = 0; i < P; i++) {
      const e = 2 * masks[mrow + i]! - 1;
      const j1 = row + i;
      const j2 = j1 + P;
      const g1 = a * e * XU[j1]! + b * s[j1]!;
      const g2 = a * e * XU[j2]! + b * s[j2]!;
      const t1 = g1 + nu[j1]!;
      const t2 = g2 + nu[j2]!;
      const p1 = Math.max(t1, 0);
      const p2 = Math.max(t2, 0);
      const nu1 = nu[j1]! + gamma * (g1 - p1);
      const nu2 = nu[j2]! + gamma * (g2 - p2);
      s[j1] = p1;
      s[j2] = p2;
      nu[j1] = nu1;
      nu[j2] = nu2;
      input[j1] = e * (p1 - nu1);
      input[j2] = e * (p2 - nu2);
    }
  }
}

/**
 * sweepCones plus, in the same loop, what a check needs (see ConeSweepMeasures), so a check
 * costs no separate sweeps for the primal residual, s+ - s or F u.
 */
export function sweepConesMeasuring(
  XU: Float64Array,
  masks: Uint8Array,
  n: number,
  P: number,
  a: number,
  gamma: number,
  s: Float64Array,
  nu: Float64Array,
  input: Float64Array,
  out: ConeSweepMeasures,
): void {
  const b = 1 - a;
  const m = 2 * P;
  const change = out.slackChange;
  const fu = out.fu;
  let cone = 0;
  let coneScale = 0;
  let slackScale = 0;
  for (let k = 0; k < n; k++) {
    const row = k * m;
    const mrow = k * P;
    let prediction = 0;
    for (let i = 0; i < P; i++) {
      const active = masks[mrow + i]!;
      const e = 2 * active - 1;
      const j1 = row + i;
      const j2 = j1 + P;
      const x1 = XU[j1]!;
      const x2 = XU[j2]!;
      // F u = sum_i d_i (X v_i - X w_i).
      prediction += active * (x1 - x2);
      const gu1 = e * x1;
      const gu2 = e * x2;
      const old1 = s[j1]!;
      const old2 = s[j2]!;
      const g1 = a * gu1 + b * old1;
      const g2 = a * gu2 + b * old2;
      const t1 = g1 + nu[j1]!;
      const t2 = g2 + nu[j2]!;
      const p1 = Math.max(t1, 0);
      const p2 = Math.max(t2, 0);
      const nu1 = nu[j1]! + gamma * (g1 - p1);
      const nu2 = nu[j2]! + gamma * (g2 - p2);
      s[j1] = p1;
      s[j2] = p2;
      nu[j1] = nu1;
      nu[j2] = nu2;
      input[j1] = e * (p1 - nu1);
      input[j2] = e * (p2 - nu2);
      change[j1] = e * (p1 - old1);
      change[j2] = e * (p2 - old2);
      cone += (gu1 - p1) * (gu1 - p1) + (gu2 - p2) * (gu2 - p2);
      coneScale += gu1 * gu1 + gu2 * gu2;
      slackScale += p1 * p1 + p2 * p2;
    }
    fu[k] = prediction;
  }
  out.cone = cone;
  out.coneScale = coneScale;
  out.slackScale = slackScale;
  out.valid = true;
}

/**
 * From XV = X V^T (n x 2P), in one sweep: the recovered ReLU network's predictions
 * sum_i (x^T v_i)_+ - (x^T w_i)_+ into `relu`, the convex model's F v = sum_i d_i (x^T v_i - x^T w_i)
 * into `linear` (either may be null), and the relative cone violation
 * ||(-e .* XV)_+|| / ||XV|| (0 when every block is in its cone).
 */
export function predictionsAndConeViolation(XV: Float64Array, masks: Uint8Array, n: number, P: number, relu: Float64Array | null, linear: Float64Array | null): number {
  const m = 2 * P;
  let bad = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const row = k * m;
    const mrow = k * P;
    let r = 0;
    let l = 0;
    for (let i = 0; i < P; i++) {
      const active = masks[mrow + i]!;
      const e = 2 * active - 1;
      const x1 = XV[row + i]!;
      const x2 = XV[row + P + i]!;
      // Branch-free (Math.max/min compile to single instructions): the signs are data, and
      // mispredicted branches cost more than the arithmetic here. Added one at a time, as the
      // network's forward pass sums them.
      r += Math.max(x1, 0);
      r -= Math.max(x2, 0);
      l += active * (x1 - x2);
      const a1 = e * x1;
      const a2 = e * x2;
      const b1 = Math.min(a1, 0);
      const b2 = Math.min(a2, 0);
      bad += b1 * b1 + b2 * b2;
      total += a1 * a1 + a2 * a2;
    }
    if (relu) relu[k] = r;
    if (linear) linear[k] = l;
  }
  return total > 0 ? Math.sqrt(bad / total) : 0;
}
