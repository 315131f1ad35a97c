import { ConvexNetError } from '../errors';
import type { CholeskyFactor } from '../linalg/cholesky-factor';
import { factorCholesky } from '../linalg/factor-cholesky';
import { accumulateGramUpperRows, mirrorUpperToLower } from '../linalg/kernels';
import type { Matrix } from '../linalg/matrix';
import { simdKernels } from '../linalg/simd-kernels';
import { GramShiftInverse, gramShiftCost } from './gram-shift-inverse';
import { applyFplus, applyFplusTranspose } from './pattern-sum-products';

/**
 * Structured solver of the ADMM u-update system (paper-spec.md 3.4-3.5)
 *
 *   A u = r,   A = I_{2dP} + G^T G + c F^T F,   c > 0
 *
 * (c = 1/rho in Algorithm 3.1; c = 1 in a loss-splitting variant), never forming D_i, F or G.
 * u and r are 2P blocks of length d, row-major 2P x d: blocks 0..P-1 the v-half, P..2P-1 the
 * w-half. F = [F_+, -F_+] with F_+ = [D_1 X, ..., D_P X], and G^T G = blockdiag(X^T X) because
 * (2 D_i - I)^2 = I. Hence A = [[M + cQ, -cQ], [-cQ, M + cQ]] with M = I + blockdiag(X^T X),
 * Q = F_+^T F_+, and the sum/difference of the halves decouple exactly:
 *   q = M^{-1} (r1 + r2)              (P solves with ONE factored d x d I + X^T X, or with
 *                                      n x n I + X X^T for data wider than tall: GramShiftInverse),
 *   p = (M + 2c Q)^{-1} (r1 - r2)     (one dP x dP system),
 *   u-half = (q + p) / 2,   w-half = (q - p) / 2.
 * The p-system is solved on one of two exact paths:
 *   direct:   Cholesky of K = M + 2c Q, whose (i, j) block is
 *             delta_ij (I + X^T X) + 2c X^T D_i D_j X, accumulated over rows active in both.
 *   woodbury: p = M^{-1} r - M^{-1} F_+^T S^{-1} F_+ M^{-1} r with the n x n matrix
 *             S = I/(2c) + F_+ M^{-1} F_+^T = I/(2c) + H o (Dm Dm^T),
 *             H = X (I + X^T X)^{-1} X^T, Dm the n x P mask matrix, o the Hadamard product.
 */

export type BlockSystemPath = 'direct' | 'woodbury';

/** The parts of a PatternSet the solver needs: masks[k * count + i] = 1 iff row k is active in pattern i. */
export interface PatternMasks {
  readonly n: number;
  readonly count: number;
  readonly masks: Uint8Array;
}

export interface BlockSystemOptions {
  /**
   * 'auto' (default) picks the path with the smaller modelled flop count
   * setupFlops + expectedSolves * solveFlops. For n well below dP that is Woodbury, for n at or
   * above dP direct; for n between about dP/2 and dP the direct path can win because its solves
   * are cheaper (2 (dP)^2 against 4 n dP + 2 n^2), and it is then taken although it factors the
   * larger matrix. Force a path to override.
   */
  readonly path?: BlockSystemPath | 'auto';
  /** Number of solves the factorization is amortized over in the 'auto' cost model (default 100). */
  readonly expectedSolves?: number;
}

export interface BlockSystemCost {
  readonly path: BlockSystemPath;
  /** Flops of the one-time setup (Gram matrix, forming, Cholesky factorizations). */
  readonly setupFlops: number;
  /** Flops of one call of solve(). */
  readonly solveFlops: number;
  /** Peak bytes held by the solver (factors, workspaces, setup temporaries); X itself not counted. */
  readonly bytes: number;
  /** Order of the largest matrix that is Cholesky-factored: d*P (direct) or n (woodbury), at least d. */
  readonly factoredDimension: number;
}

export interface BlockSystemTimings {
  /** The factored I + X^T X (or I + X X^T: gram-shift-inverse.ts), and X^T X on the direct path. */
  readonly gramMs: number;
  /** Forming the dP x dP (direct) or n x n (woodbury) matrix. */
  readonly formMs: number;
  /** Cholesky of that matrix. */
  readonly choleskyMs: number;
}

/** Default number of ADMM iterations a factorization is amortized over (paper-spec 3.9: hundreds). */
const DEFAULT_EXPECTED_SOLVES = 100;
/** Rows per chunk when forming the direct matrix: the chunk of X (~0.4 MB for d = 50) stays in L2. */
const FORM_CHUNK_ROWS = 1024;
/** Integer operations charged per 32-bit popcount word in the cost model. */
const POPCOUNT_OPS = 12;

