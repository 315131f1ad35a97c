import { Worker } from 'node:worker_threads';
import { trimOldest } from '../../src-core/collections/trim-oldest';
import type { LoadBuiltInRequest } from '../../src-core/contract/operations';
import type { BuiltInDataset } from '../../src-core/data/builtin/registry';
import type { ColumnProfile } from '../../src-core/data/column-profile';
import type { Task } from '../../src-core/data/dataset';
import type { RawTable } from '../../src-core/data/raw-table';
import { tableForm, tableFromForm } from '../../src-core/data/table-form';
import type { TargetColumn } from '../../src-core/data/target-column';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { ConvexNetError, isConvexNetError } from '../../src-core/errors';
import { convexNetErrorOf } from '../../src-core/contract/contract-error';
import type { BuiltInShipment, DataReply, FinishedRunData, DataRequest, DatasetRef, PreparedSummary, SummaryWants } from '../workers/data-protocol';
import { isDataReply, UNKNOWN_TABLE } from '../workers/data-protocol';
import { encodeStrings, itemsPerPiece, PIECE_CELLS, splitForm, unpackForm } from '../workers/table-shipment';
import type { ReadTableOptions } from '../../src-core/data/formats/read-table';
import type { OpenControl, OpenedTable, OpenFileInput } from '../datasets/open-table';
import { inputTransfer, isOpenFileMessage, receiveForm, type OpenFileOutcome, type OpenFilePiece, type OpenFileProgress, type OpenFileRequest } from '../workers/open-file-protocol';
import type { ServiceLogger } from './logger';
import type { PreparableDataset, PreparedJob, PrepareRequest } from './prepare-job';
import { workerLaunch } from './worker-entry';

/** Tables the data worker holds at once; sending one more makes it drop the least recently used. */
export const MAX_WORKER_TABLES = 4;

export interface DataWorkerOptions {
  /** The worker's entry (defaultDataWorkerEntry; a .ts entry runs through the tsx bootstrap). */
  readonly entry: URL;
  readonly logger: ServiceLogger;
}

type OkReply = Extract<DataReply, { ok: true }>;
type Request = Extract<DataRequest, { id: number }>;

/**
 * The main thread's side of the data worker (data-protocol.ts): reading a target and preparing a
 * dataset take seconds on a million rows, and on the main thread every IPC call and web request
 * waited for them. Here they run in a thread of their own (not a training worker: the advice must
 * not wait for a training run to end), started on first use and again after a crash. A table is
 * sent once (its numbers in shared memory, its strings in pieces between which the event loop
 * runs; a column of few distinct strings as codes) and the worker keeps the last
 * MAX_WORKER_TABLES; requests then name it by id. A built-in dataset is generated there and
 * comes back without a copy of its numbers; the worker keeps it, so it is not sent back.
 */
export class DataWorker {
  private worker: Worker | null = null;
  /** Counts the threads started: a table sent to an earlier one is gone. */
  private generation = 0;
  private crash: ConvexNetError | null = null;
  private requests = 0;
  private readonly pending = new Map<number, { resolve: (reply: OkReply) => void; reject: (error: unknown) => void }>();
  /** The listeners of the files being opened (their progress and pieces), by request id. */
  private readonly opening = new Map<number, (message: OpenFileProgress | OpenFilePiece) => void>();
  private readonly tableIds = new WeakMap<RawTable, number>();
  private tables = 0;
  /** Tables sent to the current thread, least recently used first, with their sending. */
  private readonly shipped = new Map<number, Promise<void>>();
  private preparations = 0;
  private shipments = 0;
  private disposed = false;

  constructor(private readonly options: DataWorkerOptions) {}

  /** How many preparations the worker has made (a request served from its cache makes none), how many tables were sent to it, and how many it holds. */
  stats(): { preparations: number; shipments: number; heldTables: number } {
    return { preparations: this.preparations, shipments: this.shipments, heldTables: this.shipped.size };
  }

  /**
   * loadBuiltInDataset(request) and the target read from it, in the worker: generating a million
   * rows takes seconds. The table comes back with its numbers in shared memory and a string column
   * of few values as codes; the worker keeps it, so later requests about it send nothing.
   */
  async builtIn(request: LoadBuiltInRequest): Promise<{ dataset: BuiltInDataset; target: TargetColumn }> {
    const worker = this.started();
    const generation = this.generation;
    const tableId = ++this.tables;
    const reply = await this.send({ type: 'builtin', id: ++this.requests, tableId, request });
    const shipment = reply.value as BuiltInShipment;
    const table = tableFromForm(unpackForm(shipment.table));
    // Unless the thread that keeps it stopped meanwhile (a later request then sends it).
    if (this.generation === generation && this.worker === worker) {
      this.tableIds.set(table, tableId);
      this.remember(tableId, Promise.resolve());
    }
    return { dataset: { ...shipment.dataset, table }, target: shipment.target };
  }

