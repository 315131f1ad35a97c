import { multiplyXB } from '../../linalg/kernels';
import type { Matrix } from '../../linalg/matrix';
import type { LossName } from '../../losses/loss';
import type { PatternSet } from '../../patterns/pattern-set';

/** Rows kept per pattern at the start of a solve, per column of X (measured: see solve-ipm.ts). */
export const WORKING_SET_START_PER_COLUMN = 6;
/**
 * The most violated rows added per block and column each time the working program is solved
 * while its solution still violates rows left out (WORKING_SET_START_PER_COLUMN d rows kept per
 * pattern at the start). Measured on the bench problems (squared loss, n =
 * 5000, d = 21, P = 32, gap 1e-3): starting from 2 d rows and adding d took 5 rounds and 50
 * Newton steps in all; 3 d and 2 d, 3 rounds and 31 steps (all rows: 29); 6 d, no round and 12
 * steps (at 0.1 and 10 times that beta: 11 and 16 steps; all rows 37 at 10 times). Fewer rows
 * also mean fewer steps: the barrier's degree is the number of rows.
 */
export const WORKING_SET_GROWTH_PER_COLUMN = 4;
/** The history's event at the first point after the working set grew (HistoryPoint.event). */
export const WORKING_SET_EVENT = 'cone rows added';

/**
 * The working program is solved this much tighter than the tolerance before rows are added, so
 * its solution's violations are those of its optimum (and not of an early iterate).
 */
export const WORKING_SET_ROUND_GAP = 0.3;

/**
 * With a working set, a solution is accepted only when it violates the rows left out by at most
 * this fraction of the tolerance (cone violation, relative): a relaxation's solution is outside
 * the full program's cones, and its network can fall below the program's optimum (measured: 3%
 * below it at a violation of 1e-3), which the gap alone would not show.
 */
export const WORKING_SET_VIOLATION = 1e-3;

/**
 * Rounds in place (WorkingSetPlan.growInPlace) come whenever the iterate violates rows left out,
 * from this step on and at least this many steps after the last round: the new rows join while
 * the method is still far from the boundary, and an iterate that has not moved since the last
 * round would only add the same kind of rows again. Measured (bench/README 2026-11-29 night,
 * Newton steps to 1e-6, one-hot data n = 400, d = 18, P = 32, five seeds, all rows 24/23/25/25/26):
 * rounds once the working program's gap is <= 0.1: 30/23/23/18/19; <= 0.3: 28/22/23/18/19;
 * whenever rows are violated: 22/21/22/18/19 (and the other 26 measured runs no worse).
 */
export const IN_PLACE_ROUND_SPACING = 3;

/** See usesConeWorkingSet. */
const WORKING_SET_MIN_ROWS = 1000;
const WORKING_SET_MIN_ROWS_PER_COLUMN = 50;

/**
 * The cone rows an interior-point solve keeps (constraint generation over the pattern cones).
 *
 * Block j's cone {u : (2 D_i - I) X u >= 0} (i = j mod P) is a cell of the hyperplane arrangement
 * of X's rows: an intersection of n half-spaces in d dimensions, of which only the cell's facets
 * matter. Measured on the bench problems: at n = 5000, d = 21 about 67 rows per block decide the
 * optimum (1.3% of them), at n = 20k, d = 51 about 167 (0.8%). Solving with a subset of the rows
 * is a relaxation: its certified lower bound (multipliers 0 on the rows left out) bounds the full
 * program too, and once its solution violates none of the other rows it is feasible, hence
 * optimal, for the full program. So the solver starts from the rows nearest each pattern's
 * generator in angle (a cell's facets are among the hyperplanes closest to its interior points),
 * and adds the most violated rows of each block until no row is violated.
 *
 * Layout: `active` is n x 2P (pattern space, entry k * 2P + j), 1 for a kept row.
 */
export class ConeWorkingSet {
  readonly n: number;
  readonly P: number;
  readonly active: Uint8Array;
  private readonly rowNorms: Float64Array;

  private constructor(n: number, P: number, active: Uint8Array, rowNorms: Float64Array) {
    this.n = n;
    this.P = P;
    this.active = active;
    this.rowNorms = rowNorms;
  }

