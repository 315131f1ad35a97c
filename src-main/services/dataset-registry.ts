import { counted } from '../../src-core/text/counted';
import { trimOldest } from '../../src-core/collections/trim-oldest';
import type { DatasetSummary, LoadBuiltInRequest } from '../../src-core/contract/operations';
import type {
  ConfigureDatasetRequest,
  DatasetConfiguration,
  DatasetInspection,
  DatasetRows,
  DatasetRowsRequest,
  PreparationChoices,
} from '../../src-core/contract/dataset-types';
import type { BuiltInDataset } from '../../src-core/data/builtin/registry';
import { loadBuiltInDataset } from '../../src-core/data/builtin/registry';
import type { ColumnProfile } from '../../src-core/data/column-profile';
import { inspectionLeftOut, profileColumn, suggestTarget } from '../../src-core/data/column-profile';
import type { Task } from '../../src-core/data/dataset';
import type { ReadTableDetails, ReadTableOptions } from '../../src-core/data/formats/read-table';
import { DEFAULT_MAX_CATEGORIES } from '../../src-core/data/preprocessing';
import type { RawTable } from '../../src-core/data/raw-table';
import { columnIndex, tableRow } from '../../src-core/data/raw-table';
import type { TargetColumn } from '../../src-core/data/target-column';
import { readTarget } from '../../src-core/data/target-column';
import { convexNetErrorOf } from '../../src-core/contract/contract-error';
import { ConvexNetError } from '../../src-core/errors';
import { chooseTarget, openTable, type OpenControl, type OpenedTable, type OpenFileInput, type TargetChoice } from '../datasets/open-table';
import { datasetsToEvict, MAX_DATASETS, MAX_HELD_CELLS, tableCells, type EvictionReason, type RetentionLimits } from './dataset-retention';
import { summarizeDataset } from './dataset-summary';

/** A dataset held by the back end: the raw table (jobs split and preprocess it per run) and the user's choices. */
export interface LoadedDataset {
  readonly datasetId: string;
  readonly name: string;
  /** Where the rows came from (file name or built-in id), recorded in model files. */
  readonly source: string;
  readonly table: RawTable;
  readonly target: string;
  readonly task: Task;
  readonly summary: DatasetSummary;
  /** Target, task, ignored columns, preparation and class weights used by jobs on this dataset. */
  readonly configuration: DatasetConfiguration;
  /** How the file was read (null for built-in data). */
  readonly details: ReadTableDetails | null;
}


/** The preparation used until the user changes it. */
export const DEFAULT_PREPARATION: PreparationChoices = { imputation: 'mean', scaling: 'standardize', maxCategories: DEFAULT_MAX_CATEGORIES };

export interface AddDatasetExtras {
  readonly details?: ReadTableDetails | null;
  readonly ignoredColumns?: readonly string[];
  readonly preparation?: PreparationChoices;
  readonly classWeights?: DatasetConfiguration['classWeights'];
  /** Profiles already computed for this table (shared between datasets of one table). */
  readonly profiles?: readonly ColumnProfile[];
  /** The target column already read (with the task given, or inferred). */
  readonly target?: TargetColumn;
}

/** A dataset a job trains on, kept loaded until `release` (idempotent). */
export interface HeldDataset {
  readonly dataset: LoadedDataset;
  readonly release: () => void;
}

/** Unloaded datasets remembered by id, to say what happened to one asked for (a name each). */
const REMEMBERED_UNLOADS = 256;

/**
 * Where the registry opens data files, reads targets and profiles columns: in the app the data
 * worker (DataWorker), since a million rows take seconds; `forget` tells it a table it worked on
 * will not be registered (a failed or cancelled import's). Each part left out runs on this thread.
 */
export interface TableWork {
  readonly target: (table: RawTable, column: string, task?: Task) => Promise<TargetColumn>;
  /** The profiles of the columns at these indexes, in their order. */
  readonly profiles: (table: RawTable, columns: readonly number[]) => Promise<ColumnProfile[]>;
  readonly forget: (table: RawTable) => void;
  /** openTable: a data file parsed, profiled and its target chosen (the table then held where that ran). */
  readonly open: (input: OpenFileInput, fileName: string, options: ReadTableOptions, control: OpenControl) => Promise<OpenedTable>;
}