function flopCosts(path: BlockSystemPath, n: number, d: number, P: number): BlockSystemCost {
  const dP = d * P;
  // Common to both paths: the factored I + X^T X (or I + X X^T, gram-shift-inverse.ts), P block
  // solves for q.
  const shift = gramShiftCost(n, d);
  const common = shift.setupFlops;
  const blockSolves = P * shift.solveFlops;
  const halves = 6 * dP;
  const smallBytes = shift.bytes + 8 * 2 * dP + n * P; // that factor, q/p workspaces, mask copy
  if (path === 'direct') {
    // A pattern is active on about half the rows, a pair of patterns on about a quarter; each
    // row adds d(d+1)/2 multiply-adds (upper triangle of one symmetric block).
    const rowsPerPair = n / 2 + ((P - 1) * n) / 8; // (P diagonal pairs * n/2 + P(P-1)/2 pairs * n/4) / P
    // The diagonal blocks need X^T X also when M is applied in its row form.
    const form = 2 * ((d * (d + 1)) / 2) * P * rowsPerPair + (shift.form === 'rows' ? n * d * (d + 1) : 0);
    const factor = (dP * dP * dP) / 3;
    return {
      path,
      setupFlops: common + form + factor,
      solveFlops: blockSolves + 2 * dP * dP + halves,
      bytes: smallBytes + 8 * dP * dP + (4 + 5 * P) * FORM_CHUNK_ROWS,
      factoredDimension: Math.max(dP, d),
    };
  }
  const words = Math.ceil(P / 32);
  const pairs = (n * (n + 1)) / 2;
  const form = shift.projectionFlops + pairs * words * POPCOUNT_OPS; // H = X M^-1 X^T, mask overlaps
  const factor = (n * n * n) / 3;
  return {
    path,
    setupFlops: common + form + factor,
    // Two multi-vector passes over X, two n x n triangular solves, 3P block solves, masking.
    solveFlops: 4 * n * dP + 2 * n * n + 3 * blockSolves + 3 * n * P + halves,
    bytes: smallBytes + 8 * (n * n + 2 * dP + n * P + n) + 8 * n * d + 4 * n * words, // + Y and bit masks during setup
    factoredDimension: Math.max(n, d),
  };
}

/**
 * Flop and memory model of the structured solver for n rows, d features and P patterns; the
 * path is the one `factorBlockSystem` takes with the same options. 'auto' minimizes
 * setupFlops + expectedSolves * solveFlops.
 */
export function estimateBlockSystemCost(n: number, d: number, P: number, options: BlockSystemOptions = {}): BlockSystemCost {
  const requested = options.path ?? 'auto';
  if (requested !== 'auto' && requested !== 'direct' && requested !== 'woodbury') {
    throw new ConvexNetError('solver/invalid-argument', `block system: path must be 'auto', 'direct' or 'woodbury', got ${String(requested)}.`);
  }
  if (requested !== 'auto') return flopCosts(requested, n, d, P);
  const solves = options.expectedSolves ?? DEFAULT_EXPECTED_SOLVES;
  if (!(solves >= 0) || !Number.isFinite(solves)) {
    throw new ConvexNetError('solver/invalid-argument', `block system: expectedSolves must be a finite number >= 0, got ${solves}.`);
  }
  const direct = flopCosts('direct', n, d, P);
  const woodbury = flopCosts('woodbury', n, d, P);
  const total = (c: BlockSystemCost): number => c.setupFlops + solves * c.solveFlops;
  return total(woodbury) < total(direct) ? woodbury : direct;
}

