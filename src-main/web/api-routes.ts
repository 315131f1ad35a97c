import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope } from '../../src-core/contract/envelope';
import type { OperationName } from '../../src-core/contract/operations';
import { MAX_REQUEST_BYTES, maxRequestBytes } from '../../src-core/contract/request-schemas';
import type { Services } from '../services/create-services';
import type { ServiceLogger } from '../services/logger';

/**
 * The HTTP route of every contract operation: POST /api/<operation> with the JSON request as
 * body (empty for operations without a payload), answered with the JSON envelope. The mapped
 * type makes a missing operation a compile error; the conformance test calls every route.
 */
export const apiRoutes: { readonly [K in OperationName]: `/api/${K}` } = {
  'app.info': '/api/app.info',
  'datasets.listBuiltIn': '/api/datasets.listBuiltIn',
  'datasets.loadBuiltIn': '/api/datasets.loadBuiltIn',
  'datasets.upload': '/api/datasets.upload',
  'datasets.import': '/api/datasets.import',
  'datasets.cancelImport': '/api/datasets.cancelImport',
  'datasets.reopen': '/api/datasets.reopen',
  'datasets.inspect': '/api/datasets.inspect',
  'datasets.rows': '/api/datasets.rows',
  'datasets.configure': '/api/datasets.configure',
  'training.defaults': '/api/training.defaults',
  'training.advice': '/api/training.advice',
  'training.estimate': '/api/training.estimate',
  'jobs.start': '/api/jobs.start',
  'jobs.cancel': '/api/jobs.cancel',
  'jobs.list': '/api/jobs.list',
  'jobs.result': '/api/jobs.result',
  'runs.list': '/api/runs.list',
  'runs.get': '/api/runs.get',
  'runs.rename': '/api/runs.rename',
  'runs.delete': '/api/runs.delete',
  'workspace.info': '/api/workspace.info',
  'export.model': '/api/export.model',
  'models.import': '/api/models.import',
  'export.predictions': '/api/export.predictions',
};

const operationByPath = new Map<string, OperationName>(Object.entries(apiRoutes).map(([operation, path]) => [path, operation as OperationName]));

/** The operation a path routes to, or null. */
export function routeOperation(path: string): OperationName | null {
  return operationByPath.get(path) ?? null;
}

/** Bodies are read up to this much past the limit (so the client gets its 413), then the connection is cut. */
const DRAIN_LIMIT_BYTES = 16 * MAX_REQUEST_BYTES;

/**
 * Answers one API call. Transport-level refusals carry an HTTP status (404 no such route, 405
 * not POST, 413 body too large, 415 not JSON, 400 unreadable JSON) and an envelope body; every
 * answer of the services themselves is 200 with their envelope, exactly as over IPC.
 */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, path: string, services: Services, logger: ServiceLogger): Promise<void> {
  const operation = routeOperation(path);
  if (operation === null) return refuse(res, logger, 404, 'contract/unknown-operation', `There is no API route ${path.slice(0, 100)}.`);
  if (req.method !== 'POST') return refuse(res, logger, 405, 'web/method-not-allowed', `${path} takes POST, not ${req.method}.`, { allow: 'POST' });
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > DRAIN_LIMIT_BYTES) {
    refuse(res, logger, 413, 'contract/too-large', tooLargeMessage(operation), { connection: 'close' });
    res.on('finish', () => req.destroy());
    return;
  }
  const body = await readBody(req, maxRequestBytes(operation));
  if (body === 'too-large') return refuse(res, logger, 413, 'contract/too-large', tooLargeMessage(operation));
  if (body === 'aborted') return;
  let payload: unknown = undefined;
  if (body.length > 0) {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return refuse(res, logger, 415, 'web/unsupported-media-type', `Send the request for ${operation} as application/json.`);
    }
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return refuse(res, logger, 400, 'contract/invalid-json', `The request for ${operation} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  sendJson(res, 200, await services.dispatch(operation, payload));
}

export function sendJson(res: ServerResponse, status: number, envelope: Envelope<unknown>, headers: Record<string, string> = {}): void {
  // Typed arrays become plain arrays (JSON would turn them into objects keyed "0", "1", ...).
  const text = JSON.stringify(envelope, (_key, value: unknown) => (ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function refuse(res: ServerResponse, logger: ServiceLogger, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  logger.warn(`web: refused (${status} ${code}): ${message}`);
  sendJson(res, status, errorEnvelope(code, message), headers);
}

function tooLargeMessage(operation: OperationName): string {
  return `The request for ${operation} is larger than ${maxRequestBytes(operation)} bytes.`;
}

/** The body, or 'too-large' once it passed `limit` (the rest is drained, up to DRAIN_LIMIT_BYTES). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((settle) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        settle('aborted');
      } else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => settle(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => settle('aborted'));
    req.on('aborted', () => settle('aborted'));
  });
}
