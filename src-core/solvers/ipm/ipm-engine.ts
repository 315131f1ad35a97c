import { ConvexOperators } from '../../convex/convex-operators';
import type { ConvexProblem } from '../../convex/convex-problem';
import { isDenseKept, type ConeWorkingSet } from './cone-working-set';
import type { CouplingCache } from './coupling-cache';
import { IpmNewtonSystem, type IpmSystemPath } from './ipm-newton-system';
import { LinearConeArena } from './linear-cone-arena';
import { SecondOrderConeArena } from './second-order-cone-arena';
import { applyW, ntScaling } from './second-order-cone';

/** Most centrality corrections per step (see centralityCorrections). */
const MAX_CORRECTORS = 2;
/**
 * ... and only in programs with at least this many linear cone rows: with fewer, the steps they
 * save do not pay for their solves. Measured (warm ms and Newton steps, no correctors against 2):
 * all rows, n = 3000, d = 21, P = 32 (192k rows), 1e-6: 1206 / 33 against 1034 / 22; n = 10k
 * (640k rows), 1e-3: 4106 / 44 against 3996 / 31. Fewer rows: n = 600, d = 31, P = 64 (77k),
 * 1e-4: 1364 / 31 against 1398 / 27; working sets at n = 5000 (8k kept) 494 / 13 against 633 / 12,
 * n = 100k (bench, ~20k kept) 15.8 s / 30 against 17.4 s / 27; the presets' Most accurate on
 * iris, two moons, spirals, blobs, penguins (29k-66k rows) 14-26% faster without.
 */
const CORRECTORS_MIN_ROWS = 100_000;
/**
 * Corrections are tried only after a step shorter than this: long steps need none, and near the
 * optimum (where the Newton systems are the least accurate) a correction's own error was
 * measured to stall the last digits (exact two-moons problem: gap 3e-7 instead of 7e-9).
 */
const SHORT_STEP = 0.9;
/**
 * Share of the previous iterate in a working set's restart (the rest is the new program's cold
 * start). Measured, as the warm starts' share then, on the n = 5000 bench problem's 8-point beta
 * path (gap 1e-3): 182 Newton steps in all at 0.75, 189 at 0.5 and 0.9, 195-199 at 0.99-0.999,
 * against 256 for cold solves.
 */
export const RESTART_WEIGHT = 0.75;
/**
 * Share of the previous iterate in a warm start, whose partner is the centred point of
 * startFrom (only s and z are blended). Newton steps in all on 8-point paths (gap 1e-3) at
 * 0.75 / 0.93 / 0.95 / 0.97 / 0.98 / 0.99: n = 5000, d = 21, P = 32: 80 / 78 / 76 / 76 / 78 /
 * 84; n = 3000, d = 41: 83 / 79 / 79 / 80 / 79; the built-in datasets' paths with Balanced and
 * Most accurate: 6,168 / 5,804 / 5,702 / 5,549 / 5,428; n = 2000 at 0.75 / 0.93 / 0.97: 86 / 86
 * / 84. 0.95 keeps a margin from the rise at 0.99.
 */
export const WARM_START_WEIGHT = 0.95;

/**
 * Primal-dual interior-point method (Mehrotra predictor-corrector with Nesterov-Todd scaling,
 * the scheme of CVXOPT's coneqp; Vandenberghe 2010) for the squared-loss convex program
 * (paper-spec.md 1.4) written as a cone QP in x = (u, t):
 *
 *   min  (1/2) ||F u - y||^2 + beta 1^T t
 *   s.t. s_lin = (2 D_i - I) X u_j >= 0     (n linear constraints per block j)
 *        s_soc = (t_j, u_j) in Q^{d+1}       (||u_j|| <= t_j)
 *
 * i.e. G x + s = 0 with G = -[A; I]. Dual variables z = (z_lin >= 0, z_soc in Q); dual
 * feasibility reads F^T (F u - y) - A^T z_lin - z_soc,1 = 0 and z_soc,0 = beta, so
 * (F u - y, z_lin) is exactly the candidate of the dual certificate (dual-certificate.ts).
 * Every Newton system is the structured one of ipm-newton-system.ts. As in coneqp, directions
 * and steps are taken in the scaled variables (lambda = W z = W^{-T} s, ds~ = W^{-T} ds,
 * dz~ = W dz) and the scaling is updated from the scaled new iterates, never recomputed from
 * s and z: near the optimum s and z of the active neurons' cones sit on the boundary and of the
 * zero neurons' cones at the apex, where forming W from them (or W^T W dz) loses the digits the
 * last iterations need, while lambda stays well centred.
 */
/** A primal-dual iterate of the method (original coordinates), to start another solve from. */
export interface IpmIterate {
  readonly u: Float64Array;
  readonly t: Float64Array;
  readonly sLin: Float64Array;
  readonly zLin: Float64Array;
  readonly sSoc: Float64Array;
  readonly zSoc: Float64Array;
  /** The cone rows the solve kept (n x 2P, 1 = kept; see cone-working-set.ts); absent: all. */
  readonly activeRows?: Uint8Array;
  /**
   * sqrt(mu) at the cold start of the first solve of a chain (CVXOPT's point; passed on by every
   * warm start): the scale of the centred point a warm start blends with (IpmEngine.startFrom).
   */
  readonly coldScale: number;
}

export interface IpmStepReport {
  /** Step length taken (0..1). */
  alpha: number;
  /** s^T z / degree before the step. */
  mu: number;
  sigma: number;
}

