import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../src-core/data/dataset';
import { readTextTable } from '../../../src-core/data/formats/read-table';
import { readTarget } from '../../../src-core/data/target-column';
import { MODEL_VERSION, parseModelFile, predictRaw } from '../../../src-core/model/model-file';
import { trainRowIndices } from '../../../src-core/model/train-row-bitmap';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { fixtureBytes } from '../data/fixture-files';

/**
 * Model files written by version 1 of the format (before the training rows became a bitmap), by
 * `convexnet train` at commit 3ed15b4; test/fixtures/models/README.md gives the commands.
 */
const FIXTURES: { file: string; data: string; target: string; task: Task }[] = [
  { file: 'v1-segments.json', data: 'segments.csv', target: 'segment', task: 'binary' },
  { file: 'v1-diabetes-all-rows.json', data: 'diabetes.csv', target: 'progression', task: 'regression' },
];

function fixtureJson(file: string): { version: number; trainingData: { trainRows: number[]; testFraction: number; splitSeed: number } } {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/models/${file}`, import.meta.url)), 'utf8')) as never;
}

describe('model files of format version 1', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture.file}: reads every field as before, the listed training rows as the same rows`, () => {
      const json = fixtureJson(fixture.file);
      expect(json.version).toBe(1);
      const model = parseModelFile(json, fixture.file);
      expect(model.version).toBe(MODEL_VERSION);
      expect(trainRowIndices(model.trainingData!)).toEqual(json.trainingData.trainRows);
      // Apart from the version and the training rows' form, the file reads as it was written.
      const asVersion1 = { ...model, version: 1, trainingData: { ...model.trainingData!, trainRows: trainRowIndices(model.trainingData!) } };
      expect(JSON.parse(JSON.stringify(asVersion1))).toEqual(json);
    });

    it(`${fixture.file}: written again in this version, reads back to the same model and predictions`, () => {
      const model = parseModelFile(fixtureJson(fixture.file), fixture.file);
      const text = JSON.stringify(model);
      expect(text).not.toMatch(/"trainRows":\[/);
      const again = parseModelFile(JSON.parse(text), 'again.json');
      expect(again).toEqual(model);
      const { table } = readTextTable(fixtureBytes(fixture.data), fixture.data);
      expect(predictRaw(again, table).scores).toEqual(predictRaw(model, table).scores);
    });

    it(`${fixture.file}: the same seed still splits the data into the rows the file lists`, () => {
      const json = fixtureJson(fixture.file);
      const { table } = readTextTable(fixtureBytes(fixture.data), fixture.data);
      const { testFraction, splitSeed } = json.trainingData;
      const prepared = prepareTrainingData(table, readTarget(table, fixture.target, fixture.task), { testFraction, seed: splitSeed, standardize: true });
      expect(Array.from(prepared.trainRows).sort((a, b) => a - b)).toEqual(json.trainingData.trainRows);
    });
  }
});
