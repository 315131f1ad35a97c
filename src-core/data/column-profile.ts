import { compareCategoryNames, isNonFiniteNumberText, looksLikeThousandsSeparatedNumbers, parseNumericCell } from './numeric-text';
import type { RawTable } from './raw-table';
import { isMissingCell } from './raw-table';

/** What a column holds, as inferred from its non-missing cells. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'date' | 'text';

/** Why a column is suggested for leaving out. */
export type ColumnFlag = 'id-like' | 'constant' | 'empty' | 'date' | 'free-text' | 'thousands-separators' | 'non-finite';

export type ColumnRole = 'feature' | 'target' | 'ignore';

export interface NumericStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
}

export interface CategoryCount {
  readonly value: string;
  readonly count: number;
}

/** The per-column facts the data screen shows. */
export interface ColumnProfile {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly missing: number;
  readonly distinct: number;
  /** Numeric columns only. */
  readonly stats: NumericStats | null;
  /** Non-numeric columns: the most frequent values (at most TOP_CATEGORIES). */
  readonly topCategories: readonly CategoryCount[];
  /** Numeric: counts over HISTOGRAM_BINS equal bins from min to max; others: counts of topCategories. */
  readonly histogram: readonly number[];
  readonly flags: readonly ColumnFlag[];
  /** 'ignore' for flagged columns, else 'feature' (the target is chosen separately). */
  readonly suggestedRole: Exclude<ColumnRole, 'target'>;
}

