import { ConvexNetError } from '../errors';
import { multiplyXB, multiplyXtR } from './kernels';
import type { Matrix } from './matrix';
import { PinnedWasmMatrix } from './pinned-wasm-matrix';
import { simdKernels, simdKernelsEnabled } from './simd-kernels';

/** Owner numbers of resident matrices (0 means "none" in SimdKernels). */
let lastOwner = 0;

/**
 * A matrix X that is multiplied many times by blocks of vectors (the 2P blocks of one ADMM
 * solve): out = X U^T and out = R^T X, with U and the result (m x d) in the block layout of
 * convex-operators.ts. With WebAssembly SIMD, X stays resident in the SIMD kernels' memory
 * between products (SimdKernels.multiplyXUtResident): it is copied there by the first product
 * and again only after other work used that memory (another ResidentMatrix, a multiplyXB, a
 * factorization), so each product copies just U or R in and the result out. Without SIMD (or
 * with it turned off, or n < 4 or m < 4 for X U^T) the products are multiplyXB / multiplyXtR of
 * kernels.ts with a transpose. Every way gives the same bits.
 *
 * Lifetime and memory: this object holds no wasm memory of its own, only a number naming its X;
 * the one shared kernel memory holds at most one X at a time. Any number of live instances (one-
 * vs-rest heads, path steps) therefore add nothing, and nothing outlives its owner. X must not
 * be written while the owner uses it: the resident copy is not refreshed.
 *
 * Opt-in, for a caller that keeps its pattern-space operands in wasm memory too: pinOperands(m)
 * moves X into a memory of this object's own (PinnedWasmMatrix: X + 3 n m doubles, freed by
 * the garbage collector with this object and the views) and returns views in which products of
 * width m take R and leave X U^T without copying them.
 */
export class ResidentMatrix {
  readonly rows: number;
  readonly cols: number;
  private readonly X: Matrix;
  private readonly owner = ++lastOwner;
  /** Transposes for the paths without SIMD, allocated on their first use. */
  private transposed = new Float64Array(0);
  /** X in a memory of its own, with pattern-space operands of one width (pinOperands). */
  private pinned: PinnedWasmMatrix | null = null;

  constructor(X: Matrix) {
    this.X = X;
    this.rows = X.rows;
    this.cols = X.cols;
  }

  /** out (n x m) = X U^T for U (m x d) row-major: out[k, j] = x_k^T u_j. */
  multiplyXUt(U: Float64Array, m: number, out: Float64Array): void {
    const { rows: n, cols: d } = this;
    checkLength('multiplyXUt: U', U, m * d);
    checkLength('multiplyXUt: out', out, n * m);
    const pinned = this.pinnedFor(m);
    if (pinned) {
      pinned.multiplyXUt(U, out);
      return;
    }
    const simd = n >= 4 && m >= 4 ? simdKernels() : null;
    if (simd) {
      simd.multiplyXUtResident(this.owner, this.X.data, n, d, U, m, out);
      return;
    }
    const bt = this.transposeScratch(d * m);
    for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) bt[t * m + j] = U[j * d + t]!;
    multiplyXB(this.X, bt, m, out);
  }

  /** out (m x d) = R^T X for R (n x m) row-major: row j of out is X^T R[:, j]. */
  multiplyRtX(R: Float64Array, m: number, out: Float64Array): void {
    const { rows: n, cols: d } = this;
    checkLength('multiplyRtX: R', R, n * m);
    checkLength('multiplyRtX: out', out, m * d);
    const pinned = this.pinnedFor(m);
    if (pinned) {
      pinned.multiplyRtX(R, out);
      return;
    }
    const simd = n > 0 && d > 0 && m > 0 ? simdKernels() : null;
    if (simd) {
      simd.multiplyRtXResident(this.owner, this.X.data, n, d, R, m, out);
      return;
    }
    const at = this.transposeScratch(d * m);
    multiplyXtR(this.X, R, m, at);
    for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) out[j * d + t] = at[t * m + j]!;
  }

  /**
   * Pattern-space operands (n x m) in the wasm memory that holds X: multiplyRtX(adjointInput, m,
   * …) reads R there without copying it in, and multiplyXUt(…, m, applyOutput) leaves X U^T there
   * without copying it out (any other arrays still work, copied). Pins X into a memory of this
   * object's own, sized once and never grown, so the views stay valid as long as they are held.
   * Null (products then work as before) where WebAssembly SIMD is missing or turned off, m is
   * not a multiple of 4, n < 4, or the memory cannot be had. One width is pinned at a time:
   * asking for another replaces it (earlier views stay valid arrays, only copied again).
   */
  pinOperands(m: number): { adjointInput: Float64Array; applyOutput: Float64Array } | null {
    if (!simdKernelsEnabled()) return null;
    if (this.pinned?.width !== m) this.pinned = PinnedWasmMatrix.create(this.X, m);
    return this.pinned && { adjointInput: this.pinned.adjointInput, applyOutput: this.pinned.applyOutput };
  }

  /** Whether X is in wasm memory right now (the next SIMD product will not copy it). */
  get isResident(): boolean {
    if (!simdKernelsEnabled()) return false;
    return this.pinned !== null || (simdKernels()?.holdsResident(this.owner) ?? false);
  }

  /** The pinned copy when it serves products of width m and the SIMD paths are on. */
  private pinnedFor(m: number): PinnedWasmMatrix | null {
    const pinned = this.pinned;
    return pinned !== null && pinned.width === m && simdKernelsEnabled() ? pinned : null;
  }

  private transposeScratch(length: number): Float64Array {
    if (this.transposed.length < length) this.transposed = new Float64Array(length);
    return this.transposed;
  }
}

function checkLength(name: string, array: Float64Array, expected: number): void {
  if (array.length < expected) {
    throw new ConvexNetError('linalg/shape-mismatch', `${name} has ${array.length} entries, expected at least ${expected}.`);
  }
}
