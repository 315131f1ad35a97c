import type { ContractErrorDetails } from './error-details';

/**
 * Every reply crossing a process boundary is an envelope: Electron strips custom fields from
 * errors thrown in ipcMain.handle, so failures travel as data with a code, a message and, where
 * the renderer can act on them, structured details (error-details.ts).
 */
export interface ContractError {
  readonly code: string;
  readonly message: string;
  readonly details?: ContractErrorDetails;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(code: string, message: string, details?: ContractErrorDetails): Envelope<never> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}
