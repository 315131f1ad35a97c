import { appendOnesColumn, evenlySpacedIndices, selectRows, type Matrix } from '../linalg/matrix';
import type { PatternSet } from '../patterns/pattern-set';
import { samplePatterns } from '../patterns/sample-patterns';
import { Prng } from '../random/prng';
import { spreadsInEpsilonUnits } from './column-spreads';
import type { ThreatNorm } from './threat-model';

/**
 * A starting radius for adversarial training, from the geometry of the robust program itself.
 *
 * The robust program (paper-spec 6.2) keeps the patterns fixed under attack: neuron block i can be
 * nonzero only through a direction v with (2 d_ik - 1) x_k^T v >= eps * ||r .* v||_* for every
 * training row k, where r_j is feature j's prepared radius per unit of epsilon (0 for the bias and
 * one-hot columns) and ||.||_* the dual norm of the threat (l1 for l_inf, l2 for l2). A witness for
 * pattern i: its generator's direction h (without the bias entry) with the bias moved to the middle
 * of the empty corridor around the hyperplane. Every active row then has x^T h + b >= g_i / 2 and
 * every inactive row x^T h + b <= -g_i / 2, where g_i = min over active rows of x^T h minus max over
 * inactive rows. So block i stays usable for every eps up to
 *
 *   m_i = (g_i / 2) / ||r .* h||_*
 *
 * (a lower bound on the pattern's largest robust radius; other directions may allow more). Larger
 * radii switch more blocks off, down to the linear model of the all-ones pattern. The suggestion
 * is the largest 1-2-5 value at or below the radius that a quarter of the sampled patterns keep.
 * Measured on the built-in datasets (32 patterns, l_inf, raw units): the former rule (a tenth of the
 * smallest column spread) left the robust model near-linear on two moons, circles, xor and spirals
 * (clean test accuracy 92.5 / 45 / 45 / 67% against 100 / 100 / 92.5 / 100% standard).
 */
export interface RadiusSuggestion {
  /** The suggested epsilon, in the units the unit radii were given in. */
  readonly value: number;
  /** Sampled patterns whose witness direction keeps a margin at `value`. */
  readonly usable: number;
  /** Sampled patterns that split the rows (all-active and all-inactive ones are not counted). */
  readonly splitting: number;
  /** Rows read (at most SUGGESTION_MAX_ROWS, evenly spaced) of `rows`. */
  readonly rowsRead: number;
  readonly rows: number;
  /** A tenth of the smallest perturbable column's spread, in epsilon's units (null: none moves). */
  readonly spreadRadius: number | null;
  /** Largest over smallest perturbable column spread, in epsilon's units (null: fewer than two move). */
  readonly spreadRatio: number | null;
}

/** The share of splitting patterns the suggested radius keeps usable (at least). */
export const USABLE_SHARE = 0.25;

/**
 * The radius each splitting pattern keeps usable (m_i above), in pattern order; null for a
 * pattern that does not split the rows or whose direction the threat cannot move (m_i infinite).
 * `X` has the bias as its last column when `hasBias`; `unitRadii` has one entry per feature
 * (X's columns without the bias).
 */
export function patternRobustRadii(X: Matrix, patterns: PatternSet, unitRadii: ArrayLike<number>, norm: ThreatNorm, hasBias: boolean): (number | null)[] {
  return radiiFromMargins(patternMargins(X, patterns, hasBias), patterns.generators.data, X.cols, unitRadii, norm, hasBias);
}

/**
 * Each pattern's empty corridor around its generator's hyperplane (g_i / 2 above, or the nearest
 * row's distance without a bias), null when the pattern does not split the rows: the pass over the
 * rows, which does not depend on the threat.
 */
