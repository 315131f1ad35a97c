import { ConvexNetError } from '../../errors';
import type { Matrix } from '../../linalg/matrix';
import { dot, maxAbs } from '../../linalg/vector';
import type { CouplingCache } from './coupling-cache';
import { DirectReduction } from './direct-reduction';
import type { RegularizationCount } from './regularized-cholesky';
import { ConeSchurKernel } from './cone-schur-kernel';
import type { USystemReduction } from './u-system-reduction';
import { WeightedGrams } from './weighted-grams';
import { WoodburyReduction } from './woodbury-reduction';

/**
 * The reduced Newton system of the interior-point method (solve-ipm.ts), solved without forming
 * D_i, F or the 2P(d+1)-dimensional matrix. Unknowns: the blocks u_j (2P x d, v-half then
 * w-half, as ConvexBlocks) and the cone heights t_j (2P). The matrix is
 *
 *   H = [F^T F, 0; 0, 0] + blockdiag_j( Omega_j + [0, 0; 0, X^T diag(c_j) X] )
 *
 * where F = [F_+, -F_+], F_+ = [D_1 X, ..., D_P X], c_j >= 0 are the scaled weights of block
 * j's n linear cone constraints (z / s; (2 D_i - I)^2 = I, so the signs drop out) and Omega_j
 * is the (d+1) x (d+1) Nesterov-Todd matrix W_j^{-2} of its second-order cone on (t_j, u_j).
 *
 * Elimination, all exact:
 * 1. t_j appears only in block j: dt_j = (rt_j - Omega_tu . du_j) / Omega_tt, leaving
 *    B_j = X^T diag(c_j) X + Omega_uu - Omega_ut Omega_tu / Omega_tt (d x d, SPD) on u_j. The 2P
 *    weighted Grams are one product over packed row outer products (weighted-grams.ts).
 * 2. The u-system blockdiag(B_j) + F^T F, with F^T F = [[Q, -Q], [-Q, Q]], Q = F_+^T F_+, is
 *    solved through a = dv - dw by one of two reductions: 'direct' factors a dP x dP matrix
 *    (direct-reduction.ts), 'woodbury' an n x n one (woodbury-reduction.ts). Both finish with
 *    iterative refinement against the exact 2dP operator (blockdiag(B) plus Q (v - w)), so
 *    what rounding the reduction loses in the last steps is recovered.
 * The flops per update: 2P weighted Grams (n d(d+1)/2 multiply-adds each), 2P small Cholesky
 * factorizations, then (dP)^3 / 3 (direct) or sum_i |D_i|^2 d + n^3 / 3 (woodbury).
 */
export type IpmSystemPath = 'direct' | 'woodbury';

/** Most iterative-refinement corrections of a u-system solve. */
const MAX_REFINEMENTS = 4;
/**
 * Refinement stops once the residual's largest entry is at most this fraction of the right-hand
 * side's. The raw solves leave ~1e-10 on the n = 600 benchmark (both reductions), far below what
 * a Newton direction needs, so most solves now end after one residual check: a correction there
 * cost a solve and a product and moved the certified gap in its 6th digit. Measured against 1e-12:
 * n = 600 warm 1.55 -> 1.47 s (31 steps, gap 4.15e-5 both), every preset on every built-in
 * dataset the same Newton steps and gaps (penguins Most accurate 1641 -> 1455 ms). Solves left
 * worse than this are still refined, and PCG follows past PCG_FROM.
 */
const REFINED_ENOUGH = 1e-9;
/**
 * Conjugate gradients follow when refinement leaves a residual (largest entry) above this fraction
 * of the right-hand side's: measured, refinement leaves at most 4e-10 on every solve of the
 * n = 600 benchmark path (1e-13..1e-11 typically), where PCG would only add cost, and 1e-5..1e-2
 * on the last steps of the stalling problem described at conjugateGradients ...
 */
const PCG_FROM = 1e-8;
/** ... and stop at this fraction, or after PCG_MAX_ITERATIONS (each two u-system products and one solve with the factors). */
const PCG_TO = 1e-11;
const PCG_MAX_ITERATIONS = 30;

/** Largest order either path factors (a 6000 x 6000 factor is 288 MB and ~72 GFLOP). */
export const IPM_MAX_FACTOR_ORDER = 6000;

