/**
 * Not a timed case: the size of the model file and of the workspace run file of one run on a
 * million rows (two moons, binary, stratified split), as the app writes them. Run with
 *   node --import tsx bench/model-file-size.ts [rows] [testFraction]
 * The split is prepared and the held-out results computed as the app does (prepareJob,
 * heldOutResults), and the model's structured clone (node:v8 serialize, the format of a worker
 * message) stands for what the run's end sends the data worker. The training is a few ADMM iterations on 4 patterns, so the weights are tiny
 * and the files are mostly the split and the run's report.
 */
import { serialize } from 'node:v8';
import { loadBuiltInDataset } from '../src-core/data/builtin/registry';
import { readTarget } from '../src-core/data/target-column';
import { buildModelFile } from '../src-core/model/model-file';
import { defaultContext } from '../src-core/solvers/solver-types';
import { evaluatePredictions } from '../src-core/training/evaluate';
import { predictWithHeads } from '../src-core/training/predict';
import { defaultTrainOptions } from '../src-core/training/train-defaults';
import { trainModel } from '../src-core/training/train-model';
import { DEFAULT_PREPARATION } from '../src-main/services/dataset-registry';
import { prepareJob } from '../src-main/services/prepare-job';
import { buildRunResult, heldOutResults, withHeldOutResults } from '../src-main/services/run-result';
import { serializeRun } from '../src-main/workspace/run-file';
import { summarizeRun } from '../src-main/workspace/run-record';

const rows = Number(process.argv[2] ?? 1_000_000);
const testFraction = Number(process.argv[3] ?? 0.2);
const seed = 7;

const { table, target } = loadBuiltInDataset({ id: 'two-moons', rows, seed: 1 });
const task = readTarget(table, target).task;
const configuration = { target, task, ignoredColumns: [], preparation: DEFAULT_PREPARATION, classWeights: 'none' as const };
const started = performance.now();
const prepared = prepareJob({ table, target, source: 'two-moons.csv', configuration }, { task, seed, testFraction });
const options = { ...defaultTrainOptions(task, prepared.train.X.rows), solver: 'admm' as const, patterns: 4, seed, solverSettings: { maxIterations: 3 } };
const outcome = trainModel(prepared.train, options, defaultContext());
const model = buildModelFile(outcome, prepared.pipeline, { producer: 'size bench', trainingData: prepared.trainingData });
const metrics = (dataset: typeof prepared.train) => evaluatePredictions(task, predictWithHeads(task, options.loss, outcome.heads, dataset.X), dataset.y);
const result = buildRunResult({
  jobId: 'job-1',
  datasetId: 'dataset-1',
  outcome,
  train: metrics(prepared.train),
  test: prepared.test ? metrics(prepared.test) : null,
  trainCount: prepared.train.X.rows,
  testCount: prepared.test?.X.rows ?? 0,
});
const heldStarted = performance.now();
const held = heldOutResults(model, table);
const heldMs = performance.now() - heldStarted;
const full = withHeldOutResults(result, model, held, 'no held-out results', (m) => console.warn(m));
const data = { name: 'two moons', source: 'two-moons.csv', targetName: target, task, rowCount: rows, featureNames: ['x1', 'x2'], classNames: [...model.classNames], classCounts: [], fingerprint: 'f'.repeat(64) };
const summary = summarizeRun('run-1', 'two moons', 0, full, data, true);

const modelText = `${JSON.stringify(model)}\n`;
const serializeStarted = performance.now();
const runText = serializeRun({ summary, data, result: full, model });
const serializeMs = performance.now() - serializeStarted;
const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`;
console.log(`${rows} rows, test fraction ${testFraction}, ${prepared.train.X.rows} training rows (${((performance.now() - started) / 1000).toFixed(1)} s in all)`);
console.log(`model file: ${kb(modelText)}`);
console.log(`run file:   ${kb(runText)} (serialized in ${serializeMs.toFixed(0)} ms)`);
console.log(`finished-run message to the data worker (structured clone of the model): ${(serialize(model).length / 1024).toFixed(0)} KiB`);
console.log(`held-out results: ${heldMs.toFixed(0)} ms`);
