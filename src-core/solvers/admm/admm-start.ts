import type { ConvexProblem } from '../../convex/convex-problem';
import type { AdmmState } from './admm-engine';
import { defaultRho } from './admm-loop';
import type { AdmmUnits } from './admm-units';
import { warmStartState, type AdmmWarmStart } from './admm-warm-start';

/**
 * The rho and (with a warm start) the iterates an ADMM solve of `problem` starts from, in the
 * solver units of `units` (admm-units.ts), for the engine's options. `requestedRho` (the rho
 * setting, > 0) and the warm start are in the original units: rho in the units of beta, so the
 * default beta / sqrt(n) is the same rule on the original and the rescaled program.
 */
export function admmStart(
  problem: ConvexProblem,
  units: AdmmUnits,
  requestedRho: number,
  splitLoss: boolean,
  warm: AdmmWarmStart | undefined,
): { rho: number; warmStart?: AdmmState } {
  const n = problem.X.rows;
  const rho = requestedRho > 0 ? units.unitRho(requestedRho) : defaultRho(n, units.unitBeta(problem.beta));
  if (!warm) return { rho };
  return { rho, warmStart: units.stateToUnits(warmStartState(warm, problem, splitLoss, requestedRho)) };
}
