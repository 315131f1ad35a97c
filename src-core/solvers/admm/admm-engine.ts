import { ConvexOperators } from '../../convex/convex-operators';
import type { ConvexProblem } from '../../convex/convex-problem';
import { DualCertificate, type DualBound } from '../../convex/dual-certificate';
import { factorBlockSystem, type StructuredSystem } from '../../convex/block-system';
import { groupNormSum, groupShrink } from '../../convex/group-shrink';
import { startStateFromWarmStart } from './admm-warm-start';
import { predictionsAndConeViolation, sweepCones, sweepConesMeasuring, type ConeSweepMeasures } from './cone-sweep';

/** Iterates of one ADMM run; also what a warm start carries into the next solve. */
export interface AdmmState {
  rho: number;
  /** Primal copy u (2P x d). */
  u: Float64Array;
  /** Group-sparse variables v (2P x d). */
  v: Float64Array;
  /** Scaled dual of u = v (2P x d). */
  lambda: Float64Array;
  /** Cone slacks s (n x 2P). */
  s: Float64Array;
  /** Scaled dual of G u = s (n x 2P). */
  nu: Float64Array;
  /** Loss-splitting variant only: prediction copy yhat (n) and its scaled dual omega (n). */
  yhat: Float64Array | null;
  omega: Float64Array | null;
}

export interface AdmmEngineOptions {
  rho: number;
  gammaRatio: number;
  /**
   * false: Algorithm 3.1 (squared loss, unweighted): the loss is inside the u-update's linear system.
   * true: loss splitting, an extra block yhat = F u handled by the loss's prox, so any loss with
   * a cheap prox (hinge, BCE, weighted squared) works and the linear system does not depend on rho.
   */
  splitLoss: boolean;
  linearSystem: 'auto' | 'direct' | 'woodbury';
  /** Over-relaxation factor in (0, 2); 1 (default) is plain ADMM. */
  relaxation?: number;
  /** Start from these iterates (copied) at their own rho instead of zero at `rho`. */
  warmStart?: AdmmState;
  /**
   * Replaces the linear-system u-update (ADMM-RBCD, exact Newton): given the current state and
   * gts = G^T (s - nu) (2P x d), it must write argmin_u (approximately) of
   * L(F u) + (rho/2) ||u - v + lambda||^2 + (rho/2) ||G u - s + nu||^2 into state.u.
   */
  uUpdate?: UUpdate;
}

export interface UUpdate {
  update(state: AdmmState, gts: Float64Array): void;
  /** Called once per outer iteration after the update, e.g. to decay inner tolerances. */
  readonly name: string;
}

export interface ResidualReport {
  /** ||u - v|| and ||G u - s|| (and ||F u - yhat|| when splitting), combined in 2-norm. */
  primal: number;
  /** The squares summed in `primal`: ||u - v||^2, ||G u - s||^2, ||F u - yhat||^2 (for reporting in other units). */
  primalParts: { blocks: number; cones: number; fit: number };
  /** Boyd's dual residual rho ||(v+ - v) + G^T (s+ - s) (+ F^T (yhat+ - yhat))||. */
  dual: number;
  /** Boyd's scale for the primal tolerance: max(||A x||, ||z||). */
  primalScale: number;
  primalCount: number;
  dualCount: number;
}

/**
 * ADMM for the convex program (paper-spec 3.2-3.4) with all products done through
 * ConvexOperators and the u-update through the structured, once-factored linear system.
 */
