import { blockedCholesky, checkSquare, notPositiveDefinite, PANEL, tiledRowsEnd, updateTrailingRows, type CholeskyKernels } from './cholesky';
import { checkSolveShape, notFactored, type CholeskyFactor } from './cholesky-factor';
import { simdKernelsEnabled } from './simd-kernels';
import { choleskyKernelFunctions } from './wasm/cholesky-kernel-code';
import { diagonalBlockFunction } from './wasm/small-cholesky-kernel-code';
import { instantiateWithMemory, lazyModule } from './wasm/wasm-instance';

/**
 * The Cholesky factor with its storage in WebAssembly memory (see cholesky-factor.ts). Each
 * factor owns one wasm memory sized for it, laid out as
 *   [ L: k x k row-major | packed panel: up to PANEL x k | solve vector: k | panel rows: PANEL x (k + 8) ]
 * so the factor is copied in once per factorization and every solve only copies its k-vector in
 * and out. Factorization is cholesky.ts's blocked algorithm on a view of that memory: the
 * diagonal blocks of the panels in JavaScript (pivot checks and errors as there), the panels' rows
 * below them (~6% of the k^3/3 flops), the trailing update A22 -= L21 L21^T (the other ~94%) and
 * both triangular solves in WebAssembly SIMD (wasm/cholesky-kernel-code.ts), bit-identical to the
 * JavaScript path. Solves are memory bound: each streams the k^2/2 doubles of the lower triangle
 * once (10.7 MB for k = 1632).
 */

type TrailingExport = (a: number, packed: number, k: number, ke: number, full: number, kb: number, nb: number) => void;
type PanelExport = (a: number, q: number, k: number, kb: number, nb: number, rows8: number) => void;
type SolveExport = (l: number, b: number, k: number) => void;
type DiagonalExport = (a: number, d: number, column: number, status: number, stride: number) => void;
type CopyExport = (a: number, out: number, rows: number, cols: number, rowStride: number, colStep: number, rowStep: number, groupRows: number, groupStep: number) => void;

/** The compiled module (shared by all factors), or null where WebAssembly SIMD is missing. */
const choleskyModule = lazyModule(() => [...choleskyKernelFunctions, diagonalBlockFunction]);

export class WasmCholeskyFactor implements CholeskyFactor, CholeskyKernels {
  readonly order: number;
  readonly backend = 'wasm-simd';
  /** L (after a successful factor), a view of wasm memory at byte 0. */
  private readonly matrix: Float64Array;
  private readonly packedAt: number;
  private readonly vector: Float64Array;
  private readonly vectorAt: number;
  /** The panel's rows below its diagonal block, transposed: q[p][t] = A[ke + t][kb + p]. */
  private readonly panelRowsArea: Float64Array;
  private readonly panelRowsAt: number;
  private readonly panel: PanelExport;
  private readonly syrk: TrailingExport;
  private readonly forwardSolve: SolveExport;
  private readonly backSolve: SolveExport;
  private factored = false;
  private readonly diagonalExport: DiagonalExport;
  private readonly gather: CopyExport;
  private readonly scatter: CopyExport;
  private readonly columnAt: number;
  private readonly statusAt: number;
  private readonly status: Int32Array;
  private readonly pivot: Float64Array;

  private constructor(k: number, buffer: ArrayBuffer, exports: Record<string, unknown>) {
    this.order = k;
    const packedStart = evenIndex(k * k);
    const vectorStart = evenIndex(packedStart + PANEL * k);
    const panelRowsStart = evenIndex(vectorStart + k);
    // After the panel rows: sfactor's column (PANEL doubles) and its status (i32 and f64).
    const columnStart = evenIndex(panelRowsStart + PANEL * (k + 8));
    this.columnAt = columnStart * 8;
    this.statusAt = (columnStart + PANEL) * 8;
    this.status = new Int32Array(buffer, this.statusAt, 1);
    this.pivot = new Float64Array(buffer, this.statusAt + 8, 1);
    this.diagonalExport = exports['sfactor'] as DiagonalExport;
    this.gather = exports['gather'] as CopyExport;
    this.scatter = exports['scatter'] as CopyExport;
    this.matrix = new Float64Array(buffer, 0, k * k);
    this.packedAt = packedStart * 8;
    this.vector = new Float64Array(buffer, vectorStart * 8, k);
    this.vectorAt = vectorStart * 8;
    this.panelRowsArea = new Float64Array(buffer, panelRowsStart * 8, PANEL * (k + 8));
    this.panelRowsAt = panelRowsStart * 8;
    this.panel = exports['panel'] as PanelExport;
    this.syrk = exports['syrk'] as TrailingExport;
    this.forwardSolve = exports['lsolve'] as SolveExport;
    this.backSolve = exports['ltsolve'] as SolveExport;
  }

