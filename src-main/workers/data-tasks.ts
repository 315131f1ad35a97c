import { trimOldest } from '../../src-core/collections/trim-oldest';
import { loadBuiltInDataset } from '../../src-core/data/builtin/registry';
import { profileColumn } from '../../src-core/data/column-profile';
import { copyDataset } from '../../src-core/data/dataset';
import type { RawTable } from '../../src-core/data/raw-table';
import type { TableForm } from '../../src-core/data/table-form';
import { tableForm, tableFromForm } from '../../src-core/data/table-form';
import { readTarget } from '../../src-core/data/target-column';
import { ConvexNetError } from '../../src-core/errors';
import { contractErrorOfThrown } from '../../src-core/contract/contract-error';
import { resolveAdversarial } from '../../src-core/robust/adversarial-options';
import { suggestRobustRadii } from '../../src-core/robust/suggested-radius';
import { preparedDataShape } from '../../src-core/training/auto-choices';
import { probeSample } from '../../src-core/training/cost-probe';
import { prepareJob, type PreparedJob, type PrepareRequest } from '../services/prepare-job';
import { heldOutResults } from '../services/run-result';
import { dataFingerprint } from '../workspace/data-fingerprint';
import { datasetBuffers, targetBuffers, UNKNOWN_TABLE, type BuiltInShipment, type DataReply, type FinishedRunData, type DataRequest, type DatasetRef, type PreparedSummary, type SummaryWants } from './data-protocol';
import { decodeStrings, joinForm, packForm, unpackForm } from './table-shipment';
import type { OpenFilePiece, OpenFileProgress, OpenFileRequest } from './open-file-protocol';
import { openFileTask } from './open-file-task';

/** A reply and the buffers its message transfers. */
export interface DataTaskReply {
  readonly reply: DataReply;
  readonly transfer: ArrayBuffer[];
}

/**
 * Prepared datasets the worker keeps: the Train form asks for the advice and an estimate after
 * every edit, a job started from it prepares the same split, and a job run as parts (its folds or
 * heads on several training workers) asks once per part; two, so the form's questions about
 * another split do not push out a running job's.
 */
export const KEPT_PREPARATIONS = 2;

/**
 * The data worker's side of data-protocol.ts, apart from its thread so tests can run it in place:
 * the tables it was sent, and the last KEPT_PREPARATIONS prepared datasets.
 */
export class DataTasks {
  private readonly tables = new Map<number, RawTable>();
  private readonly arriving = new Map<number, { skeleton: TableForm; bulk: unknown[][] }>();
  /** By key, least recently used first. */
  private readonly kept = new Map<string, PreparedJob>();

  /** Handles one message; requests get a reply, table messages none. */
  handle(message: DataRequest): DataTaskReply | null {
    switch (message.type) {
      case 'table-begin':
        this.arriving.set(message.tableId, { skeleton: message.skeleton, bulk: [] });
        return null;
      case 'table-piece': {
        const bulk = this.arriving.get(message.tableId)?.bulk;
        if (bulk) (bulk[message.index] ??= []).push(...message.items);
        return null;
      }
      case 'table-coded': {
        const bulk = this.arriving.get(message.tableId)?.bulk;
        if (bulk) bulk[message.index] = decodeStrings(message.codes, message.dictionary);
        return null;
      }
      case 'table-end': {
        const arrived = this.arriving.get(message.tableId);
        this.arriving.delete(message.tableId);
        if (arrived) this.tables.set(message.tableId, tableFromForm(joinForm(arrived.skeleton, arrived.bulk)));
        return null;
      }
      case 'table-forget':
        // Also one still arriving: its later pieces and end find nothing to add to.
        this.arriving.delete(message.tableId);
        this.tables.delete(message.tableId);
        for (const key of [...this.kept.keys()]) if (key.startsWith(`[${message.tableId},`)) this.kept.delete(key);
        return null;
      default:
        return this.answer(message);
    }
  }

  /**
   * Opens a data file (open-file-protocol.ts), posting its progress, and keeps its table under
   * the request's table id; the parse yields between slices, so other requests are served meanwhile.
   */
  async open(message: OpenFileRequest, post: (sent: OpenFileProgress | OpenFilePiece) => void): Promise<DataTaskReply> {
    try {
      const { outcome, transfer, table } = await openFileTask(message, post);
      if (table) this.tables.set(message.tableId, table);
      return { reply: { type: 'reply', id: message.id, ok: true, value: outcome, prepared: false }, transfer };
    } catch (error) {
      return failedReply(message.id, error);
    }
  }

