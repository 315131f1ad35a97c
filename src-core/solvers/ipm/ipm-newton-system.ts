import { formPatternPairGrams } from '../../convex/block-system';
import { ConvexNetError } from '../../errors';
import { choleskyFactor, choleskySolve, forwardSubstituteMany } from '../../linalg/cholesky';
import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import { factorCholesky } from '../../linalg/factor-cholesky';
import { multiplyXB, multiplyXtR, rowGramLower } from '../../linalg/kernels';
import { packedIndex, WeightedGrams } from './weighted-grams';
import type { Matrix } from '../../linalg/matrix';
import { wInverseMatrix } from './second-order-cone';

/**
 * The reduced Newton system of the interior-point method (solve-ipm.ts), solved without forming
 * D_i, F or the 2P(d+1)-dimensional matrix. Unknowns: the blocks u_j (2P x d, v-half then
 * w-half, as ConvexBlocks) and the cone heights t_j (2P). The matrix is
 *
 *   H = [F^T F, 0; 0, 0] + blockdiag_j( Omega_j + [0, 0; 0, X^T diag(c_j) X] )
 *
 * where F = [F_+, -F_+], F_+ = [D_1 X, ..., D_P X], c_j >= 0 are the scaled weights of block
 * j's n linear cone constraints (z / s; (2 D_i - I)^2 = I, so the signs drop out) and Omega_j
 * is the (d+1) x (d+1) Nesterov-Todd matrix W_j^{-2} of its second-order cone on (t_j, u_j).
 *
 * Elimination, all exact:
 * 1. t_j appears only in block j: dt_j = (rt_j - Omega_tu . du_j) / Omega_tt, leaving
 *    B_j = X^T diag(c_j) X + Omega_uu - Omega_ut Omega_tu / Omega_tt (d x d, SPD) on u_j.
 * 2. The u-system blockdiag(B_j) + F^T F, with F^T F = [[Q, -Q], [-Q, Q]], Q = F_+^T F_+, is
 *    solved through a = dv - dw on one of two paths. From the two block rows,
 *    Q a + Bv dv = rv and -Q a + Bw dw = rw, so dv = Bv^{-1} (rv - Q a), dw = Bw^{-1} (rw + Q a)
 *    and (K^{-1} + Q) a = K^{-1} q with K = Bv^{-1} + Bw^{-1}, q = Bv^{-1} rv - Bw^{-1} rw.
 *    direct:   the dP x dP matrix K^{-1} + Q factored (Q formed once per solve: it does not
 *              change). With S_i = Bv_i + Bw_i, K_i^{-1} = Bv_i S_i^{-1} Bw_i, the right-hand
 *              side is K^{-1} q = Bw S^{-1} rv - Bv S^{-1} rw, and dw = S^{-1} (rv + rw - Bv a),
 *              dv = dw + a (the sum of the two block rows): only S_i is ever inverted. Near the
 *              optimum one of Bv_i, Bw_i is huge where the other is moderate (one neuron of a
 *              pattern zero, the other not); the product form never subtracts the two, where
 *              (Bv^{-1} + Bw^{-1})^{-1} or Bv - Bv S^{-1} Bv loses the small one's digits.
 *    woodbury: a = q - K F_+^T S^{-1} F_+ q with K = blockdiag(Bv_i^{-1} + Bw_i^{-1}) and the
 *              n x n matrix S = I + F_+ K F_+^T = I + sum_i D_i X K_i X^T D_i, then
 *              dv = Bv^{-1} (rv - Q a), dw = Bw^{-1} (rw + Q a). Cheaper when n << dP, but
 *              measured to lose accuracy in the last iterations (n = 600, P = 64: the
 *              certified gap stalls near 2e-2 where the direct path goes on to 1e-4 and below),
 *              so 'auto' takes it only when the direct matrix would be too large to factor.
 *    Both paths finish with iterative refinement against the exact 2dP x 2dP operator (its
 *    product costs one dP x dP (direct) or two F_+ passes (woodbury)), so what rounding the
 *    reduction loses in the last steps is recovered.
 * The flops per update: 2P weighted Grams (2 n d^2 each, one multi-vector pass), 2P small
 * Cholesky factorizations, then (dP)^3 / 3 (direct) or sum_i |D_i|^2 d + n^3 / 3 (woodbury).
 */
export type IpmSystemPath = 'direct' | 'woodbury';

/** Most iterative-refinement corrections of a Woodbury solve. */
const MAX_REFINEMENTS = 4;

