import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope, okEnvelope } from '../../src-core/contract/envelope';
import type { ContractErrorDetails } from '../../src-core/contract/error-details';
import type { OperationName } from '../../src-core/contract/operations';
import { checkRequest } from '../../src-core/contract/request-errors';
import { maxRequestBytes } from '../../src-core/contract/request-schemas';
import { isConvexNetError, messageOf } from '../../src-core/errors';
import type { ServiceLogger } from './logger';
import type { OperationHandlers } from './operation-handlers';
import { exceedsJsonSize } from './payload-size';

export type Dispatch = (operation: string, payload: unknown) => Promise<Envelope<unknown>>;

/**
 * The one entry both transports call. The payload is untrusted: the operation must be a contract
 * name, the payload small enough and valid for the operation's schema before any handler runs.
 * Every answer is an envelope, never a throw: unknown operation -> contract/unknown-operation,
 * too big -> contract/too-large, invalid -> contract/invalid-request, a ConvexNetError -> its
 * own code, message and details, anything else -> internal/error. Every rejection is logged.
 */
export function createDispatcher(handlers: OperationHandlers, logger: ServiceLogger): Dispatch {
  const reject = (operation: string, code: string, message: string, details?: ContractErrorDetails): Envelope<never> => {
    logger.warn(`rejected ${operation}: ${code}: ${message}`);
    return errorEnvelope(code, message, details);
  };
  return async (operation, payload) => {
    if (typeof operation !== 'string' || !Object.hasOwn(handlers, operation)) {
      const shown = typeof operation === 'string' ? `"${operation.slice(0, 100)}"` : `of type ${typeof operation}`;
      return reject(String(operation).slice(0, 100), 'contract/unknown-operation', `Unknown operation ${shown}; the operations are ${Object.keys(handlers).join(', ')}.`);
    }
    const name = operation as OperationName;
    if (exceedsJsonSize(payload, maxRequestBytes(name))) {
      return reject(name, 'contract/too-large', `The request for ${name} is larger than ${maxRequestBytes(name)} bytes.`);
    }
    const checked = checkRequest(name, payload);
    if (!checked.ok) return reject(name, 'contract/invalid-request', checked.message);
    try {
      const handler = handlers[name] as (request: unknown) => unknown;
      return okEnvelope(await handler(checked.value));
    } catch (error) {
      if (isConvexNetError(error)) return reject(name, error.code, error.message, error.details);
      logger.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return errorEnvelope('internal/error', `${name} failed unexpectedly: ${messageOf(error)}`);
    }
  };
}
