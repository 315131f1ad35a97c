import { resolveAdversarial, type AdversarialTraining } from '../../../src-core/robust/adversarial-options';
import { describeRadiusSuggestion, suggestRobustRadius } from '../../../src-core/robust/suggested-radius';
import { robustnessForRun } from '../../../src-core/robust/robustness-for-run';
import { robustnessVerdict } from '../../../src-core/robust/robustness-verdict';
import { describeRobustness } from './attack';
import { basename } from 'node:path';
import { totalmem } from 'node:os';
import { CliWorkers, cliLogger, workerCount } from '../cli-workers';
import type { FittedPreprocessing } from '../../../src-core/data/preprocessing';
import { readTarget } from '../../../src-core/data/target-column';
import { ConvexNetError } from '../../../src-core/errors';
import { buildModelFile } from '../../../src-core/model/model-file';
import { describeImportance, permutationImportance, type PermutationImportance } from '../../../src-core/model/permutation-importance';
import type { ModelFile } from '../../../src-core/model/model-file-types';
import { encodeTrainRows } from '../../../src-core/model/train-row-bitmap';
import type { RawTable } from '../../../src-core/data/raw-table';
import { defaultContext, describeStatus } from '../../../src-core/solvers/solver-types';
import { outcomeStatusText } from '../../../src-core/training/outcome-status-text';
import { fewRowsWarning } from '../../../src-core/training/few-rows-warning';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import type { TrainFunction, TrainOptions } from '../../../src-core/training/train-types';
import type { CliEnvironment } from '../cli-environment';
import { checkOutputPaths } from '../output-paths';
import { evaluateHeads } from '../evaluate';
import { writeFileAtomic } from '../../files/files';
import { readDataFile } from '../../datasets/read-data-file';
import { chooseFeatureColumns, leftOutNote } from '../feature-columns';
import { iterationUnit } from '../../../src-core/training/solver-support';
import { announceRun } from '../progress-printer';
import { buildRunReport, reportToJson } from '../report';
import type { TrainArgs } from '../train-args';
import { describeClassWeights, describeSolverChoice, preparedShape, trainOptionsFromArgs } from '../train-args';
import { trainsPatternNetworks } from '../../../src-core/training/pattern-source';

/**
 * `convexnet train`: read the file, infer the task on every row with a target, split (seeded,
 * stratified), fit the preprocessing on the training rows only, train, then write the model file
 * and (optionally) the run report. The results (robustness report, input importance, stopping
 * reason and test score) go to stdout; progress, choices, notes and warnings to stderr.
 */
