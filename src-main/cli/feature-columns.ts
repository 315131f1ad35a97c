import { inspectionLeftOut, profileColumns, type ColumnFlag } from '../../src-core/data/column-profile';
import { columnIndex, type RawTable } from '../../src-core/data/raw-table';
import { UsageError } from './usage-error';

/** Why the inspection leaves a column out, in the words of the CLI's note. */
const FLAG_REASONS: Readonly<Record<ColumnFlag, string>> = {
  'id-like': 'looks like an identifier',
  constant: 'one value only',
  empty: 'no value at all',
  date: 'dates are not used as numbers',
  'free-text': 'free text',
  'thousands-separators': 'numbers with thousands separators, read as text',
  'non-finite': 'holds NaN or infinite numbers (empty those cells to use it)',
};

export interface FeatureColumnChoice {
  /** The columns the model reads, in file order. */
  readonly featureColumns: string[];
  /** Columns the inspection left out (not asked for by --keep), with the reason. */
  readonly leftOut: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * The model's input columns as the app chooses them (inspectionLeftOut): every column but the
 * target, without those the inspection flags (identifiers, dates, constant, empty, free text),
 * unless that would leave none; `ignore` leaves more out, `keep` keeps flagged ones in.
 */
export function chooseFeatureColumns(table: RawTable, target: string, ignore: readonly string[] = [], keep: readonly string[] = []): FeatureColumnChoice {
  for (const [option, names] of [['--ignore', ignore], ['--keep', keep]] as const) {
    for (const name of names) {
      if (columnIndex(table, name) < 0) throw new UsageError(`${option} names "${name}", which is not a column of the file (columns: ${table.columns.join(', ')})`);
      if (name === target) throw new UsageError(`${option} names the target column "${name}"`);
    }
  }
  const both = ignore.filter((name) => keep.includes(name));
  if (both.length > 0) throw new UsageError(`--ignore and --keep both name ${both.map((n) => `"${n}"`).join(', ')}`);
  const candidates = table.columns.filter((name) => name !== target && !ignore.includes(name));
  if (candidates.length === 0) throw new UsageError('--ignore leaves no input column: the model needs at least one');
  const flagged = inspectionLeftOut(profileColumns(table), candidates, keep);
  const featureColumns = candidates.filter((name) => !flagged.some((p) => p.name === name));
  return { featureColumns, leftOut: flagged.map((p) => ({ name: p.name, reason: FLAG_REASONS[p.flags[0]!] })) };
}

/** The note printed when the inspection left columns out; null when it left none. */
export function leftOutNote(choice: FeatureColumnChoice): string | null {
  if (choice.leftOut.length === 0) return null;
  const list = choice.leftOut.map((c) => `${c.name} (${c.reason})`).join(', ');
  return `Left out, as the app does: ${list}. --keep ${choice.leftOut[0]!.name} uses a column anyway.`;
}