  /**
   * A factor of order k in a new wasm memory, or null where WebAssembly SIMD is missing, the SIMD
   * paths are turned off, or the memory cannot be had (callers then use the JavaScript factor).
   */
  static create(k: number): WasmCholeskyFactor | null {
    if (!simdKernelsEnabled() || !Number.isInteger(k) || k < 1) return null;
    const doubles = evenIndex(evenIndex(evenIndex(evenIndex(k * k) + PANEL * k) + k) + PANEL * (k + 8)) + PANEL + 2;
    const made = instantiateWithMemory(choleskyModule(), doubles * 8);
    return made ? new WasmCholeskyFactor(k, made.buffer, made.exports) : null;
  }

  factor(a: Float64Array): void {
    const k = this.order;
    checkSquare('choleskyFactor', a, k);
    this.factored = false;
    this.matrix.set(a.subarray(0, k * k));
    blockedCholesky(this.matrix, k, this);
    this.factored = true;
  }

  factorWith(write: (target: Float64Array) => void): void {
    this.factored = false;
    write(this.matrix);
    blockedCholesky(this.matrix, this.order, this);
    this.factored = true;
  }

  /**
   * The panel's diagonal block [kb, ke) factored in WebAssembly (sfactor with row stride k: the
   * chains of factorDiagonalBlock entry for entry, the same bits); `a` is this factor's matrix.
   */
  diagonal(_a: Float64Array, k: number, kb: number, ke: number): void {
    this.diagonalExport((kb * k + kb) * 8, ke - kb, this.columnAt, this.statusAt, k);
    if (this.status[0]! >= 0) throw notPositiveDefinite(k, kb + this.status[0]!, this.pivot[0]!);
  }

  /**
   * Copies the rows below the diagonal block into panelRowsArea (transposed), solves them there,
   * copies them back. The kernels are methods, not per-factor closures: blockedCholesky's call
   * sites then see one target for every factor, and a new factor (one per chain of solves, see
   * CouplingCache.factorOfOrder) does not send the optimized code that inlined the last one's
   * closures back to be compiled.
   */
  panelRows(_a: Float64Array, k: number, kb: number, ke: number): void {
    const nb = ke - kb;
    const rows = k - ke;
    const rows8 = rows + ((8 - (rows % 8)) % 8);
    const q = this.panelRowsArea;
    // q[p][t] = A[ke + t][kb + p], copied in WebAssembly (the copies were a JavaScript loop).
    const from = (ke * k + kb) * 8;
    this.gather(from, this.panelRowsAt, rows, nb, k, rows8, 1, 1, 1);
    for (let p = 0; p < nb; p++) q.fill(0, p * rows8 + rows, (p + 1) * rows8);
    this.panel(0, this.panelRowsAt, k, kb, nb, rows8);
    this.scatter(from, this.panelRowsAt, rows, nb, k, rows8, 1, 1, 1);
  }

  /** The 4 x 4 tiles in WebAssembly on the packed panel columns, the last (k - ke) mod 4 rows in JavaScript. */
  trailing(a: Float64Array, k: number, kb: number, ke: number): void {
    const full = tiledRowsEnd(k, ke);
    if (full > ke) {
      const nb = ke - kb;
      // packed[t][p][c] = A[ke + 4t + c][kb + p]: tile t's columns side by side for each p.
      this.gather((ke * k + kb) * 8, this.packedAt, full - ke, nb, k, 4, 1, 4, nb);
      this.syrk(0, this.packedAt, k, ke, full, kb, nb);
    }
    updateTrailingRows(a, k, kb, ke, full);
  }

  solve(b: Float64Array, offset = 0): void {
    if (!this.factored) throw notFactored();
    const k = this.order;
    checkSolveShape(k, b, offset);
    this.vector.set(b.subarray(offset, offset + k));
    this.forwardSolve(0, this.vectorAt, k);
    this.backSolve(0, this.vectorAt, k);
    b.set(this.vector, offset);
  }

  lower(): Float64Array {
    return Float64Array.from(this.matrix);
  }
}

/** The next even double index: a 16-byte aligned byte address. */
function evenIndex(v: number): number {
  return v % 2 === 0 ? v : v + 1;
}
