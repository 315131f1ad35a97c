import { choleskyFactor, choleskySolve, choleskySolveMany, forwardSubstitute } from '../linalg/cholesky';
import { gramMatrix, multiplyXB, multiplyXtR, rowGramLower } from '../linalg/kernels';
import type { Matrix } from '../linalg/matrix';

/**
 * How M^{-1} = (I + X^T X)^{-1} is applied (X is n x d):
 *   'columns': Cholesky of M itself (d x d); a solve costs 2 d^2 flops.
 *   'rows':    by the push-through identity M^{-1} = I - X^T N^{-1} X with N = I + X X^T
 *              (n x n); a solve costs 4 n d + 2 n^2 flops: the cheaper one when the data have
 *              far fewer rows than columns (40 rows of 800 columns: 0.26 M flops instead of 1.3 M).
 */
export type GramShiftForm = 'columns' | 'rows';

/** The form with the cheaper solve for an n x d X (ties to 'columns', the plain one). */
export function gramShiftForm(n: number, d: number): GramShiftForm {
  return 4 * n * d + 2 * n * n < 2 * d * d ? 'rows' : 'columns';
}

/**
 * Flop model of GramShiftInverse for an n x d X: the setup (the Gram and its Cholesky), one
 * solve, and rowProjection (the Woodbury path's H); bytes held.
 */
export function gramShiftCost(n: number, d: number): { form: GramShiftForm; setupFlops: number; solveFlops: number; projectionFlops: number; bytes: number } {
  const form = gramShiftForm(n, d);
  return form === 'columns'
    ? { form, setupFlops: n * d * (d + 1) + (d * d * d) / 3, solveFlops: 2 * d * d, projectionFlops: n * d * d + n * n * d, bytes: 8 * d * d }
    : { form, setupFlops: n * n * (d + 1) + (n * n * n) / 3, solveFlops: 4 * n * d + 2 * n * n, projectionFlops: n * n * d + 2 * n * n * n, bytes: 8 * (n * n + n) };
}

/**
 * The inverse of M = I + X^T X applied to length-d vectors, in the cheaper of the two forms
 * (gramShiftForm), and the n x n matrix H = X M^{-1} X^T of the Woodbury path. Keeps a reference
 * to X: do not modify X while in use.
 */
export class GramShiftInverse {
  readonly form: GramShiftForm;
  private readonly X: Matrix;
  /** Cholesky factor of M (d x d, 'columns') or of N = I + X X^T (n x n, 'rows'). */
  private readonly factor: Float64Array;
  /** X^T X ('columns' only; the direct path's diagonal blocks need it). */
  private readonly gram: Float64Array | null;
  /** solveBlocks' work space ('rows'), sized for the last block count. */
  private work: { count: number; vt: Float64Array; w: Float64Array; c: Float64Array } | null = null;

  constructor(X: Matrix, form: GramShiftForm = gramShiftForm(X.rows, X.cols)) {
    const { rows: n, cols: d } = X;
    this.X = X;
    this.form = form;
    if (form === 'columns') {
      const gram = gramMatrix(X);
      const factor = Float64Array.from(gram);
      for (let l = 0; l < d; l++) factor[l * d + l]! += 1;
      choleskyFactor(factor, d);
      this.gram = gram;
      this.factor = factor;
    } else {
      const N = new Float64Array(n * n);
      rowGramLower(X.data, n, d, N);
      for (let k = 0; k < n; k++) N[k * n + k]! += 1;
      choleskyFactor(N, n);
      this.gram = null;
      this.factor = N;
    }
  }

  /** X^T X (d x d, row-major), computed on first use in the 'rows' form. */
  featureGram(): Float64Array {
    return this.gram ?? gramMatrix(this.X);
  }

  /**
   * v <- M^{-1} v for each of the `count` length-d blocks of v (row-major count x d). The 'rows'
   * form does all of them in two multi-vector passes over X, X V^T and X^T W, and one n x n
   * solve with `count` right-hand sides.
   */
  solveBlocks(v: Float64Array, count: number): void {
    const { rows: n, cols: d } = this.X;
    if (this.form === 'columns') {
      for (let i = 0; i < count; i++) choleskySolve(this.factor, d, v, i * d);
      return;
    }
    const work = this.blockWork(count);
    // Vt = V^T (d x count), W = X Vt (n x count), W <- N^{-1} W, C = X^T W (d x count).
    for (let i = 0; i < count; i++) for (let a = 0; a < d; a++) work.vt[a * count + i] = v[i * d + a]!;
    multiplyXB(this.X, work.vt, count, work.w);
    choleskySolveMany(this.factor, n, work.w, count);
    multiplyXtR(this.X, work.w, count, work.c);
    for (let i = 0; i < count; i++) for (let a = 0; a < d; a++) v[i * d + a]! -= work.c[a * count + i]!;
  }

  private blockWork(count: number): { vt: Float64Array; w: Float64Array; c: Float64Array } {
    if (this.work === null || this.work.count !== count) {
      const { rows: n, cols: d } = this.X;
      this.work = { count, vt: new Float64Array(d * count), w: new Float64Array(n * count), c: new Float64Array(d * count) };
    }
    return this.work;
  }

  /**
   * H = X M^{-1} X^T (n x n), lower triangle filled. 'columns': H = Y Y^T with Y = X L^{-T}.
   * 'rows': H = X X^T N^{-1} = N^{-1} X X^T (they commute), i.e. the solutions of N H = G with
   * G = X X^T = N - I, column by column; no I - N^{-1}, which would cancel where X is small.
   */
  rowProjection(): Float64Array {
    const { rows: n, cols: d } = this.X;
    const H = new Float64Array(n * n);
    if (this.form === 'columns') {
      const Y = Float64Array.from(this.X.data);
      for (let k = 0; k < n; k++) forwardSubstitute(this.factor, d, Y, k * d);
      rowGramLower(Y, n, d, H);
      return H;
    }
    // G = X X^T in full (rows of H are solved in place: H is symmetric, so row k of N^{-1} G
    // is column k).
    rowGramLower(this.X.data, n, d, H);
    for (let k = 0; k < n; k++) for (let l = 0; l < k; l++) H[l * n + k] = H[k * n + l]!;
    for (let k = 0; k < n; k++) choleskySolve(this.factor, n, H, k * n);
    return H;
  }
}
