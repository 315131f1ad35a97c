import { formPatternPairGrams } from '../../convex/block-system';
import { choleskySolve, forwardSubstituteMany } from '../../linalg/cholesky';
import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import type { Matrix } from '../../linalg/matrix';
import type { CouplingCache } from './coupling-cache';
import { factorLargeRegularized, type RegularizationCount } from './regularized-cholesky';
import { factorBlockSums, recoverHalves, type USystemReduction } from './u-system-reduction';

/**
 * The u-system through a = dv - dw, factored at order dP. From the two block rows,
 * Q a + Bv dv = rv and -Q a + Bw dw = rw, so (K^{-1} + Q) a = K^{-1} q with
 * K = Bv^{-1} + Bw^{-1}, q = Bv^{-1} rv - Bw^{-1} rw. With S_i = Bv_i + Bw_i:
 *   K_i^{-1} = Bv_i S_i^{-1} Bw_i = (L^{-1} Bv_i)^T (L^{-1} Bw_i)   (S_i = L L^T),
 *   K^{-1} q = Bw S^{-1} rv - Bv S^{-1} rw,
 *   dw = S^{-1} (rv + rw - Bv a),  dv = dw + a   (the sum of the two block rows),
 * so only S_i is ever inverted. Near the optimum one of Bv_i, Bw_i is huge where the other is
 * moderate (one neuron of a pattern zero, the other not); the product form never subtracts the
 * two, where (Bv^{-1} + Bw^{-1})^{-1} or Bv - Bv S^{-1} Bv loses the small one's digits (the
 * former was measured to lose positive definiteness). Q is formed once (it does not change), or
 * taken from a CouplingCache that an earlier solve on the same X and patterns filled.
 */
export class DirectReduction implements USystemReduction {
  readonly setupMs: number;
  /** Q came from the CouplingCache (an earlier solve on the same X and patterns formed it). */
  readonly couplingReused: boolean;
  private readonly d: number;
  private readonly P: number;
  /** Q = F_+^T F_+ (dP x dP, both triangles). */
  private readonly Q: Float64Array;
  /** The blocks B_j of the last factor() (2P of d x d). */
  private readonly blocks: Float64Array;
  /** Cholesky factors of S_i = Bv_i + Bw_i (P of d x d). */
  private readonly sFactors: Float64Array;
  /** K^{-1} + Q, then handed to the large factorization. */
  private readonly formed: Float64Array;
  private large: CholeskyFactor | null;
  /** Shares Q and the large factor with the other solves on the same data (coupling-cache.ts). */
  private readonly cache: CouplingCache | null;
  private readonly count: RegularizationCount;
  private readonly yv: Float64Array;
  private readonly yw: Float64Array;
  private readonly a: Float64Array;
  private readonly gv: Float64Array;
  private readonly gw: Float64Array;

  constructor(X: Matrix, masks: Uint8Array, P: number, count: RegularizationCount, now: () => number, cache: CouplingCache | null = null) {
    const d = X.cols;
    const dP = d * P;
    this.d = d;
    this.P = P;
    this.count = count;
    const t0 = now();
    const form = (): Float64Array => {
      const Q = formPatternPairGrams(X, masks, P);
      // Mirror the lower block triangle onto the upper one: the matrix-vector products read rows.
      for (let r = 0; r < dP; r++) for (let c = r + 1; c < dP; c++) Q[r * dP + c] = Q[c * dP + r]!;
      return Q;
    };
    let formed = false;
    this.Q = cache
      ? cache.coupling(X, masks, P, () => {
          formed = true;
          return form();
        })
      : form();
    this.couplingReused = cache !== null && !formed;
    this.cache = cache;
    this.large = cache?.factorOfOrder(dP) ?? null;
    this.setupMs = now() - t0;
    this.blocks = new Float64Array(2 * P * d * d);
    this.sFactors = new Float64Array(P * d * d);
    this.formed = new Float64Array(dP * dP);
    this.yv = new Float64Array(d * d);
    this.yw = new Float64Array(d * d);
    this.a = new Float64Array(dP);
    this.gv = new Float64Array(dP);
    this.gw = new Float64Array(dP);
  }

  /** Factors K^{-1} + Q, K_i^{-1} symmetrized (the computed product's triangles differ in the last bits). */
  factor(B: Float64Array): void {
    const { d, P, Q } = this;
    const dP = d * P;
    this.blocks.set(B);
    const M = this.formed;
    M.set(Q);
    const { yv, yw } = this;
    const S = this.sFactors;
    factorBlockSums(B, d, P, S, this.count);
    for (let i = 0; i < P; i++) {
      const bv = i * d * d;
      const bw = (P + i) * d * d;
      const L = S.subarray(bv, bv + d * d);
      yv.set(B.subarray(bv, bv + d * d));
      yw.set(B.subarray(bw, bw + d * d));
      forwardSubstituteMany(L, d, yv, d);
      forwardSubstituteMany(L, d, yw, d);
      for (let a = 0; a < d; a++) {
        const row = (i * d + a) * dP + i * d;
        for (let b = 0; b <= a; b++) {
          let ab = 0;
          let ba = 0;
          for (let p = 0; p < d; p++) {
            ab += yv[p * d + a]! * yw[p * d + b]!;
            ba += yv[p * d + b]! * yw[p * d + a]!;
          }
          const value = 0.5 * (ab + ba);
          M[row + b]! += value;
          if (b !== a) M[(i * d + b) * dP + i * d + a]! += value;
        }
      }
    }
    this.large = factorLargeRegularized(M, dP, this.large, this.count);
    this.cache?.keepFactor(this.large);
  }

  solve(r: Float64Array, du: Float64Array): void {
    const { d, P, a, gv, gw } = this;
    const half = d * P;
    const Bm = this.blocks;
    gv.set(r.subarray(0, half));
    gw.set(r.subarray(half));
    for (let i = 0; i < P; i++) {
      const L = this.sFactors.subarray(i * d * d, (i + 1) * d * d);
      choleskySolve(L, d, gv, i * d);
      choleskySolve(L, d, gw, i * d);
      const bv = i * d * d;
      const bw = (P + i) * d * d;
      for (let row = 0; row < d; row++) {
        let sum = 0;
        for (let col = 0; col < d; col++) sum += Bm[bw + row * d + col]! * gv[i * d + col]! - Bm[bv + row * d + col]! * gw[i * d + col]!;
        a[i * d + row] = sum;
      }
    }
    this.large!.solve(a, 0);
    recoverHalves(Bm, this.sFactors, d, P, r, a, du);
  }

  applyCoupling(a: Float64Array, out: Float64Array): void {
    const half = this.d * this.P;
    const Q = this.Q;
    // Four rows at a time: each a[c] is loaded once for four products, and the four independent
    // sums keep the adder busy (one running sum waits on its previous add every time).
    let r = 0;
    for (; r + 4 <= half; r += 4) {
      const r0 = r * half;
      const r1 = r0 + half;
      const r2 = r1 + half;
      const r3 = r2 + half;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < half; c++) {
        const ac = a[c]!;
        s0 += Q[r0 + c]! * ac;
        s1 += Q[r1 + c]! * ac;
        s2 += Q[r2 + c]! * ac;
        s3 += Q[r3 + c]! * ac;
      }
      out[r] = s0;
      out[r + 1] = s1;
      out[r + 2] = s2;
      out[r + 3] = s3;
    }
    for (; r < half; r++) {
      let sum = 0;
      const row = r * half;
      for (let c = 0; c < half; c++) sum += Q[row + c]! * a[c]!;
      out[r] = sum;
    }
  }
}