  /**
   * openTable in the worker (open-file-protocol.ts): the file is parsed, profiled and its target
   * chosen there, and the worker keeps the table, as for a built-in; it comes back packed. The
   * cancel reaches the worker through a shared flag, polled while the control is waited on.
   */
  async openFile(input: OpenFileInput, fileName: string, options: ReadTableOptions, control: OpenControl = {}): Promise<OpenedTable> {
    const worker = this.started();
    const generation = this.generation;
    const id = ++this.requests;
    const tableId = ++this.tables;
    const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const flag = new Int32Array(cancelFlag);
    // The cancel is a poll on this side (DatasetImports' state): it is carried over as progress comes, and every 50 ms.
    const carryCancel = (): void => {
      if (control.isCancelled?.()) Atomics.store(flag, 0, 1);
    };
    const poll = setInterval(carryCancel, 50);
    const pieces = new Map<number, unknown[]>();
    this.opening.set(id, (message) => {
      if (message.type === 'open-piece') {
        const items = pieces.get(message.index) ?? [];
        pieces.set(message.index, items);
        for (const item of message.items) items.push(item);
        return;
      }
      carryCancel();
      control.onProgress?.(message.phase, message.fraction);
    });
    let reply: OkReply;
    try {
      reply = await this.send({ type: 'open-file', id, tableId, input, fileName, options, cancelFlag }, inputTransfer(input));
    } finally {
      clearInterval(poll);
      this.opening.delete(id);
    }
    const outcome = reply.value as OpenFileOutcome;
    if (!outcome.opened) throw convexNetErrorOf(outcome.error);
    // Remembered before the table is rebuilt (the event loop runs meanwhile): the worker holds it now.
    const held = this.generation === generation && this.worker === worker;
    if (held) this.remember(tableId, Promise.resolve());
    const table = tableFromForm(await receiveForm(outcome.table, pieces));
    // Unless the thread that keeps it stopped meanwhile (a later request then sends it).
    if (held) this.tableIds.set(table, tableId);
    return { table, details: outcome.details, profiles: outcome.profiles, target: outcome.target };
  }

  /** readTarget(table, column, task) in the worker. */
  async target(table: RawTable, column: string, task?: Task): Promise<TargetColumn> {
    return (await this.request(table, (tableId, id) => ({ type: 'target', id, tableId, column, ...(task ? { task } : {}) }))) as TargetColumn;
  }

  /**
   * profileColumn of the columns at these indexes (all by default), in the worker: a column of a
   * million rows takes 0.1-1 s. The profiles come back as plain data, the same as on this thread.
   */
  async profiles(table: RawTable, columns: readonly number[] = table.columns.map((_, c) => c)): Promise<ColumnProfile[]> {
    return (await this.request(table, (tableId, id) => ({ type: 'profile', id, tableId, columns }))) as ColumnProfile[];
  }

  /** prepareJob(dataset, request) in the worker: the datasets come over without a copy. */
  async prepare(dataset: PreparableDataset, request: PrepareRequest): Promise<PreparedJob> {
    return (await this.request(dataset.table, (tableId, id) => ({ type: 'prepare', id, dataset: refOf(dataset, tableId), request }))) as PreparedJob;
  }

  /** The size, pipeline and warnings of the prepared training set, and what `wants` adds. */
  async summary(dataset: PreparableDataset, request: PrepareRequest, wants: SummaryWants = {}): Promise<PreparedSummary> {
    return (await this.request(dataset.table, (tableId, id) => ({ type: 'summary', id, dataset: refOf(dataset, tableId), request, wants }))) as PreparedSummary;
  }

  /**
   * In the worker, what a finished run takes from its table: the table's fingerprint, and the
   * model's test-row predictions and input importance (heldOutResults; null without a model).
   */
  async finishedRun(table: RawTable, model: ModelFile | null): Promise<FinishedRunData> {
    return (await this.request(table, (tableId, id) => ({ type: 'finished-run', id, tableId, model }))) as FinishedRunData;
  }

  /**
   * Drops the table from the worker (a failed or cancelled import's, profiled there but never
   * registered): its copy of the strings and its hold on the shared numbers go now, not when
   * MAX_WORKER_TABLES later tables push it out. A later request sends it again.
   */
  forget(table: RawTable): void {
    const id = this.tableIds.get(table);
    if (id === undefined || !this.shipped.delete(id)) return;
    this.worker?.postMessage({ type: 'table-forget', tableId: id } satisfies DataRequest);
  }

