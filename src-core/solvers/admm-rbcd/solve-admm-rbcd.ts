import { validateConvexProblem } from '../../convex/validate-problem';
import { ConvexNetError } from '../../errors';
import { gramMatrix } from '../../linalg/kernels';
import { Prng } from '../../random/prng';
import { resolveSettings } from '../../settings/setting-spec';
import { AdmmEngine } from '../admm/admm-engine';
import { runAdmmLoop } from '../admm/admm-loop';
import type { AdmmProblem, AdmmSolution } from '../admm/admm-problem';
import { admmStart } from '../admm/admm-start';
import { AdmmUnits } from '../admm/admm-units';
import type { AdmmWarmStart } from '../admm/admm-warm-start';
import type { SolveContext, SolveResult } from '../solver-types';
import { admmRbcdSettingSpecs, type AdmmRbcdSettings } from './admm-rbcd-settings';
import { NEWTON_MAX_UNKNOWNS, NewtonUUpdate } from './newton-u-update';
import { RbcdUUpdate } from './rbcd-u-update';

export interface AdmmRbcdProblem extends AdmmProblem {
  /** Seed of the random block choices. */
  readonly seed: number;
}

/**
 * ADMM-RBCD (paper-spec section 4): Algorithm 3.1 with the u-update replaced by an inexact
 * randomized block coordinate descent (or, for small problems, an exact Newton solve), so any
 * smooth convex loss works without factoring a 2dP x 2dP system.
 * `warmStart` works as for solveAdmm (see admm-warm-start.ts), and like it, it solves on data
 * rescaled to unit size and reports in the original units (admm-units.ts).
 */
export function solveAdmmRbcd(
  original: AdmmRbcdProblem,
  given: Partial<AdmmRbcdSettings>,
  context: SolveContext,
  warmStart?: AdmmWarmStart,
): SolveResult<AdmmSolution> {
  const start = context.now();
  validateConvexProblem(original);
  // Everything below works on the rescaled program, except the warm start and rho (original units).
  const units = AdmmUnits.of(original);
  const problem = units.scaleProblem(original);
  const settings = resolveSettings<AdmmRbcdSettings>(admmRbcdSettingSpecs, given);
  if (!problem.loss.smooth) {
    throw new ConvexNetError('settings/invalid', `ADMM-RBCD needs a smooth loss; the ${problem.loss.name} loss is not smooth. Use the ADMM solver for it.`);
  }
  const unknowns = 2 * problem.X.cols * problem.patterns.count;
  const wantsNewton = settings.innerSolver === 'newton' || (settings.innerSolver === 'auto' && unknowns <= NEWTON_MAX_UNKNOWNS && problem.X.rows * unknowns <= 2_000_000);
  if (settings.innerSolver === 'newton' && unknowns > NEWTON_MAX_UNKNOWNS) {
    throw new ConvexNetError('settings/invalid', `The exact Newton inner solver is for small problems (at most ${NEWTON_MAX_UNKNOWNS} unknowns); this one has ${unknowns}. Choose block coordinate descent.`);
  }
  const xtx = gramMatrix(problem.X);
  let engine: AdmmEngine | null = null;
  const uUpdate = wantsNewton
    ? new NewtonUUpdate(problem, xtx)
    : {
        // The RBCD update needs the engine's operators, which exist once the engine is built.
        inner: null as RbcdUUpdate | null,
        name: 'randomized block coordinate descent',
        update(state: Parameters<RbcdUUpdate['update']>[0], gts: Float64Array): void {
          if (!this.inner) {
            const P = problem.patterns.count;
            this.inner = new RbcdUUpdate(engine!.ops, problem, xtx, new Prng(problem.seed), {
              blockSize: settings.blockSize,
              threshold: settings.innerThreshold,
              thresholdDecay: settings.thresholdDecay,
              maxInnerSteps: settings.maxInnerSteps > 0 ? settings.maxInnerSteps : 50 * Math.ceil(P / Math.min(settings.blockSize, P)),
            });
          }
          this.inner.update(state, gts);
        },
      };
  const warm = warmStart ?? (original.warmStart ? { beta: original.beta, state: original.warmStart } : undefined);
  engine = new AdmmEngine(
    problem,
    {
      ...admmStart(original, units, settings.rho, false, warm),
      gammaRatio: settings.gammaRatio,
      relaxation: settings.relaxation,
      splitLoss: false,
      linearSystem: 'auto',
      uUpdate,
    },
    context.now,
  );
  const method = {
    summary: 'Solved with ADMM, its largest step done a piece at a time to save memory.',
    detail: `ADMM-RBCD: ADMM with the u-update solved by ${uUpdate.name}.`,
  };
  return runAdmmLoop(problem, engine, settings, context, context.now() - start, method, units);
}
