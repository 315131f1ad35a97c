import { z } from 'zod';

/** Longest sheet name a request may name (ImportOptions.sheet) and an error may list. */
export const MAX_SHEET_NAME_CHARS = 200;
/** Most sheet names an error lists (a workbook with more gets no list). */
export const MAX_LISTED_SHEETS = 1000;

export const sheetNameSchema = z.string().min(1).max(MAX_SHEET_NAME_CHARS);

/**
 * Reading a workbook failed on `sheet` (the sheet read, or a name asked for that the workbook does
 * not have); `sheets` are all of its sheets in workbook order, so the user can choose another.
 */
export interface WorkbookSheetsDetails {
  readonly kind: 'workbook-sheets';
  readonly sheet: string;
  readonly sheets: readonly string[];
}

/**
 * What an error reply carries besides its code and message when the renderer can act on it (the
 * message says the same in words). One kind per case; extend the union and its schema together.
 */
export type ContractErrorDetails = WorkbookSheetsDetails;

const workbookSheetsSchema = z.strictObject({
  kind: z.literal('workbook-sheets'),
  sheet: sheetNameSchema,
  sheets: z.array(sheetNameSchema).min(1).max(MAX_LISTED_SHEETS),
});

/** Checks details where they cross a boundary (made in the back end, read in the renderer). */
export const contractErrorDetailsSchema: z.ZodType<ContractErrorDetails> = z.discriminatedUnion('kind', [workbookSheetsSchema]);

/** The details if `value` is valid ones, else null (a reply's details are untrusted data). */
export function parseErrorDetails(value: unknown): ContractErrorDetails | null {
  const parsed = contractErrorDetailsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The details of a failure to read `sheet` of a workbook with `sheets`; undefined when they do not fit the schema (e.g. a name too long to ask for). */
export function workbookSheetsDetails(sheet: string, sheets: readonly string[]): WorkbookSheetsDetails | undefined {
  return parseErrorDetails({ kind: 'workbook-sheets', sheet, sheets: [...sheets] }) ?? undefined;
}
