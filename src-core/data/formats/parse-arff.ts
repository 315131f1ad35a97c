import { ConvexNetError } from '../../errors';
import { MAX_COLUMNS } from '../parse-delimited';
import type { RawTable } from '../raw-table';
import { rowTable } from '../raw-table';

/**
 * Reads ARFF (Weka's Attribute-Relation File Format): `@relation`, one `@attribute name type`
 * per column (numeric, real, integer, string, date, or a nominal `{a, b, c}`), then `@data` with
 * one comma-separated row per line, dense or sparse (`{index value, ...}`, absent cells 0).
 * `?` is a missing value; `%` starts a comment line; names and values may be quoted with ' or ".
 * A nominal value outside its declared list, a numeric cell that is not a number, or a row of
 * the wrong length is refused naming the line and the column.
 */
export function parseArff(text: string, sourceName = 'the ARFF file'): RawTable {
  const lines = text.split(/\r\n?|\n/);
  const columns: string[] = [];
  const kinds: ArffKind[] = [];
  let k = 0;
  for (; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (line === '' || line.startsWith('%')) continue;
    const lower = line.toLowerCase();
    if (lower.startsWith('@relation')) continue;
    if (lower.startsWith('@attribute')) {
      const { name, kind } = readAttribute(line.slice('@attribute'.length).trim(), sourceName, k + 1);
      if (columns.includes(name)) {
        throw new ConvexNetError('data/duplicate-column', `${sourceName}, line ${k + 1}: the attribute "${name}" is declared twice; names must be unique.`);
      }
      if (columns.length >= MAX_COLUMNS) {
        throw new ConvexNetError('data/too-many-columns', `${sourceName}, line ${k + 1}: more than ${MAX_COLUMNS} attributes are not supported.`);
      }
      columns.push(name);
      kinds.push(kind);
      continue;
    }
    if (lower.startsWith('@data')) break;
    throw new ConvexNetError('data/arff-syntax', `${sourceName}, line ${k + 1}: expected @relation, @attribute or @data, found "${clip(line)}".`);
  }
  if (k >= lines.length) throw new ConvexNetError('data/arff-syntax', `${sourceName} has no @data section: it is not a complete ARFF file.`);
  if (columns.length === 0) throw new ConvexNetError('data/arff-syntax', `${sourceName} declares no @attribute before @data.`);

  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (k = k + 1; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (line === '' || line.startsWith('%')) continue;
    const cells = line.startsWith('{') ? readSparseRow(line, columns.length, sourceName, k + 1) : splitArffValues(line, sourceName, k + 1);
    if (cells.length !== columns.length) {
      throw new ConvexNetError('data/ragged-row', `${sourceName}, line ${k + 1}: found ${cells.length} values, expected ${columns.length} (one per @attribute).`);
    }
    rows.push(cells.map((cell, c) => checkValue(cell === '?' ? '' : cell, kinds[c]!, columns[c]!, sourceName, k + 1)));
    rowLines.push(k + 1);
  }
  if (rows.length === 0) throw new ConvexNetError('data/no-rows', `${sourceName} declares its attributes but has no data rows after @data.`);
  return rowTable(columns, rows, rowLines);
}

type ArffKind = { readonly type: 'numeric' | 'string' | 'date' } | { readonly type: 'nominal'; readonly values: ReadonlySet<string> };

function readAttribute(rest: string, sourceName: string, line: number): { name: string; kind: ArffKind } {
  const [name, after] = readToken(rest, sourceName, line);
  const type = after.trim();
  const lower = type.toLowerCase();
  if (name === '') throw new ConvexNetError('data/arff-syntax', `${sourceName}, line ${line}: an @attribute has no name.`);
  if (type.startsWith('{')) {
    if (!type.endsWith('}')) throw new ConvexNetError('data/arff-syntax', `${sourceName}, line ${line}: the value list of "${name}" is not closed with }.`);
    return { name, kind: { type: 'nominal', values: new Set(splitArffValues(type.slice(1, -1), sourceName, line)) } };
  }
  if (['numeric', 'real', 'integer'].includes(lower)) return { name, kind: { type: 'numeric' } };
  if (lower === 'string') return { name, kind: { type: 'string' } };
  if (lower.startsWith('date')) return { name, kind: { type: 'date' } };
  throw new ConvexNetError(
    'data/arff-syntax',
    `${sourceName}, line ${line}: attribute "${name}" has the type "${clip(type)}"; supported are numeric, real, integer, string, date and {nominal, values}.`,
  );
}

