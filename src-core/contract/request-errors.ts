import type { z } from 'zod';
import { describeExpected } from './expected-value-text';
import type { OperationName } from './operations';
import { requestSchemas } from './request-schemas';

export type CheckedRequest = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * A request payload checked against its operation's schema (request-schemas.ts), or why it was
 * refused in one readable line (describeSchemaError). The dispatcher, which both transports
 * (Electron IPC and the web API) call, reads every payload through this.
 */
export function checkRequest(operation: OperationName, payload: unknown): CheckedRequest {
  // reportInput: a missing field is told apart by its input (undefined); the error map words it.
  const parsed = requestSchemas[operation].safeParse(payload, { reportInput: true, error: requestIssueMessage });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeSchemaError(operation, parsed.error) };
}

/**
 * Why a payload was rejected, in one line. Fields left out are named with what to send, all of
 * them ('Invalid request for jobs.start: "options" is missing: send an object with task, ...;
 * "testFraction" is missing: send a number at least 0 and at most 0.9.'); another problem is the
 * first one's message with its place ('at "options.seed"').
 */
export function describeSchemaError(operation: string, error: z.ZodError): string {
  const missing = error.issues.filter(isMissing);
  const first = error.issues[0];
  if (missing.length > 0 && first && isMissing(first)) return `Invalid request for ${operation}: ${missing.map((issue) => issue.message).join('; ')}.`;
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
  const message = first ? first.message : 'malformed payload';
  return `Invalid request for ${operation}${where}: ${message}${message.endsWith('.') ? '' : '.'}`;
}

/**
 * zod's error map for the request schemas: a field left out (undefined) is "missing", with what
 * to send; a value that fits no alternative of a union says what the alternatives are (zod's own
 * words were "Invalid input"). Other issues keep zod's words (undefined).
 */
function requestIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (!issue.inst || !('safeParse' in issue.inst)) return undefined;
  const schema = issue.inst as unknown as z.ZodType;
  if (issue.input === undefined && MISSING_CODES.has(issue.code ?? '')) {
    const path = issue.path ?? [];
    return `${path.length === 0 ? 'the request' : `"${path.map(String).join('.')}"`} is missing: send ${describeExpected(schema)}`;
  }
  if (issue.code === 'invalid_union') return `Invalid input: expected ${describeExpected(schema)}`;
  return undefined;
}

/** The codes zod gives a value left out (undefined): a wrong type, a wrong choice, no alternative of a union. */
const MISSING_CODES: ReadonlySet<string> = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

function isMissing(issue: z.core.$ZodIssue): boolean {
  return MISSING_CODES.has(issue.code) && 'input' in issue && issue.input === undefined;
}
