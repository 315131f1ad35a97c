import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { buildModelFile, predictRaw } from '../../../src-core/model/model-file';
import { predictionsToCsv } from '../../../src-core/model/predictions-csv';
import { fitFor, handMadeOutcome, rawTable } from './model-fixtures';
import { tableRows } from '../../../src-core/data/raw-table';
import { analystTable, AWKWARD_CLASSES, trainOn } from '../export/trained-models';

/** RFC 4180 records, read here without the app's parser: quoted fields, doubled quotes, \n row ends. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      record.push(cell);
      cell = '';
      if (ch === '\n') {
        records.push(record);
        record = [];
      }
    } else cell += ch;
  }
  expect(cell === '' && record.length === 0 && !quoted).toBe(true);
  return records;
}

/** How a spreadsheet-safe cell shows a class name: a leading ' when it would run as a formula (a plain number excepted). */
function shownAs(name: string): string {
  return /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(name) && !/^[+-]?\d+(\.\d*)?$/.test(name) ? `'${name}` : name;
}

describe('predictionsToCsv', () => {
  it('writes class names and per-class probabilities that read back to the same numbers', () => {
    const { pipeline } = fitFor('multiclass');
    const predictions = predictRaw(buildModelFile(handMadeOutcome('multiclass', pipeline.featureNames.length), pipeline), rawTable());
    const table = parseDelimited(predictionsToCsv(predictions));
    expect(table.columns).toEqual(['prediction', 'probability_cat', 'probability_dog', 'probability_eel']);
    expect(tableRows(table)).toHaveLength(12);
    tableRows(table).forEach((row, k) => {
      expect(row[0]).toBe(pipeline.classNames[predictions.labels![k]!]);
      for (let c = 0; c < 3; c++) expect(Number(row[c + 1])).toBe(predictions.probabilities![3 * k + c]);
    });
  });

  it('writes one value column for regression, and quotes class names that need it', () => {
    const reg = fitFor('regression').pipeline;
    const values = predictRaw(buildModelFile(handMadeOutcome('regression', reg.featureNames.length), reg), rawTable());
    const regTable = parseDelimited(predictionsToCsv(values));
    expect(regTable.columns).toEqual(['prediction']);
    expect(tableRows(regTable).map((r) => Number(r[0]))).toEqual(Array.from(values.values!));

    const bin = fitFor('binary').pipeline;
    const renamed = { ...bin, classNames: ['no, never', 'yes "sure"'] };
    const model = buildModelFile(handMadeOutcome('binary', bin.featureNames.length), renamed);
    const csv = predictionsToCsv(predictRaw(model, rawTable()));
    expect(parseDelimited(csv).columns).toEqual(['prediction', 'probability_no, never', 'probability_yes "sure"']);
  });

  it('neutralizes class names a spreadsheet would run as formulas, but not numbers', () => {
    const bin = fitFor('binary').pipeline;
    const outcome = handMadeOutcome('binary', bin.featureNames.length);
    // Full-width ＝ ＋ － ＠ too: spreadsheets read them as = + - @ (and "－1" is not a plain number).
    for (const names of [['=1+2', '@SUM(A1)'], ['-1', '+1'], ['＝1+2', '－1'], ['＋cmd', '＠SUM(A1)']]) {
      const predictions = predictRaw(buildModelFile(outcome, { ...bin, classNames: names }), rawTable());
      const csv = predictionsToCsv(predictions);
      const cells = tableRows(parseDelimited(csv)).map((row) => row[0]);
      const expected = names.map((name) => (name.startsWith('-') || name.startsWith('+') ? name : `'${name}`));
      expect(cells).toEqual(Array.from(predictions.labels!, (label) => expected[label]));
      expect(new Set(cells).size).toBe(2);
    }

    const reg = fitFor('regression').pipeline;
    const regression = predictRaw(buildModelFile(handMadeOutcome('regression', reg.featureNames.length), reg), rawTable());
    const values = regression.values!;
    expect(values.some((v) => v < 0)).toBe(true);
    expect(predictionsToCsv(regression)).toBe(`prediction\n${Array.from(values, (v) => `${v}\n`).join('')}`);
  });
});

describe("predictions CSV of an analyst's model, read back without the app's parser", () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: one row per raw row, the app's labels (formulas neutralized) and its numbers to the last bit`, () => {
      const { table, target } = analystTable(task);
      const { model } = trainOn(table, target, task);
      const app = predictRaw(model, table);
      const [header, ...rows] = readCsv(predictionsToCsv(app));
      expect(rows).toHaveLength(table.rowCount);
      if (task === 'regression') {
        expect(header).toEqual(['prediction']);
        rows.forEach((row, k) => expect(Number(row[0])).toBe(app.values![k]));
        return;
      }
      expect([...model.classNames].sort()).toEqual([...AWKWARD_CLASSES[task]].sort());
      expect(header).toEqual(['prediction', ...model.classNames.map((name) => shownAs(`probability_${name}`))]);
      const K = model.classNames.length;
      rows.forEach((row, k) => {
        expect(row[0]).toBe(shownAs(model.classNames[app.labels![k]!]!));
        for (let c = 0; c < K; c++) expect(Number(row[c + 1])).toBe(app.probabilities![k * K + c]);
      });
      expect(new Set(rows.map((row) => row[0])).size).toBeGreaterThan(1);
      // The classes "=SUM(1)" and "－1" are predicted, so the neutralization is checked.
      if (task === 'multiclass') expect(rows.filter((row) => row[0]!.startsWith("'")).length).toBeGreaterThan(0);
    });
  }
});
