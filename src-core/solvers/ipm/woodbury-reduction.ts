import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import { applyFplus, applyFplusTranspose } from '../../convex/pattern-sum-products';
import { LowerGramScatter } from '../../linalg/lower-gram-scatter';
import type { Matrix } from '../../linalg/matrix';
import type { CouplingCache } from './coupling-cache';
import { factorLargeWith, type RegularizationCount } from './regularized-cholesky';
import type { USystemReduction } from './u-system-reduction';
import { WoodburyBlocks } from './woodbury-blocks';

/**
 * The u-system through a = dv - dw with an n x n factorization (cheaper than the dP x dP one of
 * direct-reduction.ts when n << dP): q = Bv^{-1} rv - Bw^{-1} rw, a = q - K F_+^T S^{-1} F_+ q
 * with K = blockdiag(Bv_i^{-1} + Bw_i^{-1}) and S = I + F_+ K F_+^T = I + sum_i D_i X K_i X^T D_i,
 * then, from the sum of the two block rows, (Bv + Bw) dw = rv + rw - Bv a and dv = dw + a; Q is
 * applied by two passes over X, never formed.
 *
 * The halves are recovered as direct-reduction.ts recovers them: (Bv + Bw)^{-1} Bv has norm at
 * most 1, so a's rounding is not amplified. The textbook recovery dv = Bv^{-1} (rv - Q a),
 * dw = Bw^{-1} (rw + Q a) multiplies it by Bv^{-1} Q, huge near the optimum where a neuron's block
 * is flat in the directions its cone leaves free; with it the certified gap stalled near 1e-2
 * (n = 600, P = 64; also n = 150, d = 11, P = 32, pinned by a test), with this recovery the
 * iterates follow the direct route's to its last step.
 */
export class WoodburyReduction implements USystemReduction {
  readonly setupMs = 0;
  readonly couplingReused = false;
  private readonly n: number;
  private readonly P: number;
  private readonly X: Matrix;
  private readonly masks: Uint8Array;
  private readonly count: RegularizationCount;
  /** The per-neuron blocks and their factors, inverses and solves (WebAssembly where available). */
  private readonly blocks: WoodburyBlocks;
  private large: CholeskyFactor | null;
  /** Passes the large factor on to the next solve on the same data (coupling-cache.ts); this path has no Q to share. */
  private readonly cache: CouplingCache | null;
  private readonly w: Float64Array;
  private readonly Z: Float64Array;
  private readonly T: Float64Array;
  /** The rows of each pattern, increasing. */
  private readonly patternRows: Int32Array[];
  private readonly gram: LowerGramScatter;

  constructor(X: Matrix, masks: Uint8Array, P: number, count: RegularizationCount, cache: CouplingCache | null = null) {
    const n = X.rows;
    const d = X.cols;
    const dP = d * P;
    this.n = n;
    this.P = P;
    this.X = X;
    this.masks = masks;
    this.count = count;
    this.cache = cache;
    this.large = cache?.factorOfOrder(n) ?? null;
    this.blocks = new WoodburyBlocks(d, P);
    this.w = new Float64Array(n);
    this.Z = new Float64Array(n * P);
    this.T = new Float64Array(dP);
    this.patternRows = [];
    let largest = 0;
    for (let i = 0; i < P; i++) {
      const rows: number[] = [];
      for (let k = 0; k < n; k++) if (masks[k * P + i] !== 0) rows.push(k);
      this.patternRows.push(Int32Array.from(rows));
      largest = Math.max(largest, rows.length);
    }
    this.gram = new LowerGramScatter(n, d, largest, { X, rows: this.patternRows });
  }

  factor(B: Float64Array): void {
    // The B_j and Bv_i + Bw_i factored, K_i = Bv_i^{-1} + Bw_i^{-1} formed explicitly from the
    // factors (exactly symmetric). Measured at n = 600, d = 31, P = 64 against solving for the
    // d columns of the identity with each factor (2 d^3 multiply-adds, a third of it in call
    // overhead): 4.2 -> 0.9 ms a step.
    this.blocks.factorBlocks(B, this.count);
    this.formS();
  }

  solve(r: Float64Array, du: Float64Array): void {
    const { blocks, w } = this;
    blocks.before(r);
    this.applyFplus(blocks.q, w);
    this.large!.solve(w, 0);
    this.applyFplusT(w, blocks.g);
    blocks.after(du);
  }

  /** Q a = F_+^T (F_+ a): two passes over X. */
  applyCoupling(a: Float64Array, out: Float64Array): void {
    this.applyFplus(a, this.w);
    this.applyFplusT(this.w, out);
  }

  /**
   * S = I + sum_i D_i X K_i X^T D_i, factored: with L_i L_i^T = K_i and y_k = L_i^T x_k for the
   * rows k of pattern i, D_i X K_i X^T D_i is the Gram of those y_k, formed and summed into S's
   * lower triangle by LowerGramScatter (WebAssembly SIMD, each pattern's rows of X packed there once).
   */
  private formS(): void {
    const { n, P, blocks } = this;
    const gram = this.gram;
    gram.reset();
    for (let i = 0; i < P; i++) {
      if (this.patternRows[i]!.length === 0) continue;
      blocks.factorK(i, this.count);
      gram.addLowerTransformed(i, blocks.square);
    }
    // S is written straight into the factor's storage (no n x n copy).
    this.large = factorLargeWith(
      (S) => {
        gram.lowerInto(S);
        for (let k = 0; k < n; k++) S[k * n + k]! += 1;
      },
      n,
      this.large,
      this.count,
    );
    this.cache?.keepFactor(this.large);
  }

  private applyFplus(b: Float64Array, out: Float64Array): void {
    applyFplus(this.X, this.masks, this.P, b, out, this.T, this.Z);
  }

  private applyFplusT(w: Float64Array, out: Float64Array): void {
    applyFplusTranspose(this.X, this.masks, this.P, w, out, this.T, this.Z);
  }
}