export class IpmEngine {
  readonly ops: ConvexOperators;
  readonly system: IpmNewtonSystem;
  readonly n: number;
  readonly d: number;
  readonly P: number;
  /** Number of linear constraints plus number of second-order cones (the barrier degree). */
  degree: number;
  /** Primal: blocks u (2P x d) and heights t (2P). */
  readonly u: Float64Array;
  readonly t: Float64Array;
  /** Slacks and duals in the original coordinates: linear part n x 2P (pattern space), cone part 2P x (d+1). */
  readonly sLin: Float64Array;
  readonly zLin: Float64Array;
  readonly sSoc: Float64Array;
  readonly zSoc: Float64Array;
  /** -z_lin (n x 2P), the linear rows' part of the dual residual's candidate (residuals()). */
  private readonly negZLin: Float64Array;
  /** X u^T (n x 2P) and F u - y (n) at the current u (refreshed by residuals()). */
  readonly XU: Float64Array;
  readonly residual: Float64Array;
  /**
   * F^T (F u - y) - A^T z_lin (2P x d), refreshed by residuals(): the dual residual's products
   * over X, which are also the dual certificate's (DualCertificate.boundFromAdjoint) for the
   * candidate (F u - y, z_lin).
   */
  readonly residualAdjoint: Float64Array;
  /** D_i r (n x P) and X^T D_i r (P x d): sparseResiduals' halves of the residual's products. */
  private readonly maskedResidual: Float64Array;
  private readonly patternAdjoint: Float64Array;
  /**
   * The linear cone rows in the program (n x 2P, 1 = kept): all of them, or a working set
   * (cone-working-set.ts). A row left out has s = z = 0, no residual and no Newton weight; the
   * products over the kept rows are then taken row by row (`blockRows`), not as passes over X.
   */
  readonly active: Uint8Array;
  private blockRows: Int32Array[] | null;
  /** The kept entries of the pattern space (indices k * 2P + j of `active`), ascending. */
  private kept: Int32Array;
  /** solveKkt's e o g over the pattern space (dense path): 0 on every entry left out. */
  private readonly signed: Float64Array;
  /** Where the linear cones' arrays live, with the passes over their kept entries. */
  private readonly linear: LinearConeArena;
  /** ... and the second-order cones', with the passes over them. */
  private readonly cones: SecondOrderConeArena;
  /**
   * Whether solveKkt takes its products over the kept rows row by row (a sparse working set) or
   * as passes over X with the rows left out weighted 0 (all rows, or a set of at least
   * DENSE_KEPT_FRACTION of them (cone-working-set.ts), where the row-by-row loops cost more than the SIMD passes).
   */
  private rowByRow: boolean;
  private readonly workingSet: ConeWorkingSet | null;
  private readonly problem: ConvexProblem;
  private readonly beta: number;
  private readonly side: number;
  // Scaling W and the scaled point lambda: linear cones W = diag(dLin); second-order cones (eta, v).
  private readonly dLin: Float64Array;
  private readonly lambdaLin: Float64Array;
  private readonly cLin: Float64Array; // 1 / dLin^2, the Newton weights
  private readonly eta: Float64Array;
  private readonly v: Float64Array;
  private readonly lambdaSoc: Float64Array;
  // Residuals: dual (u: 2P x d, t: 2P) and primal (lin, soc).
  private readonly rxU: Float64Array;
  private readonly rxT: Float64Array;
  private readonly rzLin: Float64Array;
  private readonly rzSoc: Float64Array;
  // Directions: dx, and the scaled ds~, dz~.
  private readonly dxU: Float64Array;
  private readonly dxT: Float64Array;
  private readonly dsLin: Float64Array;
  private readonly dzLin: Float64Array;
  private readonly dsSoc: Float64Array;
  private readonly dzSoc: Float64Array;
  // Right-hand sides: bx, bz and q~ = lambda \ bs.
  private readonly bxU: Float64Array;
  private readonly bxT: Float64Array;
  private readonly qLin: Float64Array;
  private readonly qSoc: Float64Array;
  /** Scratch in pattern space (n x 2P) for the products of whichever part of a step runs. */
  private readonly pattern: Float64Array;
  private readonly blocksWork: Float64Array;
  /** The direction before a centrality correction (dx u, dx t, ds~, dz~ linear and cone). */
  private readonly savedDirection: Float64Array[];

  /** See IpmIterate.coldScale. */
  private coldScale = 0;
  /** null: a cold start; true: started from the given iterate; false: it had other shapes (started cold). */
  readonly warmStarted: boolean | null;

