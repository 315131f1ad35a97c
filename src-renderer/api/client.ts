import type { Envelope } from '../../src-core/contract/envelope';
import { parseErrorDetails } from '../../src-core/contract/error-details';
import type { ContractEvents, EventName, OperationName, RequestOf, ResponseOf } from '../../src-core/contract/operations';
import { eventNames } from '../../src-core/contract/operations';
import { ApiError } from './api-error';
import { detectTransport } from './detect-transport';
import type { ConnectionListener, Transport, TransportKind } from './transport';

/**
 * The renderer's only way to the back end. It wraps either transport, unwraps envelopes (a
 * failure becomes a thrown ApiError with the back end's code and message) and offers one typed
 * method per contract operation. Components never touch `window.api`; stores use this client.
 */
export type InvokeFunction = <K extends OperationName>(operation: K, request: RequestOf<K>) => Promise<ResponseOf<K>>;

export type EventListener = <E extends EventName>(name: E, payload: ContractEvents[E]) => void;

interface OperationClient<K extends OperationName> {
  readonly operation: K;
  readonly bind: (invoke: InvokeFunction) => (request: RequestOf<K>) => Promise<ResponseOf<K>>;
}

function operationClient<K extends OperationName>(operation: K): OperationClient<K> {
  return { operation, bind: (invoke) => (request) => invoke(operation, request) };
}

/** One typed wrapper per contract operation, named for what it does. */
export const operationClients = {
  appInfo: operationClient('app.info'),
  listBuiltInDatasets: operationClient('datasets.listBuiltIn'),
  loadBuiltInDataset: operationClient('datasets.loadBuiltIn'),
  uploadDatasetChunk: operationClient('datasets.upload'),
  importDataset: operationClient('datasets.import'),
  cancelDatasetImport: operationClient('datasets.cancelImport'),
  reopenDataset: operationClient('datasets.reopen'),
  inspectDataset: operationClient('datasets.inspect'),
  datasetRows: operationClient('datasets.rows'),
  configureDataset: operationClient('datasets.configure'),
  trainingDefaults: operationClient('training.defaults'),
  trainingAdvice: operationClient('training.advice'),
  trainingEstimate: operationClient('training.estimate'),
  startJob: operationClient('jobs.start'),
  cancelJob: operationClient('jobs.cancel'),
  listJobs: operationClient('jobs.list'),
  jobResult: operationClient('jobs.result'),
  listRuns: operationClient('runs.list'),
  getRun: operationClient('runs.get'),
  renameRun: operationClient('runs.rename'),
  deleteRun: operationClient('runs.delete'),
  workspaceInfo: operationClient('workspace.info'),
  exportModel: operationClient('export.model'),
  importModel: operationClient('models.import'),
  exportPredictions: operationClient('export.predictions'),
} as const;

type OperationClients = typeof operationClients;
type WrappedOperation = OperationClients[keyof OperationClients]['operation'];
/** Fails to compile when a contract operation has no wrapper above. */
type MissingWrappers = Exclude<OperationName, WrappedOperation>;
const everyOperationWrapped: [MissingWrappers] extends [never] ? true : MissingWrappers = true;
void everyOperationWrapped;

/** The contract operations this client can call (the conformance test compares it with the contract). */
export const clientOperationNames: readonly OperationName[] = Object.values(operationClients).map((c) => c.operation);

export type OperationMethods = { readonly [M in keyof OperationClients]: ReturnType<OperationClients[M]['bind']> };

export interface ApiClient extends OperationMethods {
  readonly transport: TransportKind;
  readonly invoke: InvokeFunction;
  /** Every pushed event with a known name; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  onConnectionChange(listener: ConnectionListener): () => void;
}

/** A client over the given transport; by default the one this page has (Electron or web mode). */
export function createApiClient(transport: Transport = detectTransport()): ApiClient {
  const invoke: InvokeFunction = async (operation, request) => {
    let envelope: unknown;
    try {
      envelope = await transport.invoke(operation, request);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ApiError('transport/unreachable', `Could not reach the ConvexNet back end (${detail}). Check that the app is still running, then try again.`, operation);
    }
    return unwrapEnvelope(operation, envelope);
  };

  const methods = Object.fromEntries(
    Object.entries(operationClients).map(([method, client]) => [method, (client.bind as (i: InvokeFunction) => unknown)(invoke)]),
  ) as unknown as OperationMethods;

  return {
    ...methods,
    transport: transport.kind,
    invoke,
    onEvent: (listener) =>
      transport.onEvent((name, payload) => {
        if (!isEventName(name)) return;
        listener(name, payload as ContractEvents[typeof name]);
      }),
    onConnectionChange: (listener) => transport.onConnectionChange(listener),
  };
}

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/** The value of a success envelope; an ApiError (with the error's valid details) for a failure envelope or anything malformed. */
export function unwrapEnvelope<K extends OperationName>(operation: K, envelope: unknown): ResponseOf<K> {
  if (!isEnvelope(envelope)) {
    throw new ApiError('transport/malformed-reply', `The back end sent an unreadable reply to ${operation}.`, operation);
  }
  if (envelope.ok) return envelope.value as ResponseOf<K>;
  // Details are checked like any reply data: invalid ones are dropped, the message still shows.
  throw new ApiError(envelope.error.code, envelope.error.message, operation, parseErrorDetails(envelope.error.details));
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } | null };
  if (candidate.ok === true) return true;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  return typeof candidate.error.code === 'string' && typeof candidate.error.message === 'string';
}