export const TOP_CATEGORIES = 8;
export const HISTOGRAM_BINS = 12;
/** A non-numeric column with more distinct values than this share of its values is free text or an id. */
const TEXT_DISTINCT_SHARE = 0.5;
/** ... and more than this many distinct values. */
const TEXT_MIN_DISTINCT = 20;

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);
/** ISO dates (2024-01-31, optional time), and day/month/year or month/day/year with / . or -. */
const DATE_LIKE = /^(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$/;
/** Column names that usually hold identifiers. */
const ID_NAME = /(^|[_\s-])(id|uuid|guid|key|index)$|^id[_\s-]|^(row|record|sample)[_\s-]?(id|no|number|num)?$/i;

/**
 * The columns of `candidates` the inspection leaves out (flagged: suggestedRole 'ignore'), in
 * profile order, but none of `keep`; none at all when leaving them out would leave no candidate,
 * so every candidate is used then. The app's import (dataset-registry.ts) and the CLI
 * (feature-columns.ts) choose their inputs by this one rule.
 */
export function inspectionLeftOut(profiles: readonly ColumnProfile[], candidates: readonly string[], keep: readonly string[] = []): ColumnProfile[] {
  const left = profiles.filter((p) => p.suggestedRole === 'ignore' && candidates.includes(p.name) && !keep.includes(p.name));
  return left.length < candidates.length ? left : [];
}

/** Profiles every column of a table (one pass per column). */
export function profileColumns(table: RawTable): ColumnProfile[] {
  return table.columns.map((name, c) => profileColumn(table, name, c));
}

export function profileColumn(table: RawTable, name: string, c: number): ColumnProfile {
  return profileNumericColumn(table, name, c) ?? profileAnyColumn(table, name, c);
}

/**
 * The fast path for a column whose present cells are all finite numbers: the values go into one
 * typed array (no map of a million distinct strings), distinct values are counted on a sorted
 * copy. Null as soon as a cell is not a number (the general path then handles the column).
 */
function profileNumericColumn(table: RawTable, name: string, c: number): ColumnProfile | null {
  const rowCount = table.rowCount;
  const values = new Float64Array(rowCount);
  // Columns the table holds as numbers are read from their typed array; NaN sends to the text.
  const numbers = table.numericColumn?.(c) ?? null;
  let present = 0;
  for (let r = 0; r < rowCount; r++) {
    const known = numbers === null ? Number.NaN : numbers[r]!;
    if (known === known) {
      values[present++] = known;
      continue;
    }
    const cell = table.cell(r, c);
    if (isMissingCell(cell)) continue;
    const value = parseNumericCell(cell);
    if (value === null) return null;
    values[present++] = value;
  }
  if (present === 0) return null;
  const sorted = values.slice(0, present).sort();
  let distinct = 1;
  for (let i = 1; i < present; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const missing = rowCount - present;
  if (distinct === 2 && sorted[0] === 0 && sorted[present - 1] === 1) {
    // Two values 0/1: a yes/no column, shown by category like the general path does.
    return profileAnyColumn(table, name, c);
  }
  let sum = 0;
  for (let i = 0; i < present; i++) sum += sorted[i]!;
  const mean = sum / present;
  let squares = 0;
  for (let i = 0; i < present; i++) squares += (sorted[i]! - mean) * (sorted[i]! - mean);
  const stats: NumericStats = { min: sorted[0]!, max: sorted[present - 1]!, mean, std: Math.sqrt(squares / present) };
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (stats.max - stats.min) / HISTOGRAM_BINS;
  for (let i = 0; i < present; i++) histogram[width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((sorted[i]! - stats.min) / width)) : 0]!++;
  const consecutive = (): boolean => {
    for (let i = 1; i < present; i++) if (!Number.isInteger(sorted[i]) || (sorted[i] !== sorted[i - 1] && sorted[i] !== sorted[i - 1]! + 1)) return false;
    return Number.isInteger(sorted[0]);
  };
  const flags = columnFlags(name, 'numeric', consecutive, present, distinct);
  return { name, kind: 'numeric', missing, distinct, stats, topCategories: [], histogram, flags, suggestedRole: flags.length > 0 ? 'ignore' : 'feature' };
}

/** Any column: counts per distinct cell text. */
function profileAnyColumn(table: RawTable, name: string, c: number): ColumnProfile {
  const counts = new Map<string, number>();
  let missing = 0;
  let numeric = 0;
  let dates = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const cell = table.cell(r, c);
    if (isMissingCell(cell)) {
      missing++;
      continue;
    }
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const present = table.rowCount - missing;
  let nonFinite = 0;
  for (const [cell, count] of counts) {
    if (parseNumericCell(cell) !== null) numeric += count;
    else if (isNonFiniteNumberText(cell)) {
      numeric += count;
      nonFinite += count;
    } else if (DATE_LIKE.test(cell)) dates += count;
  }
  const distinct = counts.size;
  const kind = inferKind(counts, present, numeric, dates);
  const stats = kind === 'numeric' ? numericStats(counts) : null;
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareCategoryNames(a[0], b[0]));
  const topCategories = kind === 'numeric' ? [] : byFrequency.slice(0, TOP_CATEGORIES).map(([value, count]) => ({ value, count }));
  const histogram = stats ? numericHistogram(counts, stats) : topCategories.map((t) => t.count);
  let flags = columnFlags(name, kind, () => isConsecutiveIntegers(counts), present, distinct);
  if (kind !== 'numeric' && kind !== 'boolean' && present > 0 && looksLikeThousandsSeparatedNumbers(counts.keys())) {
    // They are numbers: many distinct values say nothing of an identifier or of free text here
    // (an income column is all different), unless the name says id.
    flags = [...flags.filter((f) => f !== 'free-text' && (f !== 'id-like' || ID_NAME.test(name))), 'thousands-separators'];
  }
  // "NaN", "inf" or "1e400" among numbers: training refuses the column (preprocessing.ts names the
  // line), so it is flagged here and starts out ignored rather than letting the statistics leave
  // those cells out without a word and the Train screen fail.
  if (kind === 'numeric' && nonFinite > 0) flags = [...flags, 'non-finite'];
  return { name, kind, missing, distinct, stats, topCategories, histogram, flags, suggestedRole: flags.length > 0 ? 'ignore' : 'feature' };
}

