import { simdKernelFunctions } from './wasm/simd-kernel-code';
import { PAGE_BYTES, wasmApi, type WasmApi, type WasmMemory } from './wasm/wasm-api';
import { writeModule } from './wasm/wasm-assembler';

/**
 * The WebAssembly SIMD versions of multiplyXB and multiplyXtR (see wasm/simd-kernel-code.ts):
 * about 2.5-3x the scalar JavaScript kernels (two f64 lanes per instruction, eight vector
 * accumulators that fit the registers). Results are bit-identical to the scalar kernels.
 *
 * The module is written and compiled synchronously on first use (it is ~1 KB). Where
 * WebAssembly or its SIMD instructions are missing, or compilation fails, `simdKernels()`
 * returns null and kernels.ts keeps the scalar path. Operands are copied into one growable
 * wasm memory per call (X, the right-hand sides and the result): a copy is a memcpy, far
 * cheaper than the O(n d m) product.
 *
 * Resident X (multiplyXUtResident / multiplyRtXResident, used through resident-matrix.ts): the
 * memory's start holds the X of one resident owner, identified by a number, and its products
 * copy X only when another owner, or any other product here, used the memory since. So a
 * solve that multiplies the same X hundreds of times copies it once, and no memory is added:
 * there is still only this one memory, and at most one X in it.
 */

export type KernelExport = (a: number, b: number, out: number, n: number, d: number, m: number) => void;
export type StridedKernelExport = (a: number, b: number, out: number, n: number, d: number, m: number, stride: number) => void;

export class SimdKernels {
  private readonly memory: WasmMemory;
  private readonly xb: KernelExport;
  private readonly xtr: StridedKernelExport;
  private readonly gram: KernelExport;
  private heap: Float64Array;
  /** The resident owner whose X sits at the start of the memory; 0: none (the memory was used otherwise). */
  private residentOwner = 0;

  constructor(api: WasmApi, module: object) {
    this.memory = new api.Memory({ initial: 16 });
    const instance = new api.Instance(module, { env: { memory: this.memory } });
    this.xb = instance.exports['xb'] as KernelExport;
    this.xtr = instance.exports['xtr'] as StridedKernelExport;
    this.gram = instance.exports['gram'] as KernelExport;
    this.heap = new Float64Array(this.memory.buffer);
  }

