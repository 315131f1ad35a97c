import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { selectTableRows, tableRows } from '../../../src-core/data/raw-table';
import { MODEL_VERSION, parseModelFile, predictRaw } from '../../../src-core/model/model-file';
import { predictionsToCsv } from '../../../src-core/model/predictions-csv';
import type { RunReport } from '../../../src-main/cli/report';
import { classificationCsv, tempDir } from './cli-helpers';
import { trainRowIndices } from '../../../src-core/model/train-row-bitmap';

const launcher = fileURLToPath(new URL('../../../src-main/cli/convexnet.mjs', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node src-main/cli/convexnet.mjs ...args` as a child process. */
function convexnet(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CONVEXNET_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exactly one stderr line, "convexnet: ...", and no stack trace. */
function expectOneErrorLine(run: Run, code: number, message: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^convexnet: /);
  expect(lines[0]).toMatch(message);
}

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

describe.concurrent('convexnet command: help and errors', () => {
  it('--help and train --help print usage with exit 0', async () => {
    const [main, train] = await Promise.all([convexnet('--help'), convexnet('train', '--help')]);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/convexnet train DATA\.csv --target COLUMN --out MODEL\.json/);
    expect(main.stdout).toMatch(/convexnet predict MODEL\.json DATA\.csv \[--out PRED\.csv\]/);
    expect(train.code).toBe(0);
    for (const flag of ['--task', '--loss', '--solver', '--formulation', '--exact-pattern-limit', '--pattern-source', '--patterns', '--beta', '--rho', '--max-iter', '--tol', '--time-limit-ms', '--seed', '--test-fraction', '--standardize', '--no-standardize', '--out', '--report']) {
      expect(train.stdout).toContain(flag);
    }
    expect(train.stdout).toMatch(/squared -> admm, bce -> admm-rbcd, hinge -> admm/);
    expect(main.stderr + train.stderr).toBe('');
  });

  it('a bad argument: one line, exit 2', async () => {
    expectOneErrorLine(await convexnet('train', 'data.csv', '--target', 'y', '--out', 'm.json', '--max-iter', 'ten'), 2, /--max-iter must be a whole number/);
  });

  it('a missing file: one line, exit 1', async () => {
    expectOneErrorLine(await convexnet('train', tmp.file('absent.csv'), '--target', 'y', '--out', tmp.file('m.json')), 1, /cannot read the data file .*absent\.csv.*no such file/);
  });

  it('a bad data file: one line naming the line, exit 1', async () => {
    const ragged = tmp.file('ragged.csv', 'a,b,y\n1,2,p\n3,q\n');
    expectOneErrorLine(await convexnet('train', ragged, '--target', 'y', '--out', tmp.file('m.json')), 1, /ragged\.csv, line 3: found 2 fields, expected 3/);
  });

  it('a model file of a newer version: one clear line, exit 1', async () => {
    const data = tmp.file('pdata.csv', 'a,y\n1,p\n');
    const newer = tmp.file('newer.json', JSON.stringify({ format: 'convexnet-model', version: MODEL_VERSION + 1 }));
    expectOneErrorLine(await convexnet('predict', newer, data), 1, new RegExp(`version ${MODEL_VERSION + 1}.*Update ConvexNet Studio`));
  });

  it('the interior-point solver with an adversary: one line naming the fix, exit 2', async () => {
    const data = tmp.file('ipm-bad.csv', classificationCsv(['a', 'b'], 15));
    expectOneErrorLine(await convexnet('train', data, '--target', 'label', '--solver', 'ipm', '--epsilon', '0.1', '--out', tmp.file('m.json')), 2, /does not do adversarial training \(epsilon > 0\)/);
  });

  it('a solver setting the solver rejects: one line, exit 2', async () => {
    const data = tmp.file('settings.csv', classificationCsv(['a', 'b'], 15));
    // Refused by the solver as training starts: after the heading, which is printed before training.
    const run = await convexnet('train', data, '--target', 'label', '--loss', 'squared', '--rho', '1e9', '--out', tmp.file('m.json'));
    const heading = run.stderr.slice(0, run.stderr.indexOf('convexnet: '));
    expect(heading).toMatch(/^Training a binary classifier .* with admm, squared loss/);
    expectOneErrorLine({ ...run, stderr: run.stderr.slice(heading.length) }, 2, /rho/);
  });
});

const REPORT_FIELDS = ['objective', 'lowerBound', 'gap', 'status', 'iterations', 'setupMs', 'solveMs', 'neuronCount'] as const;

/** Train then predict with the real trainer; compare with in-process predictions from the model file. */
async function trainAndPredict(name: string, csv: string, extra: string[], toFile = false): Promise<{ report: RunReport; csvText: string; modelText: string; predictions: string; trainStdout: string }> {
  const data = tmp.file(`${name}.csv`, csv);
  const model = tmp.file(`${name}.model.json`);
  const report = tmp.file(`${name}.run.json`);
  const train = await convexnet('train', data, '--target', 'label', '--out', model, '--report', report, ...extra);
  expect(train.code, train.stderr).toBe(0);
  // The results on stdout, ending with the stopping reason and test score; progress and the
  // "written to" line on stderr.
  expect(train.stdout).toMatch(/Test accuracy [\d.]+%\.\n$/);
  expect(train.stdout).not.toMatch(/Training a |Model written to|^\[\d/m);
  expect(train.stderr).toMatch(/Model written to/);
  expect(train.stderr).not.toMatch(/Test accuracy/);
  const target = tmp.file(`${name}.predictions.csv`);
  const predicted = await convexnet('predict', model, data, ...(toFile ? ['--out', target] : []));
  expect(predicted.code, predicted.stderr).toBe(0);
  // Without --out, stdout is the predictions and stderr at most notes (cells filled in).
  expect(toFile ? predicted.stdout : predicted.stderr.replace(/^note: .*\n/gm, '')).toBe('');
  const predictions = toFile ? readFileSync(target, 'utf8') : predicted.stdout;
  return { report: JSON.parse(readFileSync(report, 'utf8')) as RunReport, csvText: csv, modelText: readFileSync(model, 'utf8'), predictions, trainStdout: train.stdout };
}

function checkAgainstModelFile(run: Awaited<ReturnType<typeof trainAndPredict>>, classNames: string[]): void {
  const model = parseModelFile(JSON.parse(run.modelText));
  const table = parseDelimited(run.csvText);
  const inProcess = predictRaw(model, table);
  expect(run.predictions).toBe(predictionsToCsv(inProcess));

  const out = parseDelimited(run.predictions);
  expect(out.columns).toEqual(['prediction', ...classNames.map((c) => `probability_${c}`)]);
  expect(tableRows(out)).toHaveLength(tableRows(table).length);
  for (const row of tableRows(out)) {
    expect(classNames).toContain(row[0]);
    const probabilities = row.slice(1).map(Number);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(row[0]).toBe(classNames[probabilities.indexOf(Math.max(...probabilities))]);
  }

  // The report's training accuracy is the accuracy of the model file on the training rows it records.
  const trainRows = trainRowIndices(model.trainingData!);
  const trainTable = selectTableRows(table, trainRows);
  const trainPredictions = predictRaw(model, trainTable);
  const correct = tableRows(trainTable).filter((r, k) => r[3] === classNames[trainPredictions.labels![k]!]).length;
  expect((run.report.metrics.train as { accuracy: number }).accuracy).toBeCloseTo(correct / trainRows.length, 12);

  for (const field of REPORT_FIELDS) expect(run.report, field).toHaveProperty(field);
  expect(typeof run.report.objective).toBe('number');
  expect(run.report.lowerBound === null || typeof run.report.lowerBound === 'number').toBe(true);
  expect(run.report.iterations).toBeGreaterThan(0);
  expect(run.report.neuronCount).toBe(model.heads.reduce((s, h) => s + h.hidden.rows, 0));
  expect(run.report.metrics.train).toMatchObject({ n: trainRows.length, classCount: classNames.length });
  expect(run.report.metrics.test).toMatchObject({ n: tableRows(table).length - trainRows.length });
  expect(run.report.heads).toHaveLength(classNames.length === 2 ? 1 : classNames.length);
  for (const head of run.report.heads) expect(head.history.length).toBeGreaterThan(0);
}

describe.concurrent('convexnet train + predict end to end (real trainer)', () => {
  it('two classes: predictions on stdout match the model file, and the report is complete', async () => {
    const run = await trainAndPredict('two', classificationCsv(['no', 'yes'], 30), ['--loss', 'squared', '--solver', 'admm', '--max-iter', '200', '--patterns', '12']);
    checkAgainstModelFile(run, ['no', 'yes']);
    expect(run.report.task).toBe('binary');
    expect(run.report.options.solver).toBe('admm');
  });

  it('three classes (one-vs-rest): predictions written with --out match the model file; the report has per-head history', async () => {
    const run = await trainAndPredict('three', classificationCsv(['setosa', 'versicolor', 'virginica'], 20), ['--loss', 'squared', '--max-iter', '100', '--patterns', '8', '--test-fraction', '0.25'], true);
    checkAgainstModelFile(run, ['setosa', 'versicolor', 'virginica']);
    expect(run.report.task).toBe('multiclass');
    expect(run.report.heads.map((h) => h.className)).toEqual(['setosa', 'versicolor', 'virginica']);
    // No --solver: a small squared-loss problem goes to the interior-point solver, which
    // certifies every one-vs-rest head (the default tolerance 1e-6) within the 100 steps.
    expect(run.report.options.solver).toBe('ipm');
    expect(run.report.status).toBe('solved');
    for (const head of run.report.heads) expect(head.gap!).toBeLessThanOrEqual(1e-6);
    // The closing line states the run's certified gap (summed over the heads), as the report does.
    expect(run.trainStdout).toContain(`${run.report.statusText} Test accuracy`);
    expect(run.report.statusText).toMatch(/^Reached the requested tolerance\. The certified gap is [\d.e-]+%\.$/);
  });

  it('predicts one row per data row: a row of empty cells in the file gets its prediction from the filled-in values, with a note', async () => {
    const run = await trainAndPredict('gaps', classificationCsv(['no', 'yes'], 15), ['--solver', 'scp', '--max-iter', '100', '--patterns', '8']);
    const lines = run.csvText.trim().split('\n');
    // Header, two rows, a row of empty cells (as spreadsheets export a blank row), one more row.
    const data = tmp.file('gaps-new.csv', `${[lines[0], lines[1], lines[2], ',,,', lines[3]].join('\n')}\n`);
    const predicted = await convexnet('predict', tmp.file('gaps.model.json'), data);
    expect(predicted.code, predicted.stderr).toBe(0);
    const model = parseModelFile(JSON.parse(run.modelText));
    const rows = parseDelimited(`${[lines[0], lines[1], lines[2], ',,,', lines[3]].join('\n')}\n`, { keepEmptyRows: true });
    expect(rows.rowCount).toBe(4);
    expect(predicted.stdout).toBe(predictionsToCsv(predictRaw(model, rows)));
    expect(tableRows(parseDelimited(predicted.stdout))).toHaveLength(4);
    // ... and stderr says what that prediction rests on (stdout stays the predictions alone).
    expect(predicted.stderr).toMatch(/^note: 1 row \(line 4\) has no value in any input column: its prediction is the model's output for the fill values alone/m);
  });

  it('--compare-standard prints the standard model\'s robustness beside the adversarially trained one\'s', async () => {
    const data = tmp.file('robust.csv', classificationCsv(['no', 'yes'], 20));
    const report = tmp.file('robust.run.json');
    const run = await convexnet('train', data, '--target', 'label', '--epsilon', '0.2', '--compare-standard', '--patterns', '8', '--max-iter', '2000', '--out', tmp.file('robust.model.json'), '--report', report);
    expect(run.code, run.stderr).toBe(0);
    // Results, on stdout as attack prints its table.
    const trained = run.stdout.indexOf('The adversarially trained model:\nRobustness on ');
    const standard = run.stdout.indexOf('The standard model (the same settings without the adversary):\nRobustness on ');
    expect(trained).toBeGreaterThanOrEqual(0);
    expect(standard).toBeGreaterThan(trained);
    const saved = JSON.parse(readFileSync(report, 'utf8')) as { robustness: { standard: { points: unknown[] } | null } };
    expect(saved.robustness.standard!.points.length).toBeGreaterThan(1);
  });

  it('--solver ipm: the interior-point solver certifies the run and its model file predicts like the others', async () => {
    const run = await trainAndPredict('ipm', classificationCsv(['no', 'yes'], 30), ['--solver', 'ipm', '--tol', '1e-7', '--patterns', '12']);
    checkAgainstModelFile(run, ['no', 'yes']);
    expect(run.report.options).toMatchObject({ solver: 'ipm', loss: 'squared', solverSettings: { tolerance: 1e-7 } });
    expect(run.report.status).toBe('solved');
    expect(run.report.gap!).toBeLessThanOrEqual(1e-7);
    // A few dozen Newton steps, not thousands of ADMM iterations.
    expect(run.report.iterations).toBeLessThanOrEqual(60);
    expect(parseModelFile(JSON.parse(run.modelText)).solver).toBe('ipm');
  });
});
