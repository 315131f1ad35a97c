import { applyW, applyWInverse, jordanDivide, jordanProduct, maxConeStep, ntScaling, updateScaling } from '../solvers/ipm/second-order-cone';
import { LocalEliminationSystem, type ConeList, type ConeScaling } from './robust-ipm-system';
import type { SignedBlocks } from './robust-ipm-signed-groups';
import { multiplySparse, transposeSparse, type SparseRows } from './sparse-rows';

/**
 * A separable smooth convex term  sum_i weights_i f(x_{columns_i})  of the objective (the logistic
 * loss on the robust program's slacks). f must be convex and twice differentiable everywhere.
 */
export interface SmoothSeparableTerm {
  readonly columns: Int32Array;
  readonly weights: Float64Array;
  derivative(t: number): number;
  curvature(t: number): number;
}

/**
 * A conic quadratic program  min (1/2) x^T diag(p) x + q^T x [+ smooth(x)]  s.t.  A x - c = s in C,
 * with C a product of rays and second-order cones (cones.ts order) and variables in global columns
 * and small local groups (robust-ipm-system.ts).
 */
export interface ConicQp {
  readonly A: SparseRows;
  readonly c: Float64Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly cones: ConeList;
  readonly localGroup: Int32Array;
  readonly groupCount: number;
  /** The groups' rows in signed-block form, when the program has it (eliminated far cheaper). */
  readonly signedBlocks?: SignedBlocks;
  /** A smooth separable objective term; its columns must be local (their curvature changes every step). */
  readonly smooth?: SmoothSeparableTerm;
}

export interface ConicQpStep {
  readonly alpha: number;
  readonly mu: number;
}

/**
 * Where a method on a grown program starts: the iterate of the method on the program before,
 * and, for each row of the grown one, its row there (-1: a row that program did not have).
 */
export interface GrownProgramStart {
  readonly from: ConicQpIpm;
  readonly previousRow: Int32Array;
}

/**
 * Primal-dual interior-point method for a ConicQp: Mehrotra predictor-corrector with
 * Nesterov-Todd scaling, the scheme of CVXOPT's coneqp (Vandenberghe 2010) that the nominal
 * solver (solvers/ipm/ipm-engine.ts) also follows, written for  A x - c = s, y in C (Lagrangian
 * f(x) - y^T (A x - c)). Directions are taken in the scaled variables (lambda = W y = W^{-1} s,
 * ds~ = W^{-1} ds, dy~ = W dy) and the scaling is updated from the scaled iterates:
 *   (P + A^T W^{-2} A) dx = -r_x + A^T W^{-1} (q~ - W^{-1} r_s),
 *   ds~ = W^{-1} (A dx + r_s),   dy~ = q~ - ds~,
 * with r_x = P x + q - A^T y, r_s = A x - c - s and q~ = lambda \ (complementarity target).
 * A smooth term f adds its gradient to r_x and its curvature at the current x to P: the Newton
 * step of the KKT conditions, as in CVXOPT's cp for a convex objective.
 */
export class ConicQpIpm {
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly y: Float64Array;
  readonly degree: number;
  readonly system: LocalEliminationSystem;
  /** A^T as rows, for the products A^T y. */
  private readonly At: SparseRows;
  private readonly lambda: Float64Array;
  private readonly scaling: ConeScaling;
  private readonly rx: Float64Array;
  private readonly rs: Float64Array;
  private readonly dx: Float64Array;
  private readonly ds: Float64Array;
  private readonly dy: Float64Array;
  private readonly qt: Float64Array;
  private readonly work: Float64Array;
  private readonly work2: Float64Array;
  /** diag(P) plus the smooth term's curvature at x (the system reads it at every update). */
  private readonly curvature: Float64Array;
  /** q plus the smooth term's gradient at x (objectiveGradient). */
  private readonly gradient: Float64Array;

