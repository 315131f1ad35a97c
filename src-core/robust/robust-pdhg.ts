import { stableSigmoid } from '../losses';
import type { RobustConicForm } from './robust-conic-form';
import type { RobustDualCandidate } from './robust-certificate';
import type { RobustProblem } from './robust-problem';
import { absoluteRowSums, multiplySparse, transposeSparse, type SparseRows } from './sparse-rows';

/**
 * Primal-dual hybrid gradient (Chambolle-Pock) for the conic form of the robust program
 * (paper-spec 6.6), over-relaxed by a factor rho:
 *   zh = prox_{T h}( z + T K^T y ),   yh = Proj_C( y - S (K (2 zh - z) - b) ),
 *   z+ = z + rho (zh - z),            y+ = y + rho (yh - y),
 * the saddle problem min_z max_{y in C} h(z) - y^T (K z - b) (C is self-dual). T and S are the
 * diagonal preconditioners of Pock & Chambolle (alpha = 1: T = 1 / column abs sums, S = 1 / row
 * abs sums, which guarantees ||S^1/2 K T^1/2|| <= 1), made constant on every group whose prox or
 * projection needs it (weight blocks, SOC groups), and balanced by a primal weight omega
 * (T / omega, S omega) that is re-estimated at restarts (as in PDLP).
 */
export class RobustPdhg {
  readonly problem: RobustProblem;
  readonly form: RobustConicForm;
  private readonly Kt: SparseRows;
  private readonly baseT: Float64Array;
  private readonly baseS: Float64Array;
  private readonly T: Float64Array;
  private readonly S: Float64Array;
  /** Current primal and dual iterates. */
  z: Float64Array;
  y: Float64Array;
  private readonly zNew: Float64Array;
  private readonly zBar: Float64Array;
  private readonly Kz: Float64Array;
  private readonly Kty: Float64Array;
  /** Running sums for the averaged iterate since the last restart. */
  private readonly zSum: Float64Array;
  private readonly ySum: Float64Array;
  private readonly yHat: Float64Array;
  private averagedCount = 0;
  omega = 1;
  /** Over-relaxation factor in (0, 2); 1 is plain PDHG. */
  readonly relaxation: number;

  constructor(problem: RobustProblem, form: RobustConicForm, relaxation = 1) {
    // PDHG multiplies by every row of K; a lean form (the interior-point path's) has them empty.
    if (!form.coneAndLossEntries) throw new Error('RobustPdhg: the conic form was built without its cone and loss rows.');
    this.problem = problem;
    this.form = form;
    this.relaxation = relaxation;
    this.Kt = transposeSparse(form.K);
    const m = form.K.rows;
    const N = form.layout.varCount;
    this.baseT = invertedSums(absoluteRowSums(this.Kt));
    this.baseS = invertedSums(absoluteRowSums(form.K));
    const { d, P } = form.layout;
    for (let j = 0; j < 2 * P; j++) constantOnGroup(this.baseT, j * d, d);
    for (let g = 0; g < form.socStart.length; g++) constantOnGroup(this.baseS, form.socStart[g]!, form.socSize[g]!);
    this.T = new Float64Array(N);
    this.S = new Float64Array(m);
    this.z = new Float64Array(N);
    this.y = new Float64Array(m);
    this.zNew = new Float64Array(N);
    this.zBar = new Float64Array(N);
    this.Kz = new Float64Array(m);
    this.Kty = new Float64Array(N);
    this.zSum = new Float64Array(N);
    this.ySum = new Float64Array(m);
    this.yHat = new Float64Array(m);
    this.setOmega(1);
  }

  setOmega(omega: number): void {
    this.omega = omega;
    for (let i = 0; i < this.T.length; i++) this.T[i] = this.baseT[i]! / omega;
    for (let r = 0; r < this.S.length; r++) this.S[r] = this.baseS[r]! * omega;
  }

