import { describe, expect, it } from 'vitest';
import type { ReadTableDetails } from '../../../src-core/data/formats/read-table';
import { DatasetRegistry, DEFAULT_PREPARATION } from '../../../src-main/services/dataset-registry';
import { rowTable } from '../../../src-core/data/raw-table';

const details: ReadTableDetails = { format: 'csv', encoding: 'utf-8', dialect: { delimiter: ',', decimal: '.', header: true }, sheet: null, sheets: [] };

describe('DatasetRegistry.addImported', () => {
  it('falls back to the next usable column when the suggested target cannot be one (a single class)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i % 4), i % 2 ? 'p' : 'q', 'same-everywhere']);
    // "label" is named like a target but constant (flagged, so not suggested); "y" wins from the right.
    const registry = new DatasetRegistry();
    const dataset = registry.addImported('f.csv', 'f.csv', rowTable(['x', 'y', 'label'], rows), details);
    expect(dataset.target).toBe('y');
    expect(dataset.configuration).toEqual({ target: 'y', task: 'binary', ignoredColumns: ['label'], preparation: DEFAULT_PREPARATION, classWeights: 'none' });
  });

  it('refuses a file with a single column, naming it', () => {
    expect(() => new DatasetRegistry().addImported('one.csv', 'one.csv', rowTable(['a'], [['1']]), details)).toThrow(/^one\.csv has 1 column/);
  });

  it('names the sheet read and the other sheets when a workbook sheet has a single column', () => {
    const workbook: ReadTableDetails = { format: 'xlsx', encoding: null, dialect: null, sheet: 'Notes', sheets: ['Notes', 'Data', 'Other'] };
    expect(() => new DatasetRegistry().addImported('book.xlsx', 'book.xlsx', rowTable(['note'], [['read me']]), workbook)).toThrow(
      'book.xlsx, sheet "Notes", has 1 column(s); a dataset needs at least one feature column and a target column. The workbook\'s other sheet(s): "Data", "Other"; choose the one with the data under Reading options > Sheet.',
    );
  });

  it('keeps a flagged column as a feature when ignoring it would leave no features', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`id-${i}`, i % 2 ? 'a' : 'b']);
    const dataset = new DatasetRegistry().addImported('ids.csv', 'ids.csv', rowTable(['key', 'class'], rows), details);
    expect(dataset.target).toBe('class');
    expect(dataset.configuration.ignoredColumns).toEqual([]);
  });
});
