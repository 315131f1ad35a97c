import { ConvexNetError } from '../../errors';
import { allFinite } from '../../linalg/vector';
import type { ConvexProblem } from '../../convex/convex-problem';
import type { AdmmState } from './admm-engine';
import { clampRho } from './rho-bounds';

/**
 * Warm start for ADMM and ADMM-RBCD (API, stable):
 *
 *   const first = solveAdmm(problem, settings, context);
 *   const next = solveAdmm({ ...problem, beta: nextBeta }, settings, context, first.solution.warmStart);
 *
 * Every solve returns `solution.warmStart`: its final iterates (u, v, the cone slacks s, the
 * scaled duals lambda and nu, and for loss splitting yhat and omega), the final rho and the beta
 * they were computed with. Passing it as the 4th argument of solveAdmm / solveAdmmRbcd starts
 * the next solve there. It must come from a solve on the same X and the same patterns (and the
 * same formulation: Algorithm 3.1 vs loss splitting); y, the loss and beta may differ — the usual
 * use is a regularization path over beta. A mismatched warm start is refused with a
 * ConvexNetError (code `solver/invalid-warm-start`).
 *
 * Rho: an explicit `rho` setting (> 0) wins; otherwise the previous final rho times
 * beta_new / beta_old, since the default rule makes rho proportional to beta (the v-step shrinks
 * by beta / rho, so keeping their ratio keeps the same blocks alive). The scaled duals are
 * rescaled by rho_old / rho_new so that the unscaled multipliers rho * lambda, rho * nu
 * (rho * omega) — the quantities the optimality conditions constrain — are carried over unchanged.
 */
export interface AdmmWarmStart {
  /** beta of the solve that produced the iterates. */
  readonly beta: number;
  /** Final iterates, including the final rho. */
  readonly state: Readonly<AdmmState>;
}

/** The sizes a warm start must have for a problem (u, v, lambda: 2P x d; s, nu: n x 2P; yhat, omega: n). */
export interface WarmStartShape {
  blockLength: number;
  patternSpaceLength: number;
  n: number;
  splitLoss: boolean;
}

/**
 * The warm start a finished solve hands out: its final iterates (not copied: the engine that
 * owned them is done with them; a solve that starts from them copies them) tagged with beta.
 */
export function warmStartOf(state: AdmmState, beta: number): AdmmWarmStart {
  return { beta, state };
}

/**
 * The start of a warm-started solve of `problem` (the shapes checked, rho chosen by
 * warmStartRho, the scaled duals rescaled), for the engine's `warmStart` option.
 */
export function warmStartState(warm: AdmmWarmStart, problem: ConvexProblem, splitLoss: boolean, requestedRho: number): AdmmState {
  const n = problem.X.rows;
  const m = 2 * problem.patterns.count;
  const shape = { blockLength: m * problem.X.cols, patternSpaceLength: n * m, n, splitLoss };
  return startStateFromWarmStart(warm, shape, warmStartRho(warm, problem.beta, requestedRho));
}

/**
 * The rho a warm-started solve begins with: the requested one if given (> 0), else the previous
 * final rho scaled by beta / warm.beta.
 */
export function warmStartRho(warm: AdmmWarmStart, beta: number, requestedRho: number): number {
  if (requestedRho > 0) return requestedRho;
  return clampRho(warm.state.rho * (beta / warm.beta));
}

/**
 * Checks a warm start against the problem's sizes and returns fresh iterates at penalty `rho`
 * (the scaled duals rescaled by warm rho / rho, so the unscaled multipliers are unchanged).
 */
export function startStateFromWarmStart(warm: AdmmWarmStart, shape: WarmStartShape, rho: number): AdmmState {
  const st = warm.state;
  const sizesMatch =
    st.u.length === shape.blockLength &&
    st.v.length === shape.blockLength &&
    st.lambda.length === shape.blockLength &&
    st.s.length === shape.patternSpaceLength &&
    st.nu.length === shape.patternSpaceLength &&
    (shape.splitLoss
      ? st.yhat !== null && st.omega !== null && st.yhat.length === shape.n && st.omega.length === shape.n
      : st.yhat === null);
  if (!sizesMatch) {
    throw new ConvexNetError(
      'solver/invalid-warm-start',
      'The warm start does not fit this problem: it must come from a solve on the same data rows, the same activation patterns and the same ADMM variant. Solve without it.',
    );
  }
  if (!(warm.beta > 0) || !(st.rho > 0) || !Number.isFinite(st.rho)) {
    throw new ConvexNetError('solver/invalid-warm-start', `The warm start's beta (${warm.beta}) and rho (${st.rho}) must be positive finite numbers.`);
  }
  const arrays = [st.u, st.v, st.lambda, st.s, st.nu, ...(st.yhat ? [st.yhat] : []), ...(st.omega ? [st.omega] : [])];
  if (!arrays.every((a) => allFinite(a))) {
    throw new ConvexNetError('solver/invalid-warm-start', 'The warm start contains NaN or infinite values (its solve failed numerically); solve without it.');
  }
  const dualScale = st.rho / rho;
  const scaled = (a: Float64Array): Float64Array => a.map((x) => x * dualScale);
  return {
    rho,
    u: Float64Array.from(st.u),
    v: Float64Array.from(st.v),
    lambda: scaled(st.lambda),
    s: Float64Array.from(st.s),
    nu: scaled(st.nu),
    yhat: st.yhat ? Float64Array.from(st.yhat) : null,
    omega: st.omega ? scaled(st.omega) : null,
  };
}