  /** Stops the thread; later requests fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    this.failPending(shutDown());
    if (worker) await worker.terminate();
  }

  private async request(table: RawTable, make: (tableId: number, id: number) => Request): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const tableId = await this.ensureTable(table);
      try {
        const reply = await this.send(make(tableId, ++this.requests));
        if (reply.prepared) this.preparations++;
        return reply.value;
      } catch (error) {
        // Dropped in between by another request's table (more than MAX_WORKER_TABLES at once): sent again.
        if (attempt > 0 || !isConvexNetError(error) || error.code !== UNKNOWN_TABLE) throw error;
        this.shipped.delete(tableId);
      }
    }
  }

  private send(message: Request | OpenFileRequest, transfer: ArrayBuffer[] = []): Promise<OkReply> {
    const worker = this.started();
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      worker.postMessage(message, transfer);
    });
  }

  /** The table's id once the current thread holds it (sent now if it does not). */
  private async ensureTable(table: RawTable): Promise<number> {
    let id = this.tableIds.get(table);
    if (id === undefined) {
      id = ++this.tables;
      this.tableIds.set(table, id);
    }
    let sending = this.shipped.get(id);
    if (sending) {
      // Most recently used last.
      this.shipped.delete(id);
      this.shipped.set(id, sending);
    } else {
      sending = this.ship(id, table);
      this.shipments++;
      this.remember(id, sending);
    }
    await sending;
    return id;
  }

  /** Records a table the current thread holds (or is being sent); the least recently used past MAX_WORKER_TABLES are dropped there. */
  private remember(id: number, sending: Promise<void>): void {
    this.shipped.set(id, sending);
    sending.catch(() => {
      if (this.shipped.get(id) === sending) this.shipped.delete(id);
    });
    trimOldest(this.shipped, MAX_WORKER_TABLES, (oldest) => this.worker?.postMessage({ type: 'table-forget', tableId: oldest } satisfies DataRequest));
  }

  private async ship(tableId: number, table: RawTable): Promise<void> {
    const worker = this.started();
    const generation = this.generation;
    const { skeleton, bulk } = splitForm(tableForm(table));
    worker.postMessage({ type: 'table-begin', tableId, skeleton } satisfies DataRequest);
    const next = async (): Promise<void> => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.generation !== generation || this.worker !== worker) throw this.crash ?? shutDown();
    };
    for (let index = 0; index < bulk.length; index++) {
      const items = bulk[index]!;
      if (typeof items[0] === 'string') {
        // A string column of few distinct values: its codes, worked out a slice at a time.
        const encoding = encodeStrings(items as readonly string[], PIECE_CELLS);
        let step = encoding.next();
        while (!step.done) {
          await next();
          step = encoding.next();
        }
        if (step.value) {
          const { codes, dictionary } = step.value;
          worker.postMessage({ type: 'table-coded', tableId, index, codes, dictionary } satisfies DataRequest, [codes.buffer]);
          continue;
        }
      }
      const step = itemsPerPiece(items);
      for (let start = 0; start < items.length; start += step) {
        await next();
        worker.postMessage({ type: 'table-piece', tableId, index, items: items.slice(start, start + step) } satisfies DataRequest);
      }
    }
    worker.postMessage({ type: 'table-end', tableId } satisfies DataRequest);
  }

  /** The running thread, started when there is none. */
  private started(): Worker {
    if (this.disposed) throw shutDown();
    if (this.worker) return this.worker;
    const launch = workerLaunch(this.options.entry);
    const worker = new Worker(launch.file, launch.workerData ? { workerData: launch.workerData } : {});
    // It never keeps the process alive on its own (the server or the window does).
    worker.unref();
    this.worker = worker;
    this.generation++;
    this.crash = null;
    this.shipped.clear();
    worker.on('message', (reply: unknown) => this.onReply(reply));
    worker.on('error', (error: Error) => {
      this.options.logger.error(`data worker crashed: ${error.stack ?? error.message}`);
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.crash = outOfMemory
        ? new ConvexNetError('worker/out-of-memory', 'Preparing the data ran out of memory; try fewer rows or columns.')
        : new ConvexNetError('worker/crashed', `Preparing the data failed: ${error.message}.`);
    });
    worker.on('exit', (code: number) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.shipped.clear();
      this.crash ??= new ConvexNetError('worker/exited', `The data worker stopped unexpectedly (exit code ${code}); try again.`);
      this.failPending(this.crash);
    });
    return worker;
  }

  private onReply(reply: unknown): void {
    if (isOpenFileMessage(reply)) return this.opening.get(reply.id)?.(reply);
    if (!isDataReply(reply)) return;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(convexNetErrorOf(reply.error));
  }

  private failPending(error: ConvexNetError): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(error);
  }
}

/** What a request gets once the back end has shut down. */
function shutDown(): ConvexNetError {
  return new ConvexNetError('app/shut-down', 'The back end has shut down.');
}

function refOf(dataset: PreparableDataset, tableId: number): DatasetRef {
  return { tableId, target: dataset.target, source: dataset.source, configuration: dataset.configuration };
}
