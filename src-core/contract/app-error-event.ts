import { z } from 'zod';
import { contractErrorDetailsSchema } from './error-details';
import type { OpenedFile } from './dataset-types';
import type { AppErrorEvent } from './operations';

/** Longest code and message an app.error event may carry (a message names a file and a line). */
const MAX_CODE_CHARS = 200;
const MAX_MESSAGE_CHARS = 10_000;

const codeAndMessage = { code: z.string().min(1).max(MAX_CODE_CHARS), message: z.string().max(MAX_MESSAGE_CHARS) };

/** A menu-opened file's id and name (app.error, dataset.opened), as datasets.reopen accepts the id. */
const openedFileSchema: z.ZodType<OpenedFile> = z.strictObject({ fileId: z.string().min(1).max(200), fileName: z.string().min(1).max(260) });

/** The opened file if `value` is a valid one, else null (events are untrusted data, as replies are). */
export function parseOpenedFile(value: unknown): OpenedFile | null {
  const parsed = openedFileSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The app.error event as the renderer accepts it: a code and a message and, optionally, the
 * details and the menu-opened file the renderer acts on (the sheet picker). Strict: unknown
 * fields are refused.
 */
export const appErrorEventSchema: z.ZodType<AppErrorEvent> = z.strictObject({
  ...codeAndMessage,
  details: contractErrorDetailsSchema.optional(),
  openedFile: openedFileSchema.optional(),
});

/**
 * The event if `value` is a valid one; else, if it still has a code and a message, just those (the
 * toast shows, nothing is acted on, as with an error reply's invalid details); else null. Events
 * are untrusted data, as replies are.
 */
export function parseAppErrorEvent(value: unknown): AppErrorEvent | null {
  const parsed = appErrorEventSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const bare = z.object(codeAndMessage).safeParse(value);
  return bare.success ? { code: bare.data.code, message: bare.data.message } : null;
}