  /**
   * `from` (a previous solve's final iterate on the same X and patterns, e.g. the last beta of a
   * path) starts the method from it (startFrom); without it, or when its shapes differ, the
   * method starts from CVXOPT's cold start.
   */
  constructor(problem: ConvexProblem, path: IpmSystemPath, now: () => number, workingSet: ConeWorkingSet | null = null, coupling: CouplingCache | null = null, from: IpmIterate | null = null) {
    this.problem = problem;
    this.beta = problem.beta;
    const ops = new ConvexOperators(problem.X, problem.patterns);
    this.ops = ops;
    const { n, d, P } = ops;
    this.n = n;
    this.d = d;
    this.P = P;
    const m = 2 * P;
    const side = d + 1;
    this.side = side;
    const subset = workingSet !== null && !workingSet.isEverything;
    this.active = subset ? workingSet.active : new Uint8Array(n * m).fill(1);
    this.blockRows = subset ? workingSet.blockRows() : null;
    this.workingSet = subset ? workingSet : null;
    this.kept = keptEntries(this.active);
    this.rowByRow = takesRowByRow(this.blockRows, this.kept, this.active);
    this.degree = (subset ? workingSet.count : n * m) + m;
    this.system = new IpmNewtonSystem(problem.X, ops.masks, P, path, now, this.rowByRow ? this.blockRows : null, coupling);
    const np = n * m;
    // The second-order cones' arrays and passes (WebAssembly where available).
    this.cones = new SecondOrderConeArena(m, d);
    ({ sSoc: this.sSoc, zSoc: this.zSoc, lambdaSoc: this.lambdaSoc, v: this.v, dsSoc: this.dsSoc, dzSoc: this.dzSoc, qSoc: this.qSoc, rzSoc: this.rzSoc, eta: this.eta, dxT: this.dxT, bxT: this.bxT, dxU: this.dxU } = this.cones.arrays);
    // The linear cones' arrays and the passes over their kept entries (WebAssembly where available).
    this.linear = new LinearConeArena(np);
    ({ sLin: this.sLin, zLin: this.zLin, dLin: this.dLin, lambdaLin: this.lambdaLin, cLin: this.cLin, rzLin: this.rzLin, qLin: this.qLin, dsLin: this.dsLin, dzLin: this.dzLin, pattern: this.pattern, signed: this.signed } = this.linear.arrays);
    this.linear.setKept(this.kept, keptSigns(this.kept, ops.masks, P));
    const md = m * d;
    const ms = m * side;
    this.u = new Float64Array(md);
    this.t = new Float64Array(m);
    this.XU = new Float64Array(np);
    this.residual = new Float64Array(n);
    this.rxU = new Float64Array(md);
    this.residualAdjoint = new Float64Array(md);
    this.maskedResidual = new Float64Array(n * P);
    this.patternAdjoint = new Float64Array(P * d);
    this.rxT = new Float64Array(m);
    this.bxU = new Float64Array(md);
    this.negZLin = new Float64Array(np);
    this.blocksWork = new Float64Array(md);
    this.savedDirection = [md, m, np, np, ms, ms].map((length) => new Float64Array(length));
    if (from && this.fitsShapes(from)) {
      this.startFrom(from);
      this.warmStarted = true;
    } else {
      this.initialize();
      this.coldScale = Math.sqrt(this.lambdaNorm2() / this.degree);
      this.warmStarted = from ? false : null;
    }
  }

  /**
   * CVXOPT's starting point: with W = I solve  P x + G^T z = -q,  G x - z = 0  (z = G x), take
   * s = -z, then shift s and z along the cone identity e into the interior where they are not.
   */
  private initialize(): void {
    const { n, P, side } = this;
    const m = 2 * P;
    // W = I: d = 1, eta = 1, v = e (2 e e^T - J = I), lambda unused by the solve below.
    this.dLin.fill(1);
    this.eta.fill(1);
    this.v.fill(0);
    for (let j = 0; j < m; j++) this.v[j * side] = 1;
    this.refreshNewtonSystem();
    const R = this.pattern;
    this.ops.combineForAdjoint(this.problem.y, new Float64Array(n * m), R);
    this.ops.adjointBlocks(R, this.bxU);
    this.bxT.fill(-this.beta);
    this.rzLin.fill(0);
    this.rzSoc.fill(0);
    this.qLin.fill(0);
    this.qSoc.fill(0);
    // bz = 0 and q~ = 0: then ds~ = -G dx = -z.
    this.solveKkt(1);
    this.u.set(this.dxU);
    this.t.set(this.dxT);
    for (let k = 0; k < this.sLin.length; k++) {
      const kept = this.active[k]!;
      this.sLin[k] = kept * this.dsLin[k]!;
      this.zLin[k] = -kept * this.dsLin[k]!;
    }
    for (let k = 0; k < this.sSoc.length; k++) {
      this.sSoc[k] = this.dsSoc[k]!;
      this.zSoc[k] = -this.dsSoc[k]!;
    }
    this.shiftInside(this.sLin, this.sSoc);
    this.shiftInside(this.zLin, this.zSoc);
    this.scalingFromIterates();
  }

  /**
   * After the working set gained rows (ConeWorkingSet.addViolated): takes them into the program
   * and restarts from the current iterate blended with the new program's cold start (blendWith).
   * The new rows start strictly inside their cones from the blend.
   */
  restartWithGrownWorkingSet(): void {
    const workingSet = this.workingSet;
    if (workingSet === null) return;
    const previous = this.iterate();
    this.takeWorkingSetRows(workingSet);
    this.initialize();
    this.blendWith(previous, RESTART_WEIGHT);
    this.scalingFromIterates();
  }

  /** The row structures derived from the working set's `active` (which it has just grown). */
  private takeWorkingSetRows(workingSet: ConeWorkingSet): void {
    this.blockRows = workingSet.blockRows();
    this.kept = keptEntries(this.active);
    this.linear.setKept(this.kept, keptSigns(this.kept, this.ops.masks, this.P));
    this.rowByRow = takesRowByRow(this.blockRows, this.kept, this.active);
    this.degree = workingSet.count + 2 * this.P;
    this.system.setBlockRows(this.rowByRow ? this.blockRows : null);
  }

  /**
   * Takes the rows the working set gained (ConeWorkingSet.addViolated) into the running method
   * without a restart: each new row starts centred, s = z = sqrt(mu), and the violation it has at
   * the current u stays as its primal residual s - (2 D_i - I) X u, which the infeasible method's
   * Newton steps remove like every other residual. Measured against restartWithGrownWorkingSet on
   * programs with fewer rows than 50 per column (cone-working-set.ts, workingSetPlan): low-rank X
   * 40 -> 22 Newton steps, heavy-tailed X 35 -> 19, one-hot columns 29 -> 17.
   */
  growInPlace(): void {
    const workingSet = this.workingSet;
    if (workingSet === null) return;
    const root = Math.sqrt(this.lambdaNorm2() / this.degree);
    const before = new Uint8Array(this.active.length);
    for (let t = 0; t < this.kept.length; t++) before[this.kept[t]!] = 1;
    this.takeWorkingSetRows(workingSet);
    for (let t = 0; t < this.kept.length; t++) {
      const k = this.kept[t]!;
      if (before[k]) continue;
      this.sLin[k] = root;
      this.zLin[k] = root;
      this.dLin[k] = 1;
      this.lambdaLin[k] = root;
    }
  }

