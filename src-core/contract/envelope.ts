/**
 * Every reply crossing a process boundary is an envelope: Electron strips custom fields from
 * errors thrown in ipcMain.handle, so failures travel as data with a code and a message.
 */
export interface ContractError {
  readonly code: string;
  readonly message: string;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(code: string, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
