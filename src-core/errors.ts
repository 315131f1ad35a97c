import type { ContractErrorDetails } from './contract/error-details';

/**
 * One error class for everything the core rejects. The code names the domain and the problem
 * (`data/...`, `settings/...`, `solver/...`, `model-file/...`); the message names the argument,
 * the value and what was expected, so it can be shown to a user as it is. `details` are the
 * facts the renderer can act on (e.g. a workbook's sheets), sent with the error reply.
 */
export class ConvexNetError extends Error {
  readonly code: string;
  readonly details: ContractErrorDetails | undefined;

  constructor(code: string, message: string, details?: ContractErrorDetails) {
    super(message);
    this.name = 'ConvexNetError';
    this.code = code;
    this.details = details;
  }
}

export function isConvexNetError(value: unknown): value is ConvexNetError {
  return value instanceof ConvexNetError;
}

/** The message of anything thrown: an Error's message, else the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