function nowMs(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Direct path: K = M + 2c F_+^T F_+ (dP x dP, lower block triangle filled): the pattern-pair
 * Grams of formPatternPairGrams, scaled by 2c, plus I + X^T X on the diagonal blocks.
 */
function formDirectMatrix(X: Matrix, masks: Uint8Array, P: number, c: number, gram: Float64Array): Float64Array {
  const d = X.cols;
  const dim = d * P;
  const K = formPatternPairGrams(X, masks, P);
  const scale = 2 * c;
  for (let i = 0; i < P; i++) {
    for (let j = i; j < P; j++) {
      const offset = j * d * dim + i * d;
      for (let l = 0; l < d; l++) {
        const row = offset + l * dim;
        for (let t = 0; t < d; t++) K[row + t] *= scale;
        if (i === j) {
          for (let t = 0; t < d; t++) K[row + t] += gram[l * d + t];
          K[row + l] += 1;
        }
      }
    }
  }
  return K;
}

/**
 * F_+^T F_+ for F_+ = [D_1 X, ..., D_P X]: a dP x dP matrix whose block (j, i), j >= i, is
 * X^T D_i D_j X, filled on and below the block diagonal (blocks above it are zero). Each block
 * is accumulated chunk by chunk over the rows active in both patterns (an index list; rows are
 * not copied), upper triangle only, then mirrored, since every such block is symmetric. Written
 * into `into` (dP x dP, overwritten) when given, e.g. a buffer reused at every Newton step.
 */
export function formPatternPairGrams(X: Matrix, masks: Uint8Array, P: number, into?: Float64Array): Float64Array {
  const n = X.rows;
  const d = X.cols;
  const x = X.data;
  const dim = d * P;
  if (into && into.length !== dim * dim) throw new ConvexNetError('linalg/shape-mismatch', `formPatternPairGrams: the output has ${into.length} entries, expected ${dim} x ${dim}.`);
  const K = into ? into.fill(0) : new Float64Array(dim * dim);
  const chunk = Math.min(FORM_CHUNK_ROWS, n);
  const pairRows = new Int32Array(chunk);
  // Per chunk: rows active in each pattern (pattern-major lists) and the transposed masks, so
  // the pair scans below read contiguous memory.
  const activeRows = new Int32Array(P * chunk);
  const activeCount = new Int32Array(P);
  const masksT = new Uint8Array(P * chunk);
  // WebAssembly SIMD accumulation where available (the same sums in the same order).
  const simd = simdKernels();
  const simdBlocks = simd ? simd.gramBlocks(x, n, d, P, chunk) : null;
  for (let k0 = 0; k0 < n; k0 += chunk) {
    const k1 = Math.min(n, k0 + chunk);
    activeCount.fill(0);
    for (let k = k0; k < k1; k++) {
      for (let i = 0, e = k * P; i < P; i++, e++) {
        const on = masks[e];
        masksT[i * chunk + (k - k0)] = on;
        if (on !== 0) activeRows[i * chunk + activeCount[i]++] = k;
      }
    }
    for (let i = 0; i < P; i++) {
      const active = activeCount[i];
      if (active === 0) continue;
      const list = i * chunk;
      for (let j = i; j < P; j++) {
        const maskJ = j * chunk - k0;
        let both = 0;
        for (let t = 0; t < active; t++) {
          // Branch-free append: the slot is kept only when row k is active in pattern j.
          const k = activeRows[list + t];
          pairRows[both] = k;
          both += masksT[maskJ + k];
        }
        if (both === 0) continue;
        if (simdBlocks) simdBlocks.accumulate(pairRows, both, j, i);
        else accumulateGramUpperRows(x, d, pairRows, both, K, j * d * dim + i * d, dim);
      }
    }
  }
  simdBlocks?.finish(K);
  for (let i = 0; i < P; i++) {
    for (let j = i; j < P; j++) mirrorUpperToLower(K, d, j * d * dim + i * d, dim);
  }
  return K;
}

/**
 * Woodbury path: S = I/(2c) + H o (Dm Dm^T), lower triangle, n x n, with H = X M^{-1} X^T
 * (GramShiftInverse.rowProjection); (Dm Dm^T)_{kl} is the number of patterns active on both
 * rows k and l, counted by popcount over bit-packed masks.
 */
function formWoodburyMatrix(n: number, masks: Uint8Array, P: number, c: number, inverse: GramShiftInverse): Float64Array {
  const S = inverse.rowProjection();
  const words = Math.ceil(P / 32);
  const bits = new Uint32Array(n * words);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < P; i++) if (masks[k * P + i] !== 0) bits[k * words + (i >>> 5)] |= 1 << (i & 31);
  }
  const shift = 1 / (2 * c);
  for (let k = 0; k < n; k++) {
    const bk = k * words;
    const row = k * n;
    for (let l = 0; l <= k; l++) {
      const bl = l * words;
      let overlap = 0;
      for (let w = 0; w < words; w++) overlap += popcount32(bits[bk + w] & bits[bl + w]);
      S[row + l] *= overlap;
    }
    S[row + k] += shift;
  }
  return S;
}

/**
 * A factored u-update system. Build with `factorBlockSystem`; `solve` then costs two small
 * block solves plus either two dP triangular solves (direct) or two multi-vector passes over X
 * and two n triangular solves (woodbury), with no allocation. The Woodbury path keeps a
 * reference to X: do not modify X while the system is in use.
 */
