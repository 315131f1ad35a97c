import { formatCount } from '../../src-core/text/count-text';
import type { DatasetConfiguration } from '../../src-core/contract/dataset-types';
import type { DatasetSummary } from '../../src-core/contract/operations';
import type { RawTable } from '../../src-core/data/raw-table';
import type { TargetColumn } from '../../src-core/data/target-column';

/** Rows shown in a dataset preview. */
export const PREVIEW_ROWS = 10;

/**
 * What the renderer shows about a loaded dataset: sizes, the feature columns (every column but
 * the target and the ignored ones), classes and the first rows (features, then the target).
 */
export function summarizeDataset(datasetId: string, name: string, table: RawTable, target: TargetColumn, configuration?: DatasetConfiguration): DatasetSummary {
  const targetIndex = table.columns.indexOf(target.column);
  const ignored = new Set(configuration?.ignoredColumns ?? []);
  const featureIndices = table.columns.map((_, c) => c).filter((c) => c !== targetIndex && !ignored.has(table.columns[c]!));
  const order = [...featureIndices, targetIndex];
  const classCounts = target.classNames.map(() => 0);
  if (target.task !== 'regression') for (const c of target.y) classCounts[c]!++;
  const warnings: string[] = [];
  if (target.droppedRows > 0) {
    const one = target.droppedRows === 1;
    warnings.push(`${one ? '1 row has' : `${formatCount(target.droppedRows)} rows have`} no value in the target "${target.column}"; training leaves ${one ? 'it' : 'them'} out.`);
  }
  return {
    datasetId,
    name,
    task: target.task,
    targetName: target.column,
    rowCount: table.rowCount,
    featureNames: featureIndices.map((c) => table.columns[c]!),
    classNames: [...target.classNames],
    classCounts,
    previewColumns: order.map((c) => table.columns[c]!),
    previewRows: Array.from({ length: Math.min(PREVIEW_ROWS, table.rowCount) }, (_, r) => order.map((c) => table.cell(r, c))),
    ...(configuration ? { configuration } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