/** Largest dP the 'auto' choice factors directly (a 6000 x 6000 factor is 288 MB and ~72 GFLOP). */
export const IPM_DIRECT_MAX_ORDER = 6000;

/**
 * 'auto' resolves to the direct path whenever its order dP is at most IPM_DIRECT_MAX_ORDER (it
 * keeps full accuracy to the end; see above), else to Woodbury.
 */
export function chooseIpmSystemPath(d: number, P: number, requested: IpmSystemPath | 'auto'): IpmSystemPath {
  if (requested !== 'auto') return requested;
  return d * P <= IPM_DIRECT_MAX_ORDER ? 'direct' : 'woodbury';
}

export class IpmNewtonSystem {
  readonly n: number;
  readonly d: number;
  readonly P: number;
  readonly path: IpmSystemPath;
  /** Wall ms spent forming Q (direct path), for notes. */
  readonly setupMs: number;
  private readonly X: Matrix;
  private readonly masks: Uint8Array;
  /** Q = F_+^T F_+ (dP x dP, both triangles), direct path only. */
  private readonly Q: Float64Array;
  /** Cholesky factors of B_j (2P blocks of d x d). */
  private readonly bFactors: Float64Array;
  private readonly reduced: Float64Array;
  /** The unfactored B_j (2P blocks of d x d), for the reduction and the refinement residual. */
  private readonly bMatrices: Float64Array;
  /** Direct path: Cholesky factors of S_i = Bv_i + Bw_i (P blocks of d x d). */
  private readonly sFactors: Float64Array;
  private readonly sWork: Float64Array;
  private readonly sWork2: Float64Array;
  private readonly refineResidual: Float64Array;
  private readonly refineCorrection: Float64Array;
  /** Omega_tt (2P) and Omega_tu (2P x d) for the t elimination. */
  private readonly omegaTt: Float64Array;
  private readonly omegaTu: Float64Array;
  /** K_i = Bv_i^{-1} + Bw_i^{-1}, P blocks of d x d (woodbury path). */
  private readonly kBlocks: Float64Array;
  /** Scratch: the formed dP x dP or n x n matrix, then its factor. */
  private readonly formed: Float64Array;
  private factor: CholeskyFactor | null = null;
  private readonly grams: WeightedGrams;
  private readonly work2Pd: Float64Array;
  private readonly workPd: Float64Array;
  private readonly workPd2: Float64Array;
  private readonly workDP: Float64Array;
  private readonly workNP: Float64Array;
  private readonly workN: Float64Array;
  private readonly rowList: Int32Array;
  private readonly gathered: Float64Array;
  /** X^T Z (d x P) in the F_+^T products. */
  private readonly blocksT: Float64Array;
  private readonly smallGram: Float64Array;
  private readonly identityCols: Float64Array;
  private readonly coneMatrix: Float64Array;
  /** Times the diagonal of a B_j or K_i had to be raised to keep it positive definite. */
  regularizations = 0;

  constructor(X: Matrix, masks: Uint8Array, P: number, path: IpmSystemPath, now: () => number) {
    const n = X.rows;
    const d = X.cols;
    if (masks.length !== n * P) throw new ConvexNetError('linalg/shape-mismatch', `IpmNewtonSystem: masks have ${masks.length} entries, expected ${n * P}.`);
    this.n = n;
    this.d = d;
    this.P = P;
    this.X = X;
    this.masks = masks;
    this.path = path;
    const t0 = now();
    const dP = d * P;
    if (path === 'direct') {
      const Q = formPatternPairGrams(X, masks, P);
      // Mirror the lower block triangle onto the upper one: the matrix-vector products read rows.
      for (let r = 0; r < dP; r++) for (let c = r + 1; c < dP; c++) Q[r * dP + c] = Q[c * dP + r]!;
      this.Q = Q;
    } else {
      this.Q = new Float64Array(0);
    }
    this.setupMs = now() - t0;
    const m = 2 * P;
    this.bFactors = new Float64Array(m * d * d);
    this.reduced = new Float64Array(m * d);
    this.bMatrices = new Float64Array(m * d * d);
    this.sFactors = new Float64Array(path === 'direct' ? P * d * d : 0);
    this.sWork = new Float64Array(d * d);
    this.sWork2 = new Float64Array(d * d);
    this.refineResidual = new Float64Array(m * d);
    this.refineCorrection = new Float64Array(m * d);
    this.omegaTt = new Float64Array(m);
    this.omegaTu = new Float64Array(m * d);
    this.kBlocks = new Float64Array(path === 'woodbury' ? P * d * d : 0);
    this.formed = new Float64Array(path === 'direct' ? dP * dP : n * n);
    this.grams = new WeightedGrams(X, m);
    this.work2Pd = new Float64Array(m * d);
    this.workPd = new Float64Array(dP);
    this.workPd2 = new Float64Array(dP);
    this.workDP = new Float64Array(dP);
    this.workNP = new Float64Array(path === 'woodbury' ? n * P : 0);
    this.workN = new Float64Array(path === 'woodbury' ? n : 0);
    this.rowList = new Int32Array(path === 'woodbury' ? n : 0);
    this.gathered = new Float64Array(path === 'woodbury' ? n * d : 0);
    this.blocksT = new Float64Array(path === 'woodbury' ? d * P : 0);
    this.smallGram = new Float64Array(path === 'woodbury' ? n * n : 0);
    this.identityCols = new Float64Array(d * d);
    this.coneMatrix = new Float64Array((d + 1) * (d + 1));
  }

