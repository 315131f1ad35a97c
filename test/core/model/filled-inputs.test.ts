import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import type { PreprocessingPipeline } from '../../../src-core/data/preprocessing-types';
import { filledInputNotes, filledInputs } from '../../../src-core/model/filled-inputs';

const pipeline: PreprocessingPipeline = {
  targetColumn: 'y',
  task: 'binary',
  classNames: ['a', 'b'],
  standardize: true,
  scaling: 'standardize',
  imputation: 'median',
  steps: [
    { kind: 'numeric', column: 'x', fillValue: 0.5, center: 0, scale: 1 },
    { kind: 'one-hot', column: 'color', categories: ['red', 'blue'], fillCategory: 'red' },
  ],
  featureNames: ['x', 'color=blue', 'color=red'],
};

describe('filled inputs', () => {
  it('counts rows with some and with all of the model\'s input cells missing (the target and other columns do not count)', () => {
    const table = parseDelimited('x,color,y,note\n1,red,a,\n,blue,b,\n,,a,kept\n2,,,\n,,,\n', { keepEmptyRows: true });
    expect(filledInputs(pipeline, table)).toEqual({ partlyFilled: 2, empty: [2, 4] });
  });

  it('says nothing when no cell was filled, and names the empty rows by file line', () => {
    expect(filledInputNotes(pipeline, parseDelimited('x,color\n1,red\n2,blue\n'))).toEqual([]);
    const notes = filledInputNotes(pipeline, parseDelimited('x,color\n1,\n,\n3,red\n,\n', { keepEmptyRows: true }));
    expect(notes).toEqual([
      '1 row had missing input cells; they were filled as in training (numbers with the training median, categories with the most frequent one).',
      "2 rows (line 3, line 5) have no value in any input column: their predictions are the model's output for the fill values alone, not a prediction about those rows.",
    ]);
  });

  it('names only the kinds of column the model has in how cells are filled', () => {
    const numeric = { ...pipeline, imputation: 'mean' as const, steps: [pipeline.steps[0]!], featureNames: ['x'] };
    const twoColumns = { ...numeric, steps: [pipeline.steps[0]!, { kind: 'numeric' as const, column: 'z', fillValue: 0, center: 0, scale: 1 }] };
    expect(filledInputNotes(twoColumns, parseDelimited('x,z\n,1\n1,2\n'))).toEqual(['1 row had missing input cells; they were filled as in training (numbers with the training mean).']);
  });

  it('names at most five empty rows', () => {
    const table = parseDelimited(`x,color\n${',\n'.repeat(7)}1,red\n`, { keepEmptyRows: true });
    expect(filledInputNotes(pipeline, table)[0]).toMatch(/^7 rows \(line 2, line 3, line 4, line 5, line 6 and 2 more\) have no value/);
  });
});
