import { describe, expect, it } from 'vitest';
import { rowTable } from '../../../src-core/data/raw-table';
import { chooseFeatureColumns, leftOutNote } from '../../../src-main/cli/feature-columns';

const ids = Array.from({ length: 12 }, (_, i) => [`u${i}`, String(i % 3), i % 2 ? 'a' : 'b', 'same']);
const table = rowTable(['user', 'x', 'label', 'constant'], ids);

describe('chooseFeatureColumns (the CLI picks inputs as the app does)', () => {
  it('leaves out flagged columns with their reason, in file order, unless kept', () => {
    const choice = chooseFeatureColumns(table, 'label');
    expect(choice.featureColumns).toEqual(['x']);
    expect(choice.leftOut).toEqual([
      { name: 'user', reason: 'looks like an identifier' },
      { name: 'constant', reason: 'one value only' },
    ]);
    expect(leftOutNote(choice)).toBe('Left out, as the app does: user (looks like an identifier), constant (one value only). --keep user uses a column anyway.');
    expect(chooseFeatureColumns(table, 'label', [], ['constant']).featureColumns).toEqual(['x', 'constant']);
  });

  it('uses every column when the inspection would leave none (as the app), and says nothing then', () => {
    const choice = chooseFeatureColumns(table, 'label', ['x']);
    expect(choice.featureColumns).toEqual(['user', 'constant']);
    expect(leftOutNote(choice)).toBeNull();
  });
});
