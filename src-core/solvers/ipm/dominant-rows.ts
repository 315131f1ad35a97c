import { choleskyFactor, choleskySolve } from '../../linalg/cholesky';
import type { Matrix } from '../../linalg/matrix';

/**
 * Linear cone rows whose Newton weight dwarfs the rest of their block B_j (ipm-newton-system.ts),
 * kept out of the explicit blocks. Near the optimum an active neuron's row at its kink (the
 * training row its hyperplane passes through: s -> 0, z > 0) weighs c = z / s ~ 1e6..1e12 while
 * the block's curvature along the neuron's own direction u_j (orthogonal to that row) is ~mu.
 * Formed explicitly, the block carries a rounding of eps c |x_k|^2 in every direction, far above
 * that curvature. Where two neurons are one function on the data (two patterns that differ only
 * at the kink row; or mirrored pairs whose sum is linear), the u-system's only curvature in the
 * direction that moves output between them is that ~mu, and the computed system turns
 * indefinite there. Measured on curve-1d (n = 150, d = 2, P = 128, beta = 1.5e-4, tolerance
 * 1e-6): from step 30 the u-system's smallest eigenvalues -1e-10..-1e-8, their eigenvectors on
 * such pairs along u_j (cosine 1.0000), conjugate gradients stopping on negative curvature at
 * residuals of 1e-6, the dual residual jumping from 3e-10 to 2e-7 and the solve stopping as
 * stalled at a gap of 5.1e-6.
 *
 * The remedy: the operator that refinement and conjugate gradients solve applies each dominant
 * row as c_k x_k (x_k^T du_j), whose rounding lies along x_k only, beside blocks formed from
 * the other rows (moderate entries: they keep the ~mu curvature). The factors, their
 * preconditioner, keep each dominant row at the largest weight that is not dominant
 * (DOMINANCE_RATIO times the rest) and take the excess through its capacitance matrix.
 * IpmNewtonSystem does this only once a u-system solve has failed to converge, keeping the
 * better of the two solves (a first separation that solves worse is dropped). Measured on that
 * problem: solved at 1e-6 in 37 steps (and at 1e-7 in 43); with back-propagation's patterns at
 * 1e-3 x the row rule, 1e-6 in 39 steps where it had stalled at 1.2e-6; the Woodbury path at
 * 1e-3 and 1e-2 x, 1e-6 in 42 and 37 steps where it had stalled at 1.6e-6 and 2.1e-6.
 */

/** A row is dominant when its weight c |x_k|^2 exceeds the rest of its block's trace this many times. */
export const DOMINANCE_RATIO = 1e8;

export interface DominantRow {
  /** Block j (0..2P-1) and row k of X. */
  readonly block: number;
  readonly row: number;
  /** The Newton weight c_kj. */
  readonly weight: number;
  /** The weight the preconditioner's block keeps: DOMINANCE_RATIO times the rest of the block's trace (without its dominant rows), over |x_k|^2; below `weight`. */
  readonly capped: number;
}

/**
 * The dominant rows of each block: with w_k = c_kj |x_k|^2 for the rows k of block j sorted
 * down, the smallest m <= d whose m-th row exceeds DOMINANCE_RATIO times the rest (the block's
 * other rows and `coneTrace[j]`, the trace of its cone part), that rest positive; each capped at
 * that rest times DOMINANCE_RATIO. The rest is summed, never taken as a difference of traces
 * (it would cancel). c: n x 2P weights, 0 on rows left out.
 */
