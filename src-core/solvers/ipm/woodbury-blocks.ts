import { choleskyFactor, choleskySolve, notPositiveDefinite } from '../../linalg/cholesky';
import { simdKernelsEnabled } from '../../linalg/simd-kernels';
import { addCholeskyInverse, SMALL_ORDER_MAX } from '../../linalg/small-cholesky';
import { instantiateWithMemory, layoutDoubles, lazyModule } from '../../linalg/wasm/wasm-instance';
import { firstSmallShift, nextSmallShift, type RegularizationCount } from './regularized-cholesky';
import { recoverHalves } from './u-system-reduction';
import { woodburyBlockFunctions } from './woodbury-block-code';

type Exports = {
  sfactor: (a: number, d: number, col: number, status: number, stride: number) => void;
  sinv: (l: number, d: number, work: number, out: number) => void;
  bsolve: (l: number, b: number, d: number, count: number) => void;
  kmul: (k: number, g: number, q: number, a: number, d: number, count: number) => void;
  recover: (b: number, sums: number, r: number, a: number, du: number, d: number, p: number) => void;
};

const blockModule = lazyModule(() => woodburyBlockFunctions);

/**
 * The Woodbury reduction's per-neuron blocks (woodbury-reduction.ts) and the work on them, kept
 * in one WebAssembly memory where SIMD is available and d <= SMALL_ORDER_MAX, so that their
 * factorizations, inverses and the solves with them run there without copies
 * (woodbury-block-code.ts); otherwise in an ordinary buffer, with the JavaScript of
 * cholesky.ts, small-cholesky.ts and u-system-reduction.ts. Same bits either way. Factors hold
 * L in their lower triangle; their upper triangles are not read (nor cleared).
 */
export class WoodburyBlocks {
  readonly d: number;
  readonly P: number;
  /** The 2P factors of the B_j. */
  readonly bFactors: Float64Array;
  /** The blocks B_j of the last factor(), for the recovery of the halves. */
  readonly blocks: Float64Array;
  /** The P factors of Bv_i + Bw_i. */
  readonly sums: Float64Array;
  /** K_i = Bv_i^{-1} + Bw_i^{-1} (P of d x d, both triangles). */
  readonly kBlocks: Float64Array;
  /** One d x d block of work (the factor of a K_i). */
  readonly square: Float64Array;
  /** Vectors of a solve: y, r and du (2P x d), q, a and g (P x d). */
  readonly y: Float64Array;
  readonly r: Float64Array;
  readonly du: Float64Array;
  readonly q: Float64Array;
  readonly a: Float64Array;
  readonly g: Float64Array;
  private readonly heap: Float64Array;
  private readonly at: Record<'bFactors' | 'blocks' | 'sums' | 'kBlocks' | 'square' | 'y' | 'r' | 'du' | 'q' | 'a' | 'g' | 'column' | 'work' | 'status', number>;
  private readonly work: Float64Array;
  private readonly status: Int32Array;
  private readonly pivot: Float64Array;
  private readonly run: Exports | null;

  constructor(d: number, P: number) {
    this.d = d;
    this.P = P;
    const square = d * d;
    const sizes = { bFactors: 2 * P * square, blocks: 2 * P * square, sums: P * square, kBlocks: P * square, square, y: 2 * P * d, r: 2 * P * d, du: 2 * P * d, q: P * d, a: P * d, g: P * d, column: d, work: square, status: 2 };
    const layout = layoutDoubles(sizes);
    const next = layout.doubles;
    const at = {} as Record<keyof typeof sizes, number>;
    for (const key of Object.keys(sizes) as (keyof typeof sizes)[]) at[key] = layout.byteAt[key] / 8;
    this.at = at;
    const made = simdKernelsEnabled() && d <= SMALL_ORDER_MAX ? instantiate(next) : null;
    this.run = made ? made.exports : null;
    this.heap = made ? new Float64Array(made.buffer, 0, next) : new Float64Array(next);
    const view = (key: keyof typeof sizes): Float64Array => this.heap.subarray(at[key], at[key] + sizes[key]);
    this.bFactors = view('bFactors');
    this.blocks = view('blocks');
    this.sums = view('sums');
    this.kBlocks = view('kBlocks');
    this.square = view('square');
    this.y = view('y');
    this.r = view('r');
    this.du = view('du');
    this.q = view('q');
    this.a = view('a');
    this.g = view('g');
    this.work = view('work');
    this.status = new Int32Array(this.heap.buffer, this.heap.byteOffset + at.status * 8, 1);
    this.pivot = new Float64Array(this.heap.buffer, this.heap.byteOffset + at.status * 8 + 8, 1);
  }

  /** Whether the blocks live in WebAssembly memory. */
  get simd(): boolean {
    return this.run !== null;
  }

