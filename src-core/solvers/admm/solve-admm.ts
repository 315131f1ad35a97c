import { validateConvexProblem } from '../../convex/validate-problem';
import { ConvexNetError } from '../../errors';
import { resolveSettings } from '../../settings/setting-spec';
import type { SolveContext, SolveResult } from '../solver-types';
import { AdmmEngine } from './admm-engine';
import { runAdmmLoop } from './admm-loop';
import type { AdmmProblem, AdmmSolution } from './admm-problem';
import { admmSettingSpecs, type AdmmSettings } from './admm-settings';
import { admmStart } from './admm-start';
import { AdmmUnits } from './admm-units';
import type { AdmmWarmStart } from './admm-warm-start';

export type { AdmmProblem, AdmmSolution } from './admm-problem';
export type { AdmmWarmStart } from './admm-warm-start';

/**
 * ADMM for the convex program: Algorithm 3.1 of the paper for the unweighted squared loss (the
 * loss inside the once-factored linear system), and a loss-splitting variant (an extra block
 * yhat = F u handled by the loss's prox) for hinge, BCE and weighted losses.
 * `warmStart` (a previous solve's `solution.warmStart`, same X and patterns) starts from its
 * iterates; see admm-warm-start.ts for the rules (rho follows beta, duals rescaled).
 * It solves the program on data rescaled to unit size and reports in the original units
 * (admm-units.ts), so its convergence does not depend on the units of the data.
 */
export function solveAdmm(
  problem: AdmmProblem,
  given: Partial<AdmmSettings>,
  context: SolveContext,
  warmStart?: AdmmWarmStart,
): SolveResult<AdmmSolution> {
  const start = context.now();
  validateConvexProblem(problem);
  const settings = resolveSettings<AdmmSettings>(admmSettingSpecs, given);
  const canUseLinearSystem = problem.loss.name === 'squared' && !problem.sampleWeights;
  const variant = problem.variant ?? 'auto';
  if (variant === 'algorithm-3.1' && !canUseLinearSystem) {
    throw new ConvexNetError('settings/invalid', 'Algorithm 3.1 handles only the unweighted squared loss; use the loss-splitting variant.');
  }
  const splitLoss = variant === 'loss-splitting' || (variant === 'auto' && !canUseLinearSystem);
  const warm = warmStart ?? (problem.warmStart ? { beta: problem.beta, state: problem.warmStart } : undefined);
  const units = AdmmUnits.of(problem);
  const unitProblem = units.scaleProblem(problem);
  const engine = new AdmmEngine(
    unitProblem,
    {
      ...admmStart(problem, units, settings.rho, splitLoss, warm),
      gammaRatio: settings.gammaRatio,
      relaxation: settings.relaxation,
      splitLoss,
      linearSystem: settings.linearSystem as 'auto' | 'direct' | 'woodbury',
    },
    context.now,
  );
  const method = {
    summary: 'Solved with ADMM, a method of many quick iterations.',
    detail: splitLoss ? 'ADMM with loss splitting: the loss is handled in a step of its own (its prox).' : 'ADMM, the method of the paper by Bai, Gautam & Sojoudi (its Algorithm 3.1).',
  };
  return runAdmmLoop(unitProblem, engine, settings, context, context.now() - start, method, units);
}
