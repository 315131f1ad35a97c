import { ConvexNetError } from '../../errors';
import { MAX_COLUMNS } from '../parse-delimited';
import type { RawTable } from '../raw-table';
import { rowTable } from '../raw-table';
import { jsonErrorOffset } from './json-error-position';

/**
 * Reads a JSON array of records (`[{"a": 1, "b": "x"}, ...]`). Columns are the keys in order of
 * first appearance; a key absent from a record, or null, is a missing cell. Numbers, strings and
 * booleans become cell text; a nested object or array is refused naming the record and key.
 */
export function parseJsonRecords(text: string, sourceName = 'the JSON file'): RawTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConvexNetError('data/invalid-json', `${sourceName} is not valid JSON: ${describeJsonError(error, text)}.`);
  }
  if (!Array.isArray(value)) {
    throw new ConvexNetError('data/json-shape', `${sourceName} must hold an array of records ([{"column": value, ...}, ...]); it holds ${describe(value)}.`);
  }
  if (value.length === 0) throw new ConvexNetError('data/no-rows', `${sourceName} holds an empty array: there are no records.`);
  const columns: string[] = [];
  const position = new Map<string, number>();
  value.forEach((record, r) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new ConvexNetError('data/json-shape', `${sourceName}, record ${r + 1}: expected an object of column values, found ${describe(record)}.`);
    }
    for (const key of Object.keys(record)) {
      if (position.has(key)) continue;
      if (columns.length >= MAX_COLUMNS) throw new ConvexNetError('data/too-many-columns', `${sourceName}: more than ${MAX_COLUMNS} distinct keys; at most ${MAX_COLUMNS} columns are supported.`);
      position.set(key, columns.length);
      columns.push(key);
    }
  });
  const rows = value.map((record: Record<string, unknown>, r) => {
    const row = new Array<string>(columns.length).fill('');
    for (const [key, cell] of Object.entries(record)) row[position.get(key)!] = cellText(cell, sourceName, r, key);
    return row;
  });
  return rowTable(columns, rows);
}

function cellText(cell: unknown, sourceName: string, r: number, key: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'string') return cell.trim();
  throw new ConvexNetError('data/json-shape', `${sourceName}, record ${r + 1}, column "${key}": the value is ${describe(cell)}; only numbers, text, true/false and null are table cells.`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The parser's message (without its copy of the text) and the line and column of the first error. */
function describeJsonError(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/,\s*".*$/s, '').slice(0, 200);
  const offset = jsonErrorOffset(text);
  if (offset < 0) return message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