/**
 * A Newton step's work on each path, in the Cholesky's multiply-adds. Direct: the factorization
 * (dP)^3 / 3 and, over ~10 u-system solves a step (predictor, corrector, correctors, refinement),
 * two triangular solves and a Q product each, ~30 (dP)^2. Woodbury: n^3 / 3; forming S,
 * sum_i |D_i|^2 d / 2 ~ P n^2 d / 8 for patterns active on about half the rows, counted twice
 * (its SIMD tiles run at about half the Cholesky's rate); per solve four masked passes over X
 * (n d P each; counted 5 times over, at about a fifth of the rate) and two n x n triangular
 * solves; the K_i = Bv_i^{-1} + Bw_i^{-1} and their factors, ~4 P d^3. Measured ms per step
 * direct / Woodbury (n, d, P): 600, 31, 64: 169 / 49; 1000, 51, 32: 122 / 97; 2000, 51, 64:
 * 714 / 484; 1500, 31, 128: 1123 / 317; 5000, 21, 32: 31 / 2292; 2000, 21, 64: 89 / 280; and
 * whole solves with the presets (one-vs-rest heads): iris 112 x 5 x 128 1341 / 460 ms, penguins
 * 258 x 10 x 128 7274 / 2092, but penguins 258 x 10 x 32 312 / 485 and iris 112 x 5 x 32 110 /
 * 141, where the factorizations are small and the passes decide (without them in this model
 * those two went to Woodbury).
 */
function directWork(d: number, P: number): number {
  const order = d * P;
  return order ** 3 / 3 + 30 * order * order;
}

function woodburyWork(n: number, d: number, P: number): number {
  return n ** 3 / 3 + (P * n * n * d) / 4 + 200 * n * d * P + 20 * n * n + 4 * P * d ** 3;
}

/**
 * 'auto' takes the path with less modelled work among those whose order (dP direct, n Woodbury)
 * is at most IPM_MAX_FACTOR_ORDER; when neither is, direct (ipmSizeProblem refuses it first).
 */
export function chooseIpmSystemPath(n: number, d: number, P: number, requested: IpmSystemPath | 'auto'): IpmSystemPath {
  if (requested !== 'auto') return requested;
  const directFits = d * P <= IPM_MAX_FACTOR_ORDER;
  const woodburyFits = n <= IPM_MAX_FACTOR_ORDER;
  if (directFits && woodburyFits) return woodburyWork(n, d, P) < directWork(d, P) ? 'woodbury' : 'direct';
  return woodburyFits ? 'woodbury' : 'direct';
}

/**
 * The interior-point solver factors a (columns x patterns)-order or a rows-order system every
 * Newton step; with 'auto' it refuses when both orders exceed IPM_MAX_FACTOR_ORDER. Null when
 * the size is fine.
 */
export function ipmSizeProblem(rows: number, columns: number, patterns: number, linearSystem: unknown, conic = false): string | null {
  if (conic) {
    // The conic form (solve-ipm-conic.ts) factors all 2P d weights densely; no Woodbury route.
    const order = 2 * columns * patterns;
    if (order <= IPM_MAX_FACTOR_ORDER) return null;
    return `The interior-point solver's conic form (for the logistic and hinge losses and class weights) would factor a ${order} x ${order} system every Newton step (2 x ${columns} columns x ${patterns} patterns; the limit is ${IPM_MAX_FACTOR_ORDER}). Use ADMM or ADMM-RBCD, or fewer patterns.`;
  }
  const unknowns = columns * patterns;
  if ((linearSystem !== undefined && linearSystem !== 'auto') || unknowns <= IPM_MAX_FACTOR_ORDER || rows <= IPM_MAX_FACTOR_ORDER) return null;
  return `The interior-point solver would factor a ${Math.min(unknowns, rows)} x ${Math.min(unknowns, rows)} system every Newton step (${columns} columns x ${patterns} patterns = ${unknowns} unknowns, ${rows} rows; it factors the smaller, up to ${IPM_MAX_FACTOR_ORDER}). Use ADMM, or fewer patterns (the sampled formulation).`;
}

export class IpmNewtonSystem {
  readonly n: number;
  readonly d: number;
  readonly P: number;
  readonly path: IpmSystemPath;
  /** Wall ms spent forming Q (direct path), for notes. */
  readonly setupMs: number;
  /** The direct path took Q from its CouplingCache instead of forming it. */
  readonly couplingReused: boolean;
  private readonly reduction: USystemReduction;
  private readonly count: RegularizationCount = { regularizations: 0 };
  /** The B_j (2P blocks of d x d, both triangles). */
  private readonly blocks: Float64Array;
  private readonly reduced: Float64Array;
  private readonly refineResidual: Float64Array;
  private readonly refineCorrection: Float64Array;
  /** Omega_tt (2P) and Omega_tu (2P x d) for the t elimination. */
  private readonly omegaTt: Float64Array;
  private readonly omegaTu: Float64Array;
  private readonly grams: WeightedGrams;
  private readonly diff: Float64Array;
  private readonly coupled: Float64Array;
  /** Each cone's part of its block (cone-schur.ts). */
  private readonly coneSchur: ConeSchurKernel;
  /** Work vectors of conjugateGradients (2P x d each). */
  private readonly pcg: { z: Float64Array; p: Float64Array; Hp: Float64Array; best: Float64Array };

