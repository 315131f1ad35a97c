import type { RawTable } from '../../src-core/data/raw-table';

/** Most datasets held at once (configuring a dataset makes a new one on the same table). */
export const MAX_DATASETS = 32;

/**
 * Most table cells (rows x columns) the loaded datasets may hold together; datasets sharing a
 * table count it once. A numeric cell of an imported file takes about 9 bytes (a float and a
 * format code, columnar-table.ts), a text cell more: 50 million cells are about 450 MB of
 * numbers: room for the README's 1,000,000 x 20 file (20 million cells) and a second of its
 * size. A table over the limit on its own (a 256 MB file of one-digit numbers holds over 100
 * million cells) is kept, alone. Cells, not bytes: every kind of table knows them at no cost.
 */
export const MAX_HELD_CELLS = 50_000_000;

export interface RetentionLimits {
  readonly maxDatasets: number;
  readonly maxCells: number;
}

/** A loaded dataset as the retention policy sees it. */
export interface RetainedDataset {
  readonly datasetId: string;
  readonly table: RawTable;
  /** A queued or running job trains on it: never evicted. */
  readonly held: boolean;
}

/** Why a dataset was unloaded: too many datasets, or too many cells. */
export type EvictionReason = 'count' | 'cells';

export function tableCells(table: RawTable): number {
  return table.rowCount * table.columns.length;
}

/**
 * The datasets to unload so the rest fit the limits, least recently used first. Never the most
 * recently used one (the data the user works on) nor one a job holds. Past the count limit, the
 * least recently used datasets go; past the cell limit, whole tables go (unloading one of
 * several datasets on a table frees nothing), the table used least recently first. A table too
 * large on its own stays, alone.
 */
export function datasetsToEvict(byRecency: readonly RetainedDataset[], limits: RetentionLimits): { datasetId: string; reason: EvictionReason }[] {
  const newest = byRecency[byRecency.length - 1];
  const evictable = (d: RetainedDataset): boolean => !d.held && d !== newest;
  const evicted = new Map<string, EvictionReason>();
  let count = byRecency.length;
  for (const dataset of byRecency) {
    if (count <= limits.maxDatasets) break;
    if (!evictable(dataset)) continue;
    evicted.set(dataset.datasetId, 'count');
    count--;
  }
  const left = byRecency.filter((d) => !evicted.has(d.datasetId));
  // Each table's last use, and the tables nothing may unload.
  const lastUse = new Map<RawTable, number>();
  left.forEach((d, position) => lastUse.set(d.table, position));
  const kept = new Set(left.filter((d) => !evictable(d)).map((d) => d.table));
  let cells = 0;
  for (const table of lastUse.keys()) cells += tableCells(table);
  const candidates = [...lastUse.entries()].filter(([table]) => !kept.has(table)).sort((a, b) => a[1] - b[1]);
  for (const [table] of candidates) {
    if (cells <= limits.maxCells) break;
    for (const d of left) if (d.table === table) evicted.set(d.datasetId, 'cells');
    cells -= tableCells(table);
  }
  return [...evicted].map(([datasetId, reason]) => ({ datasetId, reason }));
}
