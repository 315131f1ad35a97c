import { createHash } from 'node:crypto';
import type { RawTable } from '../../src-core/data/raw-table';

const cache = new WeakMap<RawTable, string>();
/** Characters hashed per update. */
const HASH_BATCH_CHARS = 1 << 16;

/**
 * SHA-256 (hex) of a table's column names and cells, each length-prefixed so no two different
 * tables hash the same text ("a,b" + "c" vs "a" + "b,c"). Cached per table object.
 */
export function dataFingerprint(table: RawTable): string {
  const known = cache.get(table);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  // Texts are gathered into batches before hashing: SHA-256 of the concatenation is the same as
  // of the texts fed one by one, and one update per batch is far cheaper than two per cell.
  let batch = '';
  const put = (cell: string): void => {
    batch += `${cell.length}:${cell}`;
    if (batch.length >= HASH_BATCH_CHARS) {
      hash.update(batch);
      batch = '';
    }
  };
  batch = `columns ${table.columns.length}\n`;
  for (const column of table.columns) put(column);
  batch += `\nrows ${table.rowCount}\n`;
  // Row by row, left to right: the same texts in the same order as ever, so fingerprints of
  // runs recorded before tables were held by column still match.
  const width = table.columns.length;
  for (let r = 0; r < table.rowCount; r++) for (let c = 0; c < width; c++) put(table.cell(r, c));
  hash.update(batch);
  const fingerprint = hash.digest('hex');
  cache.set(table, fingerprint);
  return fingerprint;
}