  /**
   * The `perPattern` rows with the smallest angular margin |x_k^T h_i| / ||x_k|| to pattern i's
   * generator h_i, in both of its blocks (v and w share the pattern's cone); plus `previous`'s
   * rows when given (a warm start: the rows the last solve along a path ended tight on, see
   * tightRows).
   */
  static nearGenerators(X: Matrix, patterns: Pick<PatternSet, 'count' | 'generators'>, perPattern: number, previous?: Uint8Array): ConeWorkingSet {
    const n = X.rows;
    const P = patterns.count;
    const m = 2 * P;
    const norms = rowNorms(X);
    const active = previous && previous.length === n * m ? Uint8Array.from(previous) : new Uint8Array(n * m);
    const keep = Math.min(n, perPattern);
    const margins = new Float64Array(n);
    const XH = rowProducts(X, patterns.generators.data, P);
    for (let i = 0; i < P; i++) {
      for (let k = 0; k < n; k++) {
        // A zero row lies on every hyperplane: never a facet.
        margins[k] = norms[k]! > 0 ? Math.abs(XH[k * P + i]!) / norms[k]! : Infinity;
      }
      for (const k of smallestOf(margins, keep, Infinity)) {
        active[k * m + i] = 1;
        active[k * m + P + i] = 1;
      }
    }
    return new ConeWorkingSet(n, P, active, norms);
  }

  get count(): number {
    let c = 0;
    for (let e = 0; e < this.active.length; e++) c += this.active[e]!;
    return c;
  }

  get isEverything(): boolean {
    return this.count === this.active.length;
  }

  /** The kept rows of each block j (2P lists of row indices, ascending). */
  blockRows(): Int32Array[] {
    const { n, P, active } = this;
    const m = 2 * P;
    return Array.from({ length: m }, (_, j) => {
      let count = 0;
      for (let k = 0; k < n; k++) count += active[k * m + j]!;
      const rows = new Int32Array(count);
      for (let k = 0, q = 0; k < n; k++) if (active[k * m + j]) rows[q++] = k;
      return rows;
    });
  }

  /**
   * Adds, per block, the `perBlock` rows left out nearest in angle to the blocks u (2P x d),
   * violated or not (addViolated with no margin).
   */
  addNearest(X: Matrix, masks: Uint8Array, u: Float64Array, perBlock: number): number {
    return this.addViolated(rowProducts(X, u, 2 * this.P), masks, u, X.cols, perBlock, Infinity);
  }

  /** addViolated with X U^T formed here (from the blocks u, 2P x d). */
  addViolatedBy(X: Matrix, masks: Uint8Array, u: Float64Array, perBlock: number, margin: number | Float64Array = 0): number {
    return this.addViolated(rowProducts(X, u, 2 * this.P), masks, u, X.cols, perBlock, margin);
  }

  /**
   * Adds, per block, up to `perBlock` rows left out that the blocks u (2P x d) violate, the most
   * violated first (by the angle e_kj x_k^T u_j / (||x_k|| ||u_j||)). XU = X u^T (n x 2P).
   * With `margin` > 0 the rows nearly tight (angle below it) count too: a warm start adds them,
   * since the optimum of a nearby program (the next beta of a path) moves across them. With
   * `margin` < 0 only rows violated by more than -margin count: a row at angle a >= margin is
   * violated by at most -margin relative to ||x_k|| ||u_j|| (and so to any larger scale). A
   * Float64Array gives each block its own margin.
   * Returns how many rows were added (0: u violates no row left out).
   */
  addViolated(XU: Float64Array, masks: Uint8Array, u: Float64Array, d: number, perBlock: number, margin: number | Float64Array = 0): number {
    const { n, P, active, rowNorms: norms } = this;
    const m = 2 * P;
    let added = 0;
    const angles = new Float64Array(n);
    for (let j = 0; j < m; j++) {
      const i = j % P;
      let size = 0;
      for (let a = 0; a < d; a++) size += u[j * d + a]! ** 2;
      if (size === 0) continue;
      size = Math.sqrt(size);
      for (let k = 0; k < n; k++) {
        const e = k * m + j;
        angles[k] = active[e] || norms[k] === 0 ? Infinity : ((2 * masks[k * P + i]! - 1) * XU[e]!) / (norms[k]! * size);
      }
      for (const k of smallestOf(angles, perBlock, typeof margin === 'number' ? margin : margin[j]!)) {
        active[k * m + j] = 1;
        added++;
      }
    }
    return added;
  }
}

/**
 * The kept rows (n x 2P, 1 = kept) on which a final iterate is tight: multiplier above slack,
 * z_k > s_k. A warm start passes these on, not every row the last solve kept: rows kept but slack
 * at its optimum only add to the barrier's degree and to every Newton step, and a path that
 * passed them all on grew its set at every point. Measured (8-point paths, gap 1e-3, ascending
 * beta, working sets from the generators plus d rows per block nearest the previous solution):
 * n = 5000, d = 21, P = 32: 8,064 -> 17,472 rows by the last point and 3.3 s with every row
 * passed on; 9,408 at every point and 2.9 s with the tight ones (the same or fewer Newton steps
 * at every point; no point needed a round either way). n = 2000: 2.34 -> 2.17 s; n = 3000,
 * d = 41: 9.3 -> 8.8 s.
 */