export class AdmmEngine {
  readonly ops: ConvexOperators;
  /** The iterates; read them freely, but change them only through step() and setRho(). */
  readonly state: AdmmState;
  private readonly problem: ConvexProblem;
  private readonly options: AdmmEngineOptions;
  private system: StructuredSystem | null;
  private readonly certificateBuilder: DualCertificate;
  private readonly fty: Float64Array | null;
  private readonly rhs: Float64Array;
  private readonly work: Float64Array;
  private readonly R: Float64Array;
  /** Pattern-space input of the u-step's adjoint pass, e .* (s - nu) (+ F^T part when splitting). */
  private readonly stepInput: Float64Array;
  /** stepInput already holds e .* (s - nu) of the current iterates (written by the last s/nu sweep). */
  private stepInputReady = false;
  private readonly XU: Float64Array;
  private readonly fu: Float64Array;
  private readonly proxInput: Float64Array;
  private readonly z: Float64Array;
  private readonly vPrev: Float64Array;
  /** Loss splitting only: s before the check iteration (Algorithm 3.1 measures s+ - s in its sweep). */
  private readonly sPrev: Float64Array | null;
  /** Written by a check iteration's cone sweep (Algorithm 3.1): see ConeSweepMeasures. */
  private readonly measures: ConeSweepMeasures;
  private readonly yhatPrev: Float64Array | null;
  private havePrev = false;
  factorizations = 0;
  factorMs = 0;

  constructor(problem: ConvexProblem, options: AdmmEngineOptions, now: () => number) {
    this.problem = problem;
    this.options = options;
    const ops = new ConvexOperators(problem.X, problem.patterns);
    this.ops = ops;
    const nb = ops.blockLength;
    const np = ops.patternSpaceLength;
    const n = ops.n;
    const split = options.splitLoss;
    const warm = options.warmStart;
    // A warm start is validated (sizes, finiteness) and copied; its rho is used as it is (the
    // solvers choose the rho and rescale the duals before, see admm-warm-start.ts).
    this.state = warm
      ? startStateFromWarmStart({ beta: 1, state: warm }, { blockLength: nb, patternSpaceLength: np, n, splitLoss: split }, warm.rho)
      : {
          rho: options.rho,
          u: new Float64Array(nb),
          v: new Float64Array(nb),
          lambda: new Float64Array(nb),
          s: new Float64Array(np),
          nu: new Float64Array(np),
          yhat: split ? new Float64Array(n) : null,
          omega: split ? new Float64Array(n) : null,
        };
    this.rhs = new Float64Array(nb);
    this.work = new Float64Array(nb);
    this.R = new Float64Array(np);
    // X U^T and the adjoint's input live next to X in wasm memory where they can: the two
    // hottest products then copy neither (ConvexOperators.residentPatternSpace).
    const resident = ops.residentPatternSpace();
    this.stepInput = resident?.adjointInput ?? new Float64Array(np);
    this.XU = resident?.applyOutput ?? new Float64Array(np);
    this.fu = new Float64Array(n);
    this.proxInput = new Float64Array(n);
    this.z = new Float64Array(n);
    this.vPrev = new Float64Array(nb);
    this.sPrev = split ? new Float64Array(np) : null;
    this.measures = { valid: false, cone: 0, coneScale: 0, slackScale: 0, slackChange: split ? new Float64Array(0) : new Float64Array(np), fu: split ? new Float64Array(0) : new Float64Array(n) };
    this.yhatPrev = split ? new Float64Array(n) : null;
    this.certificateBuilder = new DualCertificate(ops);
    if (split) {
      this.fty = null;
    } else {
      // F^T y, constant over the run.
      this.fty = new Float64Array(nb);
      ops.combineForAdjoint(problem.y, new Float64Array(np), this.R);
      ops.adjointBlocks(this.R, this.fty);
    }
    const t0 = now();
    this.system = options.uUpdate ? null : this.factor();
    this.factorMs += now() - t0;
  }

  get linearSystemPath(): 'direct' | 'woodbury' | 'none' {
    return this.system ? this.system.path : 'none';
  }

  get largestFactoredDimension(): number {
    return this.system ? this.system.largestFactoredDimension : 0;
  }

  /** A = I + G^T G + c F^T F with c = 1/rho (Algorithm 3.1) or c = 1 (loss splitting). */
  private factor(): StructuredSystem {
    const c = this.options.splitLoss ? 1 : 1 / this.state.rho;
    this.factorizations++;
    return factorBlockSystem(this.problem.X, this.problem.patterns, c, { path: this.options.linearSystem });
  }

