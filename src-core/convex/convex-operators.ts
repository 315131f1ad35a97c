import type { Matrix } from '../linalg/matrix';
import { ResidentMatrix } from '../linalg/resident-matrix';
import type { PatternSet } from '../patterns/pattern-set';

/**
 * The linear maps of the convex program without ever forming D_i, F or G (paper-spec 3.4):
 * every product with all 2P blocks is ONE multi-vector pass over X.
 *
 * Layouts: blocks U are 2P x d row-major (rows 0..P-1 the v-half, P..2P-1 the w-half);
 * "pattern space" arrays (X U^T, slacks s, duals nu) are n x 2P row-major, entry (k, j) for
 * row k and block j, pattern i = j mod P.
 *
 * X is held as a ResidentMatrix: with WebAssembly SIMD it stays in the kernels' wasm memory
 * between products (copied by the first one, and again only if other work used that memory in
 * between, e.g. a refactorization), so every product copies only the blocks or the
 * pattern-space matrix in and the result out. X must not be written while these operators are
 * in use (one solve); they add no memory of their own (see resident-matrix.ts).
 */
export class ConvexOperators {
  readonly n: number;
  readonly d: number;
  readonly P: number;
  /** masks[k * P + i] in {0, 1}. */
  readonly masks: Uint8Array;
  private readonly X: ResidentMatrix;

  constructor(X: Matrix, patterns: Pick<PatternSet, 'n' | 'count' | 'masks'>) {
    if (patterns.n !== X.rows) throw new RangeError(`patterns were computed for ${patterns.n} rows, X has ${X.rows}`);
    this.n = X.rows;
    this.d = X.cols;
    this.P = patterns.count;
    this.masks = patterns.masks;
    this.X = new ResidentMatrix(X);
  }

  get blockLength(): number {
    return 2 * this.P * this.d;
  }

  get patternSpaceLength(): number {
    return this.n * 2 * this.P;
  }

  /** out (n x 2P) = X U^T: the products x_k^T u_j for every row and block. */
  applyBlocks(U: Float64Array, out: Float64Array): void {
    this.X.multiplyXUt(U, 2 * this.P, out);
  }

  /** out (2P x d) = (X^T R)^T: block j is X^T R[:, j]. */
  adjointBlocks(R: Float64Array, out: Float64Array): void {
    this.X.multiplyRtX(R, 2 * this.P, out);
  }

  /** out (P x d) = (X^T R)^T for R with one column per pattern (n x P): half of adjointBlocks' pass. */
  adjointPatterns(R: Float64Array, out: Float64Array): void {
    this.X.multiplyRtX(R, this.P, out);
  }

  /**
   * Pattern-space arrays (n x 2P) inside the wasm memory that holds X, for the hottest operands:
   * adjointBlocks(adjointInput, …) reads its input there without copying it, and
   * applyBlocks(…, applyOutput) leaves X U^T there without copying it out (two n x 2P copies
   * saved per pair of products; other arrays keep working, copied through a spare region, and
   * never overwrite the views). Calling this gives these operators a wasm memory of their own
   * (X, the two arrays and the spare: n d + 3 n 2P doubles, sized once, never grown, freed by
   * the garbage collector with the operators and the views). Null where that is unavailable
   * (no WebAssembly SIMD, P odd, n < 4): keep using ordinary arrays.
   */
  residentPatternSpace(): { adjointInput: Float64Array; applyOutput: Float64Array } | null {
    return this.X.pinOperands(2 * this.P);
  }

  /** yhat = F u = sum_i D_i X (u_i - z_i), from XU = X U^T. */
  linearPredictions(XU: Float64Array, out: Float64Array): void {
    const { n, P, masks } = this;
    const m = 2 * P;
    for (let k = 0; k < n; k++) {
      let s = 0;
      const row = k * m;
      const mrow = k * P;
      for (let i = 0; i < P; i++) if (masks[mrow + i]) s += XU[row + i]! - XU[row + P + i]!;
      out[k] = s;
    }
  }

  /** G u in pattern space: (2 d_ki - 1) * XU[k, j]. */
  coneProducts(XU: Float64Array, out: Float64Array): void {
    const { n, P, masks } = this;
    const m = 2 * P;
    for (let k = 0; k < n; k++) {
      const row = k * m;
      const mrow = k * P;
      for (let i = 0; i < P; i++) {
        const sign = masks[mrow + i] ? 1 : -1;
        out[row + i] = sign * XU[row + i]!;
        out[row + P + i] = sign * XU[row + P + i]!;
      }
    }
  }

  /**
   * Pattern-space matrix R whose adjoint gives F^T r + G^T q:
   * R[k, i] = d_ki r_k + e_ki q[k, i],  R[k, P+i] = -d_ki r_k + e_ki q[k, P+i]  (e = 2d - 1).
   * `r` may be null (no F^T term).
   */
  combineForAdjoint(r: Float64Array | null, q: Float64Array, out: Float64Array): void {
    const { n, P, masks } = this;
    const m = 2 * P;
    for (let k = 0; k < n; k++) {
      const row = k * m;
      const mrow = k * P;
      const rk = r === null ? 0 : r[k]!;
      for (let i = 0; i < P; i++) {
        const active = masks[mrow + i];
        if (active) {
          out[row + i] = rk + q[row + i]!;
          out[row + P + i] = -rk + q[row + P + i]!;
        } else {
          out[row + i] = -q[row + i]!;
          out[row + P + i] = -q[row + P + i]!;
        }
      }
    }
  }
}