  constructor(private readonly qp: ConicQp, grown: GrownProgramStart | null = null) {
    const { A, cones } = qp;
    const rows = A.rows;
    this.x = new Float64Array(A.cols);
    this.s = new Float64Array(rows);
    this.y = new Float64Array(rows);
    this.lambda = new Float64Array(rows);
    this.scaling = { rayW: new Float64Array(rows), eta: new Float64Array(cones.start.length), v: new Float64Array(rows) };
    this.rx = new Float64Array(A.cols);
    this.rs = new Float64Array(rows);
    this.dx = new Float64Array(A.cols);
    this.ds = new Float64Array(rows);
    this.dy = new Float64Array(rows);
    this.qt = new Float64Array(rows);
    this.work = new Float64Array(rows);
    this.work2 = new Float64Array(rows);
    this.degree = cones.start.length;
    this.At = transposeSparse(A);
    this.curvature = Float64Array.from(qp.p);
    this.gradient = new Float64Array(A.cols);
    this.system = new LocalEliminationSystem(A, cones, qp.localGroup, qp.groupCount, this.curvature, qp.signedBlocks);
    if (grown === null) this.initialize();
    else this.continueFrom(grown);
  }

  /**
   * The iterate of the method on a smaller program (fewer ray rows), continued on this one: x, and
   * s and y on the rows both have, as they were; a new row starts at s = y = sqrt(mu), on the
   * central path's scale (the squared-loss engine's in-place growth, ipm-engine.ts). Its primal
   * residual A x - c - s, large where x violates it, the Newton steps remove like any other.
   */
  private continueFrom({ from, previousRow }: GrownProgramStart): void {
    const { cones } = this.qp;
    if (from.x.length !== this.x.length) throw new Error('ConicQpIpm: the grown program has other variables.');
    this.x.set(from.x);
    let gap = 0;
    for (let r = 0; r < from.s.length; r++) gap += from.s[r]! * from.y[r]!;
    const root = Math.sqrt(Math.max(gap / from.degree, Number.MIN_VALUE));
    for (let g = 0; g < cones.start.length; g++) {
      const o = cones.start[g]!;
      const size = cones.size[g]!;
      if (previousRow[o]! < 0) {
        if (cones.soc[g]) throw new Error('ConicQpIpm: a grown program may add rays only.');
        this.s[o] = root;
        this.y[o] = root;
        continue;
      }
      for (let t = 0; t < size; t++) {
        this.s[o + t] = from.s[previousRow[o + t]!]!;
        this.y[o + t] = from.y[previousRow[o + t]!]!;
      }
    }
    this.scalingFromIterates();
  }

  /**
   * CVXOPT's start: with W = I, x minimizes (1/2) x^T P x + q^T x + (1/2) ||A x - c||^2, then
   * s = A x - c and y = -s, each shifted along the cone identity into the interior if needed.
   */
  private initialize(): void {
    const { A, c, cones } = this.qp;
    // With a smooth term: its quadratic model at x = 0.
    this.linearizeSmooth();
    const q = this.objectiveGradient();
    this.scaling.rayW.fill(1);
    this.scaling.eta.fill(1);
    this.scaling.v.fill(0);
    for (let g = 0; g < cones.start.length; g++) if (cones.soc[g]) this.scaling.v[cones.start[g]!] = 1;
    this.system.update(this.scaling);
    const rhs = new Float64Array(A.cols);
    multiplySparse(this.At, c, rhs);
    for (let j = 0; j < rhs.length; j++) rhs[j] = rhs[j]! - q[j]!;
    this.system.solve(rhs);
    this.x.set(rhs);
    multiplySparse(A, this.x, this.s);
    for (let r = 0; r < this.s.length; r++) {
      this.s[r] = this.s[r]! - c[r]!;
      this.y[r] = -this.s[r]!;
    }
    this.shiftInside(this.s);
    this.shiftInside(this.y);
    this.scalingFromIterates();
  }

  private shiftInside(u: Float64Array): void {
    const { cones } = this.qp;
    let worst = -Infinity;
    for (let g = 0; g < cones.start.length; g++) {
      const o = cones.start[g]!;
      if (!cones.soc[g]) {
        worst = Math.max(worst, -u[o]!);
        continue;
      }
      let tail = 0;
      for (let p = 1; p < cones.size[g]!; p++) tail += u[o + p]! ** 2;
      worst = Math.max(worst, Math.sqrt(tail) - u[o]!);
    }
    if (worst < 0) return;
    const shift = 1 + worst;
    for (let g = 0; g < cones.start.length; g++) u[cones.start[g]!]! += shift;
  }