/** TableWork on this thread. */
const workHere: TableWork = {
  target: async (table, column, task) => readTarget(table, column, task),
  profiles: async (table, columns) => columns.map((c) => profileColumn(table, table.columns[c]!, c)),
  forget: () => {},
  open: openTable,
};

/**
 * The datasets loaded in this session, by id. Ids are per launch ("dataset-1", ...): loading the
 * same built-in twice gives two datasets, and configuring a dataset gives a new id sharing the
 * table, so a job always trains on the choices it was started with.
 *
 * Bounded by count and by the cells of their tables (dataset-retention.ts): loading more unloads
 * the least recently used datasets, never the one just loaded or used, nor one a queued or
 * running job holds (`hold`). Asked for, an unloaded dataset is refused with what happened and
 * to load it again (data/dataset-unloaded).
 */
export class DatasetRegistry {
  /** By recency of use: the least recently used first. */
  private readonly datasets = new Map<string, LoadedDataset>();
  /** Column profiles per table, computed on first inspection (or given by the import that profiled them). */
  private readonly profiles = new WeakMap<RawTable, Promise<readonly ColumnProfile[]>>();
  /** Jobs holding each dataset. */
  private readonly holds = new Map<string, number>();
  private readonly unloaded = new Map<string, { readonly name: string; readonly reason: EvictionReason }>();
  private readonly limits: RetentionLimits;
  private counter = 0;

  private readonly work: TableWork;

  /** `limits`: see RetentionLimits; `work`: where targets are read and columns profiled (default: this thread). */
  constructor(limits: Partial<RetentionLimits> = {}, work: Partial<TableWork> = {}) {
    this.limits = { maxDatasets: limits.maxDatasets ?? MAX_DATASETS, maxCells: limits.maxCells ?? MAX_HELD_CELLS };
    this.work = { ...workHere, ...work };
  }

  /** Generates a built-in dataset on this thread (the app generates it in the data worker: DataWorker.builtIn, then addBuiltIn). */
  loadBuiltIn(request: LoadBuiltInRequest): DatasetSummary {
    const dataset = loadBuiltInDataset(request);
    return this.addBuiltIn({ dataset, target: readTarget(dataset.table, dataset.target, dataset.task) });
  }

  /** Registers a built-in dataset loaded with its target column read. */
  addBuiltIn(loaded: { readonly dataset: BuiltInDataset; readonly target: TargetColumn }): DatasetSummary {
    const { dataset, target } = loaded;
    return this.add(dataset.name, dataset.id, dataset.table, dataset.target, dataset.task, { target }).summary;
  }

  /**
   * Registers an imported table. The target is the suggested one (named like a target, else the
   * last usable column); if it cannot be a target (e.g. a single class), the next usable column
   * from the right is tried. Flagged columns (id-like, constant, empty, dates, free text) start
   * out ignored: the user sees the flag and can take the column back. The profiles (unless given)
   * and the targets tried are computed by the registry's profiler and target reader (in the app,
   * off the main thread), the target by chooseTarget. `chosen`: that choice already made where
   * the table was opened (openTable), or its error.
   */
  async addImported(name: string, source: string, table: RawTable, details: ReadTableDetails, precomputed?: readonly ColumnProfile[], chosen?: TargetChoice): Promise<LoadedDataset> {
    if (table.columns.length < 2) {
      throw new ConvexNetError('data/too-few-columns', `${tooFewColumnsWhere(name, details)} has ${counted(table.columns.length, 'column')}; a dataset needs at least one feature column and a target column.${otherSheetsAdvice(details)}`);
    }
    if (precomputed) this.profiles.set(table, Promise.resolve(precomputed));
    const profiles = await this.profilesOf(table);
    const added = (target: TargetColumn): LoadedDataset => {
      const ignoredColumns = inspectionLeftOut(profiles, table.columns.filter((c) => c !== target.column)).map((p) => p.name);
      return this.add(name, source, table, target.column, undefined, { details, profiles, ignoredColumns, target });
    };
    const choice = chosen ?? (await chooseTarget(profiles, (column) => this.work.target(table, column)));
    if (choice.ok) return added(choice.target);
    throw convexNetErrorOf(choice.error);
  }