export function tightRows(kept: Uint8Array, sLin: Float64Array, zLin: Float64Array): Uint8Array {
  const tight = new Uint8Array(kept.length);
  for (let e = 0; e < kept.length; e++) tight[e] = kept[e] && zLin[e]! > sLin[e]! ? 1 : 0;
  return tight;
}

/**
 * Indices of the (at most) `count` smallest values below `limit`, ties to the lower index (so the
 * choice is deterministic): one pass with a bounded max-heap, not a sort of all n.
 */
export function smallestOf(values: Float64Array, count: number, limit: number): Int32Array {
  const heap = new Int32Array(Math.max(0, count));
  let size = 0;
  // Max-heap order: larger value first, and of equal values the larger index.
  const above = (a: number, b: number): boolean => values[a]! > values[b]! || (values[a] === values[b] && a > b);
  const siftDown = (from: number): void => {
    for (let p = from; ; ) {
      const l = 2 * p + 1;
      const r = l + 1;
      let top = p;
      if (l < size && above(heap[l]!, heap[top]!)) top = l;
      if (r < size && above(heap[r]!, heap[top]!)) top = r;
      if (top === p) return;
      const t = heap[p]!;
      heap[p] = heap[top]!;
      heap[top] = t;
      p = top;
    }
  };
  for (let k = 0; k < values.length && count > 0; k++) {
    if (!(values[k]! < limit)) continue;
    if (size < count) {
      let c = size++;
      heap[c] = k;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!above(heap[c]!, heap[p]!)) break;
        const t = heap[p]!;
        heap[p] = heap[c]!;
        heap[c] = t;
        c = p;
      }
    } else if (above(heap[0]!, k)) {
      heap[0] = k;
      siftDown(0);
    }
  }
  return heap.slice(0, size).sort();
}

/**
 * 'auto' keeps a working set of cone rows when the program has many rows per column of X (a
 * cone's few dozen deciding rows are then a small share) and enough rows for it to matter.
 * Measured, all rows against the working set (bench regression problems, seconds and Newton
 * steps to the gap): n = 600, d = 31, P = 64, 1e-4: 13.9 s, 27 steps against 20.4 s, 38 steps
 * (the 1984-order factorization dominates; the working set needed a second round);
 * n = 1000, d = 11, P = 16, 1e-6: 0.47 s, 19 against 0.19 s, 13; n = 2000, d = 21, P = 32,
 * 1e-6: 2.5 s, 21 against 1.8 s, 25; n = 5000, d = 21, P = 32, 1e-6: 5.8 s, 32 against 1.6 s,
 * 15; n = 20k, d = 51, P = 32, 1e-3: 49 s, 41 against 13 s, 21; n = 100k, d = 51, P = 32,
 * 1e-3: 314 s and 62 steps to 1.5e-3 against 43 s, 27 steps to 3.1e-4. Small problems keep all
 * rows: they are fast either way, and a one-feature curve (n = 150) stalled at 1.4e-7 with the
 * working set where all rows certify 1e-7. A start of 10 d rows on fewer rows (at most 60% of
 * them, d >= 4) saved steps on synthetic regression (n = 600, d = 31, P = 64: 27 -> 21; six
 * other shapes 1-7 fewer) but cost them on the built-in classification data with the presets
 * (penguins, one-vs-rest heads: 15/15/19 -> 27/22/50 Newton steps; iris 18/12/13 -> 26/19/20):
 * tried and withdrawn. Fewer rows with many columns now have their own rule (workingSetPlan).
 */
export function usesConeWorkingSet(n: number, d: number, coneRows: string): boolean {
  return workingSetPlan(n, d, coneRows) !== null;
}

/** How a working set starts and grows (see workingSetPlan). */
export interface WorkingSetPlan {
  /** Rows kept per pattern at the start, per column of X. */
  readonly startPerColumn: number;
  /**
   * Rows an iterate violates are taken into the running method (IpmEngine.growInPlace) from
   * step 3 on, at most every 3 steps (solve-ipm.ts), instead of restarting the method once the
   * working program is solved.
   */
  readonly growInPlace: boolean;
}

/** See workingSetPlan. */
const WIDE_MIN_COLUMNS = 17;
const WIDE_START_PER_COLUMN = 8;
const WIDE_MAX_KEPT_SHARE = 0.6;

