import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../src-core/data/dataset';
import { irisTable } from '../../../../src-core/data/builtin/iris';
import { twoMoonsTable } from '../../../../src-core/data/builtin/two-moons';
import type { RawTable } from '../../../../src-core/data/raw-table';
import { rowTable, tableRows } from '../../../../src-core/data/raw-table';
import { exportOnnx } from '../../../../src-core/export/onnx/export-onnx';
import type { ModelFile } from '../../../../src-core/model/model-file';
import { predictRaw } from '../../../../src-core/model/model-file';
import { compareCategoryNames } from '../../../../src-core/data/numeric-text';
import type { TrainChoices } from '../trained-models';
import { analystTable, AWKWARD_CLASSES, regressionTable, trainOn } from '../trained-models';
import { onnxInput } from './onnx-input';


async function runOnnx(model: ModelFile, table: RawTable): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(exportOnnx(model, { appVersion: 'test' }));
  try {
    return await session.run({ input: onnxInput(model, table) });
  } finally {
    await session.release();
  }
}

/** ONNX outputs against the app's predictions on the same raw rows: the same labels, probabilities and values to rounding. */
async function expectAppPredictions(model: ModelFile, table: RawTable): Promise<void> {
  const app = predictRaw(model, table);
  const outputs = await runOnnx(model, table);
  if (model.task === 'regression') {
    const values = outputs['prediction']!.data as Float64Array;
    // Within a millionth of the predictions' spread (of their size when they are all equal).
    const spread = Math.max(...app.values!) - Math.min(...app.values!);
    const tolerance = 1e-6 * (spread > 0 ? spread : Math.max(1, Math.abs(app.values![0]!)));
    values.forEach((v, k) => expect(Math.abs(v - app.values![k]!)).toBeLessThanOrEqual(tolerance));
    return;
  }
  expect(outputs['label']!.data).toEqual(Array.from(app.labels!, (c) => model.classNames[c]));
  (outputs['probabilities']!.data as Float32Array).forEach((p, i) => expect(Math.abs(p - app.probabilities![i]!)).toBeLessThan(1e-6));
}

/** The table with every numeric column but `keep` mapped to value * scale + offset. */
function rescaled(table: RawTable, keep: string, scale: number, offset: number): RawTable {
  const rows = tableRows(table).map((row) => row.map((cell, j) => (table.columns[j] === keep || cell === '' ? cell : String(Number(cell) * scale + offset))));
  return rowTable([...table.columns], rows);
}

const CASES: Record<Task, () => { table: RawTable; target: string }> = {
  binary: () => ({ table: twoMoonsTable({ rows: 120, seed: 5, noise: 0.15 }), target: 'moon' }),
  multiclass: () => ({ table: irisTable(), target: 'species' }),
  regression: () => ({ table: regressionTable(), target: 'y' }),
};

describe('ONNX export on raw columns far from zero', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: columns of 1e9 ± 50 (float32 steps of 64 there) give the app's predictions`, async () => {
      const { table, target } = CASES[task]();
      // Regression: the target too, so a prediction near 1e9 must come out to its last digits.
      const shifted = task === 'regression' ? rescaled(table, '', 50, 1e9) : rescaled(table, target, 50, 1e9);
      const { model } = trainOn(shifted, target, task);
      await expectAppPredictions(model, shifted);
    });
  }
});

describe('ONNX export on raw columns of a huge offset', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: columns of 1e14 ± 1 (an offset of 1e14 standard deviations) give the app's predictions`, async () => {
      const { table, target } = CASES[task]();
      const shifted = rescaled(table, target, 1, 1e14);
      const { model } = trainOn(shifted, target, task);
      await expectAppPredictions(model, shifted);
    });
  }
});

describe("ONNX export of an analyst's data (text with commas, quotes and Chinese, missing cells, tiny and large columns)", () => {
  const VARIANTS: readonly { name: string; choices: TrainChoices }[] = [
    { name: 'standardized', choices: {} },
    { name: 'min-max scaled, median fill', choices: { scaling: 'min-max', imputation: 'median' } },
    { name: 'unscaled, without bias', choices: { scaling: 'none', bias: false } },
    { name: 'rows with missing cells dropped', choices: { imputation: 'drop-rows' } },
    { name: 'adversarially trained', choices: { adversarial: { epsilon: 0.1, norm: 'linf', units: 'standardized' } } },
  ];
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    for (const { name, choices } of VARIANTS) {
      it(`${task}, ${name}: the app's predictions on the raw rows`, async () => {
        const { table, target } = analystTable(task);
        const { model } = trainOn(table, target, task, choices);
        expect(model.preprocessing.steps.some((step) => step.kind === 'one-hot')).toBe(true);
        expect(model.adversarial !== undefined).toBe(choices.adversarial !== undefined);
        if (task !== 'regression') {
          expect(model.classNames).toEqual([...AWKWARD_CLASSES[task]].sort(compareCategoryNames));
          // Several classes are predicted, so a label mix-up would show.
          expect(new Set(predictRaw(model, table).labels).size).toBeGreaterThan(1);
        }
        await expectAppPredictions(model, table);
      });
    }
  }
});

describe('ONNX export of the smallest networks', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: a beta so large that no neuron is left gives the app's constant output`, async () => {
      const { table, target } = analystTable(task);
      const { model } = trainOn(table, target, task, { beta: 1e9 });
      expect(model.heads.every((head) => head.hidden.rows === 0)).toBe(true);
      const app = predictRaw(model, table);
      expect(new Set(app.scores).size).toBe(1);
      await expectAppPredictions(model, table);
    });

    for (const bias of [true, false]) {
      it(`${task}: one neuron per head, ${bias ? 'with' : 'without'} a bias, gives the app's predictions`, async () => {
        const { table, target } = analystTable(task);
        const trained = trainOn(table, target, task, { bias }).model;
        // Each head keeps its first neuron only: the ONNX graph of a single hidden unit.
        const model = { ...trained, heads: trained.heads.map((head) => ({ ...head, hidden: { ...head.hidden, rows: 1, data: head.hidden.data.slice(0, head.hidden.cols) }, output: head.output.slice(0, 1) })) };
        expect(model.heads.every((head) => head.hidden.rows === 1)).toBe(true);
        await expectAppPredictions(model, table);
      });
    }
  }
});

describe('ONNX export on rows unlike the training rows', () => {
  it("a category never seen in training (all indicators 0) and empty cells give the app's predictions", async () => {
    const { table, target } = analystTable('multiclass');
    const { model } = trainOn(table, target, 'multiclass');
    const colour = table.columns.indexOf('colour name');
    const rows = tableRows(table).map((row, k) => row.map((cell, j) => (j !== colour ? cell : k % 3 === 0 ? 'purple' : k % 3 === 1 ? '' : cell)));
    const changed = rowTable([...table.columns], rows);
    const app = predictRaw(model, changed);
    // The unseen category changes some predictions, so it is not silently ignored by both.
    expect(Array.from(app.labels!)).not.toEqual(Array.from(predictRaw(model, table).labels!));
    await expectAppPredictions(model, changed);
  });
});