  /**
   * The kept cone rows of each block when the Grams are summed row by row (a sparse working set,
   * cone-working-set.ts); null: one pass over all rows, c being 0 on any row left out.
   */
  private blockRows: readonly Int32Array[] | null;

  /**
   * `coupling`: kept across solves on the same X and patterns (coupling-cache.ts): the direct
   * path's Q, and either path's large factor.
   */
  constructor(X: Matrix, masks: Uint8Array, P: number, path: IpmSystemPath, now: () => number, blockRows: readonly Int32Array[] | null = null, coupling: CouplingCache | null = null) {
    const n = X.rows;
    const d = X.cols;
    if (masks.length !== n * P) throw new ConvexNetError('linalg/shape-mismatch', `IpmNewtonSystem: masks have ${masks.length} entries, expected ${n * P}.`);
    this.n = n;
    this.d = d;
    this.P = P;
    this.path = path;
    this.blockRows = blockRows;
    this.reduction = path === 'direct' ? new DirectReduction(X, masks, P, this.count, now, coupling) : new WoodburyReduction(X, masks, P, this.count, coupling);
    this.setupMs = this.reduction.setupMs;
    this.couplingReused = this.reduction.couplingReused;
    const m = 2 * P;
    this.blocks = new Float64Array(m * d * d);
    this.reduced = new Float64Array(m * d);
    this.refineResidual = new Float64Array(m * d);
    this.refineCorrection = new Float64Array(m * d);
    this.omegaTt = new Float64Array(m);
    this.omegaTu = new Float64Array(m * d);
    this.grams = new WeightedGrams(X, m);
    this.diff = new Float64Array(d * P);
    this.coupled = new Float64Array(d * P);
    this.coneSchur = new ConeSchurKernel(d);
    this.pcg = { z: new Float64Array(m * d), p: new Float64Array(m * d), Hp: new Float64Array(m * d), best: new Float64Array(m * d) };
  }

  /** The working set grew (IpmEngine.restartWithGrownWorkingSet): its rows, or null once it is dense. */
  setBlockRows(blockRows: readonly Int32Array[] | null): void {
    this.blockRows = blockRows;
  }

  /** Times the diagonal of a block or of the large matrix had to be raised to keep it positive definite. */
  get regularizations(): number {
    return this.count.regularizations;
  }

  /**
   * Forms and factors the system for new scaling weights.
   * @param c    n x 2P (pattern space, row-major): z / s of every linear cone constraint
   * @param eta  2P scale factors and
   * @param v    2P hyperbolic vectors (length d+1) of the second-order cones' NT scalings,
   *             W_j = eta_j (2 v_j v_j^T - J) (second-order-cone.ts)
   */
  update(c: Float64Array, eta: Float64Array, v: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const side = d + 1;
    if (this.blockRows) this.grams.computeRows(c, this.blockRows);
    else this.grams.compute(c);
    const G = this.grams.packed; // packed lower triangles x 2P
    const B = this.blocks;
    const cone = this.coneSchur;
    for (let j = 0; j < m; j++) {
      // The cone's Omega_tt, Omega_tu and Schur complement on u (cone-schur.ts), added to the Gram.
      const parts = cone.compute(eta[j]!, v, j * side);
      this.omegaTt[j] = parts[0]!;
      for (let a = 0; a < d; a++) this.omegaTu[j * d + a] = parts[1 + a]!;
      const at = j * d * d;
      const schurAt = 1 + d;
      for (let a = 0; a < d; a++) {
        const gramRow = ((a * (a + 1)) / 2) * m + j;
        for (let b = 0; b <= a; b++) {
          const value = G[gramRow + b * m]! + parts[schurAt + a * d + b]!;
          B[at + a * d + b] = value;
          B[at + b * d + a] = value;
        }
      }
    }
    this.reduction.factor(B);
  }

