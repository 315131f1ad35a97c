import { copyFileSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './cli-helpers';

const tmp = tempDir();
afterAll(() => tmp.remove());

const fixture = (name: string): string => {
  const path = tmp.file(name);
  copyFileSync(new URL(`../../fixtures/data/${name}`, import.meta.url), path);
  return path;
};

describe('convexnet reads every data format', () => {
  it('trains on an XLSX sheet by extension, and on a chosen sheet', async () => {
    const book = fixture('two-sheets.xlsx');
    const run = await runInProcess(['train', book, '--target', 'label', '--out', tmp.file('x.json'), '--test-fraction', '0']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls[0]!.train.X.rows).toBe(3);
    const wrong = await runInProcess(['train', book, '--sheet', 'Nope', '--target', 'label', '--out', tmp.file('y.json')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/no sheet named "Nope"; its sheets are "Measurements", "Notes"/);
  });

  it('trains on ARFF and JSON, and reads a renamed file with --format', async () => {
    const arff = await runInProcess(['train', fixture('sample.arff'), '--target', 'play', '--out', tmp.file('a.json'), '--test-fraction', '0']);
    expect(arff.code, arff.stderr).toBe(0);
    expect(arff.calls[0]!.train.featureNames).toContain('outlook=sunny');
    const renamed = tmp.file('weather.dat', readFileSync(new URL('../../fixtures/data/sample.arff', import.meta.url), 'utf8'));
    const forced = await runInProcess(['train', renamed, '--format', 'arff', '--target', 'play', '--out', tmp.file('b.json'), '--test-fraction', '0']);
    expect(forced.code, forced.stderr).toBe(0);
  });

  it('predicts on a semicolon CSV with decimal commas in Latin-1', async () => {
    const data = fixture('semicolon-decimal-comma.csv');
    const model = tmp.file('m.json');
    const trained = await runInProcess(['train', data, '--target', 'Klasse', '--out', model, '--test-fraction', '0']);
    expect(trained.code, trained.stderr).toBe(0);
    const predicted = await runInProcess(['predict', model, data]);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.stdout.split('\n')[0]).toMatch(/^prediction/);
    expect(predicted.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('applies --impute, --scaling and --max-categories, records them in the model and warns about the cap', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 5 === 0 ? '' : i},${['a', 'b', 'c', 'd'][i % 4]},${i % 2 ? 'x' : 'y'}`);
    const data = tmp.file('prep.csv', `n,cat,label\n${rows.join('\n')}\n`);
    const modelPath = tmp.file('prep.json');
    const run = await runInProcess(['train', data, '--target', 'label', '--out', modelPath, '--impute', 'median', '--scaling', 'min-max', '--max-categories', '2', '--test-fraction', '0']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: Column "cat" has 4 categories; the 2 most frequent/);
    const model = JSON.parse(readFileSync(modelPath, 'utf8')) as { preprocessing: { scaling: string; imputation: string; featureNames: string[] } };
    expect(model.preprocessing).toMatchObject({ scaling: 'min-max', imputation: 'median' });
    expect(model.preprocessing.featureNames).toHaveLength(3);
    const both = await runInProcess(['train', data, '--target', 'label', '--out', modelPath, '--scaling', 'none', '--no-standardize']);
    expect(both.code).toBe(2);
    // sweep and cv take the same options and check them the same way.
    const sweep = await runInProcess(['sweep', data, '--target', 'label', '--format', 'csv', '--scaling', 'none', '--no-standardize']);
    expect(sweep.code).toBe(2);
  });

  it('leaves out the columns the inspection flags, as the app does, says so, and takes --keep and --ignore', async () => {
    // An id, a date and an R-style numeric column with NA cells beside two real inputs.
    const rows = Array.from({ length: 60 }, (_, i) => `C${1000 + i},2023-01-${String((i % 28) + 1).padStart(2, '0')},${i % 9 === 0 ? 'NA' : i % 13},${['red', 'blue'][i % 2]},${i % 3 === 0 ? 'yes' : 'no'}`);
    const data = tmp.file('columns.csv', `customer_id,signup,tenure,colour,churn\n${rows.join('\n')}\n`);
    const run = await runInProcess(['train', data, '--target', 'churn', '--out', tmp.file('c1.json'), '--test-fraction', '0']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Left out, as the app does: customer_id \(looks like an identifier\), signup \(dates are not used as numbers\)\. --keep customer_id uses a column anyway\./);
    // tenure is numeric (its NA cells are missing), colour one-hot: nothing else is read.
    expect(run.calls[0]!.train.featureNames).toEqual(['tenure', 'colour=blue', 'colour=red']);
    const kept = await runInProcess(['train', data, '--target', 'churn', '--out', tmp.file('c2.json'), '--test-fraction', '0', '--keep', 'signup', '--ignore', 'colour']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.calls[0]!.train.featureNames.filter((name) => !name.startsWith('signup='))).toEqual(['tenure']);
    expect(kept.calls[0]!.train.featureNames.some((name) => name.startsWith('signup='))).toBe(true);
    // cv and sweep read the columns the same way (commands/run-data.ts).
    for (const command of [['cv', '--folds', '2'], ['sweep', '--beta-grid', '1e-3:1e-1:2']]) {
      const run2 = await runInProcess([command[0]!, data, '--target', 'churn', ...command.slice(1), '--keep', 'signup', '--solver', 'scp']);
      expect(run2.code, run2.stderr).toBe(0);
      expect(run2.stderr).toMatch(/Left out, as the app does: customer_id \(looks like an identifier\)\. --keep customer_id/);
    }
    for (const [args, message] of [
      [['--ignore', 'nope'], /--ignore names "nope", which is not a column of the file \(columns: customer_id, signup, tenure, colour, churn\)/],
      [['--keep', 'churn'], /--keep names the target column "churn"/],
      [['--ignore', 'tenure', '--keep', 'tenure'], /--ignore and --keep both name "tenure"/],
      [['--ignore', 'customer_id,signup,tenure,colour'], /--ignore leaves no input column/],
    ] as const) {
      const bad = await runInProcess(['train', data, '--target', 'churn', '--out', tmp.file('c3.json'), ...args]);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
  });

  it('refuses an unknown --format and --sheet without xlsx as usage errors', async () => {
    const bad = await runInProcess(['train', 'd.csv', '--format', 'parquet', '--target', 'y', '--out', 'm.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of csv, tsv, arff, libsvm, json, xlsx/);
    const sheet = await runInProcess(['predict', 'm.json', 'd.csv', '--format', 'csv', '--sheet', 'S']);
    expect(sheet.code).toBe(2);
  });

  it('says --sheet is for XLSX workbooks when the file turns out to be text', async () => {
    const csv = tmp.file('plain.csv', 'x,label\n1,a\n2,b\n3,a\n4,b\n');
    const run = await runInProcess(['train', csv, '--sheet', 'S1', '--target', 'label', '--out', tmp.file('m.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('convexnet: --sheet only applies to XLSX workbooks, and plain.csv is not one: drop --sheet.\n');
  });
});