function patternMargins(X: Matrix, patterns: PatternSet, hasBias: boolean): (number | null)[] {
  const n = X.rows;
  const d = X.cols;
  const features = hasBias ? d - 1 : d;
  const P = patterns.count;
  const h = patterns.generators.data;
  const margins: (number | null)[] = [];
  for (let i = 0; i < P; i++) {
    let lowestActive = Infinity;
    let highestInactive = -Infinity;
    for (let k = 0; k < n; k++) {
      let projection = 0;
      for (let j = 0; j < features; j++) projection += X.data[k * d + j]! * h[i * d + j]!;
      if (patterns.masks[k * P + i] === 1) lowestActive = Math.min(lowestActive, projection);
      else highestInactive = Math.max(highestInactive, projection);
    }
    // Without a bias the hyperplane cannot move: the margin is the nearest row's distance.
    const margin = hasBias ? (lowestActive - highestInactive) / 2 : Math.min(lowestActive, -highestInactive);
    const splits = lowestActive !== Infinity && highestInactive !== -Infinity;
    margins.push(splits ? margin : null);
  }
  return margins;
}

/** m_i = margin_i / ||r .* h_i||_* for one threat (unit radii r, norm), from patternMargins. */
function radiiFromMargins(margins: readonly (number | null)[], h: Float64Array, d: number, unitRadii: ArrayLike<number>, norm: ThreatNorm, hasBias: boolean): (number | null)[] {
  const features = hasBias ? d - 1 : d;
  if (unitRadii.length !== features) throw new RangeError(`unitRadii has ${unitRadii.length} entries for ${features} features`);
  return margins.map((margin, i) => {
    let dual = 0;
    for (let j = 0; j < features; j++) {
      const scaled = unitRadii[j]! * Math.abs(h[i * d + j]!);
      dual = norm === 'linf' ? dual + scaled : dual + scaled * scaled;
    }
    if (norm === 'l2') dual = Math.sqrt(dual);
    return margin !== null && dual > 0 && Number.isFinite(margin) ? Math.max(0, margin) / dual : null;
  });
}

/**
 * Rows the suggestion reads at most: the Train screen's advice computes it on the main process,
 * and it costs two passes of n x P x d (the patterns' masks and the margins): 67 ms at 20,000 x 20,
 * 1.85 s at 1,000,000 x 20, 177 ms at 20,000 x 100. More rows are thinned, evenly spaced, to this
 * many, and to fewer when n x (d + 1) x P would pass SUGGESTION_WORK (wide one-hot data), but
 * never below SUGGESTION_MIN_ROWS.
 */
export const SUGGESTION_MAX_ROWS = 20_000;
/** Multiply-adds of one pass the suggestion allows: about 20,000 rows of 20 columns and 32 patterns. */
export const SUGGESTION_WORK = 15_000_000;
export const SUGGESTION_MIN_ROWS = 1_000;

/**
 * A suggestion under this fraction of the column-spread radius (a tenth of the smallest column's
 * spread, the former rule) says the rows are dense: on 20,000 Gaussian rows it is 2e-4 of it, on
 * the built-in datasets 0.08-0.5.
 */
export const DENSE_FRACTION = 0.01;

export interface RadiusSuggestionOptions {
  readonly norm: ThreatNorm;
  readonly hasBias: boolean;
  readonly patternCount: number;
  readonly seed: number;
  /** Default: SUGGESTION_MAX_ROWS, fewer for wide data (SUGGESTION_WORK). */
  readonly maxRows?: number;
}

/**
 * The suggested radius for prepared features `X` (without the bias column) and the patterns the
 * robust program would sample (`patternCount` Gaussian generators from `seed`, as trainModel draws
 * them); null when no sampled pattern splits the rows or none keeps a positive margin. On more
 * than `maxRows` rows it reads evenly spaced ones: a thinned set has wider corridors, so the
 * guarantee then holds for those rows only.
 */
export function suggestRobustRadius(X: Matrix, unitRadii: ArrayLike<number>, options: RadiusSuggestionOptions): RadiusSuggestion | null {
  return suggestRobustRadii(X, [unitRadii], options)[0]!;
}

/**
 * suggestRobustRadius for several units of epsilon at once (e.g. raw and standardized): the
 * patterns are sampled and the rows passed over once, the threat's part is per unit.
 */
