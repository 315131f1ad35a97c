import { ConvexNetError } from '../../errors';
import type { Matrix } from '../../linalg/matrix';
import { dot, maxAbs } from '../../linalg/vector';
import type { CouplingCache } from './coupling-cache';
import { DirectReduction } from './direct-reduction';
import { addDominantProduct, DominantRowCapacitance, findDominantRows, separateBlocks, type DominantRow } from './dominant-rows';
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
 *    what rounding the reduction loses in the last steps is recovered, and conjugate gradients
 *    where that is not enough. When even those fail, the rows whose weights dwarf the rest of
 *    their block are kept out of it (dominant-rows.ts): their rounding had hidden the block's
 *    smallest curvature and turned the system indefinite.
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

/**
 * The dominant rows' capacitance (dominant-rows.ts) takes at most unknowns / 12 of them (each
 * costs a solve with the factors when it is formed: in all about a factorization of the direct
 * path's), but at least MIN_CAPACITANCE_ROWS, and at most MAX_CAPACITANCE_DOUBLES / unknowns
 * (its solves are held: 32 MB).
 */
const MIN_CAPACITANCE_ROWS = 128;
const MAX_CAPACITANCE_DOUBLES = 1 << 22;

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
  private readonly X: Matrix;
  /**
   * Made after a u-system solve that conjugate gradients left above PCG_FROM (where the blocks'
   * rounding had turned the system indefinite), if solving it again with the dominant rows kept
   * out of the blocks (dominant-rows.ts) did better: from then on every system keeps them out.
   * Holds the blocks' cone parts and traces and the blocks that are factored. Null until then:
   * nothing of it runs.
   */
  private separation: { coneParts: Float64Array; coneTrace: Float64Array; preconditioner: Float64Array } | null = null;
  /** The dominant rows of the current system (applied in applyUSystem) and their capacitance (in the preconditioner). */
  private dominant: { rows: readonly DominantRow[]; capacitance: DominantRowCapacitance | null } | null = null;
  /** The last update's weights (the engine's arrays, unchanged until it steps), to form the system again. */
  private lastWeights: { c: Float64Array; eta: Float64Array; v: Float64Array } | null = null;
  /** A separation was tried and solved worse than the plain system: not tried again. */
  private separationFailed = false;
  /** The first attempt's du while the system is solved again the other way. */
  private readonly firstAttempt: Float64Array;
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
    this.X = X;
    this.firstAttempt = new Float64Array(m * d);
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
    this.lastWeights = { c, eta, v };
    this.form(c, eta, v, true);
  }

  /** update's work: with `separate` and once separating, with the dominant rows kept out of the blocks. */
  private form(c: Float64Array, eta: Float64Array, v: Float64Array, separate: boolean): void {
    this.dominant = null;
    this.formBlocks(c, eta, v);
    const separation = this.separation;
    const rows = separation !== null && separate ? findDominantRows(c, this.X, separation.coneTrace) : [];
    if (separation === null || rows.length === 0) {
      this.reduction.factor(this.blocks);
      return;
    }
    // The operator's blocks without the dominant rows; the factors' with them capped.
    separateBlocks(this.blocks, separation.coneParts, c, this.X, rows, this.blockRows, this.blocks, separation.preconditioner);
    this.reduction.factor(separation.preconditioner);
    // The capacitance is only a preconditioner's part: it takes the rows most above their caps
    // (its solves cost at most about a factorization; the others stay capped in the factors),
    // and without it (not positive definite) conjugate gradients work with the capped factors.
    const unknowns = this.blocks.length / this.d;
    const most = Math.min(Math.floor(MAX_CAPACITANCE_DOUBLES / unknowns), Math.max(MIN_CAPACITANCE_ROWS, Math.floor(unknowns / 12)));
    const excess = rows.length <= most ? rows : [...rows].sort((a, b) => b.weight / b.capped - a.weight / a.capped).slice(0, most);
    let capacitance: DominantRowCapacitance | null = null;
    try {
      capacitance = new DominantRowCapacitance(excess, this.X, unknowns, (r, out) => this.reduction.solve(r, out));
    } catch (error) {
      if (!(error instanceof ConvexNetError) || error.code !== 'solver/not-positive-definite') throw error;
    }
    this.dominant = { rows, capacitance };
  }

  /** The blocks B_j of all rows for weights c, Omega_tt and Omega_tu; once separating, also each block's cone part and its trace. */
  private formBlocks(c: Float64Array, eta: Float64Array, v: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const side = d + 1;
    if (this.blockRows) this.grams.computeRows(c, this.blockRows);
    else this.grams.compute(c);
    const G = this.grams.packed; // packed lower triangles x 2P
    const B = this.blocks;
    const cone = this.coneSchur;
    const separation = this.separation;
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
      if (separation === null) continue;
      let trace = 0;
      for (let a = 0; a < d; a++) {
        trace += parts[schurAt + a * d + a]!;
        for (let b = 0; b <= a; b++) {
          separation.coneParts[at + a * d + b] = parts[schurAt + a * d + b]!;
          separation.coneParts[at + b * d + a] = parts[schurAt + a * d + b]!;
        }
      }
      separation.coneTrace[j] = trace;
    }
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
    // 2. The u-system; formed the other way (with or without its dominant rows kept out) and
    // solved again when that attempt fails, the better of the two kept.
    const scale = maxAbs(rr);
    const size = this.solveUSystem(rr, du, scale);
    const separated = this.dominant !== null;
    if (size > PCG_FROM * scale && this.lastWeights !== null && (separated || !this.separationFailed)) {
      this.firstAttempt.set(du);
      this.formAgain(!separated);
      if (this.solveUSystem(rr, du, scale) >= size) {
        du.set(this.firstAttempt);
        if (!separated) {
          // A first separation that solves worse than the blocks of all rows is dropped for good.
          this.separationFailed = true;
          this.separation = null;
        }
        this.formAgain(separated);
      }
    }
    // 3. Back-substitute the heights.
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let r = 0; r < d; r++) s += this.omegaTu[j * d + r]! * du[j * d + r]!;
      dt[j] = (rt[j]! - s) / this.omegaTt[j]!;
    }
  }

  /**
   * Forms and factors the last update's system again, with its dominant rows kept out
   * (dominant-rows.ts) or not. Once kept out, every later update keeps them out too (and its
   * failing solves try the blocks of all rows).
   */
  private formAgain(separate: boolean): void {
    const blocks = this.blocks.length;
    if (separate) this.separation ??= { coneParts: new Float64Array(blocks), coneTrace: new Float64Array(2 * this.P), preconditioner: new Float64Array(blocks) };
    const { c, eta, v } = this.lastWeights!;
    this.form(c, eta, v, separate);
  }

  /**
   * du = the u-system's solution for rr: the factors' solve, then iterative refinement with the
   * same factors (both reductions subtract nearly equal quantities when some rows carry weights
   * 1e10 times the rest; measured on the Woodbury path: 1e-4 relative error on an 8-row
   * problem), stopped once the residual stops shrinking, then conjugate gradients if it is
   * still above PCG_FROM. Returns the residual's largest entry.
   */
  private solveUSystem(rr: Float64Array, du: Float64Array, scale: number): number {
    this.factoredSolve(rr, du);
    const res = this.refineResidual;
    let previous = Infinity;
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
      this.factoredSolve(res, this.refineCorrection);
      for (let k = 0; k < du.length; k++) du[k]! += this.refineCorrection[k]!;
    }
    return size > PCG_FROM * scale ? this.conjugateGradients(rr, du, res, PCG_TO * scale) : size;
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
  private conjugateGradients(rr: Float64Array, du: Float64Array, r: Float64Array, target: number): number {
    const { z, p, Hp } = this.pcg;
    const best = this.pcg.best;
    best.set(du);
    // The residual afresh: after a last refinement correction the caller's one is stale.
    this.applyUSystem(du, Hp);
    for (let k = 0; k < r.length; k++) r[k] = rr[k]! - Hp[k]!;
    let bestSize = maxAbs(r);
    this.factoredSolve(r, z);
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
      this.factoredSolve(r, z);
      const next = dot(r, z);
      const beta = next / rz;
      rz = next;
      for (let k = 0; k < p.length; k++) p[k] = z[k]! + beta * p[k]!;
    }
    du.set(best);
    return bestSize;
  }

  /** out = the factors' solution for r: the reduction's, and the dominant rows' capacitance correction when they are kept out. */
  private factoredSolve(r: Float64Array, out: Float64Array): void {
    this.reduction.solve(r, out);
    this.dominant?.capacitance?.correct(out);
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
    if (this.dominant !== null) addDominantProduct(this.dominant.rows, this.X, u, out);
  }
}