  /**
   * Change rho: the scaled duals are rescaled (lambda, nu, omega <- rho_old / rho_new times
   * themselves, so the unscaled multipliers are unchanged) and, for Algorithm 3.1, A is refactored.
   */
  setRho(rho: number, now: () => number): void {
    const st = this.state;
    const factor = st.rho / rho;
    for (let j = 0; j < st.lambda.length; j++) st.lambda[j]! *= factor;
    for (let j = 0; j < st.nu.length; j++) st.nu[j]! *= factor;
    if (st.omega) for (let k = 0; k < st.omega.length; k++) st.omega[k]! *= factor;
    st.rho = rho;
    this.stepInputReady = false;
    if (!this.options.splitLoss && this.system) {
      // Only the coefficient 1/rho of F^T F changes: re-Cholesky the kept formed matrix.
      const t0 = now();
      this.system.setCoefficient(1 / rho);
      this.factorizations++;
      this.factorMs += now() - t0;
    }
  }

  /** One ADMM iteration. With keepPrevious the previous v, s (yhat) are kept for the dual residual. */
  step(keepPrevious: boolean): void {
    const { ops, state: st, problem, XU, rhs, work, fu } = this;
    const { n, P, masks } = ops;
    const m = 2 * P;
    const rho = st.rho;
    const gamma = this.options.gammaRatio;
    if (keepPrevious) {
      this.vPrev.set(st.v);
      if (this.sPrev) this.sPrev.set(st.s);
      if (this.yhatPrev && st.yhat) this.yhatPrev.set(st.yhat);
      this.havePrev = true;
    } else {
      this.havePrev = false;
    }
    this.measures.valid = false;

    // Right-hand side: G^T (s - nu) (+ F^T (yhat - omega) when splitting), one adjoint pass.
    // Its pattern-space input e .* (s - nu) was written by the previous step's s/nu sweep
    // (Algorithm 3.1), so it costs no sweep of its own unless rho or the iterates changed since.
    const split = st.yhat !== null;
    const input = this.stepInput;
    if (split || !this.stepInputReady) {
      for (let k = 0; k < n; k++) {
        const row = k * m;
        const mrow = k * P;
        const r = split ? st.yhat![k]! - st.omega![k]! : 0;
        for (let i = 0; i < P; i++) {
          const a = st.s[row + i]! - st.nu[row + i]!;
          const b = st.s[row + P + i]! - st.nu[row + P + i]!;
          if (masks[mrow + i]) {
            input[row + i] = a + r;
            input[row + P + i] = b - r;
          } else {
            input[row + i] = -a;
            input[row + P + i] = -b;
          }
        }
      }
    }
    ops.adjointBlocks(input, work);
    const fty = this.fty;
    if (this.options.uUpdate) {
      this.options.uUpdate.update(st, work);
    } else if (fty) {
      const inv = 1 / rho;
      for (let j = 0; j < rhs.length; j++) rhs[j] = inv * fty[j]! + st.v[j]! - st.lambda[j]! + work[j]!;
    } else {
      for (let j = 0; j < rhs.length; j++) rhs[j] = st.v[j]! - st.lambda[j]! + work[j]!;
    }
    if (!this.options.uUpdate) this.system!.solve(rhs, st.u);

    // X u for all blocks, one pass.
    ops.applyBlocks(st.u, XU);

    // Over-relaxation (Boyd et al. 2011, 3.4.3): the v-, s- and yhat-updates and the duals use
    // uh = a u + (1 - a) v_old instead of u (likewise for G u and F u); a = 1 is plain ADMM.
    const a = this.options.relaxation ?? 1;
    const b = 1 - a;
    // v-update: block soft-thresholding of uh + lambda with threshold beta / rho; the relaxed
    // point uh is kept in rhs (free at this point) for the lambda-update.
    for (let j = 0; j < work.length; j++) {
      const uh = a * st.u[j]! + b * st.v[j]!;
      rhs[j] = uh;
      work[j] = uh + st.lambda[j]!;
    }
    groupShrink(work, m, ops.d, problem.beta / rho, st.v);

    // s-update (projection onto s >= 0) and nu-update, fused with writing the next step's
    // adjoint input e .* (s - nu) (only used by Algorithm 3.1: splitting adds yhat - omega).
    // A check iteration of Algorithm 3.1 also measures what the check needs from this sweep.
    if (keepPrevious && !split) {
      sweepConesMeasuring(XU, masks, n, P, a, gamma, st.s, st.nu, input, this.measures);
    } else {
      sweepCones(XU, masks, n, P, a, gamma, st.s, st.nu, input);
    }
    this.stepInputReady = !split;

    if (split) {
      // yhat-update: prox of L / rho at fh + omega (fh the relaxed F u); the subgradient
      // rho (fh + omega - yhat) of L at the new yhat is the dual candidate z of the certificate.
      ops.linearPredictions(XU, fu);
      const yhat = st.yhat!;
      const omega = st.omega!;
      const pin = this.proxInput;
      for (let k = 0; k < n; k++) {
        fu[k] = a * fu[k]! + b * yhat[k]!;
        pin[k] = fu[k]! + omega[k]!;
      }
      problem.loss.prox(pin, problem.y, rho, yhat, problem.sampleWeights);
      for (let k = 0; k < n; k++) {
        this.z[k] = rho * (pin[k]! - yhat[k]!);
        omega[k]! += gamma * (fu[k]! - yhat[k]!);
      }
    }

    for (let j = 0; j < st.lambda.length; j++) st.lambda[j]! += gamma * (rhs[j]! - st.v[j]!);
  }