  /** A copy of the current iterate. */
  iterate(): IpmIterate {
    const copy = { u: Float64Array.from(this.u), t: Float64Array.from(this.t), sLin: Float64Array.from(this.sLin), zLin: Float64Array.from(this.zLin), sSoc: Float64Array.from(this.sSoc), zSoc: Float64Array.from(this.zSoc), coldScale: this.coldScale };
    return this.blockRows ? { ...copy, activeRows: Uint8Array.from(this.active) } : copy;
  }

  private fitsShapes(previous: IpmIterate): boolean {
    const pairs = [[this.u, previous.u], [this.t, previous.t], [this.sLin, previous.sLin], [this.zLin, previous.zLin], [this.sSoc, previous.sSoc], [this.zSoc, previous.zSoc]] as const;
    return pairs.every(([mine, theirs]) => mine.length === theirs.length);
  }

  /** The margin (2 D_i - I) X u_j of linear row e = k 2P + j at the u of XU (XU refreshed by the caller). */
  private rowMargin(e: number): number {
    const { P } = this;
    const k = (e / (2 * P)) | 0;
    const j = e - k * 2 * P;
    return (this.ops.masks[k * P + (j < P ? j : j - P)] ? 1 : -1) * this.XU[e]!;
  }

  /**
   * A warm start: `previous` blended with the centred point s = z = c e (each kept row c, each
   * cone (c, 0)) at the chain's scale c = previous.coldScale, with u and t left at the previous
   * solution. Its s and z are what must move off the boundary (u and t lie in no cone), and
   * this program's own cold start, the partner before, cost a factorization and a solve (~30 ms
   * a point at n = 5000, d = 21, P = 32); c is that cold start's own scale. Measured on 8-point
   * paths (gap 1e-3, ascending beta), Newton steps in all for: every variable blended with the
   * cold start / with this centred point and u, t toward 0 / this start: n = 5000 84 / 85 / 80
   * (A/B pairs of the last two: 2.13-2.22 -> 1.97-2.06 s; of the first two 2.58 -> 2.45 s);
   * n = 3000, d = 41 86 / 84 / 83 (8.9, 8.0, 7.4 s); n = 2000 90 / 88 / 86 (times within their
   * noise, 1.4-1.8 s); the built-in datasets' paths with the Balanced and Most accurate presets
   * 6,182 / 6,164 / 6,168 (25.1, 23.6, 22.6 s). A fixed scale for c was fragile (0.01: twice the
   * steps); raising only the smaller of each pair s, z to a target product (no blend) took up
   * to twice the steps at large beta.
   */
  private startFrom(previous: IpmIterate): void {
    const c = previous.coldScale;
    this.coldScale = c;
    const { side } = this;
    this.u.set(previous.u);
    this.t.set(previous.t);
    // Rows left out keep s = z = 0 and the unit scaling (the arrays are new).
    this.dLin.fill(1);
    const kept = this.kept;
    for (let q = 0; q < kept.length; q++) {
      this.sLin[kept[q]!] = c;
      this.zLin[kept[q]!] = c;
    }
    this.sSoc.fill(0);
    this.zSoc.fill(0);
    for (let o = 0; o < this.sSoc.length; o += side) {
      this.sSoc[o] = c;
      this.zSoc[o] = c;
    }
    this.blendWith(previous, WARM_START_WEIGHT);
    this.slacksFromMargins();
    this.scalingFromIterates();
  }

  /**
   * A warm start's linear slacks at no less than the rows' margins (2 D_i - I) X u_j at its u, each
   * raised pair keeping its product s z: a row the previous solve left slack, or did not keep,
   * starts where it is, with a primal residual of 0 and a small multiplier, instead of at the
   * blend's s = z = 0.05 c, from which the first Newton steps drove z toward 0 and s up by 10-30
   * times s and were cut to lengths 0.01-0.4. Measured on 8-point paths (gap 1e-3, ascending
   * beta), Newton steps in all: n = 5000 bench path 74 -> 71 ([12,6,7,7,9,8,10,12]; the first
   * steps of the warm points 0.36-0.7 long); twelve random paths (.exp/pathfuzz.ts: n 289-2,413,
   * regression, binary and 3-class, tolerances 1e-3 to 1e-6) 1,586 -> 1,496, objectives within
   * 0.3 of the tolerance of cold solves; the built-in datasets' paths (small: every row kept, few
   * of them slack at the blend) 5,702 -> 5,704.
   */
  private slacksFromMargins(): void {
    const { sLin, zLin, kept } = this;
    this.ops.applyBlocks(this.u, this.XU);
    for (let t = 0; t < kept.length; t++) {
      const e = kept[t]!;
      const margin = this.rowMargin(e);
      const s = sLin[e]!;
      if (margin <= s) continue;
      zLin[e] = (s * zLin[e]!) / margin;
      sLin[e] = margin;
    }
  }