  /** A view of at least `doubles` doubles of wasm memory (growing it when needed). */
  private reserve(doubles: number): Float64Array {
    const bytes = doubles * 8;
    if (this.memory.buffer.byteLength < bytes) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE_BYTES));
    }
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float64Array(this.memory.buffer);
    return this.heap;
  }

  /** out (n x m) = X (n x d) B (d x m), row-major; needs n >= 4 and m >= 4. */
  multiplyXB(x: Float64Array, n: number, d: number, B: Float64Array, m: number, out: Float64Array): void {
    const xAt = 0;
    const bAt = align2(n * d);
    const outAt = align2(bAt + d * m);
    const heap = this.reserve(outAt + n * m);
    this.residentOwner = 0;
    heap.set(x.subarray(0, n * d), xAt);
    heap.set(B.subarray(0, d * m), bAt);
    this.xb(xAt * 8, bAt * 8, outAt * 8, n, d, m);
    out.set(heap.subarray(outAt, outAt + n * m));
  }

  /**
   * Sums x_k x_k^T over lists of rows into the blocks of a dP x dP matrix (the direct u-update
   * system of block-system.ts), inside wasm memory: X is copied once (columns padded to d4), each
   * block is d4 x d4 there, and `finish` copies the blocks on and below the block diagonal out.
   * Every entry is the scalar accumulateGramUpperRows sum in the same row order; the lower
   * triangle of a block is not meaningful (callers mirror the upper one). Nothing else may use
   * these kernels between this call and `finish` (the memory must not move).
   */
  gramBlocks(x: Float64Array, n: number, d: number, P: number, maxRows: number): SimdGramBlocks {
    const d4 = roundUp4(d);
    const dim4 = d4 * P;
    const kAt = align2(n * d4);
    const listAt = kAt + dim4 * dim4;
    const heap = this.reserve(listAt + Math.ceil(maxRows / 2) + 1);
    this.residentOwner = 0;
    copyPadded(x, n, d, heap, 0, d4);
    heap.fill(0, kAt, listAt);
    const list = new Int32Array(heap.buffer, listAt * 8, maxRows);
    const gram = this.gram;
    return {
      accumulate(rows: Int32Array, count: number, blockRow: number, blockCol: number): void {
        list.set(rows.subarray(0, count));
        gram(0, listAt * 8, (kAt + blockRow * d4 * dim4 + blockCol * d4) * 8, count, d4, dim4);
      },
      finish(K: Float64Array): void {
        const dim = d * P;
        for (let bj = 0; bj < P; bj++) {
          for (let bi = 0; bi <= bj; bi++) {
            const from = kAt + bj * d4 * dim4 + bi * d4;
            const to = bj * d * dim + bi * d;
            for (let r = 0; r < d; r++) K.set(heap.subarray(from + r * dim4, from + r * dim4 + d), to + r * dim);
          }
        }
      },
    };
  }

  /**
   * out (d x m) = X^T R for X (n x d) and R (n x m), row-major. R's columns are padded to a
   * multiple of 4; X is copied as it is (one memcpy) and the kernel computes d4 = roundUp4(d)
   * output rows, the last d4 - d of which are discarded (see the xtr kernel).
   */
  multiplyXtR(x: Float64Array, n: number, d: number, R: Float64Array, m: number, out: Float64Array): void {
    const d4 = roundUp4(d);
    const m4 = roundUp4(m);
    const xAt = 0;
    // The kernel's discarded output rows read up to d4 - d <= 3 doubles past the end of X.
    const rAt = align2(n * d + 3);
    const outAt = align2(rAt + n * m4);
    const heap = this.reserve(outAt + d4 * m4);
    this.residentOwner = 0;
    heap.set(x.subarray(0, n * d), xAt);
    copyPadded(R, n, m, heap, rAt, m4);
    heap.fill(0, outAt, outAt + d4 * m4);
    this.xtr(xAt * 8, rAt * 8, outAt * 8, n, d4, m4, d);
    for (let l = 0; l < d; l++) out.set(heap.subarray(outAt + l * m4, outAt + l * m4 + m), l * m);
  }

  /**
   * out (n x m) = X U^T for U (m x d) row-major (out[k, j] = x_k^T u_j), X (n x d) being owner
   * `owner`'s resident X (copied in only if the memory holds something else); n >= 4, m >= 4.
   * U is transposed as it is copied in (the xb kernel reads B = U^T row by row): the same B, the
   * same kernel and so the same bits as multiplyXB with a transposed copy of U.
   */
  multiplyXUtResident(owner: number, x: Float64Array, n: number, d: number, U: Float64Array, m: number, out: Float64Array): void {
    const bAt = residentScratchAt(n, d);
    const outAt = align2(bAt + d * m);
    const heap = this.reserveResident(owner, x, n, d, outAt + n * m);
    for (let j = 0; j < m; j++) {
      const from = j * d;
      for (let t = 0, to = bAt + j; t < d; t++, to += m) heap[to] = U[from + t]!;
    }
    this.xb(0, bAt * 8, outAt * 8, n, d, m);
    out.set(heap.subarray(outAt, outAt + n * m));
  }

  /**
   * out (m x d) = R^T X = (X^T R)^T for R (n x m) row-major, X owner `owner`'s resident X (as in
   * multiplyXUtResident): the xtr kernel of multiplyXtR, its d x m result transposed as it is
   * copied out.
   */
  multiplyRtXResident(owner: number, x: Float64Array, n: number, d: number, R: Float64Array, m: number, out: Float64Array): void {
    const d4 = roundUp4(d);
    const m4 = roundUp4(m);
    const rAt = residentScratchAt(n, d);
    const outAt = align2(rAt + n * m4);
    const heap = this.reserveResident(owner, x, n, d, outAt + d4 * m4);
    copyPadded(R, n, m, heap, rAt, m4);
    heap.fill(0, outAt, outAt + d4 * m4);
    this.xtr(0, rAt * 8, outAt * 8, n, d4, m4, d);
    for (let t = 0; t < d; t++) {
      const from = outAt + t * m4;
      for (let j = 0, to = t; j < m; j++, to += d) out[to] = heap[from + j]!;
    }
  }

  /** Whether owner `owner`'s X is the one at the start of the memory. */
  holdsResident(owner: number): boolean {
    return owner !== 0 && this.residentOwner === owner;
  }

  /** reserve(doubles), with owner's X at the start of the memory (growing keeps it in place). */
  private reserveResident(owner: number, x: Float64Array, n: number, d: number, doubles: number): Float64Array {
    const heap = this.reserve(doubles);
    if (this.residentOwner !== owner) {
      heap.set(x.subarray(0, n * d), 0);
      this.residentOwner = owner;
    }
    return heap;
  }
}

