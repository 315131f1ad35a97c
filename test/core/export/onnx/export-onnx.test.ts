import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportOnnx, MODEL_JSON_METADATA_KEY, ONNX_IR_VERSION, ONNX_OPSET } from '../../../../src-core/export/onnx/export-onnx';
import { readModelFromOnnx, readOnnxMetadata } from '../../../../src-core/export/onnx/read-onnx-model';
import type { ModelFile } from '../../../../src-core/model/model-file';
import { buildModelFile, predictRaw } from '../../../../src-core/model/model-file';
import type { RawTable } from '../../../../src-core/data/raw-table';
import { fitFor, handMadeOutcome, rawTable } from '../../model/model-fixtures';
import { trainedCase } from '../trained-models';
import { expectConvexNetError } from '../../data/expect-error';
import { onnxInput } from './onnx-input';
import { rowTable, tableRows } from '../../../../src-core/data/raw-table';

/** The raw feature columns of the table as the ONNX double input (numeric-only models: raw values, '' = NaN). */
function rawInput(model: ModelFile, table: RawTable): ort.Tensor {
  const indices = model.featureNames.map((name) => table.columns.indexOf(name));
  expect(indices.every((j) => j >= 0)).toBe(true);
  const data = new Float64Array(tableRows(table).length * indices.length);
  tableRows(table).forEach((row, k) => indices.forEach((j, t) => (data[k * indices.length + t] = row[j] === '' ? Number.NaN : Number(row[j]))));
  return new ort.Tensor('float64', data, [tableRows(table).length, indices.length]);
}

async function runOnnx(bytes: Uint8Array, input: ort.Tensor): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run({ input });
  } finally {
    await session.release();
  }
}

