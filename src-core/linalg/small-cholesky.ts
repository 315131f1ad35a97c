import { ConvexNetError } from '../errors';
import { choleskyFactor, notPositiveDefinite, PANEL } from './cholesky';
import { simdKernelsEnabled } from './simd-kernels';
import { smallCholeskyFunctions } from './wasm/small-cholesky-kernel-code';
import { instantiateWithMemory, lazyModule } from './wasm/wasm-instance';

/**
 * Cholesky factors and inverses of small d x d blocks (d <= SMALL_ORDER_MAX), the interior-point
 * method's per-neuron blocks. In WebAssembly SIMD where available (wasm/small-cholesky-kernel-code.ts),
 * else in JavaScript (cholesky.ts, the same code as before): bit-identical either way, since the
 * kernels subtract, scale and sum every entry in the JavaScript's order.
 *
 * One wasm memory serves every block of the thread: a block is copied in, worked on there and
 * copied out (d^2 doubles against ~d^3/6 multiply-adds). Measured on 31 x 31 blocks: 256
 * factorizations 0.93 -> 0.79 ms, 128 inverses 1.68 -> 0.55 ms. The interior-point method's
 * Woodbury path keeps its blocks in a memory of their own instead (woodbury-blocks.ts), with
 * the same kernels and no copies.
 */

/** The largest order done here by the kernels: one diagonal panel of cholesky.ts, where its chain of subtractions is the kernels'. */
export const SMALL_ORDER_MAX = PANEL;

type FactorExport = (a: number, d: number, column: number, status: number, stride: number) => void;
type InverseExport = (l: number, d: number, work: number, out: number) => void;

/** Byte offsets in the memory: the matrix, a column, the inverse's work matrix, its output, the status. */
const MATRIX_AT = 0;
const COLUMN_AT = MATRIX_AT + SMALL_ORDER_MAX * SMALL_ORDER_MAX * 8;
const WORK_AT = COLUMN_AT + SMALL_ORDER_MAX * 8;
const OUT_AT = WORK_AT + SMALL_ORDER_MAX * SMALL_ORDER_MAX * 8;
const STATUS_AT = OUT_AT + SMALL_ORDER_MAX * SMALL_ORDER_MAX * 8;
const BYTES = STATUS_AT + 16;

class SmallCholeskyKernels {
  private readonly factorExport: FactorExport;
  private readonly inverseExport: InverseExport;
  private readonly matrix: Float64Array;
  private readonly work: Float64Array;
  private readonly out: Float64Array;
  private readonly status: Int32Array;
  private readonly pivot: Float64Array;

  constructor(buffer: ArrayBuffer, exports: Record<string, unknown>) {
    this.factorExport = exports['sfactor'] as FactorExport;
    this.inverseExport = exports['sinv'] as InverseExport;
    const square = SMALL_ORDER_MAX * SMALL_ORDER_MAX;
    this.matrix = new Float64Array(buffer, MATRIX_AT, square);
    this.work = new Float64Array(buffer, WORK_AT, square);
    this.out = new Float64Array(buffer, OUT_AT, square);
    this.status = new Int32Array(buffer, STATUS_AT, 1);
    this.pivot = new Float64Array(buffer, STATUS_AT + 8, 1);
  }

  factor(a: Float64Array, at: number, d: number, shift: number): void {
    const m = this.matrix;
    // Element loops, not subarray copies: 256 blocks a Newton step would allocate d + 1 views each.
    const square = d * d;
    for (let t = 0; t < square; t++) m[t] = a[at + t]!;
    if (shift !== 0) for (let i = 0; i < d; i++) m[i * d + i]! += shift;
    this.factorExport(MATRIX_AT, d, COLUMN_AT, STATUS_AT, d);
    const failed = this.status[0]!;
    if (failed >= 0) throw notPositiveDefinite(d, failed, this.pivot[0]!);
    for (let i = 0; i < d; i++) {
      const row = i * d;
      for (let c = 0; c <= i; c++) a[at + row + c] = m[row + c]!;
      for (let c = i + 1; c < d; c++) a[at + row + c] = 0;
    }
  }

