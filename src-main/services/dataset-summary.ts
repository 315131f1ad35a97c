import type { DatasetSummary } from '../../src-core/contract/operations';
import type { RawTable } from '../../src-core/data/raw-table';
import type { TargetColumn } from '../../src-core/data/target-column';

/** Rows shown in a dataset preview. */
export const PREVIEW_ROWS = 10;

/** What the renderer shows about a loaded dataset: sizes, columns, classes and the first rows. */
export function summarizeDataset(datasetId: string, name: string, table: RawTable, target: TargetColumn): DatasetSummary {
  const targetIndex = table.columns.indexOf(target.column);
  const featureIndices = table.columns.map((_, c) => c).filter((c) => c !== targetIndex);
  const order = [...featureIndices, targetIndex];
  const classCounts = target.classNames.map(() => 0);
  if (target.task !== 'regression') for (const c of target.y) classCounts[c]!++;
  return {
    datasetId,
    name,
    task: target.task,
    targetName: target.column,
    rowCount: table.rows.length,
    featureNames: featureIndices.map((c) => table.columns[c]!),
    classNames: [...target.classNames],
    classCounts,
    previewColumns: order.map((c) => table.columns[c]!),
    previewRows: table.rows.slice(0, PREVIEW_ROWS).map((row) => order.map((c) => row[c]!)),
  };
}
