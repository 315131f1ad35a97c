import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelFromOnnx } from '../../../src-core/export/onnx/read-onnx-model';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { predictRaw } from '../../../src-core/model/model-file';
import { cachedCase } from '../workspace/workspace-fixtures';
import { runInProcess, tempDir } from './cli-helpers';
import { tableRows } from '../../../src-core/data/raw-table';

const temp = tempDir();
afterAll(() => temp.remove());

const trained = cachedCase('multiclass');
const modelPath = temp.file('iris-model.json', `${JSON.stringify(trained.model)}\n`);
const csv = [trained.table.columns.join(','), ...tableRows(trained.table).map((r) => r.join(','))].join('\n');
const dataPath = temp.file('iris.csv', csv);

describe('convexnet export', () => {
  it('--format onnx writes a model onnxruntime runs with the app labels, and that carries the model', async () => {
    const out = temp.file('iris.onnx');
    const run = await runInProcess(['export', modelPath, '--format', 'onnx', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/ONNX model \(opset 13\) written to/);
    const bytes = readFileSync(out);
    expect(readModelFromOnnx(bytes)).toEqual(trained.model);
    const features = trained.model.featureNames.map((f) => trained.table.columns.indexOf(f));
    const input = new ort.Tensor('float64', Float64Array.from(tableRows(trained.table).flatMap((r) => features.map((j) => Number(r[j])))), [tableRows(trained.table).length, features.length]);
    const session = await ort.InferenceSession.create(bytes);
    const result = await session.run({ input });
    await session.release();
    const app = predictRaw(trained.model, trained.table);
    expect(result['label']!.data).toEqual(Array.from(app.labels!, (c) => trained.model.classNames[c]));
  });

  it('--format csv writes the predictions of --data (with notes on filled cells); json rewrites the model identically', async () => {
    const predictions = temp.file('pred.csv');
    expect((await runInProcess(['export', modelPath, '--format', 'csv', '--data', dataPath, '--out', predictions])).code).toBe(0);
    const table = parseDelimited(readFileSync(predictions, 'utf8'));
    expect(table.columns).toEqual(['prediction', 'probability_setosa', 'probability_versicolor', 'probability_virginica']);
    expect(tableRows(table)).toHaveLength(150);
    // A row with no inputs gets its line, and a note on stderr says what it rests on.
    const gaps = temp.file('gaps.csv', `${trained.table.columns.join(',')}\n${trained.table.columns.map(() => '').join(',')}\n`);
    const withGaps = await runInProcess(['export', modelPath, '--format', 'csv', '--data', gaps, '--out', temp.file('gaps-pred.csv')]);
    expect(withGaps.code, withGaps.stderr).toBe(0);
    expect(withGaps.stderr).toMatch(/^note: 1 row \(line 2\) has no value in any input column/m);
    const json = temp.file('copy.json');
    expect((await runInProcess(['export', modelPath, '--format', 'json', '--out', json])).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(trained.model);
  });

  it('--format html with --data writes a self-contained report with the metrics on that data', async () => {
    const out = temp.file('report.html');
    const run = await runInProcess(['export', modelPath, '--format', 'html', '--data', dataPath, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<section id="metrics">');
    expect(html).toContain('Rows of iris.csv');
    expect(html).toContain('Confusion matrix');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('bad arguments: one line and exit 2; a newer model file: exit 1 with the reason', async () => {
    const noFormat = await runInProcess(['export', modelPath, '--out', temp.file('x')]);
    expect([noFormat.code, noFormat.stderr]).toEqual([2, 'convexnet: export: --format is required (onnx, json, csv, html)\n']);
    const csvNoData = await runInProcess(['export', modelPath, '--format', 'csv', '--out', temp.file('x')]);
    expect(csvNoData.code).toBe(2);
    expect(csvNoData.stderr).toMatch(/needs --data/);
    for (const format of ['onnx', 'json']) {
      const ignored = await runInProcess(['export', modelPath, '--format', format, '--data', dataPath, '--out', temp.file('x')]);
      expect([ignored.code, ignored.stderr]).toEqual([2, `convexnet: export: --data is only for --format csv and html (the rows to predict, or to summarize in the report); --format ${format} writes the model alone: drop --data\n`]);
    }
    const badFormat = await runInProcess(['export', modelPath, '--format', 'pickle', '--out', temp.file('x')]);
    expect(badFormat.code).toBe(2);
    const newer = temp.file('newer.json', JSON.stringify({ ...trained.model, version: 99 }));
    const refused = await runInProcess(['export', newer, '--format', 'onnx', '--out', temp.file('y.onnx')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^convexnet: The model file ".*newer\.json" has format version 99.*Update ConvexNet Studio/);
    expect((await runInProcess(['export', '--help'])).stdout).toMatch(/^Usage: convexnet export/);
  });

  it('a write error names --out in the words of every command, not the temporary file; a link is written through', async () => {
    const missing = join(temp.dir, 'nodir', 'x.onnx');
    const failed = await runInProcess(['export', modelPath, '--format', 'onnx', '--out', missing]);
    expect([failed.code, failed.stderr]).toEqual([1, `convexnet: cannot write "${missing}": its folder does not exist.\n`]);
    const real = temp.file('real.onnx', 'old');
    const link = join(temp.dir, 'link.onnx');
    symlinkSync(real, link);
    expect((await runInProcess(['export', modelPath, '--format', 'onnx', '--out', link])).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readModelFromOnnx(readFileSync(real))).toEqual(trained.model);
  });
});