  private answer(message: Extract<DataRequest, { id: number }>): DataTaskReply {
    try {
      let fresh = false;
      const prepared = (dataset: DatasetRef, request: PrepareRequest): PreparedJob => {
        const table = this.table(dataset.tableId);
        const preparation = request.preparation ?? dataset.configuration.preparation;
        const key = JSON.stringify([dataset.tableId, dataset.target, dataset.source, dataset.configuration.ignoredColumns, preparation, request.task, request.seed, request.testFraction]);
        let job = this.kept.get(key);
        if (job) {
          this.kept.delete(key);
        } else {
          // Room made first: no more than KEPT_PREPARATIONS sit in memory while another is made.
          trimOldest(this.kept, KEPT_PREPARATIONS - 1);
          job = prepareJob({ ...dataset, table }, request);
          fresh = true;
        }
        this.kept.set(key, job);
        return job;
      };
      let value: unknown;
      let transfer: ArrayBuffer[] = [];
      if (message.type === 'target') {
        const target = readTarget(this.table(message.tableId), message.column, message.task);
        value = target;
        transfer = targetBuffers(target);
      } else if (message.type === 'profile') {
        const table = this.table(message.tableId);
        value = message.columns.map((c) => {
          const name = table.columns[c];
          if (name === undefined) throw new ConvexNetError('data/unknown-column', `The table has no column ${c} (it has ${table.columns.length}).`);
          return profileColumn(table, name, c);
        });
      } else if (message.type === 'builtin') {
        // Generated here (a million rows take seconds) and kept: the sender's requests then name it.
        const { table, ...dataset } = loadBuiltInDataset(message.request);
        const target = readTarget(table, dataset.target, dataset.task);
        const { packed, transfer: packedBuffers } = packForm(tableForm(table));
        // Kept as the sender rebuilds it: a string column's cells then share its few distinct
        // strings (a generator made one string per cell), and the preparations read it faster.
        this.tables.set(message.tableId, tableFromForm(unpackForm(packed)));
        value = { dataset, table: packed, target } satisfies BuiltInShipment;
        transfer = [...packedBuffers, ...targetBuffers(target)];
      } else if (message.type === 'finished-run') {
        const table = this.table(message.tableId);
        value = { fingerprint: dataFingerprint(table), heldOut: message.model ? heldOutResults(message.model, table) : null } satisfies FinishedRunData;
      } else if (message.type === 'prepare') {
        // Copies: the cached datasets stay for the estimates, these go to the main thread and on to a training worker.
        const job = prepared(message.dataset, message.request);
        const copy: PreparedJob = { ...job, train: copyDataset(job.train), test: job.test ? copyDataset(job.test) : null };
        value = copy;
        transfer = datasetBuffers(copy.train, copy.test);
      } else {
        const summary = summarize(prepared(message.dataset, message.request), message.wants);
        value = summary;
        transfer = datasetBuffers(summary.sample);
      }
      return { reply: { type: 'reply', id: message.id, ok: true, value, prepared: fresh }, transfer };
    } catch (error) {
      return failedReply(message.id, error);
    }
  }

  private table(tableId: number): RawTable {
    const table = this.tables.get(tableId);
    if (!table) throw new ConvexNetError(UNKNOWN_TABLE, `The data worker holds no table ${tableId}.`);
    return table;
  }
}

/**
 * The reply of a request that threw: a ConvexNetError's code, message and details (so the caller
 * gets the same error back, see data-worker-client.ts), anything else as internal/error.
 */
export function failedReply(id: number, error: unknown): DataTaskReply {
  return { reply: { type: 'reply', id, ok: false, error: contractErrorOfThrown(error) }, transfer: [] };
}

/** The prepared training set's size, pipeline and warnings, and what else was asked for. */
function summarize(prepared: PreparedJob, wants: SummaryWants): PreparedSummary {
  const { train } = prepared;
  return {
    size: { X: { rows: train.X.rows, cols: train.X.cols }, task: train.task, classNames: train.classNames },
    pipeline: prepared.pipeline,
    warnings: prepared.warnings,
    ...(wants.shape ? { shape: preparedDataShape(wants.shape.task, train.X.rows, train.X.cols, wants.shape.bias, train.y) } : {}),
    ...(wants.radii ? { radii: robustRadii(prepared, wants.radii) } : {}),
    // A copy: its buffers go to the main thread, the cached training set stays.
    ...(wants.sampleRows !== undefined ? { sample: copyDataset(probeSample(train, wants.sampleRows)) } : {}),
  };
}

/**
 * The adversarial section's first radius (l_inf) in raw and in standardized units: one sampling
 * of the preset's patterns and one pass over the prepared training rows serve both.
 */
function robustRadii(prepared: PreparedJob, preset: NonNullable<SummaryWants['radii']>): NonNullable<PreparedSummary['radii']> {
  const unitOf = (units: 'raw' | 'standardized'): ArrayLike<number> => resolveAdversarial({ epsilon: 1, norm: 'linf', units }, prepared.pipeline).featureRadii!;
  const [raw, standardized] = suggestRobustRadii(prepared.train.X, [unitOf('raw'), unitOf('standardized')], { norm: 'linf', hasBias: preset.bias, patternCount: preset.patterns, seed: preset.seed });
  return [raw ?? null, standardized ?? null];
}