export async function runTrain(args: TrainArgs, env: CliEnvironment, train: TrainFunction): Promise<void> {
  checkOutputPaths([{ what: 'the data file', path: args.dataPath }], [{ option: '--out', path: args.outPath }, { option: '--report', path: args.reportPath }]);
  const source = basename(args.dataPath);
  // Every supported format (CSV/TSV, XLSX, ARFF, LIBSVM, JSON): by --format, else extension, else content.
  const { table } = await readDataFile(args.dataPath, args.dataFile);
  const target = readTarget(table, args.target, args.task);
  const columns = chooseFeatureColumns(table, args.target, args.ignoreColumns, args.keepColumns);
  const note = leftOutNote(columns);
  if (note !== null) env.stderr(`${note}\n`);

  const { trainRows, testRows, fitted, test } = prepareTrainingData(table, target, {
    testFraction: args.testFraction,
    seed: args.seed,
    standardize: args.standardize,
    featureColumns: columns.featureColumns,
    ...args.preparation,
  });
  for (const warning of fitted.warnings ?? []) env.stderr(`warning: ${warning}\n`);

  const adversarial = args.autoEpsilon && args.adversarial ? suggestedAdversarial(args, args.adversarial, fitted, env) : args.adversarial;
  const robust = (adversarial?.epsilon ?? 0) > 0;
  const chosen = trainOptionsFromArgs(args, preparedShape(target.task, trainRows.length, fitted.pipeline.featureNames.length, fitted.dataset.y), robust, fitted.dataset.classNames);
  const options: TrainOptions = {
    ...chosen.options,
    ...(adversarial ? { adversarial: resolveAdversarial(adversarial, fitted.pipeline) } : {}),
  };
  const { loss, solver } = options;
  const fewRows = fewRowsWarning(trainRows.length, fitted.pipeline.featureNames.length + (options.bias ? 1 : 0));
  if (fewRows !== null) env.stderr(`warning: ${fewRows}\n`);
  const heading =
    `Training a ${describeTask(target.task, target.classNames.length)} on ${trainRows.length} rows` +
    `${test ? ` (${test.X.rows} held out for testing)` : ''} with ${solver}, ${loss} loss, ${fitted.pipeline.featureNames.length} feature${fitted.pipeline.featureNames.length === 1 ? '' : 's'}` +
    `${describeClassWeights(options.classWeights, target.classNames)}.` +
    describeSolverChoice(chosen.solverReason, chosen.patternNote);
  // Pattern networks first: the fractions are of the whole run (train-model.ts).
  const onProgress = announceRun(env, heading, { unit: iterationUnit(solver, false), wholeRun: trainsPatternNetworks(options) });
  const run = { train: fitted.dataset, options, foldPreparation: null };
  // Several workers: a one-vs-rest model's heads at once (cli-workers.ts), the same model.
  const outcome =
    fitted.dataset.task === 'multiclass' && workerCount(args, env) > 1
      ? await CliWorkers.use(workerCount(args, env), run, fitted.dataset.classNames.length, totalmem(), cliLogger(env.stderr), onProgress, (workers) => workers.trainHeads(run))
      : train(fitted.dataset, options, defaultContext({ onProgress, now: env.now }));

  const heads = outcome.heads;
  const finite = outcome.status !== 'numerical-failure';
  const robustness = finite ? robustnessForRun(outcome, fitted.dataset, test, defaultContext({ now: env.now })) : null;
  if (robustness) {
    // --compare-standard: the standard model's table beside the adversarially trained one's, and
    // the verdict when adversarial training did not pay (as the app's Results and HTML report).
    env.stdout(robustness.standard ? `The adversarially trained model:\n${describeRobustness(robustness.robust)}` : describeRobustness(robustness.robust));
    if (robustness.standard) {
      env.stdout(`The standard model (the same settings without the adversary):\n${describeRobustness(robustness.standard)}`);
      const verdict = robustnessVerdict(robustness);
      if (verdict) env.stdout(`${verdict}\n`);
    }
  }
  const metrics = finite
    ? { train: evaluateHeads(fitted.dataset, loss, heads), test: test ? evaluateHeads(test, loss, heads) : null }
    : { train: null, test: null };
  // The model file (finite weights only) and, from it, the input columns' permutation importance
  // on the held-out rows, as the app's Results screen shows it.
  const model = finite
    ? buildModelFile(outcome, fitted.pipeline, {
        producer: env.producer,
        trainingData: {
          source,
          rows: table.rowCount,
          droppedRows: target.droppedRows,
          trainRows: encodeTrainRows(trainRows, table.rowCount),
          testFraction: args.testFraction,
          splitSeed: args.seed,
        },
        robustness,
      })
    : null;
  const importance = model ? importanceOrWarning(model, table, env) : null;
  if (importance) env.stdout(`${describeImportance(importance)}\n`);
  // The model before its report: a report beside a model that failed to be written would tell of
  // a model that is not there. A run without a model (numerical failure) still gets its report.
  if (model) writeFileAtomic(args.outPath, `${JSON.stringify(model)}\n`);
  if (args.reportPath !== undefined) {
    const report = buildRunReport(
      outcome,
      {
        source,
        targetColumn: args.target,
        rows: table.rowCount,
        droppedRows: target.droppedRows,
        trainRows: trainRows.length,
        testRows: testRows.length,
        featureNames: fitted.pipeline.featureNames,
        classNames: fitted.pipeline.classNames,
        standardize: args.standardize,
        testFraction: args.testFraction,
      },
      metrics,
    );
    const full = { ...report, ...(robustness ? { robustness } : {}), ...(importance ? { importance } : {}) };
    writeFileAtomic(args.reportPath, reportToJson(full));
  }
  if (!model) throw new ConvexNetError('solver/numerical-failure', `no model written: ${describeStatus(outcome.status, null)}`);

  const testScore = describeScore(metrics.test);
  env.stdout(`${outcomeStatusText(outcome)}${testScore ? ` ${testScore}` : ''}\n`);
  env.stderr(`Model written to ${args.outPath}${args.reportPath !== undefined ? `, report to ${args.reportPath}` : ''}.\n`);
}

function describeTask(task: TrainArgs['task'], classCount: number): string {
  if (task === 'regression') return 'regression model';
  return task === 'binary' ? 'binary classifier' : `${classCount}-class classifier (one-vs-rest)`;
}

function describeScore(metrics: ReturnType<typeof evaluateHeads>): string {
  if (metrics === null) return '';
  if ('accuracy' in metrics) return metrics.accuracy === null ? '' : `Test accuracy ${(metrics.accuracy * 100).toFixed(1)}%.`;
  return metrics.r2 === null ? '' : `Test R^2 ${metrics.r2.toFixed(3)}.`;
}

/**
 * --epsilon auto: the radius suggested from the prepared training rows and the run's patterns and
 * seed (robust/suggested-radius.ts), in the threat's own norm, units and immutable columns;
 * printed with its reason on stderr.
 */
function suggestedAdversarial(args: TrainArgs, threat: AdversarialTraining, fitted: FittedPreprocessing, env: CliEnvironment): AdversarialTraining {
  const unit = resolveAdversarial({ ...threat, epsilon: 1 }, fitted.pipeline).featureRadii!;
  if (!unit.some((r) => r > 0)) {
    throw new ConvexNetError('settings/invalid', '--epsilon auto found no radius: no input column can be perturbed (all are categorical or immutable). Adversarial training needs a numeric column that may move.');
  }
  const suggestion = suggestRobustRadius(fitted.dataset.X, unit, { norm: threat.norm, hasBias: true, patternCount: args.patterns, seed: args.seed });
  if (!suggestion) {
    throw new ConvexNetError('settings/invalid', '--epsilon auto found no radius: no sampled activation pattern splits the training rows with a margin the threat can keep. Give the radius instead, e.g. --epsilon 0.01.');
  }
  env.stderr(`Epsilon (auto): ${suggestion.value} (${threat.norm === 'linf' ? 'l_inf' : 'l2'}, ${threat.units} units). ${describeRadiusSuggestion(suggestion)}\n`);
  return { ...threat, epsilon: suggestion.value };
}

/** The importance is an extra: a failure to compute it is a warning, the model is still written. */
function importanceOrWarning(model: ModelFile, table: RawTable, env: CliEnvironment): PermutationImportance | null {
  try {
    return permutationImportance(model, table);
  } catch (error) {
    env.stderr(`warning: the input columns' importance was not computed: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}
