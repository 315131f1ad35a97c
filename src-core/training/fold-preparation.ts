import { fitNumericValues } from '../data/preprocessing';
import { stepFeatureNames, type PreprocessingPipeline } from '../data/preprocessing-types';
import type { Matrix } from '../linalg/matrix';

/** Cells of one numeric column that imputation filled (training-row indices), refilled per fold. */
export interface FoldImputedNumeric {
  readonly kind: 'numeric';
  /** Prepared column. */
  readonly column: number;
  readonly method: 'mean' | 'median';
  readonly rows: readonly number[];
}

/** Rows whose category was missing and took the most frequent one (one-hot columns of the step). */
export interface FoldImputedCategory {
  readonly kind: 'one-hot';
  readonly columns: readonly number[];
  readonly rows: readonly number[];
}

/**
 * What cross-validation refits on each fold's training rows, so a held-out fold never informs
 * the preparation its model was trained with: the scaling of the numeric columns and the values
 * imputation filled in (numeric mean or median, most frequent category). The one-hot category
 * lists themselves stay those of all training rows (which categories exist, not their
 * statistics).
 */
export interface FoldPreparation {
  readonly mode: 'standardize' | 'min-max' | 'none';
  /** Prepared columns of the numeric raw columns. */
  readonly columns: readonly number[];
  readonly imputed: readonly (FoldImputedNumeric | FoldImputedCategory)[];
}

/**
 * The fold preparation of a fitted pipeline (with `imputedRows` of the same fit: per step, the
 * training rows whose cell was missing), or null when there is nothing to refit.
 */
export function foldPreparationOf(pipeline: PreprocessingPipeline, imputedRows: readonly (readonly number[])[] = []): FoldPreparation | null {
  const mode = pipeline.scaling ?? (pipeline.standardize ? 'standardize' : 'none');
  const method = pipeline.imputation === 'median' ? 'median' : 'mean';
  const columns: number[] = [];
  const imputed: (FoldImputedNumeric | FoldImputedCategory)[] = [];
  let offset = 0;
  pipeline.steps.forEach((step, s) => {
    const width = stepFeatureNames(step).length;
    const rows = imputedRows[s] ?? [];
    if (step.kind === 'numeric') {
      columns.push(offset);
      if (rows.length > 0) imputed.push({ kind: 'numeric', column: offset, method, rows });
    } else if (rows.length > 0 && step.fillCategory !== undefined && width > 0) {
      imputed.push({ kind: 'one-hot', columns: Array.from({ length: width }, (_, k) => offset + k), rows });
    }
    offset += width;
  });
  if (mode === 'none' && imputed.length === 0) return null;
  if (columns.length === 0 && imputed.length === 0) return null;
  return { mode, columns, imputed };
}

/**
 * Refits `prep` on the fold's training rows and applies it to both parts, in place. train and
 * test hold the prepared rows trainRows and testRows (indices into the training set). Every
 * statistic (mean, median, standard deviation, minimum, range) is affine-equivariant, so
 * refitting on already-prepared values z = (x - c) / s gives exactly what fitting the pipeline on
 * the fold's raw rows would: the statistics are taken over the observed (not imputed) cells by
 * fitPreprocessing's own fitNumericValues, the imputed cells are refilled, then the column is
 * rescaled.
 */
export function refitFold(prep: FoldPreparation, total: number, trainRows: Int32Array, testRows: Int32Array, train: Matrix, test: Matrix): void {
  const numeric = new Map<number, FoldImputedNumeric>();
  const missing = new Uint8Array(total);
  for (const entry of prep.imputed) if (entry.kind === 'numeric') numeric.set(entry.column, entry);
  for (const c of prep.columns) {
    const entry = numeric.get(c);
    missing.fill(0);
    if (entry) for (const r of entry.rows) missing[r] = 1;
    const observed: number[] = [];
    for (let t = 0; t < trainRows.length; t++) if (!missing[trainRows[t]!]) observed.push(train.data[t * train.cols + c]!);
    // A column with no observed value on the fold's rows keeps what it has.
    if (observed.length === 0) continue;
    const { fillValue, center, scale } = fitNumericValues(observed, prep.mode, entry?.method ?? 'mean');
    for (const [m, rows] of [[train, trainRows], [test, testRows]] as const) {
      for (let t = 0; t < rows.length; t++) {
        const at = t * m.cols + c;
        const value = entry && missing[rows[t]!] ? fillValue : m.data[at]!;
        m.data[at] = (value - center) / scale;
      }
    }
  }
  for (const entry of prep.imputed) if (entry.kind === 'one-hot') refillCategory(entry, total, trainRows, testRows, train, test);
}

/** The most frequent kept category among the fold's observed training rows (ties: the first column, i.e. by name). */
function refillCategory(entry: FoldImputedCategory, total: number, trainRows: Int32Array, testRows: Int32Array, train: Matrix, test: Matrix): void {
  const missing = new Uint8Array(total);
  for (const r of entry.rows) missing[r] = 1;
  const counts = new Float64Array(entry.columns.length);
  for (let t = 0; t < trainRows.length; t++) {
    if (missing[trainRows[t]!]) continue;
    entry.columns.forEach((c, k) => {
      if (train.data[t * train.cols + c] === 1) counts[k]!++;
    });
  }
  let best = -1;
  for (let k = 0; k < counts.length; k++) if (counts[k]! > 0 && (best < 0 || counts[k]! > counts[best]!)) best = k;
  if (best < 0) return;
  for (const [m, rows] of [[train, trainRows], [test, testRows]] as const) {
    for (let t = 0; t < rows.length; t++) {
      if (!missing[rows[t]!]) continue;
      entry.columns.forEach((c, k) => (m.data[t * m.cols + c] = k === best ? 1 : 0));
    }
  }
}
