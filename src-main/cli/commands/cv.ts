import { defaultContext } from '../../../src-core/solvers/solver-types';
import { crossValidate } from '../../../src-core/training/cross-validation';
import { writeFileAtomic } from '../../files/files';
import type { CliEnvironment } from '../cli-environment';
import { checkOutputPaths } from '../output-paths';
import { iterationUnit } from '../../../src-core/training/solver-support';
import { announceRun } from '../progress-printer';
import { describeClassWeights, describeSolverChoice, type TrainArgs } from '../train-args';
import { readRunData } from './run-data';
import { totalmem } from 'node:os';
import { CliWorkers, cliLogger, workerCount } from '../cli-workers';

export const CV_REPORT_FORMAT = 'convexnet-cv-report';

export interface CvArgs {
  readonly run: Omit<TrainArgs, 'outPath'>;
  readonly folds: number;
}

/**
 * `convexnet cv`: k-fold cross-validation of the training options on the training rows (the
 * test rows stay held out; --test-fraction 0 uses every row), stratified for classification and
 * seeded by --seed; prints mean and spread of every metric (stdout) and writes the JSON report.
 */
export async function runCrossValidation(args: CvArgs, env: CliEnvironment): Promise<void> {
  checkOutputPaths([{ what: 'the data file', path: args.run.dataPath }], [{ option: '--report', path: args.run.reportPath }]);
  const data = await readRunData(args.run);
  for (const note of data.notes) env.stderr(`${note}\n`);
  const heading = `Cross-validating ${args.folds} folds on ${data.train.X.rows} rows with ${data.options.solver}, beta ${data.options.beta.toPrecision(3)}${describeClassWeights(data.options.classWeights, data.train.classNames)}.${describeSolverChoice(data.solverReason, data.patternNote)}`;
  const onProgress = announceRun(env, heading, { unit: iterationUnit(data.options.solver, false) });
  const run = { train: data.train, options: data.options, foldPreparation: data.foldPreparation };
  // Several workers: the folds at once (cli-workers.ts), with the same report.
  const report =
    workerCount(args.run, env) > 1
      ? await CliWorkers.use(workerCount(args.run, env), run, args.folds, totalmem(), cliLogger(env.stderr), onProgress, (workers) => workers.crossValidate(run, args.folds, data.options.seed))
      : crossValidate(data.train, data.options, args.folds, data.options.seed, defaultContext({ now: env.now, onProgress }), data.foldPreparation);
  // The results on stdout; progress and notes went to stderr.
  env.stdout(`${'metric'.padEnd(20)} ${'mean'.padStart(10)} ${'sd'.padStart(10)}\n`);
  for (const m of report.metrics) {
    env.stdout(`${m.label.padEnd(20)} ${format(m.mean).padStart(10)} ${format(m.std).padStart(10)}\n`);
  }
  if (args.run.reportPath !== undefined) {
    writeFileAtomic(args.run.reportPath, `${JSON.stringify({ format: CV_REPORT_FORMAT, version: 1, source: data.source, targetColumn: args.run.target, options: data.options, ...report }, null, 2)}\n`);
    env.stderr(`Report written to ${args.run.reportPath}.\n`);
  }
}

function format(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '-' : value.toPrecision(4);
}
