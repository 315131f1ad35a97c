import { ConvexNetError } from '../../../src-core/errors';
import { defaultContext, formatPercent } from '../../../src-core/solvers/solver-types';
import { logGrid, parseBetaGrid, solveBetaPath, type PathPoint } from '../../../src-core/training/beta-path';
import { crossValidatePath, type CrossValidatedPath } from '../../../src-core/training/cross-validation';
import { primaryScoreLabel } from '../../../src-core/training/model-score';
import { selectPathPoint } from '../../../src-core/training/select-path-point';
import { writeFileAtomic } from '../../files/files';
import type { CliEnvironment } from '../cli-environment';
import { checkOutputPaths } from '../output-paths';
import { iterationUnit } from '../../../src-core/training/solver-support';
import { announceRun } from '../progress-printer';
import { describeSolverChoice, type TrainArgs } from '../train-args';
import { runEpsilonSweep, type EpsilonSweepArgs } from './epsilon-sweep';
import { formatMeanAndSpread, formatScore, readRunData } from './run-data';
import { totalmem } from 'node:os';
import { CliWorkers, cliLogger, workerCount } from '../cli-workers';

export const SWEEP_REPORT_FORMAT = 'convexnet-sweep-report';

export interface SweepArgs {
  readonly run: Omit<TrainArgs, 'outPath'>;
  /** "MIN:MAX:COUNT"; absent: two decades either side of the run's beta, 8 values. */
  readonly betaGrid?: string;
  readonly cvFolds?: number;
  /** `--epsilon-grid`: a sweep over the adversarial radius instead (epsilon-sweep.ts). */
  readonly epsilonSweep?: EpsilonSweepArgs;
}

/**
 * `convexnet sweep`: solves the regularization path over a log grid of beta with warm starts
 * (in pathOrder: largest beta first, smallest first for ipm), optionally cross-validating every
 * beta, prints one line per beta (stdout) and writes the JSON report. The chosen beta: best
 * cross-validated score, else best test score.
 */
export async function runSweep(args: SweepArgs, env: CliEnvironment): Promise<void> {
  // Before the data is read: an epsilon sweep (runEpsilonSweep) writes the same --report.
  checkOutputPaths([{ what: 'the data file', path: args.run.dataPath }], [{ option: '--report', path: args.run.reportPath }]);
  const data = await readRunData(args.run, args.epsilonSweep !== undefined);
  for (const note of data.notes) env.stderr(`${note}\n`);
  if (args.epsilonSweep) return runEpsilonSweep(args.run, args.epsilonSweep, data, env);
  const betas = args.betaGrid !== undefined ? parseBetaGrid(args.betaGrid) : logGrid(data.options.beta / 100, data.options.beta * 100, 8);
  const scoreName = primaryScoreLabel(data.train.task);
  const percent = scoreName === 'accuracy';
  const heading = `Sweeping ${betas.length} values of beta on ${data.train.X.rows} rows with ${data.options.solver}.${describeSolverChoice(data.solverReason, data.patternNote)}`;
  const context = defaultContext({ now: env.now, onProgress: announceRun(env, heading, { unit: iterationUnit(data.options.solver, false) }) });
  const folds = args.cvFolds;
  const run = { train: data.train, options: data.options, foldPreparation: data.foldPreparation };
  // Several workers: the folds' paths at once (cli-workers.ts), with the same reports.
  const cv: CrossValidatedPath | null =
    folds === undefined
      ? null
      : workerCount(args.run, env) > 1
        ? await CliWorkers.use(workerCount(args.run, env), run, folds, totalmem(), cliLogger(env.stderr), context.onProgress, (workers) => workers.crossValidatePath(run, betas, folds, data.options.seed))
        : crossValidatePath(data.train, data.options, betas, folds, data.options.seed, context, data.foldPreparation);
  // Several workers and a one-vs-rest model: each class's warm path on a worker (cli-workers.ts).
  const path =
    data.train.task === 'multiclass' && workerCount(args.run, env) > 1
      ? await CliWorkers.use(workerCount(args.run, env), run, data.train.classNames.length, totalmem(), cliLogger(env.stderr), context.onProgress, (workers) => workers.sweepHeads(run, data.test, betas))
      : solveBetaPath(data.train, data.test, data.options, betas, context);
  if (path.points.length < betas.length) throw new ConvexNetError('solver/cancelled', 'The sweep stopped before every beta was solved.');

  const chosen = chooseIndex(path.points, cv);
  // The results on stdout; progress and notes went to stderr.
  env.stdout(`${'beta'.padEnd(11)} ${'train'.padStart(8)} ${'test'.padStart(8)}${cv ? ` ${'cv'.padStart(16)}` : ''} ${'neurons'.padStart(8)} ${'gap'.padStart(9)}\n`);
  path.points.forEach((p, i) => {
    const report = cv?.reports[i]?.metrics[0];
    const cvText = report ? ` ${formatMeanAndSpread(report.mean, report.std, percent).padStart(16)}` : '';
    const gap = p.relativeGap === null ? '-' : formatPercent(p.relativeGap);
    env.stdout(`${p.beta.toExponential(3).padEnd(11)} ${formatScore(p.trainScore, percent).padStart(8)} ${formatScore(p.testScore, percent).padStart(8)}${cvText} ${String(p.neuronCount).padStart(8)} ${gap.padStart(9)}${i === chosen.index ? '  <- chosen' : ''}\n`);
  });
  env.stdout(`Chosen: ${chosen.reason}\n`);
  if (args.run.reportPath !== undefined) {
    const report = {
      format: SWEEP_REPORT_FORMAT,
      version: 1,
      source: data.source,
      targetColumn: args.run.target,
      options: data.options,
      scoreName,
      warmStart: true,
      cvFolds: args.cvFolds ?? null,
      chosenBeta: path.points[chosen.index]!.beta,
      chosenBy: chosen.reason,
      points: path.points.map((p, i) => ({ ...pointJson(p), cv: cv?.reports[i] ?? null })),
    };
    writeFileAtomic(args.run.reportPath, `${JSON.stringify(report, null, 2)}\n`);
    env.stderr(`Report written to ${args.run.reportPath}.\n`);
  }
}

/** The chosen point: the app's rule and words (selectPathPoint). */
function chooseIndex(points: readonly PathPoint[], cv: CrossValidatedPath | null): { index: number; reason: string } {
  if (cv) return selectPathPoint(points.map((p, i) => ({ beta: p.beta, score: cv.reports[i]!.metrics[0]!.mean })), 'cv', cv.reports[0]!.folds);
  const evidence = points.some((p) => p.testScore !== null) ? 'test' : 'train';
  return selectPathPoint(points.map((p) => ({ beta: p.beta, score: evidence === 'test' ? p.testScore : p.trainScore })), evidence);
}

function pointJson(p: PathPoint): Record<string, unknown> {
  return {
    beta: p.beta,
    status: p.status,
    objective: p.objective,
    relativeGap: p.relativeGap,
    neuronCount: p.neuronCount,
    iterations: p.iterations,
    solveMs: p.solveMs,
    trainScore: p.trainScore,
    testScore: p.testScore,
    train: p.train,
    test: p.test,
  };
}
