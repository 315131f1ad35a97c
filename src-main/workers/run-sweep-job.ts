import type { SweepPointSummary, SweepRequest, SweepSummary } from '../../src-core/contract/training-jobs';
import type { SolveContext } from '../../src-core/solvers/solver-types';
import { solveBetaPath, type PathPoint } from '../../src-core/training/beta-path';
import { crossValidatePath, type CrossValidatedPath } from '../../src-core/training/cross-validation';
import { combineHeadPaths } from '../../src-core/training/head-paths';
import { primaryScoreLabel } from '../../src-core/training/model-score';
import { selectPathPoint, type PathEvidence } from '../../src-core/training/select-path-point';
import { ConvexNetError } from '../../src-core/errors';
import { evaluateOutcome } from './evaluate-outcome';
import { runEpsilonSweepJob } from './run-epsilon-sweep-job';
import { sweepBetas } from './run-fold-part';
import type { DoneReply, RunJobMessage } from './train-protocol';

/**
 * A beta sweep in one worker job: optionally cross-validate every beta (per fold one
 * warm-started path; or given, when the folds ran on other workers), then solve the path on all
 * training rows with warm starts. The job's model is the selected point's: the best
 * cross-validated score, else the best test score, else the best training score (ties: the
 * larger beta, the simpler model).
 */
export function runSweepJob(message: RunJobMessage, sweep: SweepRequest, context: SolveContext): DoneReply {
  if (sweep.parameter === 'epsilon') return runEpsilonSweepJob(message, context);
  const betas = sweepBetas(sweep);
  const folds = sweep.cvFolds ?? null;
  // Folds already run on other workers (fold-parts.ts) are given; the path is then the only stage.
  const given = message.crossValidated ?? null;
  const stages = folds === null || given !== null ? 1 : 2;
  const stage = (index: number): SolveContext => ({
    ...context,
    ...(context.onProgress ? { onProgress: (e) => context.onProgress!({ ...e, fraction: (index + e.fraction) / stages }) } : {}),
  });
  const cv = folds === null ? null : given ?? crossValidatePath(message.train, message.options, betas, folds, message.options.seed, stage(0), message.foldPreparation ?? null);
  // One-vs-rest heads' paths solved on other workers (head-parts.ts) are only combined here.
  const heads = message.headPaths;
  const path = heads ? combineHeadPaths(message.train, message.test, message.options, betas, heads.plan, heads.paths) : solveBetaPath(message.train, message.test, message.options, betas, stage(stages - 1));
  if (path.points.length === 0) throw new ConvexNetError('solver/cancelled', 'The beta sweep was cancelled before its first point was trained.');
  const points = path.points.map((p) => summarize(p, cv, betas.indexOf(p.beta)));
  const { index, reason } = selectPoint(points, cv !== null ? folds : null, message.test !== null && message.test.X.rows > 0);
  const outcome = path.outcomes[index]!;
  const summary: SweepSummary = {
    scoreName: primaryScoreLabel(message.train.task),
    points,
    selectedIndex: index,
    selectionReason: path.cancelled ? `Cancelled after ${points.length} of ${betas.length} points; ${reason}` : reason,
    warmStart: true,
    cvFolds: folds,
  };
  return { type: 'done', jobId: message.jobId, outcome, ...evaluateOutcome(outcome, message.train, message.test), sweep: summary };
}

function summarize(point: PathPoint, cv: CrossValidatedPath | null, index: number): SweepPointSummary {
  const report = cv?.reports[index];
  const score = report?.metrics[0];
  return {
    beta: point.beta,
    status: point.status,
    objective: point.objective,
    relativeGap: point.relativeGap,
    neuronCount: point.neuronCount,
    iterations: point.iterations,
    solveMs: point.solveMs,
    trainScore: point.trainScore,
    testScore: point.testScore,
    cvScore: score?.mean ?? null,
    cvSpread: score?.std ?? null,
  };
}

/** The best point by the strongest evidence the sweep has (selectPathPoint), with the reason in words. */
export function selectPoint(points: readonly SweepPointSummary[], cvFolds: number | null, haveTest: boolean): { index: number; reason: string } {
  const evidence: PathEvidence = cvFolds !== null ? 'cv' : haveTest ? 'test' : 'train';
  const key = ({ cv: 'cvScore', test: 'testScore', train: 'trainScore' } as const)[evidence];
  return selectPathPoint(points.map((p) => ({ beta: p.beta, score: p[key] })), evidence, cvFolds);
}