function inferKind(counts: ReadonlyMap<string, number>, present: number, numeric: number, dates: number): ColumnKind {
  if (present === 0) return 'categorical';
  const keys = [...counts.keys()];
  // Two values 0/1, or one or two yes/no words (true/false, y/n, ...), make a boolean column.
  const words = keys.every((k) => BOOLEAN_WORDS.has(k.toLowerCase()));
  const bits = keys.length === 2 && keys.every((k) => k === '0' || k === '1');
  if (keys.length <= 2 && (words || bits)) return 'boolean';
  if (numeric === present) return 'numeric';
  if (dates === present) return 'date';
  if (counts.size > TEXT_MIN_DISTINCT && counts.size > TEXT_DISTINCT_SHARE * present) return 'text';
  return 'categorical';
}

function numericStats(counts: ReadonlyMap<string, number>): NumericStats | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const [cell, count] of counts) {
    const v = parseNumericCell(cell);
    if (v === null) continue;
    n += count;
    sum += v * count;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  let squares = 0;
  for (const [cell, count] of counts) {
    const v = parseNumericCell(cell);
    if (v !== null) squares += count * (v - mean) * (v - mean);
  }
  return { min, max, mean, std: Math.sqrt(squares / n) };
}

function numericHistogram(counts: ReadonlyMap<string, number>, stats: NumericStats): number[] {
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (stats.max - stats.min) / HISTOGRAM_BINS;
  for (const [cell, count] of counts) {
    const v = parseNumericCell(cell);
    if (v === null) continue;
    const bin = width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((v - stats.min) / width)) : 0;
    bins[bin]! += count;
  }
  return bins;
}

/**
 * Flags: empty (no value), constant (one distinct value), id-like (every value different and
 * either text, or whole numbers in a column named like an id, or a run of consecutive whole
 * numbers), date (dates are not used as numbers), free text (many distinct text values).
 */
function columnFlags(name: string, kind: ColumnKind, consecutiveIntegers: () => boolean, present: number, distinct: number): ColumnFlag[] {
  if (present === 0) return ['empty'];
  if (distinct === 1) return ['constant'];
  const flags: ColumnFlag[] = [];
  const unique = distinct === present && present >= 10;
  if (unique && kind !== 'numeric' && kind !== 'boolean') flags.push('id-like');
  else if (unique && kind === 'numeric' && (ID_NAME.test(name) || consecutiveIntegers())) flags.push('id-like');
  else if (kind !== 'numeric' && ID_NAME.test(name) && distinct > 0.9 * present) flags.push('id-like');
  if (kind === 'date') flags.push('date');
  if (kind === 'text' && !flags.includes('id-like')) flags.push('free-text');
  return flags;
}

function isConsecutiveIntegers(counts: ReadonlyMap<string, number>): boolean {
  const values: number[] = [];
  for (const cell of counts.keys()) {
    const v = parseNumericCell(cell);
    if (v === null || !Number.isInteger(v)) return false;
    values.push(v);
  }
  values.sort((a, b) => a - b);
  return values.every((v, i) => i === 0 || v === values[i - 1]! + 1);
}

/** Column names that usually hold what is predicted, most telling first. */
const TARGET_NAMES = ['target', 'label', 'labels', 'class', 'classes', 'outcome', 'response', 'diagnosis', 'species', 'churn', 'y'];

/**
 * The column suggested as target: one named like a target (target, label, class, ..., y; in
 * that order of preference, ignoring case), else the last column that is not flagged for
 * ignoring, else the last column.
 */
export function suggestTarget(profiles: readonly ColumnProfile[]): string {
  for (const name of TARGET_NAMES) {
    const named = profiles.find((p) => p.name.toLowerCase() === name && p.flags.length === 0);
    if (named) return named.name;
  }
  const usable = [...profiles].reverse().find((p) => p.flags.length === 0);
  return (usable ?? profiles[profiles.length - 1]!).name;
}

/**
 * The columns an import tries as its target, in order: the suggested one, then every other from
 * the right (the first that reads as a target is taken: e.g. a single-class column is passed over).
 */
export function targetCandidates(profiles: readonly ColumnProfile[]): string[] {
  const suggested = suggestTarget(profiles);
  return [suggested, ...[...profiles].reverse().map((p) => p.name).filter((c) => c !== suggested)];
}