  /**
   * Replaces this method's (cold) start by weight * from + (1 - weight) * start on every variable
   * (Skajaa, Andersen & Ye 2013), `from` being the iterate of a method on a program with the same
   * rows and variables (the same program with its robust cone rows relaxed otherwise). Both points
   * are strictly inside the cones, so the blend is, and the start's share keeps it off the
   * boundary where the other iterate converged. Continuing from that iterate unblended, every step
   * was cut to 0.001-0.04 (circles, 2,400 rows: a primal residual of 8e-5 at mu 3e-7).
   */
  blendWith(from: ConicQpIpm, weight: number): void {
    if (from.x.length !== this.x.length || from.s.length !== this.s.length) throw new Error('ConicQpIpm: a blend needs the same variables and rows.');
    for (let j = 0; j < this.x.length; j++) this.x[j] = weight * from.x[j]! + (1 - weight) * this.x[j]!;
    for (let r = 0; r < this.s.length; r++) {
      this.s[r] = weight * from.s[r]! + (1 - weight) * this.s[r]!;
      this.y[r] = weight * from.y[r]! + (1 - weight) * this.y[r]!;
    }
    this.scalingFromIterates();
  }

  private scalingFromIterates(): void {
    const { cones } = this.qp;
    const { rayW, eta, v } = this.scaling;
    for (let g = 0; g < cones.start.length; g++) {
      const o = cones.start[g]!;
      if (!cones.soc[g]) {
        rayW[o] = Math.sqrt(this.s[o]! / this.y[o]!);
        this.lambda[o] = Math.sqrt(this.s[o]! * this.y[o]!);
        continue;
      }
      const m = cones.size[g]!;
      eta[g] = ntScaling(this.s, o, this.y, o, m, v, o);
      applyW(eta[g]!, v, o, this.y, o, this.lambda, o, m);
    }
  }

  /** The curvature of the objective at x: diag(P) plus the smooth term's f'' (weighted). */
  private linearizeSmooth(): void {
    const smooth = this.qp.smooth;
    if (!smooth) return;
    smooth.columns.forEach((column, i) => {
      this.curvature[column] = this.qp.p[column]! + smooth.weights[i]! * smooth.curvature(this.x[column]!);
    });
  }

  /** q plus the smooth term's gradient at x (the linear part of the objective's gradient P x + q + grad f). */
  private objectiveGradient(): Float64Array {
    const out = this.gradient;
    out.set(this.qp.q);
    const smooth = this.qp.smooth;
    if (smooth) smooth.columns.forEach((column, i) => (out[column]! += smooth.weights[i]! * smooth.derivative(this.x[column]!)));
    return out;
  }

  /** Refreshes the residuals; returns their norms and mu = s^T y / degree. */
  residuals(): { primal: number; dual: number; mu: number } {
    const { A, c, p } = this.qp;
    const q = this.objectiveGradient();
    multiplySparse(this.At, this.y, this.rx);
    let dual = 0;
    for (let j = 0; j < this.rx.length; j++) {
      const v = p[j]! * this.x[j]! + q[j]! - this.rx[j]!;
      this.rx[j] = v;
      dual += v * v;
    }
    multiplySparse(A, this.x, this.rs);
    let primal = 0;
    let gap = 0;
    for (let r = 0; r < this.rs.length; r++) {
      const v = this.rs[r]! - c[r]! - this.s[r]!;
      this.rs[r] = v;
      primal += v * v;
      gap += this.lambda[r]! * this.lambda[r]!;
    }
    return { primal: Math.sqrt(primal), dual: Math.sqrt(dual), mu: gap / this.degree };
  }

  /** One predictor-corrector step; call residuals() first. */
  step(mu: number): ConicQpStep {
    const { cones } = this.qp;
    this.linearizeSmooth();
    this.system.update(this.scaling);
    // Predictor: q~ = -lambda.
    for (let r = 0; r < this.qt.length; r++) this.qt[r] = -this.lambda[r]!;
    this.direction();
    const alphaAffine = Math.min(1, this.stepToBoundary());
    let gapAffine = 0;
    for (let r = 0; r < this.lambda.length; r++) gapAffine += (this.lambda[r]! + alphaAffine * this.ds[r]!) * (this.lambda[r]! + alphaAffine * this.dy[r]!);
    const sigma = Math.min(1, Math.max(0, gapAffine / (mu * this.degree)) ** 3);
    // Corrector: q~ = lambda \ (sigma mu e - lambda o lambda - ds~a o dy~a).
    const target = sigma * mu;
    const a = this.work;
    const b = this.work2;
    for (let g = 0; g < cones.start.length; g++) {
      const o = cones.start[g]!;
      if (!cones.soc[g]) {
        const l = this.lambda[o]!;
        this.qt[o] = (target - l * l - this.ds[o]! * this.dy[o]!) / l;
        continue;
      }
      const m = cones.size[g]!;
      jordanProduct(this.ds, o, this.dy, o, a, o, m);
      jordanProduct(this.lambda, o, this.lambda, o, b, o, m);
      for (let t = 0; t < m; t++) b[o + t] = (t === 0 ? target : 0) - b[o + t]! - a[o + t]!;
      jordanDivide(this.lambda, o, b, o, this.qt, o, m);
    }
    this.direction();
    const alpha = Math.min(1, 0.99 * this.stepToBoundary());
    this.takeStep(alpha);
    return { alpha, mu };
  }