  /**
   * Replaces the starting point by w * previous + (1 - w) * start (Skajaa, Andersen & Ye 2013):
   * both are strictly inside the cones, so the blend is, and the start's share keeps it off the
   * boundary where the previous optimum sits (from there a Newton method takes tiny steps). The
   * caller then computes the scaling afresh (scalingFromIterates). `previous` comes from a problem
   * with the same X and patterns (fitsShapes).
   */
  private blendWith(previous: IpmIterate, weight: number): void {
    const blend = (into: Float64Array, from: Float64Array, k: number): void => {
      into[k] = weight * from[k]! + (1 - weight) * into[k]!;
    };
    for (const [into, from] of [[this.u, previous.u], [this.t, previous.t], [this.sSoc, previous.sSoc], [this.zSoc, previous.zSoc]] as const) {
      for (let k = 0; k < into.length; k++) blend(into, from, k);
    }
    // Only the kept rows: those this solve leaves out hold 0 and keep it, whatever the previous
    // solve kept (a working set's rows are a few percent of all).
    const kept = this.kept;
    for (let q = 0; q < kept.length; q++) {
      blend(this.sLin, previous.sLin, kept[q]!);
      blend(this.zLin, previous.zLin, kept[q]!);
    }
  }

  /** The scaling W and lambda computed from s and z (only at a start, where both are well inside the cones). */
  private scalingFromIterates(): void {
    const { side, P } = this;
    const m = 2 * P;
    // Rows left out hold d = 1, lambda = 0 from the start (initialize, startFrom) and keep them.
    const kept = this.kept;
    for (let q = 0; q < kept.length; q++) {
      const k = kept[q]!;
      this.dLin[k] = Math.sqrt(this.sLin[k]! / this.zLin[k]!);
      this.lambdaLin[k] = Math.sqrt(this.sLin[k]! * this.zLin[k]!);
    }
    for (let j = 0; j < m; j++) {
      const o = j * side;
      this.eta[j] = ntScaling(this.sSoc, o, this.zSoc, o, side, this.v, o);
      applyW(this.eta[j]!, this.v, o, this.zSoc, o, this.lambdaSoc, o, side);
    }
  }

  /** x <- x + (1 + a) e when a = -(smallest cone "eigenvalue") >= 0. */
  private shiftInside(lin: Float64Array, soc: Float64Array): void {
    const { side } = this;
    let worst = -Infinity;
    for (let k = 0; k < lin.length; k++) if (this.active[k]) worst = Math.max(worst, -lin[k]!);
    for (let j = 0; j < soc.length / side; j++) {
      let tail = 0;
      for (let p = 1; p < side; p++) tail += soc[j * side + p]! ** 2;
      worst = Math.max(worst, Math.sqrt(tail) - soc[j * side]!);
    }
    if (worst < 0) return;
    const shift = 1 + worst;
    for (let k = 0; k < lin.length; k++) if (this.active[k]) lin[k]! += shift;
    for (let j = 0; j < soc.length / side; j++) soc[j * side]! += shift;
  }

  /**
   * Refreshes XU, F u - y and both residuals: rx = P x + q + G^T z, rz = G x + s. Returns their
   * norms and the duality measure mu = s^T z / degree.
   */
  residuals(): { primal: number; dual: number; mu: number } {
    this.ops.applyBlocks(this.u, this.XU);
    // A method per part. (Inline, V8 compiled the long method's loops one by one as they ran,
    // and deoptimized the code after the loop it entered by at every call of a process's first
    // solve: 63 times at n = 600 by --trace-deopt; the time saved was within the noise.)
    const linear = this.rowByRow ? this.sparseResiduals() : this.denseResiduals();
    const primal = this.coneResiduals(linear);
    return { primal: Math.sqrt(primal), dual: Math.sqrt(this.dualResiduals()), mu: this.lambdaNorm2() / this.degree };
  }

  /**
   * residuals() with every row in the n x 2P form: r = F u - y, the linear rows' primal residuals
   * s - (2 D_i - I) X u_j (0 where a row is left out) and F^T r - A^T z_lin through the pattern
   * space. Returns the linear rows' squared primal residual.
   */
  private denseResiduals(): number {
    const { ops, n, P, XU } = this;
    const m = 2 * P;
    const masks = ops.masks;
    const y = this.problem.y;
    const r = this.residual;
    let primal = 0;
    for (let k = 0; k < n; k++) {
      const row = k * m;
      const mrow = k * P;
      let fu = 0;
      for (let i = 0; i < P; i++) {
        const active = masks[mrow + i]!;
        const e = 2 * active - 1;
        const a1 = XU[row + i]!;
        const a2 = XU[row + P + i]!;
        fu += active * (a1 - a2);
        const r1 = this.active[row + i]! * (this.sLin[row + i]! - e * a1);
        const r2 = this.active[row + P + i]! * (this.sLin[row + P + i]! - e * a2);
        this.rzLin[row + i] = r1;
        this.rzLin[row + P + i] = r2;
        primal += r1 * r1 + r2 * r2;
      }
      r[k] = fu - y[k]!;
    }
    // F^T r - A^T z_lin through the n x 2P pattern space.
    negateInto(this.zLin, this.negZLin);
    ops.combineForAdjoint(r, this.negZLin, this.pattern);
    ops.adjointBlocks(this.pattern, this.residualAdjoint);
    return primal;
  }

  /** rz_soc = s_soc - (t, u); returns `sum` plus its squared norm (added term by term). */
  private coneResiduals(sum: number): number {
    const { P, d, side } = this;
    let primal = sum;
    for (let j = 0; j < 2 * P; j++) {
      const o = j * side;
      const r0 = this.sSoc[o]! - this.t[j]!;
      this.rzSoc[o] = r0;
      primal += r0 * r0;
      for (let a = 0; a < d; a++) {
        const ra = this.sSoc[o + 1 + a]! - this.u[j * d + a]!;
        this.rzSoc[o + 1 + a] = ra;
        primal += ra * ra;
      }
    }
    return primal;
  }