  /** Opens a data file where the registry's table work runs (in the app, the data worker): see openTable. */
  openTable(input: OpenFileInput, fileName: string, options: ReadTableOptions, control: OpenControl): Promise<OpenedTable> {
    return this.work.open(input, fileName, options, control);
  }

  /** A table profiled or tried here that will not be registered (its import failed or was cancelled): the profiler's thread drops it. */
  discard(table: RawTable): void {
    this.profiles.delete(table);
    this.work.forget(table);
  }

  /** Registers a table with its target column; the task is checked (or inferred) now, so errors surface at load. */
  add(name: string, source: string, table: RawTable, targetColumn: string, task?: Task, extras: AddDatasetExtras = {}): LoadedDataset {
    const target = extras.target ?? readTarget(table, targetColumn, task);
    if (extras.profiles) this.profiles.set(table, Promise.resolve(extras.profiles));
    const configuration: DatasetConfiguration = {
      target: targetColumn,
      task: target.task,
      ignoredColumns: extras.ignoredColumns ?? [],
      preparation: extras.preparation ?? DEFAULT_PREPARATION,
      classWeights: extras.classWeights ?? 'none',
    };
    const datasetId = `dataset-${++this.counter}`;
    const dataset: LoadedDataset = {
      datasetId,
      name,
      source,
      table,
      target: targetColumn,
      task: target.task,
      summary: summarizeDataset(datasetId, name, table, target, configuration),
      configuration,
      details: extras.details ?? null,
    };
    this.datasets.set(datasetId, dataset);
    this.unloadPastLimits();
    return dataset;
  }

  /** The dataset, now the most recently used. */
  get(datasetId: string): LoadedDataset {
    const dataset = this.datasets.get(datasetId);
    if (!dataset) throw this.missing(datasetId);
    this.datasets.delete(datasetId);
    this.datasets.set(datasetId, dataset);
    return dataset;
  }

  /** The dataset, kept loaded until released: a queued or running job trains on it. */
  hold(datasetId: string): HeldDataset {
    const dataset = this.get(datasetId);
    this.holds.set(datasetId, (this.holds.get(datasetId) ?? 0) + 1);
    let held = true;
    return {
      dataset,
      release: () => {
        if (!held) return;
        held = false;
        const left = (this.holds.get(datasetId) ?? 1) - 1;
        if (left > 0) this.holds.set(datasetId, left);
        else this.holds.delete(datasetId);
        // What the hold kept past the limits goes now.
        this.unloadPastLimits();
      },
    };
  }

  /** Cells of the loaded datasets' tables, each table once. */
  heldCells(): number {
    let cells = 0;
    for (const table of new Set([...this.datasets.values()].map((d) => d.table))) cells += tableCells(table);
    return cells;
  }

  private unloadPastLimits(): void {
    const byRecency = [...this.datasets.values()].map((d) => ({ datasetId: d.datasetId, table: d.table, held: this.holds.has(d.datasetId) }));
    for (const { datasetId, reason } of datasetsToEvict(byRecency, this.limits)) {
      this.unloaded.set(datasetId, { name: this.datasets.get(datasetId)!.name, reason });
      this.datasets.delete(datasetId);
    }
    trimOldest(this.unloaded, REMEMBERED_UNLOADS);
  }

  private missing(datasetId: string): ConvexNetError {
    const unloaded = this.unloaded.get(datasetId);
    if (!unloaded) return new ConvexNetError('data/unknown-dataset', `There is no loaded dataset "${datasetId}"; load a dataset first.`);
    const why =
      unloaded.reason === 'count'
        ? `more datasets were loaded after it (at most ${this.limits.maxDatasets} are kept at once)`
        : `more data were loaded after it (the datasets kept at once hold at most ${formatCells(this.limits.maxCells)} cells)`;
    return new ConvexNetError('data/dataset-unloaded', `The dataset "${unloaded.name}" (${datasetId}) is no longer loaded: it was unloaded to free memory when ${why}, the least recently used first. Load or open it again to use it.`);
  }