  /**
   * Forms and factors the system for new scaling weights.
   * @param c    n x 2P (pattern space, row-major): z / s of every linear cone constraint
   * @param eta  2P scale factors and
   * @param v    2P hyperbolic vectors (length d+1) of the second-order cones' NT scalings,
   *             W_j = eta_j (2 v_j v_j^T - J) (second-order-cone.ts)
   */
  update(c: Float64Array, eta: Float64Array, v: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const side = d + 1;
    this.grams.compute(c);
    const G = this.grams.packed; // packed lower triangles x 2P
    const B = this.bFactors;
    const R = this.coneMatrix;
    for (let j = 0; j < m; j++) {
      // Omega_j = W_j^{-2} = R^T R with R = W_j^{-1} = (1/eta)(2 a a^T - J), a = J v (symmetric).
      // With R = [r0, R_u] by columns: Omega_tt = r0^T r0, Omega_tu = r0^T R_u, and the Schur
      // complement Omega_uu - Omega_ut Omega_tu / Omega_tt = R_u^T (I - r0 r0^T / r0^T r0) R_u,
      // formed as the Gram of the projected columns: positive semidefinite by construction
      // (the subtraction loses it near the optimum, where Omega is huge in one direction).
      wInverseMatrix(eta[j]!, v, j * side, side, R, 0);
      let tt = 0;
      for (let p = 0; p < side; p++) tt += R[p * side]! * R[p * side]!;
      this.omegaTt[j] = tt;
      for (let a = 0; a < d; a++) {
        let tu = 0;
        for (let p = 0; p < side; p++) tu += R[p * side]! * R[p * side + 1 + a]!;
        this.omegaTu[j * d + a] = tu;
        // Project column a of R_u off r0 (in place: columns 1..d of R).
        const f = tu / tt;
        for (let p = 0; p < side; p++) R[p * side + 1 + a]! -= f * R[p * side]!;
      }
      const at = j * d * d;
      for (let a = 0; a < d; a++) {
        for (let b = 0; b <= a; b++) {
          let sum = 0;
          for (let p = 0; p < side; p++) sum += R[p * side + 1 + a]! * R[p * side + 1 + b]!;
          const value = G[packedIndex(a, b) * m + j]! + sum;
          B[at + a * d + b] = value;
          B[at + b * d + a] = value;
        }
      }
      this.bMatrices.set(B.subarray(at, at + d * d), at);
      if (this.path === 'woodbury') this.factorSmall(B, at);
    }
    if (this.path === 'direct') {
      this.factorDirect();
      return;
    }
    // K_i = Bv_i^{-1} + Bw_i^{-1}, explicitly (d solves of each factor).
    const K = this.kBlocks;
    const cols = this.identityCols;
    for (let i = 0; i < P; i++) {
      const at = i * d * d;
      for (let half = 0; half < 2; half++) {
        const f = (i + half * P) * d * d;
        cols.fill(0);
        for (let a = 0; a < d; a++) cols[a * d + a] = 1;
        for (let a = 0; a < d; a++) choleskySolve(B.subarray(f, f + d * d), d, cols, a * d);
        for (let t = 0; t < d * d; t++) K[at + t] = (half === 0 ? 0 : K[at + t]!) + cols[t]!;
      }
      // Symmetrize (the two triangles of a computed inverse differ in the last bits).
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < a; b++) {
          const v = 0.5 * (K[at + a * d + b]! + K[at + b * d + a]!);
          K[at + a * d + b] = v;
          K[at + b * d + a] = v;
        }
      }
    }
    this.factorWoodbury();
  }

  /**
   * Solves H [du; dt] = [ru; rt]. ru, du: 2P x d; rt, dt: 2P. du may alias ru, dt may alias rt.
   */
  solve(ru: Float64Array, rt: Float64Array, du: Float64Array, dt: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const rr = this.reduced;
    // 1. Eliminate t: ru~_j = ru_j - Omega_ut rt_j / Omega_tt.
    for (let j = 0; j < m; j++) {
      const f = rt[j]! / this.omegaTt[j]!;
      for (let a = 0; a < d; a++) rr[j * d + a] = ru[j * d + a]! - this.omegaTu[j * d + a]! * f;
    }
    // 2. The u-system, then iterative refinement with the same factors: both reductions
    // subtract nearly equal quantities when some rows carry weights 1e10 times the rest
    // (measured on the Woodbury path: 1e-4 relative error on an 8-row problem); corrections
    // stop once the residual stops shrinking.
    this.solveReduced(rr, du);
    const res = this.refineResidual;
    let previous = Infinity;
    let scale = 0;
    for (let k = 0; k < rr.length; k++) scale = Math.max(scale, Math.abs(rr[k]!));
    for (let step = 0; step < MAX_REFINEMENTS; step++) {
      this.applyReducedMatrix(du, res);
      let size = 0;
      for (let k = 0; k < res.length; k++) {
        res[k] = rr[k]! - res[k]!;
        size = Math.max(size, Math.abs(res[k]!));
      }
      if (size <= 1e-15 * scale || size >= 0.5 * previous) break;
      previous = size;
      this.solveReduced(res, this.refineCorrection);
      for (let k = 0; k < du.length; k++) du[k]! += this.refineCorrection[k]!;
    }
    // 3. Back-substitute the heights.
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let r = 0; r < d; r++) s += this.omegaTu[j * d + r]! * du[j * d + r]!;
      dt[j] = (rt[j]! - s) / this.omegaTt[j]!;
    }
  }

  private solveReduced(r: Float64Array, du: Float64Array): void {
    if (this.path === 'direct') this.solveDirect(r, du);
    else this.solveWoodbury(r, du);
  }

  /**
   * du = (blockdiag(B) + F^T F)^{-1} r on the direct path: a = (K^{-1} + Q)^{-1} (Bw S^{-1} rv
   * - Bv S^{-1} rw), dw = S^{-1} (rv + rw - Bv a), dv = dw + a (see the class comment).
   */
  private solveDirect(r: Float64Array, du: Float64Array): void {
    const { d, P } = this;
    const half = d * P;
    const Bm = this.bMatrices;
    const a = this.workPd;
    const gv = this.workDP;
    const gw = this.workPd2;
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
    this.factor!.solve(a, 0);
    for (let i = 0; i < P; i++) {
      const L = this.sFactors.subarray(i * d * d, (i + 1) * d * d);
      const bv = i * d * d;
      const w = half + i * d;
      for (let row = 0; row < d; row++) {
        let sum = r[i * d + row]! + r[w + row]!;
        for (let col = 0; col < d; col++) sum -= Bm[bv + row * d + col]! * a[i * d + col]!;
        du[w + row] = sum;
      }
      choleskySolve(L, d, du, w);
      for (let row = 0; row < d; row++) du[i * d + row] = du[w + row]! + a[i * d + row]!;
    }
  }

  /**
   * du = (blockdiag(B) + F^T F)^{-1} r through a = dv - dw: q = Bv^{-1} rv - Bw^{-1} rw,
   * a = q - K F_+^T S^{-1} F_+ q, then dv = Bv^{-1} (rv - Q a), dw = Bw^{-1} (rw + Q a).
   */
  private solveWoodbury(r: Float64Array, du: Float64Array): void {
    const { d, P } = this;
    const m = 2 * P;
    const half = d * P;
    const y = this.work2Pd;
    y.set(r);
    const B = this.bFactors;
    for (let j = 0; j < m; j++) choleskySolve(B.subarray(j * d * d, (j + 1) * d * d), d, y, j * d);
    const q = this.workPd;
    for (let t = 0; t < half; t++) q[t] = y[t]! - y[half + t]!;
    const w = this.workN;
    this.applyFplus(q, w);
    this.factor!.solve(w, 0);
    const g = this.workDP;
    this.applyFplusT(w, g);
    const K = this.kBlocks;
    const a = this.workPd2;
    for (let i = 0; i < P; i++) {
      for (let row = 0; row < d; row++) {
        let sum = 0;
        for (let c2 = 0; c2 < d; c2++) sum += K[i * d * d + row * d + c2]! * g[i * d + c2]!;
        a[i * d + row] = q[i * d + row]! - sum;
      }
    }
    const Qa = this.workDP;
    this.applyFplus(a, w);
    this.applyFplusT(w, Qa);
    for (let i = 0; i < P; i++) {
      for (let side = 0; side < 2; side++) {
        const j = i + side * P;
        const tmp = this.workPd; // q is no longer needed
        for (let row = 0; row < d; row++) tmp[row] = Qa[i * d + row]!;
        choleskySolve(B.subarray(j * d * d, (j + 1) * d * d), d, tmp, 0);
        const sign = side === 0 ? -1 : 1;
        for (let row = 0; row < d; row++) du[j * d + row] = y[j * d + row]! + sign * tmp[row]!;
      }
    }
  }

  /** out = (blockdiag(B_j) + F^T F) u for u of 2P blocks: Q (v - w) from Q (direct) or two F_+ passes. */
  private applyReducedMatrix(u: Float64Array, out: Float64Array): void {
    const { d, P } = this;
    const half = d * P;
    const diff = this.workPd;
    for (let t = 0; t < half; t++) diff[t] = u[t]! - u[half + t]!;
    const g = this.workDP;
    if (this.path === 'direct') {
      const Q = this.Q;
      for (let r = 0; r < half; r++) {
        let sum = 0;
        const row = r * half;
        for (let c2 = 0; c2 < half; c2++) sum += Q[row + c2]! * diff[c2]!;
        g[r] = sum;
      }
    } else {
      const w = this.workN;
      this.applyFplus(diff, w);
      this.applyFplusT(w, g);
    }
    const Bm = this.bMatrices;
    for (let j = 0; j < 2 * P; j++) {
      const sign = j < P ? 1 : -1;
      const i = j < P ? j : j - P;
      for (let a = 0; a < d; a++) {
        let sum = sign * g[i * d + a]!;
        for (let b = 0; b < d; b++) sum += Bm[j * d * d + a * d + b]! * u[j * d + b]!;
        out[j * d + a] = sum;
      }
    }
  }

  /** In-place Cholesky of the d x d block at `at`, raising its diagonal if it is not numerically positive definite. */
  private factorSmall(A: Float64Array, at: number): void {
    const d = this.d;
    const block = A.subarray(at, at + d * d);
    let scale = 0;
    for (let a = 0; a < d; a++) scale = Math.max(scale, Math.abs(block[a * d + a]!));
    const original = Float64Array.from(block);
    let shift = 1e-14 * Math.max(scale, 1e-300);
    for (let attempt = 0; ; attempt++) {
      for (let a = 0; a < d; a++) block[a * d + a]! += shift;
      try {
        choleskyFactor(block, d);
        return;
      } catch (error) {
        if (attempt >= 12) throw error;
        this.regularizations++;
        block.set(original);
        shift *= 100;
      }
    }
  }

  /**
   * Factors K^{-1} + Q (dP x dP) with K_i^{-1} = Bv_i S_i^{-1} Bw_i = (L^{-1} Bv_i)^T (L^{-1} Bw_i)
   * for S_i = Bv_i + Bw_i = L L^T: a product, never a difference, of the two blocks (the
   * difference forms lost positive definiteness near the optimum), symmetrized since the
   * computed product's triangles differ in the last bits. Keeps the factors of S_i.
   */
  private factorDirect(): void {
    const { d, P, Q } = this;
    const dP = d * P;
    const M = this.formed;
    M.set(Q);
    const Bm = this.bMatrices;
    const Yv = this.sWork;
    const Yw = this.sWork2;
    for (let i = 0; i < P; i++) {
      const bv = i * d * d;
      const bw = (P + i) * d * d;
      const at = i * d * d;
      const S = this.sFactors;
      for (let t = 0; t < d * d; t++) S[at + t] = Bm[bv + t]! + Bm[bw + t]!;
      this.factorSmall(S, at);
      const L = S.subarray(at, at + d * d);
      Yv.set(Bm.subarray(bv, bv + d * d));
      Yw.set(Bm.subarray(bw, bw + d * d));
      forwardSubstituteMany(L, d, Yv, d);
      forwardSubstituteMany(L, d, Yw, d);
      for (let a = 0; a < d; a++) {
        const row = (i * d + a) * dP + i * d;
        for (let b = 0; b <= a; b++) {
          let ab = 0;
          let ba = 0;
          for (let p = 0; p < d; p++) {
            ab += Yv[p * d + a]! * Yw[p * d + b]!;
            ba += Yv[p * d + b]! * Yw[p * d + a]!;
          }
          const value = 0.5 * (ab + ba);
          M[row + b]! += value;
          if (b !== a) M[(i * d + b) * dP + i * d + a]! += value;
        }
      }
    }
    this.refactor(M, dP);
  }

  private factorWoodbury(): void {
    const { n, d, P, X, masks } = this;
    const S = this.formed;
    S.fill(0);
    const x = X.data;
    const K = this.kBlocks;
    const L = this.identityCols;
    const rows = this.rowList;
    const Y = this.gathered;
    const g = this.smallGram;
    for (let i = 0; i < P; i++) {
      let count = 0;
      for (let k = 0; k < n; k++) if (masks[k * P + i] !== 0) rows[count++] = k;
      if (count === 0) continue;
      // L L^T = K_i; row k of Y is L^T x_k, so Y Y^T = X_a K_i X_a^T.
      L.set(K.subarray(i * d * d, (i + 1) * d * d));
      this.factorSmall(L, 0);
      for (let t = 0; t < count; t++) {
        const xr = rows[t]! * d;
        const yr = t * d;
        for (let a = 0; a < d; a++) {
          let s = 0;
          for (let b = a; b < d; b++) s += L[b * d + a]! * x[xr + b]!;
          Y[yr + a] = s;
        }
      }
      rowGramLower(Y, count, d, g);
      for (let t = 0; t < count; t++) {
        const rowS = rows[t]! * n;
        const rowG = t * count;
        for (let u = 0; u <= t; u++) S[rowS + rows[u]!]! += g[rowG + u]!;
      }
    }
    for (let k = 0; k < n; k++) S[k * n + k]! += 1;
    this.refactor(S, n);
  }

  /**
   * Cholesky of the large matrix; if rounding made it numerically indefinite (possible only in
   * the last iterations, where some weights are ~1e12 times others), the diagonal is raised by
   * a growing multiple of its largest entry and the factorization retried: the Newton step then
   * is slightly inexact, which the method tolerates (its residuals are computed exactly).
   */
  private refactor(A: Float64Array, order: number): void {
    let largest = 0;
    for (let k = 0; k < order; k++) largest = Math.max(largest, Math.abs(A[k * order + k]!));
    let shift = 1e-13 * Math.max(largest, 1e-300);
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.factor === null) this.factor = factorCholesky(A, order);
        else this.factor.factor(A);
        return;
      } catch (error) {
        if (attempt >= 8 || !(error instanceof ConvexNetError) || error.code !== 'solver/not-positive-definite') throw error;
        this.regularizations++;
        for (let k = 0; k < order; k++) A[k * order + k]! += shift;
        shift *= 100;
      }
    }
  }

  /** out (n) = F_+ b = sum_i D_i X b_i for b of P blocks of d. */
  private applyFplus(b: Float64Array, out: Float64Array): void {
    const { n, d, P, X, masks } = this;
    const T = this.workDP; // d x P
    for (let i = 0; i < P; i++) for (let l = 0; l < d; l++) T[l * P + i] = b[i * d + l]!;
    const Z = this.workNP;
    multiplyXB(X, T, P, Z);
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let i = 0, e = k * P; i < P; i++, e++) if (masks[e] !== 0) s += Z[e]!;
      out[k] = s;
    }
  }

  /** out (P blocks of d) = F_+^T w: block i is X^T (d_i o w). */
  private applyFplusT(w: Float64Array, out: Float64Array): void {
    const { n, d, P, X, masks } = this;
    const Z = this.workNP;
    for (let k = 0; k < n; k++) {
      const wk = w[k]!;
      for (let i = 0, e = k * P; i < P; i++, e++) Z[e] = masks[e] !== 0 ? wk : 0;
    }
    const T = this.blocksT;
    multiplyXtR(X, Z, P, T);
    for (let i = 0; i < P; i++) for (let l = 0; l < d; l++) out[i * d + l] = T[l * P + i]!;
  }

}