  /** rx_u = F^T r - A^T z_lin - z_soc,1 ; rx_t = beta - z_soc,0 (residualAdjoint refreshed); returns their squared norm. */
  private dualResiduals(): number {
    const { P, d, side } = this;
    let dual = 0;
    for (let j = 0; j < 2 * P; j++) {
      const o = j * side;
      const rt = this.beta - this.zSoc[o]!;
      this.rxT[j] = rt;
      dual += rt * rt;
      for (let a = 0; a < d; a++) {
        const value = this.residualAdjoint[j * d + a]! - this.zSoc[o + 1 + a]!;
        this.rxU[j * d + a] = value;
        dual += value * value;
      }
    }
    return dual;
  }

  /**
   * residuals() with a sparse working set (rowByRow): r = F u - y over all rows, but the linear
   * rows' primal residuals s - (2 D_i - I) X u_j only on the kept rows (the others have none and
   * stay 0), and F^T r - A^T z_lin as X^T (D_i r) once per pattern (the w blocks take its
   * negative: half the pass over X of the n x 2P form) minus the kept rows' e z x_k, without
   * the form's three sweeps over the n x 2P cone space. Measured on the n = 5000, d = 21,
   * P = 32 8-point path (2.9% of the rows kept), three A/B pairs: 1.91-1.98 -> 1.80-1.85 s
   * (CPU 2.31-2.45 -> 2.23-2.30 s), the same Newton steps. Returns the linear rows' squared
   * primal residual; residualAdjoint holds F^T r - A^T z_lin.
   */
  private sparseResiduals(): number {
    const { ops, n, P, d, XU, kept, sLin, zLin, rzLin, residualAdjoint } = this;
    const m = 2 * P;
    const masks = ops.masks;
    const y = this.problem.y;
    const r = this.residual;
    const masked = this.maskedResidual;
    for (let k = 0; k < n; k++) {
      const row = k * m;
      const mrow = k * P;
      let fu = 0;
      for (let i = 0; i < P; i++) fu += masks[mrow + i]! * (XU[row + i]! - XU[row + P + i]!);
      const rk = fu - y[k]!;
      r[k] = rk;
      for (let i = 0; i < P; i++) masked[mrow + i] = masks[mrow + i]! * rk;
    }
    const half = this.patternAdjoint;
    ops.adjointPatterns(masked, half);
    for (let i = 0; i < P; i++) {
      for (let a = 0; a < d; a++) {
        residualAdjoint[i * d + a] = half[i * d + a]!;
        residualAdjoint[(P + i) * d + a] = -half[i * d + a]!;
      }
    }
    let primal = 0;
    for (let t = 0; t < kept.length; t++) {
      const e = kept[t]!;
      const rz = sLin[e]! - this.rowMargin(e);
      rzLin[e] = rz;
      primal += rz * rz;
    }
    this.addKeptAdjoint(zLin, -1, residualAdjoint);
    return primal;
  }

  /** lambda^T lambda = s^T z. */
  private lambdaNorm2(): number {
    let g = 0;
    const kept = this.kept;
    for (let t = 0; t < kept.length; t++) g += this.lambdaLin[kept[t]!]! ** 2;
    for (let k = 0; k < this.lambdaSoc.length; k++) g += this.lambdaSoc[k]! ** 2;
    return g;
  }

  /** One predictor-corrector step; call residuals() first. */
  step(mu: number): IpmStepReport {
    const m = 2 * this.P;
    this.refreshNewtonSystem();
    for (let k = 0; k < this.bxU.length; k++) this.bxU[k] = -this.rxU[k]!;
    for (let j = 0; j < m; j++) this.bxT[j] = -this.rxT[j]!;
    // Predictor: bs = -lambda o lambda, so q~ = lambda \ bs = -lambda.
    this.linear.predictor();
    for (let k = 0; k < this.qSoc.length; k++) this.qSoc[k] = -this.lambdaSoc[k]!;
    this.solveKkt(1);
    const alphaAffine = Math.min(1, this.stepToBoundary());
    const gapAffine = this.cones.gapAffine(alphaAffine, this.linear.gapAffine(alphaAffine));
    const sigma = Math.min(1, Math.max(0, gapAffine / (mu * this.degree)) ** 3);
    // Corrector: bs = sigma mu e - lambda o lambda - ds~_a o dz~_a, q~ = lambda \ bs.
    const target = sigma * mu;
    this.linear.corrector(target);
    this.cones.corrector(target);
    this.solveKkt(1);
    const reach = this.centralityCorrections(target, this.stepToBoundary());
    const alpha = Math.min(1, 0.99 * reach);
    this.takeStep(alpha);
    return { alpha, mu, sigma };
  }