  /**
   * Solves H [du; dt] = [ru; rt]. ru, du: 2P x d; rt, dt: 2P. du may alias ru, dt may alias rt.
   */
  solve(ru: Float64Array, rt: Float64Array, du: Float64Array, dt: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const rr = this.reduced;
    // 1. Eliminate t: ru~_j = ru_j - Omega_ut rt_j / Omega_tt.
    for (let j = 0; j < m; j++) {
      const f = rt[j]! / this.omegaTt[j]!;
      for (let a = 0; a < d; a++) rr[j * d + a] = ru[j * d + a]! - this.omegaTu[j * d + a]! * f;
    }
    // 2. The u-system, then iterative refinement with the same factors: both reductions
    // subtract nearly equal quantities when some rows carry weights 1e10 times the rest
    // (measured on the Woodbury path: 1e-4 relative error on an 8-row problem); corrections
    // stop once the residual stops shrinking.
    this.reduction.solve(rr, du);
    const res = this.refineResidual;
    let previous = Infinity;
    const scale = maxAbs(rr);
    let size = Infinity;
    for (let step = 0; step < MAX_REFINEMENTS; step++) {
      this.applyUSystem(du, res);
      size = 0;
      for (let k = 0; k < res.length; k++) {
        res[k] = rr[k]! - res[k]!;
        size = Math.max(size, Math.abs(res[k]!));
      }
      if (size <= REFINED_ENOUGH * scale || size >= 0.5 * previous) break;
      previous = size;
      this.reduction.solve(res, this.refineCorrection);
      for (let k = 0; k < du.length; k++) du[k]! += this.refineCorrection[k]!;
    }
    if (size > PCG_FROM * scale) this.conjugateGradients(rr, du, res, PCG_TO * scale);
    // 3. Back-substitute the heights.
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let r = 0; r < d; r++) s += this.omegaTu[j * d + r]! * du[j * d + r]!;
      dt[j] = (rt[j]! - s) / this.omegaTt[j]!;
    }
  }

  /**
   * Preconditioned conjugate gradients on the u-system from du (r: work space), with
   * the reduction's (possibly regularized) factors as the preconditioner. Refinement is
   * Richardson's iteration, which stalls once the factors are far from H in a few directions
   * (diagonal regularizations near the optimum, where the weights span 1e12); PCG only needs
   * them positive definite. Measured on a one-feature regression (n = 150, 128 patterns, beta
   * 1.5e-5, tolerance 1e-7): the dual residual grew from 1e-11 to 1e-6 in the last steps and the
   * solve stalled at a gap of 9e-6; with PCG it reached 8.5e-8 in 44 steps. Keeps the best iterate (by the
   * residual's largest entry); stops at `target`, after PCG_MAX_ITERATIONS, or on a breakdown.
   */
  private conjugateGradients(rr: Float64Array, du: Float64Array, r: Float64Array, target: number): void {
    const { z, p, Hp } = this.pcg;
    const best = this.pcg.best;
    best.set(du);
    // The residual afresh: after a last refinement correction the caller's one is stale.
    this.applyUSystem(du, Hp);
    for (let k = 0; k < r.length; k++) r[k] = rr[k]! - Hp[k]!;
    let bestSize = maxAbs(r);
    this.reduction.solve(r, z);
    p.set(z);
    let rz = dot(r, z);
    for (let it = 0; it < PCG_MAX_ITERATIONS && rz > 0; it++) {
      this.applyUSystem(p, Hp);
      const curvature = dot(p, Hp);
      if (!(curvature > 0)) break;
      const step = rz / curvature;
      for (let k = 0; k < du.length; k++) {
        du[k]! += step * p[k]!;
        r[k]! -= step * Hp[k]!;
      }
      // The recursive residual drifts from rr - H du in floating point; the true one decides.
      this.applyUSystem(du, Hp);
      let size = 0;
      for (let k = 0; k < du.length; k++) size = Math.max(size, Math.abs(rr[k]! - Hp[k]!));
      if (size < bestSize) {
        bestSize = size;
        best.set(du);
      }
      if (size <= target) break;
      this.reduction.solve(r, z);
      const next = dot(r, z);
      const beta = next / rz;
      rz = next;
      for (let k = 0; k < p.length; k++) p[k] = z[k]! + beta * p[k]!;
    }
    du.set(best);
  }

  /** out = (blockdiag(B_j) + F^T F) u for u of 2P blocks: F^T F u = [Q (v - w); -Q (v - w)]. */
  private applyUSystem(u: Float64Array, out: Float64Array): void {
    const { d, P, diff, coupled } = this;
    const half = d * P;
    for (let t = 0; t < half; t++) diff[t] = u[t]! - u[half + t]!;
    this.reduction.applyCoupling(diff, coupled);
    const B = this.blocks;
    for (let j = 0; j < 2 * P; j++) {
      const sign = j < P ? 1 : -1;
      const i = j < P ? j : j - P;
      for (let a = 0; a < d; a++) {
        let sum = sign * coupled[i * d + a]!;
        for (let b = 0; b < d; b++) sum += B[j * d * d + a * d + b]! * u[j * d + b]!;
        out[j * d + a] = sum;
      }
    }
  }
}