  /** One PDHG iteration; adds the new iterate to the running average. */
  step(): void {
    const { z, y, zNew, zBar, Kz, Kty, T, S } = this;
    const { b } = this.form;
    multiplySparse(this.Kt, y, Kty);
    for (let i = 0; i < z.length; i++) zNew[i] = z[i]! + T[i]! * Kty[i]!;
    this.prox(zNew);
    for (let i = 0; i < z.length; i++) zBar[i] = 2 * zNew[i]! - z[i]!;
    multiplySparse(this.form.K, zBar, Kz);
    const rho = this.relaxation;
    const yHat = this.yHat;
    for (let r = 0; r < y.length; r++) yHat[r] = y[r]! - S[r]! * (Kz[r]! - b[r]!);
    this.projectDual(yHat);
    // Over-relaxation (He & Yuan; Condat): move a factor rho in (0, 2) towards the PDHG point.
    for (let r = 0; r < y.length; r++) y[r] = y[r]! + rho * (yHat[r]! - y[r]!);
    for (let i = 0; i < z.length; i++) zNew[i] = z[i]! + rho * (zNew[i]! - z[i]!);
    z.set(zNew);
    for (let i = 0; i < z.length; i++) this.zSum[i] = this.zSum[i]! + z[i]!;
    for (let r = 0; r < y.length; r++) this.ySum[r] = this.ySum[r]! + y[r]!;
    this.averagedCount++;
  }

  /** The average of the iterates since the last restart (or the current iterate if none). */
  average(): { z: Float64Array; y: Float64Array } {
    if (this.averagedCount === 0) return { z: Float64Array.from(this.z), y: Float64Array.from(this.y) };
    const c = this.averagedCount;
    return { z: this.zSum.map((v) => v / c), y: this.ySum.map((v) => v / c) };
  }

  /**
   * Distances in the preconditioned metric (||T^-1/2 dz||, ||S^-1/2 dy|| with the base steps): the
   * variables a diagonally rescaled problem would have, where the primal weight is meaningful.
   */
  primalDistance(a: Float64Array, b: Float64Array): number {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2 / this.baseT[i]!;
    return Math.sqrt(s);
  }

  dualDistance(a: Float64Array, b: Float64Array): number {
    let s = 0;
    for (let r = 0; r < a.length; r++) s += (a[r]! - b[r]!) ** 2 / this.baseS[r]!;
    return Math.sqrt(s);
  }

  /** Restarts from the given point: averages reset. */
  restartFrom(z: Float64Array, y: Float64Array): void {
    this.z.set(z);
    this.y.set(y);
    this.zSum.fill(0);
    this.ySum.fill(0);
    this.averagedCount = 0;
  }

  /** prox_{T h}: group shrinkage on weight blocks, the loss's prox on the slacks, identity elsewhere. */
  private prox(z: Float64Array): void {
    const { layout } = this.form;
    const { d, P, n, slackStart } = layout;
    const { beta, loss, sampleWeights } = this.problem;
    const T = this.T;
    for (let j = 0; j < 2 * P; j++) {
      const o = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += z[o + t]! * z[o + t]!;
      const norm = Math.sqrt(s);
      const keep = norm > 0 ? Math.max(0, 1 - (T[o]! * beta) / norm) : 0;
      for (let t = 0; t < d; t++) z[o + t] = z[o + t]! * keep;
    }
    for (let k = 0; k < n; k++) {
      const i = slackStart + k;
      const step = T[i]! * (sampleWeights ? sampleWeights[k]! : 1);
      const v = z[i]!;
      if (loss.name === 'hinge') z[i] = Math.max(0, v - step);
      else if (loss.name === 'squared') z[i] = v / (1 + step);
      else z[i] = proxSoftplusMargin(v, step);
    }
  }

  private projectDual(y: Float64Array): void {
    const { socStart, socSize } = this.form;
    let next = 0;
    let g = 0;
    while (next < y.length) {
      if (g < socStart.length && socStart[g] === next) {
        projectSoc(y, next, socSize[g]!);
        next += socSize[g]!;
        g++;
      } else {
        if (y[next]! < 0) y[next] = 0;
        next++;
      }
    }
  }

  /** Multipliers of the current (or given) dual iterate in the form the certificate reads. */
  dualCandidate(y: Float64Array = this.y): RobustDualCandidate {
    return robustDualCandidate(this.problem, this.form, y);
  }

  /** Blocks (2P x d row-major) of a primal point. */
  blocksOf(z: Float64Array = this.z): Float64Array {
    const { d, P } = this.form.layout;
    return z.slice(0, 2 * P * d);
  }
}

function invertedSums(sums: Float64Array): Float64Array {
  return sums.map((s) => (s > 0 ? 1 / s : 1));
}