  /**
   * The Bv_i + Bw_i and the B_j of `B` factored (each with regularized-cholesky.ts's shifts
   * when it fails), B kept, and K = the sums of the B factors' inverses: woodbury-reduction.ts's
   * factor up to forming S.
   */
  factorBlocks(B: Float64Array, count: RegularizationCount): void {
    const { d, P } = this;
    const square = d * d;
    this.blocks.set(B);
    for (let i = 0; i < P; i++) this.factorRegularized('sums', i, B, count);
    for (let j = 0; j < 2 * P; j++) this.factorRegularized('bFactors', j, B, count);
    this.kBlocks.fill(0);
    for (let i = 0; i < P; i++) {
      this.addInverse(this.at.bFactors + i * square, this.at.kBlocks + i * square);
      this.addInverse(this.at.bFactors + (P + i) * square, this.at.kBlocks + i * square);
    }
  }

  /** K_i factored into `square` (with shifts as needed). */
  factorK(i: number, count: RegularizationCount): void {
    this.factorRegularized('square', i, this.kBlocks, count);
  }

  /**
   * The block solves of woodbury-reduction.ts's solve around its n x n part: `before` solves the
   * B factors for r (into y) and forms q = y_v - y_w; `after` forms a = q - K g and recovers du.
   */
  before(r: Float64Array): void {
    const { d, P, y, q } = this;
    this.r.set(r);
    y.set(r);
    if (this.run) this.run.bsolve(this.at.bFactors * 8, this.at.y * 8, d, 2 * P);
    else for (let j = 0; j < 2 * P; j++) choleskySolve(this.bFactors.subarray(j * d * d, (j + 1) * d * d), d, y, j * d);
    const half = d * P;
    for (let t = 0; t < half; t++) q[t] = y[t]! - y[half + t]!;
  }

  after(du: Float64Array): void {
    const { d, P, q, a, g } = this;
    if (this.run) {
      this.run.kmul(this.at.kBlocks * 8, this.at.g * 8, this.at.q * 8, this.at.a * 8, d, P);
      this.run.recover(this.at.blocks * 8, this.at.sums * 8, this.at.r * 8, this.at.a * 8, this.at.du * 8, d, P);
      du.set(this.du);
      return;
    }
    const K = this.kBlocks;
    for (let i = 0; i < P; i++) {
      for (let row = 0; row < d; row++) {
        let sum = 0;
        for (let c2 = 0; c2 < d; c2++) sum += K[i * d * d + row * d + c2]! * g[i * d + c2]!;
        a[i * d + row] = q[i * d + row]! - sum;
      }
    }
    recoverHalves(this.blocks, this.sums, d, P, this.r, a, du);
  }

  /**
   * Block `index` of `target` from its source (sums: Bv_i + Bw_i of B; bFactors: B_j; square:
   * K_i), factored in place; on failure restored and shifted by firstSmallShift and nextSmallShift.
   */
  private factorRegularized(target: 'sums' | 'bFactors' | 'square', index: number, source: Float64Array, count: RegularizationCount): void {
    const { d } = this;
    const at = target === 'square' ? this.at.square : this.at[target] + index * d * d;
    const heap = this.heap;
    this.restore(target, index, source, at);
    let scale = 0;
    for (let c = 0; c < d; c++) scale = Math.max(scale, Math.abs(heap[at + c * d + c]!));
    let shift = firstSmallShift(scale);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.restore(target, index, source, at);
      for (let c = 0; c < d; c++) heap[at + c * d + c]! += shift;
      try {
        this.factorInPlace(at);
        return;
      } catch (error) {
        shift = nextSmallShift(attempt, error, shift, count);
      }
    }
  }

  /** Writes block `index` of `target`'s source at `at` (a method, not a closure per block: V8 recompiled those). */
  private restore(target: 'sums' | 'bFactors' | 'square', index: number, source: Float64Array, at: number): void {
    const square = this.d * this.d;
    const heap = this.heap;
    if (target === 'sums') {
      const bv = index * square;
      const bw = (this.P + index) * square;
      for (let t = 0; t < square; t++) heap[at + t] = source[bv + t]! + source[bw + t]!;
    } else {
      const from = index * square;
      for (let t = 0; t < square; t++) heap[at + t] = source[from + t]!;
    }
  }

  private factorInPlace(at: number): void {
    const d = this.d;
    if (this.run) {
      this.run.sfactor(at * 8, d, this.at.column * 8, this.at.status * 8, d);
      if (this.status[0]! >= 0) throw notPositiveDefinite(d, this.status[0]!, this.pivot[0]!);
      return;
    }
    choleskyFactor(this.heap.subarray(at, at + d * d), d);
  }

  /** out += (L L^T)^{-1} (small-cholesky.ts's addCholeskyInverse), both at double offsets. */
  private addInverse(lAt: number, outAt: number): void {
    const d = this.d;
    if (!this.run) {
      addCholeskyInverse(this.heap, lAt, d, this.work, this.heap, outAt);
      return;
    }
    this.work.fill(0);
    this.run.sinv(lAt * 8, d, this.at.work * 8, outAt * 8);
  }
}

function instantiate(doubles: number): { buffer: ArrayBuffer; exports: Exports } | null {
  const made = instantiateWithMemory(blockModule(), doubles * 8);
  return made ? { buffer: made.buffer, exports: made.exports as unknown as Exports } : null;
}