export class StructuredSystem {
  readonly n: number;
  readonly d: number;
  readonly P: number;
  /** Coefficient of F^T F; changed by setCoefficient (a rho change). */
  c: number;
  readonly path: BlockSystemPath;
  /** Wall time of the whole setup (Gram matrix, forming, factorizations) in ms. */
  readonly factorMs: number;
  readonly timings: BlockSystemTimings;
  /** Order of the largest matrix factored during setup (d*P direct, n woodbury, at least d). */
  readonly largestFactoredDimension: number;
  private readonly X: Matrix;
  private readonly masks: Uint8Array;
  /** M^{-1} = (I + X^T X)^{-1}, in the cheaper of its two forms. */
  private readonly inverseM: GramShiftInverse;
  /**
   * Cholesky factor of K (dP x dP, direct) or S (n x n, woodbury): resident in WebAssembly
   * memory where SIMD is available (factored there, never copied per solve), else JavaScript.
   */
  private readonly factorP: CholeskyFactor;
  /** The formed (unfactored) K or S at coefficient c, kept so a new c needs only a Cholesky. */
  private readonly formed: Float64Array;
  /** X^T X (d x d), for the block-diagonal part of K (direct path; empty on the Woodbury path). */
  private readonly gram: Float64Array;
  /** Number of Cholesky factorizations of the large system (setup counts as one). */
  factorizations = 1;
  private readonly sumHalf: Float64Array;
  private readonly diffHalf: Float64Array;
  private readonly blocksT: Float64Array;
  private readonly rowSpace: Float64Array;
  private readonly rowVector: Float64Array;
  private readonly correction: Float64Array;

  /** @internal use factorBlockSystem */
  constructor(X: Matrix, patterns: PatternMasks, c: number, options: BlockSystemOptions) {
    const n = X.rows;
    const d = X.cols;
    const P = patterns.count;
    if (patterns.n !== n) {
      throw new ConvexNetError('linalg/shape-mismatch', `factorBlockSystem: the patterns were computed for ${patterns.n} rows, X has ${n}.`);
    }
    if (!Number.isInteger(P) || P < 1 || d < 1 || n < 1) {
      throw new ConvexNetError('linalg/shape-mismatch', `factorBlockSystem: need n >= 1, d >= 1 and P >= 1, got n = ${n}, d = ${d}, P = ${P}.`);
    }
    if (patterns.masks.length !== n * P) {
      throw new ConvexNetError('linalg/shape-mismatch', `factorBlockSystem: masks have ${patterns.masks.length} entries, expected n x P = ${n * P}.`);
    }
    if (!(c > 0) || !Number.isFinite(c)) {
      throw new ConvexNetError('solver/invalid-argument', `factorBlockSystem: c must be a finite number > 0 (c = 1/rho), got ${c}.`);
    }
    this.n = n;
    this.d = d;
    this.P = P;
    this.c = c;
    this.X = X;
    this.masks = patterns.masks.map((v) => (v !== 0 ? 1 : 0)); // own 0/1 copy
    this.path = estimateBlockSystemCost(n, d, P, options).path;

    const t0 = nowMs();
    this.inverseM = new GramShiftInverse(X);
    const gram = this.path === 'direct' ? this.inverseM.featureGram() : new Float64Array(0);
    const t1 = nowMs();
    const system = this.path === 'direct'
      ? formDirectMatrix(X, this.masks, P, c, gram)
      : formWoodburyMatrix(n, this.masks, P, c, this.inverseM);
    const t2 = nowMs();
    const order = this.path === 'direct' ? d * P : n;
    this.formed = system;
    this.gram = gram;
    const factorP = factorCholesky(system, order);
    const t3 = nowMs();
    this.factorP = factorP;
    this.largestFactoredDimension = Math.max(order, d);
    this.timings = { gramMs: t1 - t0, formMs: t2 - t1, choleskyMs: t3 - t2 };
    this.factorMs = t3 - t0;

    this.sumHalf = new Float64Array(d * P);
    this.diffHalf = new Float64Array(d * P);
    const woodbury = this.path === 'woodbury';
    this.blocksT = new Float64Array(woodbury ? d * P : 0);
    this.rowSpace = new Float64Array(woodbury ? n * P : 0);
    this.rowVector = new Float64Array(woodbury ? n : 0);
    this.correction = new Float64Array(woodbury ? d * P : 0);
  }

