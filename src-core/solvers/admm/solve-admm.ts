import { validateConvexProblem } from '../../convex/validate-problem';
import { ConvexNetError } from '../../errors';
import { resolveSettings } from '../../settings/setting-spec';
import type { SolveContext, SolveResult } from '../solver-types';
import { AdmmEngine } from './admm-engine';
import { defaultRho, runAdmmLoop } from './admm-loop';
import type { AdmmProblem, AdmmSolution } from './admm-problem';
import { admmSettingSpecs, type AdmmSettings } from './admm-settings';

export type { AdmmProblem, AdmmSolution } from './admm-problem';

/**
 * ADMM for the convex program: Algorithm 3.1 of the paper for the unweighted squared loss (the
 * loss inside the once-factored linear system), and a loss-splitting variant (an extra block
 * yhat = F u handled by the loss's prox) for hinge, BCE and weighted losses.
 */
export function solveAdmm(problem: AdmmProblem, given: Partial<AdmmSettings>, context: SolveContext): SolveResult<AdmmSolution> {
  const start = context.now();
  validateConvexProblem(problem);
  const settings = resolveSettings<AdmmSettings>(admmSettingSpecs, given);
  const canUseLinearSystem = problem.loss.name === 'squared' && !problem.sampleWeights;
  const variant = problem.variant ?? 'auto';
  if (variant === 'algorithm-3.1' && !canUseLinearSystem) {
    throw new ConvexNetError('settings/invalid', 'Algorithm 3.1 handles only the unweighted squared loss; use the loss-splitting variant.');
  }
  const splitLoss = variant === 'loss-splitting' || (variant === 'auto' && !canUseLinearSystem);
  const engine = new AdmmEngine(
    problem,
    {
      rho: settings.rho > 0 ? settings.rho : defaultRho(problem.X.rows, problem.beta),
      gammaRatio: settings.gammaRatio,
      relaxation: settings.relaxation,
      splitLoss,
      linearSystem: settings.linearSystem as 'auto' | 'direct' | 'woodbury',
      ...(problem.warmStart ? { warmStart: problem.warmStart } : {}),
    },
    context.now,
  );
  const notes = [splitLoss ? 'ADMM with loss splitting (the loss handled by its prox).' : 'ADMM (Algorithm 3.1 of Bai, Gautam & Sojoudi).'];
  return runAdmmLoop(problem, engine, settings, context, context.now() - start, notes);
}