  /** Residuals after the last step (needs step(true) for the dual residual). */
  residuals(): ResidualReport {
    const { ops, state: st, XU, R, work } = this;
    const { n, P, masks } = ops;
    const m = 2 * P;
    let uv = 0;
    let u2 = 0;
    let v2 = 0;
    for (let j = 0; j < st.u.length; j++) {
      const a = st.u[j]! - st.v[j]!;
      uv += a * a;
      u2 += st.u[j]! * st.u[j]!;
      v2 += st.v[j]! * st.v[j]!;
    }
    const measured = this.measures.valid;
    let cone = measured ? this.measures.cone : 0;
    let gu2 = measured ? this.measures.coneScale : 0;
    let s2 = measured ? this.measures.slackScale : 0;
    for (let k = 0; k < n && !measured; k++) {
      const row = k * m;
      const mrow = k * P;
      for (let i = 0; i < P; i++) {
        const e = masks[mrow + i] ? 1 : -1;
        const g1 = e * XU[row + i]!;
        const g2 = e * XU[row + P + i]!;
        const s1 = st.s[row + i]!;
        const s2b = st.s[row + P + i]!;
        cone += (g1 - s1) * (g1 - s1) + (g2 - s2b) * (g2 - s2b);
        gu2 += g1 * g1 + g2 * g2;
        s2 += s1 * s1 + s2b * s2b;
      }
    }
    let fit = 0;
    let fu2 = 0;
    let yh2 = 0;
    if (st.yhat) {
      this.ops.linearPredictions(XU, this.fu);
      for (let k = 0; k < n; k++) {
        const r = this.fu[k]! - st.yhat[k]!;
        fit += r * r;
        fu2 += this.fu[k]! * this.fu[k]!;
        yh2 += st.yhat[k]! * st.yhat[k]!;
      }
    }
    const primal = Math.sqrt(uv + cone + fit);
    const primalScale = Math.max(Math.sqrt(u2 + gu2 + fu2), Math.sqrt(v2 + s2 + yh2));
    const primalCount = st.u.length + st.s.length + (st.yhat ? n : 0);

    // Dual residual rho A^T (z+ - z): one adjoint pass (the dual scale is dualScale()).
    let dual = Number.NaN;
    if (this.havePrev && (measured || this.sPrev)) {
      if (measured) {
        // e .* (s+ - s), written by the check iteration's sweep.
        ops.adjointBlocks(this.measures.slackChange, work);
      } else {
        const sPrev = this.sPrev!;
        for (let j = 0; j < R.length; j++) R[j] = st.s[j]! - sPrev[j]!;
        const dy = st.yhat ? st.yhat.map((v, k) => v - this.yhatPrev![k]!) : null;
        // combineForAdjoint reads and writes each entry at the same index, so in place is safe.
        this.ops.combineForAdjoint(dy, R, R);
        ops.adjointBlocks(R, work);
      }
      let acc = 0;
      for (let j = 0; j < work.length; j++) {
        const a = st.v[j]! - this.vPrev[j]! + work[j]!;
        acc += a * a;
      }
      dual = st.rho * Math.sqrt(acc);
    }
    return { primal, primalParts: { blocks: uv, cones: cone, fit }, dual, primalScale, primalCount, dualCount: st.u.length };
  }

