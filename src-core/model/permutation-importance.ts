import { stepFeatureNames } from '../data/preprocessing-types';
import { prepareLabeledRows } from '../data/preprocessing';
import type { RawTable } from '../data/raw-table';
import { selectTableRows } from '../data/raw-table';
import { createMatrix, type Matrix } from '../linalg/matrix';
import { accuracy } from '../metrics/classification-metrics';
import { meanAndSpread } from '../metrics/mean-and-spread';
import { regressionReport } from '../metrics/regression-metrics';
import { Prng } from '../random/prng';
import { predictWithHeads } from '../training/predict';
import type { ModelFile } from './model-file-types';
import { modelNetworks } from './predict-raw';
import { evenlySpaced, heldOutRows } from './sample-test-predictions';

/**
 * Permutation importance of a model's input columns on its held-out rows (Breiman 2001; the
 * procedure of scikit-learn's permutation_importance): shuffle one raw column's values across the
 * rows, so its link to the target is broken while its distribution is kept, and measure how much
 * the test score falls. A one-hot column's prepared features are shuffled together (the same row
 * permutation), which is shuffling the raw column: the preprocessing is applied cell by cell.
 * The score is accuracy for classification and R^2 for regression; each column is shuffled
 * `repeats` times with seeded permutations, and the mean drop and its standard deviation are
 * reported. A drop near 0 (or below, by chance) means the model does not use the column on these
 * rows; a correlated column can stand in for a shuffled one, so both may show small drops.
 */
export interface ColumnImportance {
  readonly column: string;
  /** Score with the data as is minus the mean score with the column shuffled. */
  readonly drop: number;
  /** Standard deviation of the drop over the repeats. */
  readonly spread: number;
}

export interface PermutationImportance {
  readonly metric: 'accuracy' | 'r2';
  /** The score on the rows used, unshuffled. */
  readonly baseline: number;
  /** Held-out rows used (evenly spaced) of `heldOutRows`. */
  readonly rows: number;
  readonly heldOutRows: number;
  readonly repeats: number;
  /** Every input column, largest drop first. */
  readonly columns: readonly ColumnImportance[];
}

export const IMPORTANCE_REPEATS = 5;
export const IMPORTANCE_MAX_ROWS = 1000;
/**
 * Multiply-adds the shuffled predictions may take (columns x repeats x rows x inputs x hidden
 * units over the heads): the app computes this when a run finishes (in its data worker), beside
 * the test predictions. About 0.1 s here; a wider model reads fewer rows (never below IMPORTANCE_MIN_ROWS).
 */
export const IMPORTANCE_WORK = 200_000_000;
export const IMPORTANCE_MIN_ROWS = 50;

export interface PermutationImportanceOptions {
  readonly repeats?: number;
  readonly seed?: number;
  readonly maxRows?: number;
}

/**
 * The importance of every input column of `model` on the held-out rows of `table` (the table it
 * was trained on); null when the run held nothing out, the model does not record its split, or
 * the score is undefined there (R^2 of a constant target).
 */
export function permutationImportance(model: ModelFile, table: RawTable, options: PermutationImportanceOptions = {}): PermutationImportance | null {
  const held = heldOutRows(model, table);
  if (held.length === 0) return null;
  const repeats = options.repeats ?? IMPORTANCE_REPEATS;
  const heads = modelNetworks(model);
  const steps = model.preprocessing.steps;
  const inputs = model.featureNames.length + (model.bias ? 1 : 0);
  const hidden = heads.reduce((sum, head) => sum + head.network.hidden.rows, 0);
  const perRow = Math.max(1, steps.length * repeats * inputs * hidden);
  const byWork = Math.max(IMPORTANCE_MIN_ROWS, Math.floor(IMPORTANCE_WORK / perRow));
  const picked = evenlySpaced(held, Math.min(options.maxRows ?? IMPORTANCE_MAX_ROWS, byWork));
  const prepared = prepareLabeledRows(model.preprocessing, selectTableRows(table, picked)).dataset;
  const metric = model.task === 'regression' ? 'r2' : 'accuracy';
  const score = (X: Matrix): number | null => {
    const predictions = predictWithHeads(model.task, model.loss, heads, X);
    return metric === 'r2' ? regressionReport(prepared.y, predictions.values!).r2 : accuracy(prepared.y, predictions.labels!);
  };
  const baseline = score(prepared.X);
  if (baseline === null) return null;
  const prng = new Prng(options.seed ?? 1);
  const { rows, cols, data } = prepared.X;
  const shuffled = createMatrix(rows, cols);
  const order = new Int32Array(rows);
  const columns: ColumnImportance[] = [];
  let first = 0;
  for (const step of steps) {
    const width = stepFeatureNames(step).length;
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      for (let k = 0; k < rows; k++) order[k] = k;
      prng.shuffle(order);
      shuffled.data.set(data);
      for (let k = 0; k < rows; k++) {
        const from = order[k]!;
        for (let j = first; j < first + width; j++) shuffled.data[k * cols + j] = data[from * cols + j]!;
      }
      const value = score(shuffled);
      drops.push(value === null ? 0 : baseline - value);
    }
    const { mean, std } = meanAndSpread(drops)!;
    columns.push({ column: step.column, drop: mean, spread: std });
    first += width;
  }
  columns.sort((a, b) => b.drop - a.drop || a.column.localeCompare(b.column));
  return { metric, baseline, rows, heldOutRows: held.length, repeats, columns };
}

/** A drop (or its spread) as every view shows it: percentage points of accuracy, or R^2 to three decimals. */
export function formatImportanceDrop(value: number, metric: PermutationImportance['metric']): string {
  return metric === 'accuracy' ? `${(100 * value).toFixed(1)} pts` : value.toFixed(3);
}

/**
 * Below this many rows the drops are rough (fewRowsCaution): with 10 rows one row is 10 points of
 * accuracy, so a column the model uses a little reads as 0 or as 10%.
 */
export const FEW_IMPORTANCE_ROWS = 30;

/** A sentence saying the drops are rough when the rows used are few; null otherwise. */
export function fewRowsCaution(importance: PermutationImportance): string | null {
  if (importance.rows >= FEW_IMPORTANCE_ROWS) return null;
  const unit = importance.metric === 'accuracy' ? ` (one row is ${(100 / Math.max(1, importance.rows)).toFixed(1)} points of accuracy)` : '';
  return `With only ${importance.rows} ${importance.rows === 1 ? 'row' : 'rows'}${unit} these drops are rough: a larger test share gives steadier ones.`;
}

/** One line for the command line: the columns with the largest drops (at most `most`). */
export function describeImportance(importance: PermutationImportance, most = 5): string {
  const drop = (v: number): string => formatImportanceDrop(v, importance.metric);
  const listed = importance.columns.slice(0, most).map((c) => `${c.column} ${drop(c.drop)}`);
  const rest = importance.columns.length - listed.length;
  const score = importance.metric === 'accuracy' ? 'accuracy' : 'R^2';
  const caution = fewRowsCaution(importance);
  return `Inputs that matter most (test ${score} drop when the column is shuffled, mean of ${importance.repeats} on ${importance.rows} held-out rows): ${listed.join(', ')}${rest > 0 ? `; ${rest} more` : ''}.${caution === null ? '' : ` ${caution}`}`;
}