export function suggestRobustRadii(X: Matrix, unitRadiiSets: readonly ArrayLike<number>[], options: RadiusSuggestionOptions): (RadiusSuggestion | null)[] {
  const byWork = Math.max(SUGGESTION_MIN_ROWS, Math.floor(SUGGESTION_WORK / ((X.cols + 1) * options.patternCount)));
  const limit = options.maxRows ?? Math.min(SUGGESTION_MAX_ROWS, byWork);
  const rows = X.rows <= limit ? X : selectRows(X, evenlySpacedIndices(X.rows, limit));
  const design = options.hasBias ? appendOnesColumn(rows) : rows;
  const patterns = samplePatterns(design, options.patternCount, new Prng(options.seed));
  const margins = patternMargins(design, patterns, options.hasBias);
  return unitRadiiSets.map((unitRadii): RadiusSuggestion | null => {
    const radii = radiiFromMargins(margins, patterns.generators.data, design.cols, unitRadii, options.norm, options.hasBias).filter((m): m is number => m !== null);
    if (radii.length === 0) return null;
    radii.sort((a, b) => b - a);
    const kept = radii[Math.max(0, Math.ceil(USABLE_SHARE * radii.length) - 1)]!;
    const value = roundDownToNice(kept);
    if (!(value > 0)) return null;
    return {
      value,
      usable: radii.filter((m) => m >= value).length,
      splitting: radii.length,
      rowsRead: rows.rows,
      rows: X.rows,
      ...spreadFacts(rows, unitRadii),
    };
  });
}

/** The suggestion's reason, for the Train screen and the CLI. */
export function describeRadiusSuggestion(suggestion: RadiusSuggestion): string {
  const { usable, splitting, rowsRead, rows, value, spreadRadius: spread } = suggestion;
  const parts = [`At this radius ${usable} of the ${splitting} sampled neurons keep a margin no training row can be pushed across; the robust program switches the others off, and larger radii leave fewer (down to a linear model).`];
  if (rowsRead < rows) parts.push(`(Read on ${rowsRead.toLocaleString('en-US')} evenly spaced training rows of ${rows.toLocaleString('en-US')}.)`);
  if (spread !== null && value < DENSE_FRACTION * spread) {
    parts.push(`These rows leave almost no empty corridors: at a tenth of a column's spread (${Number(spread.toPrecision(2))}) the robust program keeps little more than a linear model; back-propagation's PGD training has no such restriction.`);
  }
  if (suggestion.spreadRatio !== null && suggestion.spreadRatio >= UNEVEN_SPREAD_RATIO) {
    parts.push(`The columns' spreads differ ${formatRatio(suggestion.spreadRatio)}-fold in these units, so one radius moves the narrowest columns hardest and the suggestion follows them; standardized units (each column moved by the same share of its spread) may suit this data better.`);
  }
  return parts.join(' ');
}

/**
 * Column spreads this uneven (largest over smallest, in epsilon's units) get a word in the
 * suggestion's reason. Raw units on scikit-learn's breast-cancer data (areas ~10^3, fractal
 * dimensions ~10^-2): ratio ~5 x 10^4, suggestion 2e-5, which only the narrowest columns feel.
 * The built-ins in raw units: iris ~4, penguins (body mass in grams) ~400.
 */
export const UNEVEN_SPREAD_RATIO = 100;

/** Two significant digits, grouped: 4.9e+4 reads 49,000. */
function formatRatio(ratio: number): string {
  return Number(ratio.toPrecision(2)).toLocaleString('en-US');
}

/**
 * A tenth of the smallest spread of a perturbable column, and the largest spread over the
 * smallest, in epsilon's units; null when no column (for the ratio: fewer than two) moves or spreads.
 */
function spreadFacts(X: Matrix, unitRadii: ArrayLike<number>): { spreadRadius: number | null; spreadRatio: number | null } {
  const spreads = spreadsInEpsilonUnits(X, unitRadii);
  if (spreads.length === 0) return { spreadRadius: null, spreadRatio: null };
  const smallest = Math.min(...spreads);
  return { spreadRadius: 0.1 * smallest, spreadRatio: spreads.length > 1 ? Math.max(...spreads) / smallest : null };
}

/** The largest 1, 2 or 5 times a power of ten at or below x (x > 0); 0 otherwise. */
export function roundDownToNice(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  const power = 10 ** Math.floor(Math.log10(x));
  // Rounding in log10 can put x a hair below the power: step down then.
  const base = power > x ? power / 10 : power;
  const mantissa = x / base;
  const nice = mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1;
  return Number((nice * base).toPrecision(1));
}