  /**
   * Boyd's scale for the dual tolerance, ||rho A^T y|| = rho ||lambda + G^T nu (+ F^T omega)||.
   * It costs a pass over X, so the loop asks for it only when the primal residual test passed.
   */
  dualScale(): number {
    const { ops, state: st, R, work } = this;
    ops.combineForAdjoint(st.omega, st.nu, R);
    ops.adjointBlocks(R, work);
    let acc = 0;
    for (let j = 0; j < work.length; j++) {
      const a = st.lambda[j]! + work[j]!;
      acc += a * a;
    }
    return st.rho * Math.sqrt(acc);
  }

  /** Convex objective at the v-iterate: L(F v, y) + beta sum ||v_j|| (v may be slightly cone-infeasible). */
  convexObjectiveAtV(): number {
    const { ops, state: st, problem, R, fu } = this;
    ops.applyBlocks(st.v, R);
    ops.linearPredictions(R, fu);
    return problem.loss.value(fu, problem.y, problem.sampleWeights) + problem.beta * groupNormSum(st.v, 2 * ops.P, ops.d);
  }

  /**
   * Training objective of the ReLU network recovered from v (what the user gets),
   * L(sum_i (X v_i)_+ - (X w_i)_+, y) + beta sum ||v_j||, and the convex objective at v,
   * L(F v, y) + beta sum ||v_j||, from one pass over X. They agree exactly when v satisfies the
   * cone constraints. Writes the network's predictions into `predictions`.
   */
  objectivesAtV(predictions: Float64Array): { network: number; convex: number; coneViolation: number } {
    return this.objectivesOf(this.state.v, predictions);
  }

  /** objectivesAtV for any blocks (2P x d) in place of v, e.g. v with negligible blocks zeroed. */
  objectivesOf(blocks: Float64Array, predictions: Float64Array): { network: number; convex: number; coneViolation: number } {
    const { ops, problem, R, fu } = this;
    ops.applyBlocks(blocks, R);
    const coneViolation = predictionsAndConeViolation(R, ops.masks, ops.n, ops.P, predictions, fu);
    const penalty = problem.beta * groupNormSum(blocks, 2 * ops.P, ops.d);
    return {
      network: problem.loss.value(predictions, problem.y, problem.sampleWeights) + penalty,
      convex: problem.loss.value(fu, problem.y, problem.sampleWeights) + penalty,
      coneViolation,
    };
  }

  /** Weak-duality lower bound from the current iterate (see DualCertificate). */
  certificate(): DualBound {
    const { state: st, problem, XU, fu, z } = this;
    if (!st.yhat) {
      // F u: measured by the check iteration's sweep, else one sweep over XU.
      const measured = this.measures.valid;
      if (!measured) this.ops.linearPredictions(XU, fu);
      problem.loss.gradient(measured ? this.measures.fu : fu, problem.y, z, problem.sampleWeights);
    }
    return this.certificateBuilder.bound(problem.loss, problem.y, problem.sampleWeights, problem.beta, z, st.nu, st.rho);
  }
}