  /** dx, ds~, dy~ for the current q~ (see the class comment). */
  private direction(): void {
    const { A, cones } = this.qp;
    const { rayW, eta, v } = this.scaling;
    // g = W^{-1} (q~ - W^{-1} r_s)
    const g = this.work;
    const t = this.work2;
    for (let k = 0; k < cones.start.length; k++) {
      const o = cones.start[k]!;
      if (!cones.soc[k]) {
        const w = rayW[o]!;
        g[o] = (this.qt[o]! - this.rs[o]! / w) / w;
        continue;
      }
      const m = cones.size[k]!;
      applyWInverse(eta[k]!, v, o, this.rs, o, t, o, m);
      for (let p = 0; p < m; p++) t[o + p] = this.qt[o + p]! - t[o + p]!;
      applyWInverse(eta[k]!, v, o, t, o, g, o, m);
    }
    multiplySparse(this.At, g, this.dx);
    for (let j = 0; j < this.dx.length; j++) this.dx[j] = this.dx[j]! - this.rx[j]!;
    this.system.solve(this.dx);
    // ds~ = W^{-1} (A dx + r_s), dy~ = q~ - ds~
    multiplySparse(A, this.dx, t);
    for (let r = 0; r < t.length; r++) t[r] = t[r]! + this.rs[r]!;
    for (let k = 0; k < cones.start.length; k++) {
      const o = cones.start[k]!;
      if (!cones.soc[k]) this.ds[o] = t[o]! / rayW[o]!;
      else applyWInverse(eta[k]!, v, o, t, o, this.ds, o, cones.size[k]!);
    }
    for (let r = 0; r < this.dy.length; r++) this.dy[r] = this.qt[r]! - this.ds[r]!;
  }

  private stepToBoundary(): number {
    const { cones } = this.qp;
    let alpha = Infinity;
    for (let g = 0; g < cones.start.length; g++) {
      const o = cones.start[g]!;
      if (!cones.soc[g]) {
        const worst = Math.min(this.ds[o]!, this.dy[o]!);
        if (worst < 0) alpha = Math.min(alpha, -this.lambda[o]! / worst);
        continue;
      }
      const m = cones.size[g]!;
      alpha = Math.min(alpha, maxConeStep(this.lambda, o, this.ds, o, m), maxConeStep(this.lambda, o, this.dy, o, m));
    }
    return alpha;
  }

  private takeStep(alpha: number): void {
    const { cones } = this.qp;
    const { rayW, eta, v } = this.scaling;
    for (let j = 0; j < this.x.length; j++) this.x[j]! += alpha * this.dx[j]!;
    const st = this.work;
    const yt = this.work2;
    for (let r = 0; r < this.lambda.length; r++) {
      st[r] = this.lambda[r]! + alpha * this.ds[r]!;
      yt[r] = this.lambda[r]! + alpha * this.dy[r]!;
    }
    for (let g = 0; g < cones.start.length; g++) {
      const o = cones.start[g]!;
      if (!cones.soc[g]) {
        const w = rayW[o]! * Math.sqrt(st[o]! / yt[o]!);
        const l = Math.sqrt(st[o]! * yt[o]!);
        rayW[o] = w;
        this.lambda[o] = l;
        this.s[o] = w * l;
        this.y[o] = l / w;
        continue;
      }
      const m = cones.size[g]!;
      eta[g] = updateScaling(eta[g]!, v, o, st, yt, o, m, this.lambda, o);
      applyW(eta[g]!, v, o, this.lambda, o, this.s, o, m);
      applyWInverse(eta[g]!, v, o, this.lambda, o, this.y, o, m);
    }
  }
}