describe('ONNX export, checked by onnxruntime-node on raw inputs', () => {
  for (const task of ['binary', 'multiclass'] as const) {
    it(`${task}: same labels as the app and probabilities within 1e-5`, async () => {
      const { model, table } = trainedCase(task);
      const app = predictRaw(model, table);
      const outputs = await runOnnx(exportOnnx(model, { appVersion: '9.9.9' }), rawInput(model, table));
      const labels = outputs['label']!.data as string[];
      expect(labels).toEqual(Array.from(app.labels!, (c) => model.classNames[c]));
      // The data are not trivially separated: several classes are predicted.
      expect(new Set(labels).size).toBe(model.classNames.length);
      const probabilities = outputs['probabilities']!;
      expect(probabilities.dims).toEqual([tableRows(table).length, model.classNames.length]);
      const onnx = probabilities.data as Float32Array;
      let worst = 0;
      for (let i = 0; i < onnx.length; i++) worst = Math.max(worst, Math.abs(onnx[i]! - app.probabilities![i]!));
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('regression: predictions within 1e-5 (relative) of the app', async () => {
    const { model, table } = trainedCase('regression');
    const app = predictRaw(model, table);
    const outputs = await runOnnx(exportOnnx(model, { appVersion: '9.9.9' }), rawInput(model, table));
    const prediction = outputs['prediction']!;
    expect(prediction.dims).toEqual([tableRows(table).length]);
    const values = prediction.data as Float64Array;
    for (let k = 0; k < values.length; k++) expect(Math.abs(values[k]! - app.values![k]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(app.values![k]!)));
  });

  it('replaces a missing number (NaN) by the training mean, as the app does', async () => {
    const { model, table } = trainedCase('binary');
    const holed: RawTable = rowTable(table.columns, tableRows(table).slice(0, 6).map((row, k) => row.map((cell, j) => (j === k % 2 ? '' : cell))));
    const app = predictRaw(model, holed);
    const outputs = await runOnnx(exportOnnx(model, { appVersion: '1' }), rawInput(model, holed));
    expect(outputs['label']!.data).toEqual(Array.from(app.labels!, (c) => model.classNames[c]));
    const onnx = outputs['probabilities']!.data as Float32Array;
    onnx.forEach((p, i) => expect(Math.abs(p - app.probabilities![i]!)).toBeLessThan(1e-5));
  });

  it('declares IR 7 / opset 13 and carries the metadata, including the model for re-import', async () => {
    const { model } = trainedCase('multiclass');
    const bytes = exportOnnx(model, { appVersion: '1.2.3' });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['label', 'probabilities']);
    await session.release();
    const metadata = readOnnxMetadata(bytes);
    expect(metadata.get('app_version')).toBe('1.2.3');
    expect(metadata.get('solver')).toBe(model.solver);
    expect(Number(metadata.get('beta'))).toBe(model.beta);
    expect(metadata.get('epsilon')).toBe('none');
    expect(metadata.get('certificate')).toContain(model.heads[0]!.convex!.certificateText);
    expect(metadata.has(MODEL_JSON_METADATA_KEY)).toBe(true);
    expect(readModelFromOnnx(bytes)).toEqual(model);
    // ModelProto.ir_version = 1 is the first field: key 0x08, then the varint 7.
    expect([bytes[0], bytes[1]]).toEqual([0x08, ONNX_IR_VERSION]);
    expect(ONNX_OPSET).toBe(13);
  });

  it('records the adversarial radius of a robust model in the metadata', () => {
    const { model } = trainedCase('binary');
    const robust = { ...model, adversarial: { epsilon: 0.25, norm: 'linf' as const, units: 'raw' as const } };
    const metadata = readOnnxMetadata(exportOnnx(robust, { appVersion: '1' }));
    expect([metadata.get('epsilon'), metadata.get('epsilon_norm'), metadata.get('epsilon_units')]).toEqual(['0.25', 'linf', 'raw']);
  });

  it('refuses ONNX files it did not write, and damaged bytes, with a clear error', () => {
    const { model } = trainedCase('binary');
    const bytes = exportOnnx(model, { appVersion: '1' });
    expect(() => readModelFromOnnx(bytes.subarray(0, 40))).toThrow(/not a readable ONNX file/);
    // A minimal foreign ModelProto: only ir_version = 7.
    expect(() => readModelFromOnnx(Uint8Array.of(0x08, 0x07))).toThrow(/not exported by ConvexNet Studio/);
  });

  it('names the file when bytes given as an ONNX file are not ONNX, and says what to use instead', () => {
    const { model } = trainedCase('binary');
    const damaged = exportOnnx(model, { appVersion: '1' }).subarray(0, 40);
    const text = new TextEncoder().encode('prediction,probability\n');
    // A metadata entry (field 14) whose key (field 1) is the byte 0xff: not UTF-8 text.
    const notUtf8 = Uint8Array.of(0x72, 0x03, 0x0a, 0x01, 0xff);
    for (const [bytes, why] of [[damaged, /a field runs past the end/], [text, /unsupported wire type|runs past the end/], [notUtf8, /a metadata entry is not UTF-8 text/]] as const) {
      const message = expectConvexNetError(() => readModelFromOnnx(bytes, 'models/junk.onnx'), 'onnx/malformed');
      expect(message).toMatch(/^"models\/junk\.onnx" is not a readable ONNX file: /);
      expect(message).toMatch(why);
      expect(message).toMatch(/Use the model JSON that training saved/);
    }
  });
});

describe('ONNX export of models with text (one-hot) columns', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: indicators "column=category" as inputs give the app's outputs`, async () => {
      const { pipeline } = fitFor(task);
      const model = buildModelFile(handMadeOutcome(task, pipeline.featureNames.length), pipeline);
      const table = rawTable();
      expect(model.preprocessing.steps.some((s) => s.kind === 'one-hot')).toBe(true);
      // Raw numeric values (NaN for the gap) and 0/1 indicators, in featureNames order.
      const outputs = await runOnnx(exportOnnx(model, { appVersion: '1' }), onnxInput(model, table));
      const app = predictRaw(model, table);
      if (task === 'regression') {
        (outputs['prediction']!.data as Float64Array).forEach((v, k) => expect(Math.abs(v - app.values![k]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(app.values![k]!))));
        return;
      }
      expect(outputs['label']!.data).toEqual(Array.from(app.labels!, (c) => model.classNames[c]));
      (outputs['probabilities']!.data as Float32Array).forEach((p, i) => expect(Math.abs(p - app.probabilities![i]!)).toBeLessThan(1e-5));
    });
  }
});