/** The first (maybe quoted) token and the text after it. */
function readToken(text: string, sourceName: string, line: number): [string, string] {
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const end = text.indexOf(quote, 1);
    if (end < 0) throw new ConvexNetError('data/malformed-quotes', `${sourceName}, line ${line}: a quoted name is never closed (a ${quote} is missing).`);
    return [text.slice(1, end), text.slice(end + 1)];
  }
  const match = /^(\S+)\s*(.*)$/s.exec(text);
  return match ? [match[1]!, match[2]!] : ['', ''];
}

/** Comma-separated values, each trimmed and unquoted (' or ", backslash escapes the quote). */
function splitArffValues(text: string, sourceName: string, line: number): string[] {
  const values: string[] = [];
  let k = 0;
  while (k <= text.length) {
    while (text[k] === ' ' || text[k] === '\t') k++;
    const quote = text[k];
    if (quote === "'" || quote === '"') {
      let value = '';
      let j = k + 1;
      for (; j < text.length && text[j] !== quote; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw new ConvexNetError('data/malformed-quotes', `${sourceName}, line ${line}: a quoted value is never closed (a ${quote} is missing).`);
      values.push(value);
      k = j + 1;
      while (text[k] === ' ' || text[k] === '\t') k++;
      if (k < text.length && text[k] !== ',') {
        throw new ConvexNetError('data/malformed-quotes', `${sourceName}, line ${line}: text follows a closing ${quote} (column ${values.length}).`);
      }
      k++;
    } else {
      let end = text.indexOf(',', k);
      if (end < 0) end = text.length;
      values.push(text.slice(k, end).trim());
      k = end + 1;
    }
  }
  return values;
}

function readSparseRow(line: string, width: number, sourceName: string, lineNumber: number): string[] {
  if (!line.endsWith('}')) throw new ConvexNetError('data/arff-syntax', `${sourceName}, line ${lineNumber}: a sparse row is not closed with }.`);
  const cells = new Array<string>(width).fill('0');
  const body = line.slice(1, -1).trim();
  if (body === '') return cells;
  for (const entry of splitArffValues(body, sourceName, lineNumber)) {
    const match = /^(\d+)\s+(.*)$/s.exec(entry);
    const index = match ? Number(match[1]) : -1;
    if (!match || index >= width) {
      throw new ConvexNetError('data/arff-syntax', `${sourceName}, line ${lineNumber}: the sparse entry "${clip(entry)}" needs an attribute index from 0 to ${width - 1} and a value.`);
    }
    cells[index] = unquote(match[2]!.trim());
  }
  return cells;
}

function unquote(value: string): string {
  const q = value[0];
  return (q === "'" || q === '"') && value.endsWith(q) && value.length >= 2 ? value.slice(1, -1) : value;
}

function checkValue(cell: string, kind: ArffKind, column: string, sourceName: string, line: number): string {
  if (cell === '') return cell;
  if (kind.type === 'nominal' && !kind.values.has(cell)) {
    throw new ConvexNetError(
      'data/arff-value',
      `${sourceName}, line ${line}, column "${column}": "${clip(cell)}" is not one of the declared values {${[...kind.values].slice(0, 8).join(', ')}}.`,
    );
  }
  if (kind.type === 'numeric' && !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell) && !/^[+-]?(?:nan|inf|infinity)$/i.test(cell)) {
    throw new ConvexNetError('data/not-a-number', `${sourceName}, line ${line}, column "${column}": the numeric attribute holds "${clip(cell)}"; write a number or ? for missing.`);
  }
  return cell;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