function constantOnGroup(values: Float64Array, start: number, size: number): void {
  let min = Infinity;
  for (let i = start; i < start + size; i++) min = Math.min(min, values[i]!);
  for (let i = start; i < start + size; i++) values[i] = min;
}

/** Projection onto the second-order cone {(s, v) : ||v|| <= s} of the rows [start, start + size). */
export function projectSoc(y: Float64Array, start: number, size: number): void {
  const s = y[start]!;
  let sq = 0;
  for (let i = start + 1; i < start + size; i++) sq += y[i]! * y[i]!;
  const norm = Math.sqrt(sq);
  if (norm <= s) return;
  if (norm <= -s) {
    for (let i = start; i < start + size; i++) y[i] = 0;
    return;
  }
  const a = (s + norm) / 2;
  y[start] = a;
  for (let i = start + 1; i < start + size; i++) y[i] = (a * y[i]!) / norm;
}

/**
 * argmin_q w softplus(-2 q) + (1 / (2 T)) (q - q0)^2 with step = T w: the root of
 * q - q0 - 2 step sigmoid(-2 q) = 0 (increasing in q), by safeguarded Newton.
 */
export function proxSoftplusMargin(q0: number, step: number): number {
  let lo = q0;
  let hi = q0 + 2 * step;
  let q = q0 + step * 2 * stableSigmoid(-2 * q0);
  let previousStep = hi - lo;
  const tolerance = 1e-15 * (1 + Math.abs(q0) + step);
  for (let it = 0; it < 100; it++) {
    const s = stableSigmoid(-2 * q);
    const f = q - q0 - 2 * step * s;
    if (Math.abs(f) <= tolerance) return q;
    if (f > 0) hi = q;
    else lo = q;
    const slope = 1 + 4 * step * s * (1 - s);
    let next = q - f / slope;
    // Newton can cycle on this sigmoid-shaped equation: fall back to bisection when its step
    // leaves the bracket or does not halve the previous step (Numerical Recipes' rtsafe rule).
    if (!(next > lo && next < hi) || Math.abs(2 * f) > Math.abs(previousStep * slope)) next = (lo + hi) / 2;
    previousStep = next - q;
    if (next === q || hi - lo <= 4e-16 * Math.max(1, Math.abs(q))) return next;
    q = next;
  }
  return q;
}

/**
 * Multipliers y of the rows of the conic form (y in C, Lagrangian h(z) - y^T (K z - b)) in the
 * form the certificate reads (robust-certificate.ts): the PDHG iterate's or the interior-point
 * solver's.
 */
export function robustDualCandidate(problem: RobustProblem, form: RobustConicForm, y: Float64Array): RobustDualCandidate {
  const { layout } = form;
  const { n, d, P, perturbable, coneRowStart, blockSpreadRowStart, sampleSpreadRowStart, lossRowStart } = layout;
  const { loss, threat } = problem;
  const labels = problem.y;
  const mu = y.slice(coneRowStart, coneRowStart + 2 * P * n);
  const z = new Float64Array(n);
  const spreadWeight = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (loss.name === 'squared') spreadWeight[k] = y[lossRowStart + 2 * k]! + y[lossRowStart + 2 * k + 1]!;
    if (loss.name === 'hinge') z[k] = -labels[k]! * y[lossRowStart + k]!;
    else if (loss.name === 'squared') z[k] = y[lossRowStart + 2 * k]! - y[lossRowStart + 2 * k + 1]!;
    else z[k] = -(2 * labels[k]! - 1) * y[lossRowStart + k]!;
  }
  const delta = new Float64Array(n * d);
  const blockDelta = new Float64Array(2 * P * d);
  const dp = perturbable.length;
  if (dp > 0) {
    const read = (rowStart: number, groups: number, out: Float64Array): void => {
      for (let j = 0; j < groups; j++) {
        perturbable.forEach((t, q) => {
          if (threat.norm === 'linf') {
            const r = rowStart + j * 2 * dp + 2 * q;
            out[j * d + t] = y[r]! - y[r + 1]!;
          } else {
            const r = rowStart + j * (1 + dp) + 1 + q;
            out[j * d + t] = -threat.radii[t]! * y[r]!;
          }
        });
      }
    };
    read(blockSpreadRowStart, 2 * P, blockDelta);
    read(sampleSpreadRowStart, n, delta);
  }
  return { z, mu, delta, blockDelta, ...(loss.name === 'squared' ? { spreadWeight } : {}) };
}