/**
 * The working set a solve keeps, or null for all rows. Many rows per column (usesConeWorkingSet's
 * measurements above): WORKING_SET_START_PER_COLUMN d rows, rounds by restart. Fewer rows but
 * many columns (d >= 17, 8 d rows at most 60% of them): a cell of the arrangement then has
 * hundreds of facets (n = 600, d = 31: 197-265 of 600 rows per pattern, by an LP per row), of
 * which those nearest the generator decide. Measured (warm ms and Newton steps against all rows,
 * squared loss, gap 1e-4, bench/README 2026-11-29 night): Gaussian data, 14 runs with d = 17-41,
 * n = 300-900, regression and classification: no round, 16-21 steps against 24-28; other data
 * (low-rank X, one-hot columns, heavy tails), 12 runs: with rounds by restart six were 10-50%
 * slower than all rows, with rounds in place none. Low-dimensional data (the built-ins, d <= 10)
 * keep all rows: their deciding rows are not the nearest ones (rounds in every solve).
 */
export function workingSetPlan(n: number, d: number, coneRows: string): WorkingSetPlan | null {
  if (coneRows === 'all') return null;
  const manyRows = n >= Math.max(WORKING_SET_MIN_ROWS, WORKING_SET_MIN_ROWS_PER_COLUMN * d);
  const wide = d >= WIDE_MIN_COLUMNS && WIDE_START_PER_COLUMN * d <= WIDE_MAX_KEPT_SHARE * n;
  if (!manyRows && wide) return { startPerColumn: WIDE_START_PER_COLUMN, growInPlace: true };
  if (manyRows || coneRows === 'working-set') return { startPerColumn: WORKING_SET_START_PER_COLUMN, growInPlace: false };
  return null;
}

/**
 * The working set of the conic form (solve-ipm-conic.ts: the logistic and hinge losses, class
 * weights), or null for all rows: workingSetPlan's many-rows rule. Its rounds always take the rows
 * into the running method; the many-columns rule on fewer rows is not taken under 'auto' (it was
 * measured on the squared loss's engine only), nor is the logistic loss: with its rows joining in
 * place its smooth term's slacks ran off (q_k to -1e7) on 4 of 21 measured programs (two moons
 * 2,000 rows with 8 patterns, spirals 3,000 with 16, 6,000 with 16 and 24; gap 1e-2: stalled at
 * gaps of 0.07-0.99), where all rows certify each in 18-29 Newton steps.
 */
export function conicWorkingSetPlan(n: number, d: number, coneRows: string, loss: LossName): WorkingSetPlan | null {
  if (loss === 'bce' && coneRows !== 'working-set') return null;
  const plan = workingSetPlan(n, d, coneRows);
  return plan === null || (plan.growInPlace && coneRows !== 'working-set') ? null : plan;
}

/**
 * Cone rows a block keeps by the end of a conic solve with a working set, per column of X: the
 * start's WORKING_SET_START_PER_COLUMN and what the rounds add. Measured (hinge and logistic, gap
 * 1e-3, 32 patterns): 6-7 d at d = 11-21 (3,000-20,000 rows), 7-12 d at d = 3 (2,000-10,000).
 */
export const CONIC_KEPT_ROWS_PER_COLUMN = 9;

/**
 * A working set this dense (kept entries / all) is taken by passes over X, as all rows are.
 * Measured (warm ms, row by row against passes): n = 1000, d = 21, P = 32, 21% kept: 367 / 269;
 * n = 2000, d = 21, P = 64, 10.5%: 2261 / 1857; n = 3000, d = 31, P = 32, 10.3%: 1231 / 963;
 * n = 5000, d = 21, P = 32, 2.5%: 518 / 746; n = 20k, d = 51, P = 32, under 1%: 7053 / 12829.
 * At 5% the bench's warm beta path at n = 5000 (its sets then grew to 5.5%, before warm starts
 * passed on only the tight rows) ran 5.73x against 5.31x at 8%.
 */
export const DENSE_KEPT_FRACTION = 0.08;

export function isDenseKept(kept: number, all: number): boolean {
  return kept >= DENSE_KEPT_FRACTION * all;
}

/** X V^T (n x q) for q vectors V (q x d, row-major), by the X B kernel. */
function rowProducts(X: Matrix, V: Float64Array, q: number): Float64Array {
  const d = X.cols;
  const Vt = new Float64Array(d * q);
  for (let j = 0; j < q; j++) for (let a = 0; a < d; a++) Vt[a * q + j] = V[j * d + a]!;
  const out = new Float64Array(X.rows * q);
  multiplyXB(X, Vt, q, out);
  return out;
}

function rowNorms(X: Matrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const norms = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += data[k * d + a]! ** 2;
    norms[k] = Math.sqrt(s);
  }
  return norms;
}
