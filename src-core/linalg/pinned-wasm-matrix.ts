import type { Matrix } from './matrix';
import { align2, residentScratchAt, roundUp4, simdKernelModule, type KernelExport, type StridedKernelExport } from './simd-kernels';
import { instantiateWithMemory } from './wasm/wasm-instance';

/**
 * X and the two n x m pattern-space operands of its products pinned in a WebAssembly memory of
 * their own, sized once and never grown, so the views `adjointInput` and `applyOutput` stay
 * valid for the object's whole life. A caller that builds R in `adjointInput` and reads X U^T
 * from `applyOutput` saves both n x m copies of every product (measured: about 9% of a pass at
 * n = 5000 and 12% at n = 100,000, d = 51, m = 64). Other arrays still work: they are copied
 * through a spare region, so products with them never overwrite what the caller keeps in the
 * views. The kernels are the `xb` and `xtr` of simd-kernels.ts on the same operands, so the
 * bits are the same. Layout, in doubles (even indices, 16-byte aligned):
 *   [ X: n x d | >= 3 read past X by xtr | R: n x m | X^T R: d4 x m | B = U^T: d x m | X B: n x m | spare: n x m ]
 *
 * Lifetime: the memory belongs to this object and is freed by the garbage collector with it and
 * with the views (which keep it alive); X is a snapshot taken at creation.
 */
export class PinnedWasmMatrix {
  readonly rows: number;
  readonly cols: number;
  /** The number of right-hand sides m of every product (a multiple of 4). */
  readonly width: number;
  /** R for multiplyRtX (n x m row-major): passing this very array skips copying R in. */
  readonly adjointInput: Float64Array;
  /** X U^T from multiplyXUt (n x m row-major): passing this very array skips copying the result out. */
  readonly applyOutput: Float64Array;
  private readonly heap: Float64Array;
  private readonly xb: KernelExport;
  private readonly xtrKernel: StridedKernelExport;
  private readonly rAt: number;
  private readonly xtrOutAt: number;
  private readonly bAt: number;
  private readonly xbOutAt: number;
  /** Where an R that is not adjointInput is copied, or X U^T for an `out` that is not applyOutput. */
  private readonly spareAt: number;
  private readonly spare: Float64Array;

  private constructor(X: Matrix, m: number, buffer: ArrayBuffer, exports: Record<string, unknown>) {
    const { rows: n, cols: d } = X;
    this.rows = n;
    this.cols = d;
    this.width = m;
    const at = layout(n, d, m);
    this.rAt = at.r;
    this.xtrOutAt = at.xtrOut;
    this.bAt = at.b;
    this.xbOutAt = at.xbOut;
    this.spareAt = at.spare;
    this.heap = new Float64Array(buffer);
    this.heap.set(X.data.subarray(0, n * d), 0);
    this.adjointInput = this.heap.subarray(at.r, at.r + n * m);
    this.applyOutput = this.heap.subarray(at.xbOut, at.xbOut + n * m);
    this.spare = this.heap.subarray(at.spare, at.spare + n * m);
    this.xb = exports['xb'] as KernelExport;
    this.xtrKernel = exports['xtr'] as StridedKernelExport;
  }

  /**
   * X pinned for products with m right-hand sides, or null where that cannot be done: WebAssembly
   * SIMD missing or turned off, m not a multiple of 4 (R would need padded rows), n < 4 or m < 4
   * (the xb kernel's tiles), more than 4 GiB, or the allocation fails.
   */
  static create(X: Matrix, m: number): PinnedWasmMatrix | null {
    if (X.rows < 4 || m < 4 || m % 4 !== 0 || X.cols < 1) return null;
    const made = instantiateWithMemory(simdKernelModule(), layout(X.rows, X.cols, m).end * 8);
    return made ? new PinnedWasmMatrix(X, m, made.buffer, made.exports) : null;
  }

  /** out (n x m) = X U^T for U (m x d) row-major; U is transposed into B as it is copied in. */
  multiplyXUt(U: Float64Array, out: Float64Array): void {
    const { rows: n, cols: d, width: m, heap, bAt } = this;
    for (let j = 0; j < m; j++) {
      const from = j * d;
      for (let t = 0, to = bAt + j; t < d; t++, to += m) heap[to] = U[from + t]!;
    }
    if (this.isView(out, this.xbOutAt)) {
      this.xb(0, bAt * 8, this.xbOutAt * 8, n, d, m);
    } else {
      this.xb(0, bAt * 8, this.spareAt * 8, n, d, m);
      out.set(this.spare);
    }
  }

  /** out (m x d) = R^T X for R (n x m) row-major; the d x m result of xtr is transposed as it is copied out. */
  multiplyRtX(R: Float64Array, out: Float64Array): void {
    const { cols: d, width: m, heap } = this;
    const at = this.xtr(R);
    for (let t = 0; t < d; t++) {
      const from = at + t * m;
      for (let j = 0, to = t; j < m; j++, to += d) out[to] = heap[from + j]!;
    }
  }

  /**
   * out (d x m) = X^T R for R (n x m) row-major: multiplyRtX without the transpose, the layout
   * (and bits) of kernels.ts's multiplyXtR.
   */
  multiplyXtR(R: Float64Array, out: Float64Array): void {
    const at = this.xtr(R);
    out.set(this.heap.subarray(at, at + this.cols * this.width));
  }

  /** Runs the xtr kernel on R (copied in unless it is adjointInput); returns where X^T R (d x m) is, in doubles. */
  private xtr(R: Float64Array): number {
    const { rows: n, cols: d, width: m, heap, xtrOutAt } = this;
    let rAt = this.rAt;
    if (!this.isView(R, rAt)) {
      rAt = this.spareAt;
      this.spare.set(R.subarray(0, n * m));
    }
    heap.fill(0, xtrOutAt, xtrOutAt + roundUp4(d) * m);
    this.xtrKernel(0, rAt * 8, xtrOutAt * 8, n, roundUp4(d), m, d);
    return xtrOutAt;
  }

  /** Whether `array` starts at double `at` of this memory (then nothing needs copying). */
  private isView(array: Float64Array, at: number): boolean {
    return array.buffer === this.heap.buffer && array.byteOffset === at * 8;
  }
}

function layout(n: number, d: number, m: number): { r: number; xtrOut: number; b: number; xbOut: number; spare: number; end: number } {
  const r = residentScratchAt(n, d);
  const xtrOut = align2(r + n * m);
  const b = align2(xtrOut + roundUp4(d) * m);
  const xbOut = align2(b + d * m);
  const spare = align2(xbOut + n * m);
  return { r, xtrOut, b, xbOut, spare, end: spare + n * m };
}
