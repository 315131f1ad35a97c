import { ConvexNetError } from '../../errors';
import { parseNumericCell } from '../numeric-text';
import { MAX_COLUMNS } from '../parse-delimited';
import type { RawTable } from '../raw-table';
import { rowTable } from '../raw-table';

/** Name of the label column of a LIBSVM table (the first column). */
export const LIBSVM_LABEL_COLUMN = 'label';

/**
 * Reads LIBSVM / SVMlight sparse text: per line `label index:value index:value ...` with
 * 1-based indices; `#` starts a comment, a `qid:` entry is ignored. The table has the label
 * column, then f1..fD where D is the largest index; an absent entry is 0 (the format is sparse).
 * A bad label, index or value, or more than 10,000 features, is refused naming line and column.
 */
export function parseLibsvm(text: string, sourceName = 'the LIBSVM file'): RawTable {
  const entries: { label: string; features: Map<number, string>; line: number }[] = [];
  let width = 0;
  const lines = text.split(/\r\n?|\n/);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const tokens = line.split(/\s+/);
    const label = tokens[0]!;
    if (label.includes(':') || parseNumericCell(label) === null) {
      throw new ConvexNetError('data/libsvm-syntax', `${sourceName}, line ${k + 1}, column 1: the label "${clip(label)}" is not a number; each line starts with its label, then index:value pairs.`);
    }
    const features = new Map<number, string>();
    for (let t = 1; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (token.startsWith('qid:')) continue;
      const colon = token.indexOf(':');
      const index = Number(token.slice(0, colon));
      const value = token.slice(colon + 1);
      if (colon <= 0 || !Number.isInteger(index) || index < 1) {
        throw new ConvexNetError('data/libsvm-syntax', `${sourceName}, line ${k + 1}, entry ${t + 1}: "${clip(token)}" is not index:value with a whole index from 1.`);
      }
      if (index > MAX_COLUMNS) {
        throw new ConvexNetError('data/too-many-columns', `${sourceName}, line ${k + 1}: feature index ${index} is above ${MAX_COLUMNS}, the most columns supported.`);
      }
      if (parseNumericCell(value) === null) {
        throw new ConvexNetError('data/not-a-number', `${sourceName}, line ${k + 1}, column f${index}: "${clip(value)}" is not a finite number.`);
      }
      features.set(index, value);
      if (index > width) width = index;
    }
    entries.push({ label, features, line: k + 1 });
  }
  if (entries.length === 0) throw new ConvexNetError('data/empty-file', `${sourceName} is empty: expected lines of "label index:value ...".`);
  const columns = [LIBSVM_LABEL_COLUMN, ...Array.from({ length: width }, (_, j) => `f${j + 1}`)];
  const rows = entries.map((entry) => {
    const row = new Array<string>(width + 1).fill('0');
    row[0] = entry.label;
    for (const [index, value] of entry.features) row[index] = value;
    return row;
  });
  return rowTable(columns, rows, entries.map((e) => e.line));
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