  /** Column profiles (computed by the registry's profiler the first time), the configuration and how the file was read. */
  async inspect(datasetId: string): Promise<DatasetInspection> {
    const dataset = this.get(datasetId);
    const columns = await this.profilesOf(dataset.table);
    return {
      datasetId,
      rowCount: dataset.table.rowCount,
      columns,
      source: dataset.details,
      configuration: dataset.configuration,
      suggestedTarget: suggestTarget(columns),
      inferredTask: dataset.task,
    };
  }

  /** A window of rows for the virtualized preview (table column order). */
  rows(request: DatasetRowsRequest): DatasetRows {
    const dataset = this.get(request.datasetId);
    const { table } = dataset;
    const offset = Math.min(request.offset, table.rowCount);
    const end = Math.min(offset + request.limit, table.rowCount);
    const rows = Array.from({ length: end - offset }, (_, k) => tableRow(table, offset + k));
    return { offset, columns: table.columns, rows, totalRows: table.rowCount };
  }

  /**
   * A new dataset with the same table and the given choices. The target must be a column, the
   * ignored columns must exist and leave at least one feature; the task is checked against the
   * target (e.g. binary on three classes is refused) or inferred. The target is read by the
   * registry's target reader (in the app, off the main thread).
   */
  async configure(request: ConfigureDatasetRequest): Promise<DatasetSummary> {
    const dataset = this.get(request.datasetId);
    const { table } = dataset;
    for (const column of [request.target, ...request.ignoredColumns]) {
      if (columnIndex(table, column) < 0) {
        throw new ConvexNetError('data/unknown-column', `There is no column named "${column}" in ${dataset.name}.`);
      }
    }
    const ignoredColumns = [...new Set(request.ignoredColumns)].filter((c) => c !== request.target);
    if (table.columns.every((c) => c === request.target || ignoredColumns.includes(c))) {
      throw new ConvexNetError('data/no-features', `Every column besides the target "${request.target}" is ignored; use at least one column as a feature.`);
    }
    const target = await this.work.target(table, request.target, request.task);
    return this.add(dataset.name, dataset.source, table, request.target, request.task, {
      details: dataset.details,
      ignoredColumns,
      preparation: request.preparation ?? dataset.configuration.preparation,
      classWeights: checkClassWeights(request.classWeights ?? dataset.configuration.classWeights, target),
      target,
    }).summary;
  }

  /** The table's profiles, computed once (two inspections at once share the work; a failed one is tried again next time). */
  private profilesOf(table: RawTable): Promise<readonly ColumnProfile[]> {
    let profiles = this.profiles.get(table);
    if (!profiles) {
      const computing = this.work.profiles(table, table.columns.map((_, c) => c));
      profiles = computing;
      this.profiles.set(table, computing);
      computing.catch(() => {
        if (this.profiles.get(table) === computing) this.profiles.delete(table);
      });
    }
    return profiles;
  }
}

/** Manual weights need one per class; regression takes none. */
function checkClassWeights(weights: DatasetConfiguration['classWeights'], target: TargetColumn): DatasetConfiguration['classWeights'] {
  if (target.task === 'regression') return 'none';
  if (typeof weights === 'string') return weights;
  if (weights.length !== target.classNames.length) {
    throw new ConvexNetError(
      'data/class-weights',
      `Give one class weight per class: the target "${target.column}" has ${target.classNames.length} classes, but ${weights.length} weights were given.`,
    );
  }
  return weights;
}

/** The file, and for a workbook the sheet that was read ("book.xlsx, sheet \"Notes\""). */
function tooFewColumnsWhere(name: string, details: ReadTableDetails): string {
  return details.sheet ? `${name}, sheet "${details.sheet}",` : name;
}

/**
 * For a workbook with other sheets: which to choose instead (Reading options > Sheet). A UI audit's
 * workbook began with a one-column notes sheet, and the message named neither it nor the others.
 */
function otherSheetsAdvice(details: ReadTableDetails): string {
  const others = (details.sheets ?? []).filter((s) => s !== details.sheet);
  if (others.length === 0) return '';
  return ` The workbook's other ${others.length === 1 ? 'sheet' : 'sheets'}: ${others.map((s) => `"${s}"`).join(', ')}; choose the one with the data under Reading options > Sheet.`;
}

/** 50000000 -> "50 million". */
function formatCells(cells: number): string {
  return cells >= 1e6 && cells % 1e6 === 0 ? `${cells / 1e6} million` : String(cells);
}
