import readXlsxFile from 'read-excel-file/node';
import type { ReadTableResult } from '../../src-core/data/formats/read-table';
import { MAX_COLUMNS } from '../../src-core/data/parse-delimited';
import type { RawTable } from '../../src-core/data/raw-table';
import { rowTable } from '../../src-core/data/raw-table';
import { workbookSheetsDetails } from '../../src-core/contract/error-details';
import { ConvexNetError } from '../../src-core/errors';
import { withMissingMarkers } from '../../src-core/data/missing-markers';

/**
 * Reads one sheet of an XLSX workbook (read-excel-file, which needs Node: kept out of the pure
 * core). The first non-empty row holds the column names; numbers, dates (ISO text), booleans and
 * text become cell text, empty cells are missing. `sheet` picks a sheet by name (default: the
 * first); an unknown name is refused with the list of sheets, in words and as the error's details
 * (so is a sheet that holds no table, when the workbook has others). Rows with every cell empty are
 * skipped, or, with `keepEmptyRows`, kept as rows of missing values when data rows follow them.
 */
export async function readXlsxTable(bytes: Uint8Array, fileName: string, sheet?: string, keepEmptyRows = false): Promise<ReadTableResult> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConvexNetError('data/bad-xlsx', `${fileName} could not be read as an XLSX workbook (${reason.slice(0, 200)}). Save it again as .xlsx, or as CSV.`);
  }
  const names = sheets.map((s) => s.sheet);
  if (sheets.length === 0) throw new ConvexNetError('data/bad-xlsx', `${fileName} holds no sheets.`);
  const chosen = sheet === undefined ? sheets[0]! : sheets.find((s) => s.sheet === sheet);
  if (!chosen) {
    throw new ConvexNetError('data/unknown-sheet', `${fileName} has no sheet named "${sheet}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}.`, workbookSheetsDetails(sheet!, names));
  }
  let table: RawTable;
  try {
    table = sheetTable(chosen.data, `${fileName}, sheet "${chosen.sheet}"`, keepEmptyRows);
  } catch (error) {
    // An empty or header-only sheet (often notes before the data): the reply lists the sheets to choose from.
    if (error instanceof ConvexNetError && names.length > 1) throw new ConvexNetError(error.code, error.message, workbookSheetsDetails(chosen.sheet, names));
    throw error;
  }
  return { table, details: { format: 'xlsx', encoding: null, dialect: null, sheet: chosen.sheet, sheets: names } };
}

/**
 * A sheet's cell values (rows of read-excel-file's values) as a table, missing-value words of its
 * number columns read as missing (missing-markers.ts); see readXlsxTable.
 */
export function sheetTable(data: readonly unknown[][], where: string, keepEmptyRows: boolean): RawTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  let columns: string[] | null = null;
  /** Sheet rows (1-based) of empty rows since the last data row: kept once a data row follows. */
  let emptyRows: number[] = [];
  data.forEach((raw, r) => {
    const cells = raw.map(cellText);
    if (cells.every((c) => c === '')) {
      if (keepEmptyRows && columns !== null) emptyRows.push(r + 1);
      return;
    }
    if (columns === null) {
      if (cells.length > MAX_COLUMNS) throw new ConvexNetError('data/too-many-columns', `${where}, row ${r + 1}: ${cells.length} columns; at most ${MAX_COLUMNS} are supported.`);
      columns = cells.map((name, k) => (name === '' ? `column_${k + 1}` : name));
      const seen = new Set<string>();
      for (const name of columns) {
        if (seen.has(name)) throw new ConvexNetError('data/duplicate-column', `${where}, row ${r + 1} (header): the column name "${name}" appears more than once; column names must be unique.`);
        seen.add(name);
      }
      return;
    }
    // Sheets pad rows to the used range; cells past the header are dropped only when empty.
    const width = columns.length;
    if (cells.slice(width).some((c) => c !== '')) {
      throw new ConvexNetError('data/ragged-row', `${where}, row ${r + 1}: holds values beyond the ${width} header columns; give every column a header.`);
    }
    for (const line of emptyRows) {
      rows.push(new Array<string>(width).fill(''));
      lines.push(line);
    }
    emptyRows = [];
    rows.push(Array.from({ length: width }, (_, k) => cells[k] ?? ''));
    lines.push(r + 1);
  });
  if (columns === null) throw new ConvexNetError('data/empty-file', `${where} is empty: expected a header row and at least one data row.`);
  if (rows.length === 0) throw new ConvexNetError('data/no-rows', `${where} has a header row but no data rows.`);
  return withMissingMarkers(rowTable(columns, rows, lines)).table;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(value).trim();
}
