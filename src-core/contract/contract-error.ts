import { ConvexNetError, isConvexNetError, messageOf } from '../errors';
import type { ContractError } from './envelope';
import { parseErrorDetails } from './error-details';

/**
 * A ConvexNetError and the ContractError it travels as, between threads (the data and training
 * workers' messages) and to the window (replies and events). Its details go with it: dropping them
 * turned, e.g., a workbook's sheets into a bare message the renderer could not act on.
 */

/** The error as data for a message: code, message and its details, when it has any. */
export function contractErrorOf(error: ConvexNetError): ContractError {
  return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}

/**
 * Anything thrown, as a ContractError: a ConvexNetError keeps its code, message and details (the
 * user is told what to do); anything else was unexpected and is internal/error with its message.
 */
export function contractErrorOfThrown(error: unknown): ContractError {
  return isConvexNetError(error) ? contractErrorOf(error) : { code: 'internal/error', message: messageOf(error) };
}

/** A ContractError from another thread with its details checked: invalid ones are dropped. */
export function receivedContractError(error: ContractError): ContractError {
  return contractErrorOf(convexNetErrorOf(error));
}

/**
 * The ConvexNetError a ContractError from another thread stands for. Its details are checked as
 * any data that crossed a boundary: invalid ones are dropped (the message says the same in words).
 */
export function convexNetErrorOf(error: ContractError): ConvexNetError {
  return new ConvexNetError(error.code, error.message, parseErrorDetails(error.details) ?? undefined);
}
