import * as ort from 'onnxruntime-node';
import type { RawTable } from '../../../../src-core/data/raw-table';
import { tableRows } from '../../../../src-core/data/raw-table';
import type { ModelFile } from '../../../../src-core/model/model-file';

/**
 * The ONNX input of raw rows, built here from the documented interface alone (not from the
 * exporter's code): per prepared feature, a numeric column's raw number (NaN when empty), a text
 * column's 0/1 indicator "column=category" (the fill category when empty). Double, as the model takes.
 */
export function onnxInput(model: ModelFile, table: RawTable): ort.Tensor {
  const rows = tableRows(table).map((row) =>
    model.preprocessing.steps.flatMap((step) => {
      const cell = row[table.columns.indexOf(step.column)]!;
      if (step.kind === 'numeric') return [cell === '' ? Number.NaN : Number(cell)];
      const category = cell === '' && step.fillCategory !== undefined ? step.fillCategory : cell;
      return step.categories.map((c) => (c === category ? 1 : 0));
    }),
  );
  return new ort.Tensor('float64', Float64Array.from(rows.flat()), [rows.length, model.featureNames.length]);
}