export function findDominantRows(c: Float64Array, X: Matrix, coneTrace: Float64Array): DominantRow[] {
  const n = X.rows;
  const d = X.cols;
  const m = coneTrace.length;
  const norm2 = rowNorms2(X);
  const found: DominantRow[] = [];
  const topRows = new Int32Array(d);
  const topWeights = new Float64Array(d);
  const restOf = new Float64Array(d);
  for (let j = 0; j < m; j++) {
    let count = 0;
    for (let k = 0; k < n; k++) {
      const w = c[k * m + j]! * norm2[k]!;
      if (!(w > 0) || (count === d && w <= topWeights[d - 1]!)) continue;
      let at = Math.min(count, d - 1);
      while (at > 0 && topWeights[at - 1]! < w) {
        topWeights[at] = topWeights[at - 1]!;
        topRows[at] = topRows[at - 1]!;
        at--;
      }
      topWeights[at] = w;
      topRows[at] = k;
      if (count < d) count++;
    }
    if (count === 0 || !(topWeights[0]! > DOMINANCE_RATIO * coneTrace[j]!)) continue;
    let rest = coneTrace[j]!;
    for (let k = 0; k < n; k++) {
      let top = false;
      for (let t = 0; t < count; t++) if (topRows[t] === k) top = true;
      if (!top) rest += c[k * m + j]! * norm2[k]!;
    }
    // restOf[t]: the trace without the t + 1 largest rows.
    for (let t = count - 1; t >= 0; t--) {
      restOf[t] = rest;
      rest += topWeights[t]!;
    }
    // The fewest rows that each dominate what is left without them (a rest of 0 hides nothing).
    let last = -1;
    for (let t = 0; t < count && last < 0; t++) if (restOf[t]! > 0 && topWeights[t]! > DOMINANCE_RATIO * restOf[t]!) last = t;
    for (let t = 0; t <= last; t++) {
      const k = topRows[t]!;
      found.push({ block: j, row: k, weight: c[k * m + j]!, capped: (DOMINANCE_RATIO * restOf[last]!) / norm2[k]! });
    }
  }
  return found;
}

function rowNorms2(X: Matrix): Float64Array {
  const d = X.cols;
  const x = X.data;
  const norm2 = new Float64Array(X.rows);
  for (let k = 0; k < X.rows; k++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += x[k * d + a]! ** 2;
    norm2[k] = s;
  }
  return norm2;
}

/**
 * The blocks with the dominant rows kept out: in `operator`, block j's Gram over its other rows
 * (summed afresh, never as a difference) plus its cone part; in `preconditioner` the same plus
 * each dominant row at its capped weight. Blocks without dominant rows are copied from `full`.
 * All arrays 2P blocks of d x d (both triangles); `coneParts` the blocks' cone parts; c: n x 2P;
 * `blockRows`: the kept rows of each block (a working set), or null for all.
 */
export function separateBlocks(full: Float64Array, coneParts: Float64Array, c: Float64Array, X: Matrix, rows: readonly DominantRow[], blockRows: readonly Int32Array[] | null, operator: Float64Array, preconditioner: Float64Array): void {
  const n = X.rows;
  const d = X.cols;
  const x = X.data;
  const m = full.length / (d * d);
  operator.set(full);
  const byBlock = new Map<number, DominantRow[]>();
  for (const r of rows) {
    const list = byBlock.get(r.block) ?? [];
    list.push(r);
    byBlock.set(r.block, list);
  }
  for (const [j, list] of byBlock) {
    const at = j * d * d;
    for (let t = 0; t < d * d; t++) operator[at + t] = coneParts[at + t]!;
    const add = (k: number, w: number, out: Float64Array): void => {
      for (let a = 0; a < d; a++) {
        const wa = w * x[k * d + a]!;
        for (let b = 0; b <= a; b++) out[at + a * d + b]! += wa * x[k * d + b]!;
      }
    };
    const skip = new Set(list.map((r) => r.row));
    const kept = blockRows ? blockRows[j]! : null;
    const count = kept ? kept.length : n;
    for (let q = 0; q < count; q++) {
      const k = kept ? kept[q]! : q;
      const w = c[k * m + j]!;
      if (w !== 0 && !skip.has(k)) add(k, w, operator);
    }
    mirrorLower(operator, at, d);
    for (let t = 0; t < d * d; t++) preconditioner[at + t] = operator[at + t]!;
    for (const r of list) add(r.row, r.capped, preconditioner);
    mirrorLower(preconditioner, at, d);
  }
  for (let j = 0; j < m; j++) {
    if (byBlock.has(j)) continue;
    const at = j * d * d;
    for (let t = 0; t < d * d; t++) preconditioner[at + t] = full[at + t]!;
  }
}

function mirrorLower(B: Float64Array, at: number, d: number): void {
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) B[at + b * d + a] = B[at + a * d + b]!;
}