  /**
   * Gondzio's multiple centrality correctors (Gondzio 1996; Colombo & Gondzio 2008), on the
   * linear cones. With n x 2P linear constraints a handful of badly centred pairs block the
   * Mehrotra step (measured: steps of 0.15-0.45 for dozens of iterations at n = 10k, always
   * limited by the linear slacks or multipliers). For a trial step a~ = min(1, 1.5 a + 0.3),
   * the products v = (lambda + a~ ds~) o (lambda + a~ dz~) are pushed back into
   * [0.1, 10] sigma mu by a correction of the direction that solves the same Newton system
   * with zero residuals and complementarity right-hand side (projection of v) - v. A
   * correction is kept only if it lengthens the step enough; each costs one solve with the
   * factorization already made (two passes over X), not a new factorization.
   * Returns the largest step to the boundary of the (possibly corrected) direction.
   */
  private centralityCorrections(target: number, reach: number): number {
    const lower = 0.1 * target;
    const upper = 10 * target;
    const rounds = this.kept.length >= CORRECTORS_MIN_ROWS ? MAX_CORRECTORS : 0;
    for (let round = 0; round < rounds && reach < SHORT_STEP; round++) {
      const trial = Math.min(1, 1.5 * reach + 0.3);
      const q = this.qLin;
      const kept = this.kept;
      for (let t = 0; t < kept.length; t++) {
        const k = kept[t]!;
        const l = this.lambdaLin[k]!;
        const v = (l + trial * this.dsLin[k]!) * (l + trial * this.dzLin[k]!);
        const goal = v < lower ? lower - v : v > upper ? Math.max(upper - v, -upper) : 0;
        q[k] = goal / l;
      }
      this.qSoc.fill(0);
      this.saveDirection();
      this.solveKkt(0);
      this.addSavedDirection();
      const corrected = this.stepToBoundary();
      if (corrected < reach + 0.1 * (trial - reach)) {
        this.restoreDirection();
        break;
      }
      reach = corrected;
    }
    return reach;
  }

  /**
   * x += alpha dx; the new iterates in the current scaling are lambda + alpha ds~ and
   * lambda + alpha dz~, from which the scaling and lambda are updated; then s = W^T lambda and
   * z = W^{-1} lambda in the original coordinates (for the residuals and the certificate).
   */
  private takeStep(alpha: number): void {
    const m = 2 * this.P;
    for (let k = 0; k < this.u.length; k++) this.u[k]! += alpha * this.dxU[k]!;
    for (let j = 0; j < m; j++) this.t[j]! += alpha * this.dxT[j]!;
    this.linear.takeStep(alpha);
    this.cones.takeStep(alpha);
  }

  /** Newton weights c = 1 / d^2 (= z / s) and Omega = W^{-2} at the current scaling; factors the system. */
  private refreshNewtonSystem(): void {
    this.linear.refresh();
    this.system.update(this.cLin, this.eta, this.v);
  }

  /**
   * The scaled KKT solve for right-hand sides bx (bxU, bxT), bz = -rz (rzLin, rzSoc), both
   * multiplied by residualWeight (0 for a centrality correction), and q~
   * (qLin, qSoc): with ds~ + dz~ = q~,
   *   (P + G^T W^{-1} W^{-T} G) dx = bx + G^T W^{-1} (W^{-T} bz - q~),
   *   ds~ = W^{-T} (bz - G dx),   dz~ = q~ - ds~.
   * Writes dxU, dxT, dsLin, dsSoc, dzLin, dzSoc.
   */
  private solveKkt(residualWeight: number): void {
    const { ops } = this;
    // Linear cones (G = -A, W = diag(dLin)): G^T W^{-1}(W^{-T} bz - q~) = -A^T g, g = (bz / d - q~) / d.
    // A^T g is the adjoint of the pattern-space array e o g (e = 2 d_ki - 1: combineForAdjoint
    // without its F^T part), formed in the same pass as g.
    if (this.rowByRow) {
      this.keptAdjoint(residualWeight, this.blocksWork);
    } else {
      // Over the kept entries only (41% of them at n = 600 with a working set; all without):
      // a row left out weighs 0 and its entry of `signed` stays 0 (see keptSigns). The pass is
      // the LinearConeArena's, as are the others over the kept entries.
      this.linear.kktSigned(residualWeight);
      ops.adjointBlocks(this.signed, this.blocksWork);
    }
    for (let k = 0; k < this.dxU.length; k++) this.dxU[k] = residualWeight * this.bxU[k]! - this.blocksWork[k]!;
    // Second-order cones (G = -I): subtract W^{-1} (W^{-1} bz - q~).
    this.cones.rightHandSide(residualWeight);
    this.system.solve(this.dxU, this.dxT, this.dxU, this.dxT);
    // ds~ = W^{-T} (bz - G dx): linear (-rz + A du) / d; cones W^{-1} (-rz + (dt, du)).
    if (this.rowByRow) {
      this.keptSlackDirection(residualWeight);
    } else {
      // A du = e o (X du^T) (coneProducts, fused into this pass), on the kept entries; the
      // others hold ds = dz = 0 (never written: nothing else writes them on this path).
      ops.applyBlocks(this.dxU, this.pattern);
      this.linear.kktSlack(residualWeight);
    }
    this.cones.slackDirection(residualWeight);
  }

  /**
   * solveKkt's A^T g on the kept rows only, row by row: out (2P x d), block j the sum over its
   * kept rows k of e_kj g_kj x_k, g = (bz / d - q~) / d (bz = -residualWeight rz).
   */
  private keptAdjoint(residualWeight: number, out: Float64Array): void {
    const { dLin, rzLin, qLin, kept } = this;
    const g = this.pattern; // free in the row-by-row form: only the kept entries are written and read
    for (let t = 0; t < kept.length; t++) {
      const e = kept[t]!;
      const dk = dLin[e]!;
      g[e] = ((-residualWeight * rzLin[e]!) / dk - qLin[e]!) / dk;
    }
    out.fill(0);
    this.addKeptAdjoint(g, 1, out);
  }

