import type { Matrix } from './matrix';

/**
 * A copy of a matrix's shape and values, to tell later whether another matrix holds the same
 * data: the key of the caches kept across solves on the same X (coupling-cache.ts,
 * structure-cache.ts). A copy, because a caller may reuse its arrays for other data.
 */
export class MatrixSnapshot {
  private readonly rows: number;
  private readonly cols: number;
  private readonly data: Float64Array;

  constructor(X: Matrix) {
    this.rows = X.rows;
    this.cols = X.cols;
    this.data = Float64Array.from(X.data);
  }

  /** X has this shape and these values, compared in full (O(n d)). */
  matches(X: Matrix): boolean {
    return X.rows === this.rows && X.cols === this.cols && sameValues(this.data, X.data);
  }
}

/** Element by element; Object.is tells -0 from 0 and matches NaN, as products over them would. */
export function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}
