import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { ConvexNetError } from '../../../src-core/errors';
import { parseModelFile } from '../../../src-core/model/model-file';
import type { RunReport } from '../../../src-main/cli/report';
import { classificationCsv, fakeTrainer, runInProcess, tempDir } from './cli-helpers';
import { MAIN_HELP } from '../../../src-main/cli/help-text';
import { admmSettingSpecs } from '../../../src-core/solvers/admm/admm-settings';
import { runCli } from '../../../src-main/cli/run-cli';
import { tableRows } from '../../../src-core/data/raw-table';
import { suggestRobustRadius } from '../../../src-core/robust/suggested-radius';
import { describeImportance, permutationImportance, type PermutationImportance } from '../../../src-core/model/permutation-importance';
import { trainModel } from '../../../src-core/training/train-model';
import { REGRESSION_BETA_PER_ROW, standardDeviation } from '../../../src-core/training/train-defaults';
import { trainRowIndices } from '../../../src-core/model/train-row-bitmap';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

describe('convexnet train (in-process, trainer stand-in)', () => {
  it('reports the input columns\' permutation importance on the held-out rows, on stdout and in the run report', async () => {
    const csv = classificationCsv(['a', 'b', 'c'], 30);
    const data = tmp.file('d.csv', csv);
    const out = tmp.file('m.json');
    const reportPath = tmp.file('r.json');
    const run = await runInProcess(['train', data, '--target', 'label', '--patterns', '8', '--out', out, '--report', reportPath], trainModel);
    expect(run.code).toBe(0);
    const report = readJson<RunReport & { importance: PermutationImportance }>(reportPath);
    const model = parseModelFile(readJson(out));
    expect(report.importance).toEqual(permutationImportance(model, parseDelimited(csv)));
    expect(report.importance.columns.map((c) => c.column).sort()).toEqual(['shade', 'x1', 'x2']);
    expect(run.stdout).toContain(describeImportance(report.importance));
    expect(run.stderr).not.toContain('Inputs that matter most');
    // In this table the shade is the class in disguise ((7 i) mod 3 = i mod 3): the model reads it first.
    expect(run.stdout).toMatch(/Inputs that matter most \(test accuracy drop when the column is shuffled, mean of 5 on \d+ held-out rows\): shade [\d.]+ pts, x\d/);
    expect(report.importance.columns[0]!.drop).toBeGreaterThan(0.3);
  });

  it('--epsilon auto trains at the radius suggested from the prepared training rows, in the given norm, and says why', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 30));
    const run = await runInProcess(['train', data, '--target', 'label', '--epsilon', 'auto', '--norm', 'l2', '--patterns', '8', '--out', tmp.file('m.json')], trainModel);
    expect(run.code).toBe(0);
    const said = /Epsilon \(auto\): ([\d.e-]+) \(l2, raw units\)\. At this radius \d+ of the \d+ sampled neurons keep a margin/.exec(run.stderr);
    expect(said).not.toBeNull();
    const epsilon = Number(said![1]);
    const { train, options } = run.calls[0]!;
    expect(options.adversarial).toMatchObject({ epsilon, norm: 'l2', units: 'raw' });
    // The core's suggestion on the same prepared rows, patterns and seed, from the radii per unit epsilon.
    const unit = options.adversarial!.featureRadii!.map((r) => r / epsilon);
    expect(suggestRobustRadius(train.X, unit, { norm: 'l2', hasBias: true, patternCount: 8, seed: 1 })!.value).toBe(epsilon);
    // Nothing can move: said as such, not as a missing corridor.
    const frozen = await runInProcess(['train', data, '--target', 'label', '--epsilon', 'auto', '--immutable', 'x1,x2', '--out', tmp.file('m.json')], trainModel);
    expect(frozen.code).toBe(2);
    expect(frozen.stderr).toMatch(/--epsilon auto found no radius: no input column can be perturbed/);
    // Not a number, not auto: a usage error naming the flag.
    const bad = await runInProcess(['train', data, '--target', 'label', '--epsilon', 'some', '--out', tmp.file('m.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--epsilon/);
  });

  it('takes class weights by rule or by class name, says them in the heading, and refuses names that are not classes', async () => {
    const data = tmp.file('c.csv', classificationCsv(['cat', 'dog', 'owl'], 20));
    const out = tmp.file('m.json');
    const balanced = await runInProcess(['train', data, '--target', 'label', '--out', out, '--class-weights', 'balanced']);
    expect(balanced.code, balanced.stderr).toBe(0);
    expect(balanced.calls[0]!.options.classWeights).toBe('balanced');
    expect(balanced.stderr).toMatch(/, balanced class weights\./);
    // By name, in the classes' order; a class left out weighs 1.
    const named = await runInProcess(['train', data, '--target', 'label', '--out', out, '--class-weights', 'owl=3, cat=0.5']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.calls[0]!.train.classNames).toEqual(['cat', 'dog', 'owl']);
    expect(named.calls[0]!.options.classWeights).toEqual([0.5, 1, 3]);
    expect(named.stderr).toContain(', class weights cat: 0.5, dog: 1, owl: 3.');
    // Class-weighted squared loss goes to the interior-point solver's conic form when small, as in the app.
    expect(named.stderr).toMatch(/Squared loss with class weights/);
    const cv = await runInProcess(['cv', data, '--target', 'label', '--folds', '2', '--class-weights', 'dog=2']);
    expect(cv.code, cv.stderr).toBe(0);
    // cv trains for real (its folds are not the stand-in's calls): the heading says the weights it runs.
    expect(cv.stderr).toContain(', class weights cat: 1, dog: 2, owl: 1.');

    const unknown = await runInProcess(['train', data, '--target', 'label', '--out', out, '--class-weights', 'cow=2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--class-weights names "cow", which is not a class of the target; the classes are "cat", "dog", "owl"');
    for (const bad of ['cat=0', 'cat=-1', 'cat', '=2', 'cat=2,cat=3', 'cat=x']) {
      const refused = await runInProcess(['train', data, '--target', 'label', '--out', out, '--class-weights', bad]);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr, bad).toMatch(/--class-weights/);
      expect(refused.calls, bad).toHaveLength(0);
    }
    const regression = tmp.file('r.csv', 'x,y\n1,0.5\n2,1.5\n3,2.25\n4,3.5\n5,4\n');
    const onRegression = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--class-weights', 'balanced']);
    expect(onRegression.code).toBe(2);
    expect(onRegression.stderr).toMatch(/--class-weights is for classification/);
  });

  it('maps the flags into TrainOptions and solver settings, with the documented defaults', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 20));
    const out = tmp.file('m.json');
    const given = await runInProcess(['train', data, '--target', 'label', '--out', out, '--rho', '2.5', '--max-iter', '300', '--tol', '1e-5', '--time-limit-ms', '1500']);
    expect(given.code).toBe(0);
    expect(given.calls[0]!.options).toEqual({
      task: 'binary',
      loss: 'squared',
      solver: 'admm',
      formulation: 'sampled',
      patterns: 32,
      // 1e-4 per training row: 80% of the file's rows train.
      beta: expect.closeTo(1e-4 * given.calls[0]!.train.X.rows, 12),
      bias: true,
      seed: 1,
      solverSettings: { rho: 2.5, maxIterations: 300, tolerance: 1e-5, timeLimitMs: 1500 },
    });

    const regression = tmp.file('r.csv', 'x,y\n1,0.5\n2,1.5\n3,2.25\n4,3.5\n5,4\n');
    const reg = await runInProcess(['train', regression, '--target', 'y', '--out', out]);
    // No --solver: the squared loss on a small problem goes to the interior-point solver (as in
    // the app's presets), and the heading says why; --rho above kept ADMM.
    expect(reg.calls[0]!.options).toMatchObject({ task: 'regression', loss: 'squared', solver: 'ipm', solverSettings: {} });
    // A regression beta scales with the training rows and the training target's spread (its units).
    const trainY = reg.calls[0]!.train.y;
    expect(reg.calls[0]!.options.beta).toBe(Number((REGRESSION_BETA_PER_ROW * trainY.length * standardDeviation(trainY)).toPrecision(3)));
    expect(standardDeviation(trainY)).toBeGreaterThan(0.5);
    expect(reg.stderr).toMatch(/with ipm, squared loss, 1 feature\.\nSolver chosen for this data \(--solver chooses another\): Squared loss \(128 unknowns\): the interior-point method certifies a gap of 1e-6 /);
    expect(given.stderr).toContain('Solver chosen for this data (--solver chooses another): ADMM fits the squared loss quickly. It factors one linear system once and reuses it every iteration. Penalty rho is not a setting of the interior-point solver.');
    // An iteration limit meant for ADMM (the interior-point solver takes at most 1000 Newton steps) keeps ADMM too.
    const many = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--max-iter', '5000']);
    expect(many.code).toBe(0);
    expect(many.calls[0]!.options).toMatchObject({ solver: 'admm', solverSettings: { maxIterations: 5000 } });

    const hinge = await runInProcess(['train', data, '--target', 'label', '--out', out, '--loss', 'hinge', '--seed', '77', '--patterns', '5', '--beta', '0.5', '--formulation', 'exact']);
    expect(hinge.calls[0]!.options).toMatchObject({ loss: 'hinge', solver: 'admm', seed: 77, patterns: 5, beta: 0.5, formulation: 'exact' });

    // --solver ipm: the squared loss by default; --max-iter counts its Newton steps.
    const ipm = await runInProcess(['train', data, '--target', 'label', '--out', out, '--solver', 'ipm', '--max-iter', '40', '--formulation', 'exact']);
    expect(ipm.code).toBe(0);
    expect(ipm.calls[0]!.options).toMatchObject({ loss: 'squared', solver: 'ipm', formulation: 'exact', solverSettings: { maxIterations: 40 } });

    // --exact-pattern-limit: the exact formulation's, passed on with the settings; it does not
    // move the recommendation off the interior-point solver.
    const limit = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--formulation', 'exact', '--exact-pattern-limit', '5000']);
    expect(limit.code).toBe(0);
    expect(limit.calls[0]!.options).toMatchObject({ solver: 'ipm', formulation: 'exact', solverSettings: { exactPatternLimit: 5000 } });
    const sampled = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--exact-pattern-limit', '5000']);
    expect(sampled.code).toBe(2);
    expect(sampled.stderr).toMatch(/--exact-pattern-limit applies to the exact formulation: add --formulation exact/);
    const tooLarge = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--formulation', 'exact', '--exact-pattern-limit', '100001']);
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toMatch(/--exact-pattern-limit must be a whole number .*at most 100,000/);

    // --pattern-source: the sampled formulation's, passed on with the settings; it does not move
    // the recommendation off the interior-point solver either.
    const source = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--pattern-source', 'backprop']);
    expect(source.code).toBe(0);
    expect(source.calls[0]!.options).toMatchObject({ solver: 'ipm', formulation: 'sampled', solverSettings: { patternSource: 'backprop' } });
    const exactSource = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--formulation', 'exact', '--pattern-source', 'backprop']);
    expect(exactSource.code).toBe(2);
    expect(exactSource.stderr).toMatch(/--pattern-source applies to the sampled formulation \(the exact one uses every pattern\)/);
    const badSource = await runInProcess(['train', regression, '--target', 'y', '--out', out, '--pattern-source', 'sgd']);
    expect(badSource.code).toBe(2);
    expect(badSource.stderr).toMatch(/--pattern-source must be one of random, backprop, got "sgd"/);

    // Without --pattern-source the app's Balanced preset decides: back-propagation's patterns on
    // 100 training rows or more (625 rows, a fifth held out), said in the heading.
    const manyRows = tmp.file('many.csv', `x,y\n${Array.from({ length: 625 }, (_, k) => `${k / 100},${Math.sin(k / 50)}`).join('\n')}\n`);
    const balanced = await runInProcess(['train', manyRows, '--target', 'y', '--out', out]);
    expect(balanced.code).toBe(0);
    expect(balanced.calls[0]!.options).toMatchObject({ solver: 'ipm', solverSettings: { patternSource: 'backprop' } });
    expect(balanced.stderr).toContain("\nPatterns from a back-propagation network, as the app's Balanced preset takes them on 100 training rows or more (--pattern-source random for random ones).");
    const chosenRandom = await runInProcess(['train', manyRows, '--target', 'y', '--out', out, '--pattern-source', 'random']);
    expect(chosenRandom.calls[0]!.options.solverSettings).toEqual({ patternSource: 'random' });
    expect(chosenRandom.stderr).not.toContain('Patterns from');
    // The exact formulation takes every pattern; SCP and back-propagation have none to take.
    const scp = await runInProcess(['train', manyRows, '--target', 'y', '--out', out, '--solver', 'scp']);
    expect(scp.calls[0]!.options.solverSettings).toEqual({});
  });

  it('warns on stderr when there are no more training rows than inputs, and trains anyway', async () => {
    const out = tmp.file('m.json');
    const tiny = await runInProcess(['train', tmp.file('t.csv', 'x,y\n1,0.5\n2,1.5\n'), '--target', 'y', '--out', out, '--test-fraction', '0']);
    expect(tiny.code).toBe(0);
    expect(tiny.stderr).toContain('warning: Only 2 training rows for 2 inputs (the bias included)');
    const enough = await runInProcess(['train', tmp.file('r.csv', 'x,y\n1,0.5\n2,1.5\n3,2.25\n4,3.5\n5,4\n'), '--target', 'y', '--out', out]);
    expect(enough.stderr).not.toContain('warning: Only');
  });

  it('splits with stratification and fits the preprocessing on the training rows only', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b', 'c'], 20));
    const run = await runInProcess(['train', data, '--target', 'label', '--out', tmp.file('m.json'), '--test-fraction', '0.25']);
    expect(run.code).toBe(0);
    const { train } = run.calls[0]!;
    expect(train.task).toBe('multiclass');
    expect(train.X.rows).toBe(45);
    for (let c = 0; c < 3; c++) expect(Array.from(train.y).filter((y) => y === c)).toHaveLength(15);
    // Standardized with training statistics: over the training rows, x1 has mean 0 and std 1.
    const x1 = Array.from({ length: train.X.rows }, (_, i) => train.X.data[i * train.X.cols]!);
    const mean = x1.reduce((a, b) => a + b, 0) / x1.length;
    const variance = x1.reduce((a, b) => a + (b - mean) ** 2, 0) / x1.length;
    expect(Math.abs(mean)).toBeLessThan(1e-12);
    expect(variance).toBeCloseTo(1, 12);

    // Without standardization the training rows carry their raw values, in the order the model file records.
    const modelPath = tmp.file('raw.json');
    const raw = await runInProcess(['train', data, '--target', 'label', '--out', modelPath, '--no-standardize']);
    const trainRows = trainRowIndices(parseModelFile(readJson(modelPath)).trainingData!);
    const table = parseDelimited(readFileSync(data, 'utf8'));
    const rawX = raw.calls[0]!.train.X;
    trainRows.forEach((row, k) => expect(rawX.data[k * rawX.cols]).toBe(Number(tableRows(table)[row]![0])));
  });

  it('writes a model file that parses, and a report with every field (one-vs-rest totals and per-head history)', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b', 'c'], 20));
    const modelPath = tmp.file('m.json');
    const reportPath = tmp.file('run.json');
    const run = await runInProcess(['train', data, '--target', 'label', '--out', modelPath, '--report', reportPath]);
    expect(run.code).toBe(0);
    const model = parseModelFile(readJson(modelPath));
    expect(model.trainingData).toMatchObject({ source: 'd.csv', rows: 60, testFraction: 0.2, splitSeed: 1 });
    expect(model.trainingData!.trainRows.count).toBe(48);
    expect(trainRowIndices(model.trainingData!)).toHaveLength(48);
    expect(model.producer).toBe('ConvexNet Studio test');

    const report = readJson<RunReport>(reportPath);
    expect(report).toMatchObject({
      format: 'convexnet-run-report',
      status: 'max-iterations',
      objective: 2 + 3 + 4,
      lowerBound: 1 + 2 + 3,
      iterations: 100 + 101 + 102,
      setupMs: 1.5,
      solveMs: 13,
      neuronCount: 2 + 3 + 4,
      data: { rows: 60, trainRows: 48, testRows: 12, classNames: ['a', 'b', 'c'] },
    });
    expect(report.gap).toBeCloseTo(3 / 9, 14);
    expect(report.statusText).toMatch(/iteration limit/);
    expect(report.metrics.train).toMatchObject({ n: 48, classCount: 3 });
    expect(report.metrics.test).toMatchObject({ n: 12, classCount: 3 });
    expect(report.heads.map((h) => h.className)).toEqual(['a', 'b', 'c']);
    for (const head of report.heads) expect(head.history).toHaveLength(2);
    // No temporary files are left beside the outputs.
    expect(readdirSync(tmp.dir).sort()).toEqual(['d.csv', 'm.json', 'run.json']);
  });

  it('prints throttled progress: one line per 0.5 s of (fake) time at most', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 10));
    const run = await runInProcess(['train', data, '--target', 'label', '--out', tmp.file('m.json')]);
    const progress = run.stderr.split('\n').filter((l) => /^\[\d+\.\d s\] /.test(l));
    // The fake clock advances 100 ms per reading: 30 events give 6 lines, not 30.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.length).toBeLessThanOrEqual(8);
    // stdout holds the results alone: the closing line, no progress.
    expect(run.stdout).not.toMatch(/^\[\d+\.\d s\] |^Training a /m);
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/Test accuracy [\d.]+%\.$/);
  });

  it('on a numerical failure writes the report but no model, and exits 1 with one line', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 10));
    const modelPath = tmp.file('m.json');
    const reportPath = tmp.file('run.json');
    const run = await runInProcess(['train', data, '--target', 'label', '--out', modelPath, '--report', reportPath], fakeTrainer('numerical-failure'));
    expect(run.code).toBe(1);
    expect(existsSync(modelPath)).toBe(false);
    expect(readJson<RunReport>(reportPath).status).toBe('numerical-failure');
    expect(run.stderr.trim().split('\n').pop()).toMatch(/^convexnet: no model written: Stopped because the numbers became invalid/);
  });

  it('turns settings errors into exit 2 and unexpected errors into one "internal error" line, exit 1', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 10));
    const settings = await runInProcess(['train', data, '--target', 'label', '--out', tmp.file('m.json')], () => {
      throw new ConvexNetError('settings/invalid', 'Penalty rho (rho) must be at most 1000000, got 1e9.');
    });
    expect(settings.code).toBe(2);
    expect(settings.stderr.split('\n').filter(Boolean).pop()).toBe('convexnet: Penalty rho (rho) must be at most 1000000, got 1e9.');

    const crash = await runInProcess(['train', data, '--target', 'label', '--out', tmp.file('m.json')], () => {
      throw new TypeError('x is undefined\n    at somewhere');
    });
    expect(crash.code).toBe(1);
    const lines = crash.stderr.split('\n').filter(Boolean);
    expect(lines.pop()).toBe('convexnet: internal error: x is undefined at somewhere');
    expect(crash.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a loss that does not fit the task', async () => {
    const regression = tmp.file('r.csv', 'x,y\n1,0.5\n2,1.5\n3,2.25\n');
    const run = await runInProcess(['train', regression, '--target', 'y', '--out', tmp.file('m.json'), '--loss', 'bce']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^convexnet: --loss bce is for classification.*--task binary/);
    const explicit = await runInProcess(['train', regression, '--target', 'y', '--out', tmp.file('m.json'), '--task', 'regression', '--loss', 'hinge']);
    expect(explicit.code).toBe(2);
  });
});