/** out += U C U^T u for the dominant rows (column p of U is x_k in block j, C = diag(c)): each row's c_k x_k (x_k^T u_j), whose rounding lies along x_k. */
export function addDominantProduct(rows: readonly DominantRow[], X: Matrix, u: Float64Array, out: Float64Array): void {
  const d = X.cols;
  const x = X.data;
  for (const { block, row, weight } of rows) {
    let s = 0;
    for (let a = 0; a < d; a++) s += x[row * d + a]! * u[block * d + a]!;
    const f = weight * s;
    for (let a = 0; a < d; a++) out[block * d + a]! += f * x[row * d + a]!;
  }
}

/**
 * The u-system H = Hc + U (C - Cc) U^T solved through Hc's solver, Hc holding each dominant row at
 * its capped weight (well conditioned along x_k) and C - Cc the excess:
 *   H^{-1} r = Hc^{-1} r - Y ((C - Cc)^{-1} + U^T Y)^{-1} U^T Hc^{-1} r,   Y = Hc^{-1} U.
 * A preconditioner: its rounding grows with the excess over the cap, and refinement and
 * conjugate gradients against the operator remove it.
 */
export class DominantRowCapacitance {
  private readonly rows: readonly DominantRow[];
  private readonly X: Matrix;
  private readonly unknowns: number;
  /** Y = Hc^{-1} U, row p for dominant row p. */
  private readonly Y: Float64Array;
  /** Cholesky factor of (C - Cc)^{-1} + U^T Y. */
  private readonly capacitance: Float64Array;
  private readonly small: Float64Array;

  /** `solveCapped(r, out)`: out = Hc^{-1} r. Throws ConvexNetError('solver/not-positive-definite') if the capacitance matrix does not factor. */
  constructor(rows: readonly DominantRow[], X: Matrix, unknowns: number, solveCapped: (r: Float64Array, out: Float64Array) => void) {
    this.rows = rows;
    this.X = X;
    this.unknowns = unknowns;
    const h = rows.length;
    this.Y = new Float64Array(h * unknowns);
    this.small = new Float64Array(h);
    const column = new Float64Array(unknowns);
    const solved = new Float64Array(unknowns);
    for (let p = 0; p < h; p++) {
      column.fill(0);
      this.placeRow(p, 1, column);
      solveCapped(column, solved);
      this.Y.set(solved, p * unknowns);
    }
    const cap = new Float64Array(h * h);
    for (let p = 0; p < h; p++) {
      for (let q = 0; q <= p; q++) {
        // Symmetrized: the two products differ in the last bits.
        const value = 0.5 * (this.rowDot(p, this.Y, q * unknowns) + this.rowDot(q, this.Y, p * unknowns));
        cap[p * h + q] = value;
        cap[q * h + p] = value;
      }
      cap[p * h + p]! += 1 / (rows[p]!.weight - rows[p]!.capped);
    }
    if (h > 0) choleskyFactor(cap, h);
    this.capacitance = cap;
  }

  /** x = H^{-1} r in place, given x = Hc^{-1} r. */
  correct(x: Float64Array): void {
    const h = this.rows.length;
    const { small, Y, unknowns } = this;
    for (let p = 0; p < h; p++) small[p] = this.rowDot(p, x, 0);
    if (h > 0) choleskySolve(this.capacitance, h, small, 0);
    for (let p = 0; p < h; p++) {
      const f = small[p]!;
      const at = p * unknowns;
      for (let t = 0; t < unknowns; t++) x[t]! -= f * Y[at + t]!;
    }
  }

  /** x_k^T (block j of v, v read from `at`) for dominant row p. */
  private rowDot(p: number, v: Float64Array, at: number): number {
    const { block, row } = this.rows[p]!;
    const d = this.X.cols;
    const x = this.X.data;
    let s = 0;
    for (let a = 0; a < d; a++) s += x[row * d + a]! * v[at + block * d + a]!;
    return s;
  }

  private placeRow(p: number, scale: number, out: Float64Array): void {
    const { block, row } = this.rows[p]!;
    const d = this.X.cols;
    const x = this.X.data;
    for (let a = 0; a < d; a++) out[block * d + a]! += scale * x[row * d + a]!;
  }
}