  /**
   * out += scale A^T g over the kept rows, row by row: block j gains scale sum_k e_kj g_kj x_k over
   * its kept rows k (g in pattern space, n x 2P; only the kept entries are read). Four rows at a
   * time: out's entries are loaded and stored once per four rows (2x faster than one).
   */
  private addKeptAdjoint(g: Float64Array, scale: number, out: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const x = this.problem.X.data;
    const masks = this.ops.masks;
    const blockRows = this.blockRows!;
    for (let j = 0; j < m; j++) {
      const rows = blockRows[j]!;
      const o = j * d;
      const i = j % P;
      const weight = (k: number): number => (masks[k * P + i] ? scale : -scale) * g[k * m + j]!;
      let q = 0;
      for (; q + 4 <= rows.length; q += 4) {
        const k0 = rows[q]!;
        const k1 = rows[q + 1]!;
        const k2 = rows[q + 2]!;
        const k3 = rows[q + 3]!;
        const g0 = weight(k0);
        const g1 = weight(k1);
        const g2 = weight(k2);
        const g3 = weight(k3);
        const r0 = k0 * d;
        const r1 = k1 * d;
        const r2 = k2 * d;
        const r3 = k3 * d;
        for (let a = 0; a < d; a++) out[o + a]! += g0 * x[r0 + a]! + g1 * x[r1 + a]! + g2 * x[r2 + a]! + g3 * x[r3 + a]!;
      }
      for (; q < rows.length; q++) {
        const k = rows[q]!;
        const gk = weight(k);
        const row = k * d;
        for (let a = 0; a < d; a++) out[o + a]! += gk * x[row + a]!;
      }
    }
  }

  /** solveKkt's ds~ = (-rz + A du) / d and dz~ = q~ - ds~ on the kept rows, row by row (rows left out keep 0). */
  private keptSlackDirection(residualWeight: number): void {
    const { d, P, dLin, rzLin, qLin, dxU } = this;
    const m = 2 * P;
    const x = this.problem.X.data;
    const masks = this.ops.masks;
    const blockRows = this.blockRows!;
    for (let j = 0; j < m; j++) {
      const rows = blockRows[j]!;
      const o = j * d;
      const i = j % P;
      const take = (k: number, product: number): void => {
        const e = k * m + j;
        const ds = (-residualWeight * rzLin[e]! + (masks[k * P + i] ? 1 : -1) * product) / dLin[e]!;
        this.dsLin[e] = ds;
        this.dzLin[e] = qLin[e]! - ds;
      };
      let q = 0;
      // Four rows at a time: du_j's entries are loaded once per four products.
      for (; q + 4 <= rows.length; q += 4) {
        const r0 = rows[q]! * d;
        const r1 = rows[q + 1]! * d;
        const r2 = rows[q + 2]! * d;
        const r3 = rows[q + 3]! * d;
        let p0 = 0;
        let p1 = 0;
        let p2 = 0;
        let p3 = 0;
        for (let a = 0; a < d; a++) {
          const u = dxU[o + a]!;
          p0 += x[r0 + a]! * u;
          p1 += x[r1 + a]! * u;
          p2 += x[r2 + a]! * u;
          p3 += x[r3 + a]! * u;
        }
        take(rows[q]!, p0);
        take(rows[q + 1]!, p1);
        take(rows[q + 2]!, p2);
        take(rows[q + 3]!, p3);
      }
      for (; q < rows.length; q++) {
        const k = rows[q]!;
        const row = k * d;
        let product = 0;
        for (let a = 0; a < d; a++) product += x[row + a]! * dxU[o + a]!;
        take(k, product);
      }
    }
  }

  private directionParts(): Float64Array[] {
    return [this.dxU, this.dxT, this.dsLin, this.dzLin, this.dsSoc, this.dzSoc];
  }

  private saveDirection(): void {
    this.directionParts().forEach((part, k) => this.savedDirection[k]!.set(part));
  }

  /** direction += saved direction (the correction is linear in its right-hand side). */
  private addSavedDirection(): void {
    this.directionParts().forEach((part, k) => {
      const saved = this.savedDirection[k]!;
      for (let t = 0; t < part.length; t++) part[t]! += saved[t]!;
    });
  }

  private restoreDirection(): void {
    this.directionParts().forEach((part, k) => part.set(this.savedDirection[k]!));
  }

  /** Largest alpha with lambda + alpha ds~ and lambda + alpha dz~ both inside the cones (one pass over each). */
  private stepToBoundary(): number {
    return this.cones.boundary(this.linear.boundary(Infinity));
  }
}

/** Whether a solve's products and Grams go over the kept rows one by one (see IpmEngine.rowByRow). */
function takesRowByRow(blockRows: readonly Int32Array[] | null, kept: Int32Array, active: Uint8Array): boolean {
  return blockRows !== null && !isDenseKept(kept.length, active.length);
}

function keptEntries(active: Uint8Array): Int32Array {
  let count = 0;
  for (let e = 0; e < active.length; e++) count += active[e]!;
  const entries = new Int32Array(count);
  for (let e = 0, q = 0; e < active.length; e++) if (active[e]) entries[q++] = e;
  return entries;
}

/**
 * The sign e = 2 d_ki - 1 of each kept entry k * 2P + j (pattern i = j mod P). solveKkt's dense
 * passes once ran over all n x 2P entries weighing the rows left out by 0; over the kept ones
 * with their signs they compute the same values (1 * e = e) in 41% of the work at n = 600.
 */
function keptSigns(kept: Int32Array, masks: Uint8Array, P: number): Float64Array {
  const m = 2 * P;
  const signs = new Float64Array(kept.length);
  for (let t = 0; t < kept.length; t++) {
    const e = kept[t]!;
    const k = Math.floor(e / m);
    const i = (e - k * m) % P;
    signs[t] = masks[k * P + i] ? 1 : -1;
  }
  return signs;
}

/** out = -x. */
function negateInto(x: Float64Array, out: Float64Array): void {
  for (let k = 0; k < x.length; k++) out[k] = -x[k]!;
}