describe('the training heading', () => {
  it('is printed before training, also for a run shorter than one progress interval', async () => {
    const tmp = tempDir();
    try {
      const regression = tmp.file('r.csv', 'x,y\n1,0.5\n2,1.5\n3,2.25\n4,3.5\n5,4\n');
      let stderr = '';
      let stderrWhenTrainingStarted = '';
      const quick = fakeTrainer();
      const code = await runCli(['train', regression, '--target', 'y', '--out', tmp.file('m.json')], {
        stdout: () => undefined,
        stderr: (text) => void (stderr += text),
        now: () => 0, // no time passes: no progress line is due
        loadTrainer: async () => (train, options, context) => {
          stderrWhenTrainingStarted = stderr;
          return quick(train, options, context);
        },
        producer: 'test',
        version: '0',
      });
      expect(code, stderr).toBe(0);
      expect(stderrWhenTrainingStarted).toMatch(/^Training a regression model on 4 rows .* with ipm, squared loss, 1 feature\.\nSolver chosen for this data \(--solver chooses another\): /);
      expect(stderr).not.toMatch(/\[\d+\.\d s\]/);
    } finally {
      tmp.remove();
    }
  });
});

describe('the command list in messages', () => {
  it('names every command the main help lists, and only commands that run', async () => {
    const section = MAIN_HELP.slice(MAIN_HELP.indexOf('Commands:\n'), MAIN_HELP.indexOf('\n\n', MAIN_HELP.indexOf('Commands:\n')));
    const documented = [...section.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    expect(documented).toEqual(['train', 'predict', 'export', 'sweep', 'cv', 'attack']);
    for (const argv of [[], ['trian']]) {
      const run = await runInProcess(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`(commands: ${documented.join(', ')}; see convexnet --help)`);
    }
    for (const command of documented) expect((await runInProcess([command!, '--help'])).stdout).toMatch(new RegExp(`^Usage: convexnet ${command} `));
    expect((await runInProcess(['constructor'])).stderr).toMatch(/^convexnet: unknown command "constructor"/);
  });
});

describe('argument errors (in-process)', () => {
  const cases: [string[], RegExp][] = [
    [[], /^convexnet: no command given/],
    [['fit'], /^convexnet: unknown command "fit"/],
    [['train', 'd.csv', '--out', 'm.json'], /needs --target COLUMN/],
    [['train', 'd.csv', '--target', 'y'], /needs --out MODEL\.json/],
    [['train', '--target', 'y', '--out', 'm.json'], /needs DATA\.csv/],
    [['train', 'a.csv', 'b.csv', '--target', 'y', '--out', 'm.json'], /unexpected argument "b\.csv"/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--beta', 'abc'], /--beta must be a number greater than 0, got "abc"/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--beta', '0'], /--beta must be/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--patterns', '2.5'], /--patterns must be a whole number/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--seed', '4294967296'], /--seed must be a whole number at least 0 and at most 4,294,967,295/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--test-fraction', '1'], /--test-fraction must be a number at least 0 and below 1/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--solver', 'sgd'], /--solver must be one of admm, admm-rbcd, ipm, scp, backprop, got "sgd"/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--solver', 'ipm', '--epsilon', '0.2'], /^convexnet: The interior-point solver \(ipm\) does not do adversarial training \(epsilon > 0\): use ADMM or ADMM-RBCD/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--standardize', '--no-standardize'], /either --standardize or --no-standardize/],
    [['train', 'd.csv', '--target'], /option --target needs a value/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--standardize=yes'], /option --standardize takes no value/],
    [['train', 'd.csv', '--target', 'y', '--out', 'm.json', '--epochs', '3'], /unknown option --epochs for "convexnet train"/],
    [['predict', 'm.json'], /needs DATA\.csv/],
    [['predict', 'm.json', 'd.csv', '--target', 'y'], /unknown option --target for "convexnet predict"/],
  ];
  for (const [argv, message] of cases) {
    it(`convexnet ${argv.join(' ')}`, async () => {
      const run = await runInProcess(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.calls).toHaveLength(0);
    });
  }

  it('prints help to stdout with exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['train', '--help'], ['predict', '-h'], ['help', 'train']]) {
      const run = await runInProcess(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage/);
      expect(run.stderr).toBe('');
    }
  });

  it("explains --rho as the solver's own setting does: what 0 picks", async () => {
    const rhoSpec = admmSettingSpecs.find((spec) => spec.key === 'rho')!;
    expect(rhoSpec.help).toContain('0 picks beta / sqrt(training rows)');
    expect((await runInProcess(['train', '--help'])).stdout).toMatch(/--rho R\s+ADMM's penalty: changes the speed, never the answer; 0 \(default\) picks\s+beta \/ sqrt\(training rows\)/);
  });

  it('says in every command\'s help where its results and its progress go', async () => {
    expect((await runInProcess(['--help'])).stdout).toMatch(/Results \(tables, scores, predictions without --out\) go to stdout; progress, .* go to stderr/s);
    for (const command of ['train', 'predict', 'export', 'sweep', 'cv', 'attack']) expect((await runInProcess([command, '--help'])).stdout, command).toMatch(/stdout/);
    expect((await runInProcess(['train', '--help'])).stdout).not.toContain('nothing is written to stdout');
  });
});
