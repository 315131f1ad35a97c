import type { SweepPointSummary, SweepSummary } from '../../src-core/contract/training-jobs';
import { ConvexNetError } from '../../src-core/errors';
import type { SolveContext } from '../../src-core/solvers/solver-types';
import { selectEpsilonPoint, solveEpsilonPath, type EpsilonPathPoint } from '../../src-core/training/epsilon-path';
import { primaryScoreLabel } from '../../src-core/training/model-score';
import { evaluateOutcome } from './evaluate-outcome';
import type { DoneReply, RunJobMessage } from './train-protocol';

/**
 * An epsilon sweep in one worker job: the form's settings trained at every resolved radius
 * (smallest first; PDHG starts each robust solve from the previous radius, the interior-point
 * method from scratch), each model attacked by PGD at its own
 * radius and at the largest one. The job's model is the selected point's (selectEpsilonPoint).
 */
export function runEpsilonSweepJob(message: RunJobMessage, context: SolveContext): DoneReply {
  const threats = message.epsilonThreats;
  if (!threats || threats.length === 0) {
    throw new ConvexNetError('settings/invalid', 'An epsilon sweep reached the worker without its radii; the job system resolves them before starting it.');
  }
  const path = solveEpsilonPath(message.train, message.test, message.options, threats, context);
  if (path.points.length === 0) throw new ConvexNetError('solver/cancelled', 'The epsilon sweep was cancelled before its first point was trained.');
  const points = path.points.map(summarize);
  const { index, reason } = selectEpsilonPoint(points);
  const outcome = path.outcomes[index]!;
  const norm = threats[0]!.norm;
  const summary: SweepSummary = {
    parameter: 'epsilon',
    epsilonSweep: { norm, units: threats[0]!.units, attackedOn: path.attackedOn, attackedRows: path.attackedRows, pgdSteps: path.attack.steps, pgdRestarts: path.attack.restarts },
    scoreName: primaryScoreLabel(message.train.task),
    points,
    selectedIndex: index,
    selectionReason: path.cancelled ? `Cancelled after ${points.length} of ${threats.length} points; ${reason}` : reason,
    warmStart: path.warmStart,
    cvFolds: null,
  };
  return { type: 'done', jobId: message.jobId, outcome, ...evaluateOutcome(outcome, message.train, message.test), sweep: summary };
}

function summarize(point: EpsilonPathPoint): SweepPointSummary {
  return {
    beta: point.beta,
    epsilon: point.epsilon,
    status: point.status,
    objective: point.objective,
    relativeGap: point.relativeGap,
    neuronCount: point.neuronCount,
    iterations: point.iterations,
    solveMs: point.solveMs,
    trainScore: point.trainScore,
    testScore: point.testScore,
    cvScore: null,
    cvSpread: null,
    pgdScore: point.pgdScore,
    certifiedScore: point.certifiedScore,
    standardPgdScore: point.standardPgdScore,
    pgdAtLargestScore: point.pgdAtLargestScore,
  };
}
