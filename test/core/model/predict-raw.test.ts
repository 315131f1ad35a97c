import { describe, expect, it } from 'vitest';
import type { RawTable } from '../../../src-core/data/raw-table';
import { tableRows } from '../../../src-core/data/raw-table';
import { predictRaw } from '../../../src-core/model/predict-raw';
import type { TrainChoices } from '../export/trained-models';
import { analystTable, trainOn } from '../export/trained-models';

/** What an analyst reads in the exported model JSON, typed only as far as this evaluator needs. */
interface ExportedJson {
  task: 'binary' | 'multiclass' | 'regression';
  bias: boolean;
  classNames: string[];
  preprocessing: {
    steps: ({ kind: 'numeric'; column: string; fillValue: number; center: number; scale: number } | { kind: 'one-hot'; column: string; categories: string[]; fillCategory?: string })[];
  };
  heads: { classIndex: number | null; hidden: { rows: number; cols: number; data: number[] }; output: number[] }[];
}

/**
 * The model JSON evaluated from its documented meaning, without the app's code: each step turns
 * a raw cell into inputs ((x - center) / scale, the fill value when empty; 0/1 per category, the
 * fill category when empty), then 1 for the bias; a head scores sum_j output_j relu(hidden_j . z);
 * binary: class 1 when the score is above 0, probability sigmoid(2 f); one-vs-rest: the largest
 * score, probabilities sigmoid(2 f_c) normalized.
 */
function evaluateJson(text: string, table: RawTable): { labels: string[]; probabilities: number[][]; values: number[] } {
  const model = JSON.parse(text) as ExportedJson;
  const sigmoid2 = (f: number) => 1 / (1 + Math.exp(-2 * f));
  const labels: string[] = [];
  const probabilities: number[][] = [];
  const values: number[] = [];
  for (const row of tableRows(table)) {
    const z: number[] = [];
    for (const step of model.preprocessing.steps) {
      const cell = row[table.columns.indexOf(step.column)]!;
      if (step.kind === 'numeric') z.push(((cell === '' ? step.fillValue : Number(cell)) - step.center) / step.scale);
      else {
        const category = cell === '' ? step.fillCategory : cell;
        for (const c of step.categories) z.push(c === category ? 1 : 0);
      }
    }
    if (model.bias) z.push(1);
    const scores = model.heads.map((head) => {
      let f = 0;
      for (let j = 0; j < head.hidden.rows; j++) {
        let a = 0;
        for (let t = 0; t < head.hidden.cols; t++) a += head.hidden.data[j * head.hidden.cols + t]! * z[t]!;
        f += head.output[j]! * Math.max(0, a);
      }
      return { classIndex: head.classIndex, f };
    });
    if (model.task === 'regression') values.push(scores[0]!.f);
    else if (model.task === 'binary') {
      const f = scores[0]!.f;
      labels.push(model.classNames[f > 0 ? 1 : 0]!);
      probabilities.push([1 - sigmoid2(f), sigmoid2(f)]);
    } else {
      const byClass = model.classNames.map((_, c) => scores.find((s) => s.classIndex === c)!.f);
      labels.push(model.classNames[byClass.indexOf(Math.max(...byClass))]!);
      const p = byClass.map(sigmoid2);
      const total = p.reduce((a, b) => a + b, 0);
      probabilities.push(p.map((v) => v / total));
    }
  }
  return { labels, probabilities, values };
}

describe('the exported model JSON, evaluated independently, gives the app predictions on the raw rows', () => {
  const VARIANTS: readonly { name: string; choices: TrainChoices }[] = [
    { name: 'standardized', choices: {} },
    { name: 'min-max scaled, median fill, without bias', choices: { scaling: 'min-max', imputation: 'median', bias: false } },
    { name: 'adversarially trained', choices: { adversarial: { epsilon: 0.1, norm: 'linf', units: 'standardized' } } },
  ];
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    for (const { name, choices } of VARIANTS) {
      it(`${task}, ${name}`, () => {
        const { table, target } = analystTable(task);
        const { model } = trainOn(table, target, task, choices);
        // The text the Export screen and `convexnet export --format json` write.
        const independent = evaluateJson(`${JSON.stringify(model)}\n`, table);
        const app = predictRaw(model, table);
        if (task === 'regression') {
          independent.values.forEach((v, k) => expect(Math.abs(v - app.values![k]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v))));
          return;
        }
        expect(independent.labels).toEqual(Array.from(app.labels!, (c) => model.classNames[c]));
        const K = model.classNames.length;
        independent.probabilities.forEach((p, k) => p.forEach((v, c) => expect(Math.abs(v - app.probabilities![k * K + c]!)).toBeLessThan(1e-12)));
      });
    }
  }
});
