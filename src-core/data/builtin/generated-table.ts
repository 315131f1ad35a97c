import { ColumnarTableBuilder } from '../columnar-table';
import type { RawTable } from '../raw-table';

/**
 * A generated table held by columns (columnar-table.ts: numbers in typed arrays with a format
 * code, so every cell's text comes back exactly), not as rows of strings. The generators make up
 * to a million rows: as rows of strings one two-feature table held ~265 MB, and a contract audit
 * that loaded such tables one after another ran the server out of heap after ~24 of them.
 * Generated rows have no file lines (messages name "data row N").
 */
export function generatedTable(columns: string[], rows: readonly (readonly string[])[]): RawTable {
  const builder = new ColumnarTableBuilder(columns);
  for (let r = 0; r < rows.length; r++) builder.append(rows[r]!, r + 1);
  return builder.finish(false);
}