  /**
   * Refactors for a new coefficient c' (a rho change) without touching X: the formed matrix is
   * affine in the coefficient. Direct: K(c) = blockdiag(I + X^T X) + 2c G, so
   * K(c') = (c'/c) K(c) + (1 - c'/c) blockdiag(I + X^T X). Woodbury: S(c) = H o (Dm Dm^T) + I/(2c),
   * so S(c') = S(c) + (1/(2c') - 1/(2c)) I. Costs one Cholesky instead of forming again.
   */
  setCoefficient(next: number): void {
    if (!(next > 0) || !Number.isFinite(next)) {
      throw new ConvexNetError('solver/invalid-argument', `setCoefficient: c must be a finite number > 0, got ${next}.`);
    }
    const { d, P, n, formed, gram } = this;
    const order = this.path === 'direct' ? d * P : n;
    if (this.path === 'direct') {
      const ratio = next / this.c;
      for (let t = 0; t < formed.length; t++) formed[t] = formed[t]! * ratio;
      const rest = 1 - ratio;
      for (let i = 0; i < P; i++) {
        for (let a = 0; a < d; a++) {
          const row = (i * d + a) * order + i * d;
          for (let b = 0; b < d; b++) formed[row + b]! += rest * (gram[a * d + b]! + (a === b ? 1 : 0));
        }
      }
    } else {
      const shift = 1 / (2 * next) - 1 / (2 * this.c);
      for (let k = 0; k < n; k++) formed[k * n + k]! += shift;
    }
    this.c = next;
    this.factorP.factor(formed);
    this.factorizations++;
  }

  /** The flop and memory model (same as estimateBlockSystemCost), for time/memory estimators. */
  static estimateCost(n: number, d: number, P: number, options: BlockSystemOptions = {}): BlockSystemCost {
    return estimateBlockSystemCost(n, d, P, options);
  }

  /** Where the large factor lives and is solved: 'wasm-simd' (WebAssembly memory) or 'javascript'. */
  get factorBackend(): CholeskyFactor['backend'] {
    return this.factorP.backend;
  }

  /** Length of u and r: 2 d P. */
  get size(): number {
    return 2 * this.d * this.P;
  }

  /**
   * out = A^{-1} r for r, out of length 2dP (row-major 2P x d). `out` may be the same array as
   * `r`. Allocates nothing.
   */
  solve(r: Float64Array, out: Float64Array): void {
    const { d, P } = this;
    const half = d * P;
    if (r.length !== 2 * half || out.length !== 2 * half) {
      throw new ConvexNetError('linalg/shape-mismatch', `StructuredSystem.solve: r and out need ${2 * half} entries, got ${r.length} and ${out.length}.`);
    }
    const q = this.sumHalf;
    const p = this.diffHalf;
    for (let t = 0; t < half; t++) {
      const a = r[t];
      const b = r[half + t];
      q[t] = a + b;
      p[t] = a - b;
    }
    this.inverseM.solveBlocks(q, P);
    if (this.path === 'direct') this.factorP.solve(p, 0);
    else this.solveWoodbury(p);
    for (let t = 0; t < half; t++) {
      out[t] = 0.5 * (q[t] + p[t]);
      out[half + t] = 0.5 * (q[t] - p[t]);
    }
  }

  /** p <- (M + 2c F_+^T F_+)^{-1} p by Woodbury; products with X are multi-vector passes. */
  private solveWoodbury(p: Float64Array): void {
    const { d, P, X, masks } = this;
    const T = this.blocksT;
    const Z = this.rowSpace;
    const w = this.rowVector;
    const corr = this.correction;
    // t = M^{-1} p (blockwise), w = S^{-1} F_+ t, corr = M^{-1} F_+^T w.
    this.inverseM.solveBlocks(p, P);
    applyFplus(X, masks, P, p, w, T, Z);
    this.factorP.solve(w, 0);
    applyFplusTranspose(X, masks, P, w, corr, T, Z);
    this.inverseM.solveBlocks(corr, P);
    for (let t = 0; t < d * P; t++) p[t] -= corr[t];
  }
}

/**
 * Factors the u-update system A = I + G^T G + c F^T F for data X (n x d) and P patterns.
 * Throws ConvexNetError on inconsistent shapes or c <= 0.
 */
export function factorBlockSystem(
  X: Matrix,
  patterns: PatternMasks,
  c: number,
  options: BlockSystemOptions = {},
): StructuredSystem {
  return new StructuredSystem(X, patterns, c, options);
}