  addInverse(l: Float64Array, at: number, d: number, out: Float64Array, outAt: number): void {
    const square = d * d;
    const { matrix, work, out: o } = this;
    for (let t = 0; t < square; t++) {
      matrix[t] = l[at + t]!;
      work[t] = 0;
      o[t] = out[outAt + t]!;
    }
    this.inverseExport(MATRIX_AT, d, WORK_AT, OUT_AT);
    for (let t = 0; t < square; t++) out[outAt + t] = o[t]!;
  }
}

const smallModule = lazyModule(() => smallCholeskyFunctions);
let kernels: SmallCholeskyKernels | null | undefined;

/** The kernels of this thread, or null where WebAssembly SIMD is missing or turned off. */
function smallKernels(): SmallCholeskyKernels | null {
  if (!simdKernelsEnabled()) return null;
  if (kernels === undefined) {
    const made = instantiateWithMemory(smallModule(), BYTES);
    kernels = made ? new SmallCholeskyKernels(made.buffer, made.exports) : null;
  }
  return kernels;
}

/** JavaScript scratch for factorSmall, one per order. */
const scratchByOrder = new Map<number, Float64Array>();

/**
 * Factors the d x d row-major block of `a` at `at`, plus `shift` on its diagonal, in place:
 * on return it holds L (A + shift I = L L^T, zeros above the diagonal). Only the lower triangle
 * is read. Throws ConvexNetError('solver/not-positive-definite') as choleskyFactor does, and
 * then leaves the block as it was.
 */
export function factorSmall(a: Float64Array, at: number, d: number, shift = 0): void {
  if (!Number.isInteger(d) || d < 0 || !Number.isInteger(at) || at < 0 || a.length < at + d * d) {
    throw new ConvexNetError('linalg/shape-mismatch', `factorSmall: expected a ${d} x ${d} block at entry ${at} of an array of ${a.length} entries.`);
  }
  if (d === 0) return;
  const wasm = d <= SMALL_ORDER_MAX ? smallKernels() : null;
  if (wasm) {
    wasm.factor(a, at, d, shift);
    return;
  }
  let scratch = scratchByOrder.get(d);
  if (!scratch) {
    scratch = new Float64Array(d * d);
    scratchByOrder.set(d, scratch);
  }
  scratch.set(a.subarray(at, at + d * d));
  if (shift !== 0) for (let i = 0; i < d; i++) scratch[i * d + i]! += shift;
  choleskyFactor(scratch, d);
  a.set(scratch, at);
}

/**
 * out += A^{-1} for a positive definite d x d matrix A given its Cholesky factor L (A = L L^T,
 * lower triangle row-major at `at`; the upper triangle is not read): A^{-1} = L^{-T} L^{-1}.
 * L^{-1} is formed row by row, row i = (e_i - sum_{k<i} L_ik row k) / L_ii (contiguous axpys
 * over the k + 1 nonzero entries of each row), into `work` (d x d); then A^{-1} = sum_k
 * (row k)^T (row k), accumulated over the lower triangle and mirrored, so the result is exactly
 * symmetric. About d^3 / 3 multiply-adds: a sixth of the 2 d^3 of solving for the d columns of
 * the identity with the factor. In WebAssembly SIMD for d <= SMALL_ORDER_MAX where available
 * (`work` then unused), with the same bits.
 */
export function addCholeskyInverse(l: Float64Array, at: number, d: number, work: Float64Array, out: Float64Array, outAt: number): void {
  const wasm = d <= SMALL_ORDER_MAX ? smallKernels() : null;
  if (wasm) {
    wasm.addInverse(l, at, d, out, outAt);
    return;
  }
  work.fill(0, 0, d * d);
  for (let i = 0; i < d; i++) {
    const wi = i * d;
    work[wi + i] = 1;
    for (let k = 0; k < i; k++) {
      const f = l[at + i * d + k]!;
      const wk = k * d;
      for (let c = 0; c <= k; c++) work[wi + c]! -= f * work[wk + c]!;
    }
    const pivot = l[at + wi + i]!;
    for (let c = 0; c <= i; c++) work[wi + c]! /= pivot;
  }
  for (let k = 0; k < d; k++) {
    const wk = k * d;
    for (let a = 0; a <= k; a++) {
      const x = work[wk + a]!;
      const row = outAt + a * d;
      for (let b = 0; b <= a; b++) out[row + b]! += x * work[wk + b]!;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) out[outAt + b * d + a] = out[outAt + a * d + b]!;
}
