import type { ContractErrorDetails } from '../../src-core/contract/error-details';

/**
 * A failed operation as the renderer sees it: the back end's error code (`data/...`,
 * `settings/...`, `jobs/...`) or a transport code (`transport/...`), a message meant for the user
 * and, when the reply carried valid ones, structured details to act on (e.g. a workbook's sheets).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly operation: string;
  readonly details: ContractErrorDetails | null;

  constructor(code: string, message: string, operation: string, details: ContractErrorDetails | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.operation = operation;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Code and message of any thrown value, for display. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isApiError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'renderer/unexpected', message: error.message };
  return { code: 'renderer/unexpected', message: String(error) };
}
