import type { ConvexSolution } from '../../convex/convex-solution';
import { ConvexNetError } from '../../errors';
import { buildRobustConicForm } from '../../robust/robust-conic-form';
import type { RobustProblem } from '../../robust/robust-problem';
import { solveRobustIpm } from '../../robust/solve-robust-ipm';
import type { SolveContext, SolveResult } from '../solver-types';
import { ConeWorkingSet, conicWorkingSetPlan } from './cone-working-set';
import { ipmSizeProblem } from './ipm-newton-system';
import type { IpmSettings } from './ipm-settings';
import type { IpmProblem } from './solve-ipm';

/**
 * The interior-point solver for what its structured Newton systems do not take: the logistic and
 * hinge losses and per-sample (class) weights. Those systems hold F^T F itself, the squared loss's
 * constant Hessian. The conic interior-point method of the robust program
 * (robust/solve-robust-ipm.ts) takes any of these losses and weights, and with no adversary
 * (every radius 0) its program is exactly this one: its cone rows are the pattern constraints and
 * its certificate the standard one. It eliminates each sample's loss slack and factors the 2P d
 * weights densely, so it suits the sizes the interior-point solver is meant for.
 */
export function solveIpmConic(problem: IpmProblem, settings: IpmSettings, context: SolveContext, setupStart: number): SolveResult<ConvexSolution> {
  const tooLarge = ipmSizeProblem(problem.X.rows, problem.X.cols, problem.patterns.count, undefined, true);
  if (tooLarge !== null) throw new ConvexNetError('settings/invalid', tooLarge);
  const robust: RobustProblem = { ...problem, threat: { norm: 'linf', radii: new Float64Array(problem.X.cols) } };
  // Without the cone and loss rows' entries: the method writes the ones it keeps (robust-conic-qp.ts).
  const form = buildRobustConicForm(robust, { coneAndLossEntries: false });
  const robustSettings = { maxIterations: settings.maxIterations, tolerance: settings.tolerance, timeLimitMs: settings.timeLimitMs, checkEvery: 1, restarts: false, relaxation: 1, method: 'ipm' };
  const lossWords = problem.loss.name === 'squared' ? 'the weighted squared loss' : problem.loss.name === 'bce' ? 'the logistic loss' : 'the hinge loss';
  return solveRobustIpm(robust, form, robustSettings, context, setupStart, {}, {
    summary: `Solved with the interior-point method, in the general form that ${lossWords} needs.`,
    title: `Interior-point method on the convex program as a conic program (Mehrotra predictor-corrector, Nesterov-Todd scaling): the ${problem.loss.name === 'squared' ? 'weighted squared' : problem.loss.name === 'bce' ? 'logistic' : 'hinge'} loss takes this form, not the structured Newton systems of the squared loss.`,
    sampledPatterns: 'The certificate bounds the optimum of the convex program with the sampled activation patterns.',
    coneRows: 'cone rows',
  }, conicWorkingSet(problem, settings.coneRows));
}

/** The cone rows the conic form keeps: a working set on many rows (conicWorkingSetPlan), else all. */
function conicWorkingSet(problem: IpmProblem, coneRows: string): ConeWorkingSet | null {
  const { X, patterns } = problem;
  const plan = conicWorkingSetPlan(X.rows, X.cols, coneRows, problem.loss.name);
  if (plan === null) return null;
  const set = ConeWorkingSet.nearGenerators(X, patterns, plan.startPerColumn * X.cols);
  return set.isEverything ? null : set;
}