/** See SimdKernels.gramBlocks. */
export interface SimdGramBlocks {
  /** Adds sum over rows[0..count) of x x^T to block (blockRow, blockCol), blockRow >= blockCol. */
  accumulate(rows: Int32Array, count: number, blockRow: number, blockCol: number): void;
  /** Copies the blocks on and below the block diagonal into K (dP x dP, row-major). */
  finish(K: Float64Array): void;
}

/**
 * Where the scratch of the resident products starts: after X and the d4 - d <= 3 doubles that the
 * xtr kernel's discarded output rows read past its end (see multiplyXtR).
 */
export function residentScratchAt(n: number, d: number): number {
  return align2(n * d + 3);
}

export function roundUp4(v: number): number {
  return (v + 3) & ~3;
}

/** Even double index: a 16-byte aligned byte address. */
export function align2(v: number): number {
  return (v + 1) & ~1;
}

/** Rows x cols row-major into rows x stride at `at`, the extra columns zero. */
function copyPadded(src: Float64Array, rows: number, cols: number, heap: Float64Array, at: number, stride: number): void {
  if (stride === cols) {
    heap.set(src.subarray(0, rows * cols), at);
    return;
  }
  for (let k = 0; k < rows; k++) {
    const to = at + k * stride;
    heap.set(src.subarray(k * cols, (k + 1) * cols), to);
    heap.fill(0, to + cols, to + stride);
  }
}

let compiled: object | null | undefined;
let instance: SimdKernels | null | undefined;
let enabled = true;

/**
 * The compiled kernel module, shared by the SimdKernels instance and every PinnedWasmMatrix
 * (each instantiates it with a memory of its own), or null where WebAssembly SIMD is missing
 * or turned off.
 */
export function simdKernelModule(): object | null {
  if (!enabled) return null;
  if (compiled === undefined) {
    const api = wasmApi();
    try {
      compiled = api ? new api.Module(writeModule(simdKernelFunctions)) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether the SIMD paths are turned on (they may still be unavailable in this runtime). */
export function simdKernelsEnabled(): boolean {
  return enabled;
}

/** The SIMD kernels, or null where WebAssembly SIMD is unavailable (or turned off). */
export function simdKernels(): SimdKernels | null {
  if (!enabled) return null;
  if (instance === undefined) {
    const api = wasmApi();
    const module = simdKernelModule();
    try {
      instance = api && module ? new SimdKernels(api, module) : null;
    } catch {
      instance = null;
    }
  }
  return instance;
}

/**
 * Turns the SIMD paths (these kernels and the WebAssembly Cholesky of wasm-cholesky.ts) on or
 * off (benchmarks and tests compare them with the JavaScript paths); returns the previous state.
 */
export function setSimdKernelsEnabled(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}
