import { gramMatrix, rowGramLower } from '../../linalg/kernels';
import { factorCholesky } from '../../linalg/factor-cholesky';
import type { Matrix } from '../../linalg/matrix';
import { phiTimes, phiTransposeTimes } from './scp-kernels';

/**
 * Solves (kappa I_N + Phi^T Phi) x = b, the x-step of the SCP ADMM. The matrix does not depend
 * on the ADMM penalty rho, so it is factored once for the whole run. Three paths:
 *  - 'cholesky-gram': N <= n, Cholesky of the N x N matrix kappa I + Phi^T Phi;
 *  - 'woodbury': n < N, (kappa I + Phi^T Phi)^{-1} b = (b - Phi^T (kappa I_n + Phi Phi^T)^{-1} Phi b) / kappa
 *    with a Cholesky of the n x n matrix (architecture.md 5: factor the small side);
 *  - 'cg': when even the small side is too big to factor here (more than ~DENSE_FLOP_BUDGET flops
 *    or DENSE_MAX_DIM rows), conjugate gradients warm-started at the previous ADMM iterate. The
 *    matrix has eigenvalues in [kappa, kappa + ||Phi||^2].
 */
export type LinearSystemPath = 'cholesky-gram' | 'woodbury' | 'cg';

export interface RegularizedSystem {
  readonly path: LinearSystemPath;
  /** Approximate flops of one solve. */
  readonly solveWork: number;
  /** x <- (kappa I + Phi^T Phi)^{-1} b. On entry x holds the warm start (used by the CG path only). */
  solve(b: Float64Array, x: Float64Array): void;
}

const DENSE_FLOP_BUDGET = 4e9;
const DENSE_MAX_DIM = 4000;
const CG_REL_TOL = 1e-12;
const CG_MAX_ITER = 500;

/** `path` forces a path (tests); by default the cheapest exact one that fits the budget. */
export function makeRegularizedSystem(phi: Matrix, kappa: number, path?: LinearSystemPath): RegularizedSystem {
  const n = phi.rows;
  const N = phi.cols;
  const m = Math.min(n, N);
  const flops = Math.max(n, N) * m * m + (m * m * m) / 3;
  const chosen = path ?? (m > DENSE_MAX_DIM || flops > DENSE_FLOP_BUDGET ? 'cg' : N <= n ? 'cholesky-gram' : 'woodbury');
  if (chosen === 'cg') return cgSystem(phi, kappa);
  return chosen === 'cholesky-gram' ? gramSystem(phi, kappa) : woodburySystem(phi, kappa);
}

function gramSystem(phi: Matrix, kappa: number): RegularizedSystem {
  const N = phi.cols;
  const a = gramMatrix(phi); // Phi^T Phi, N x N
  for (let j = 0; j < N; j++) a[j * N + j]! += kappa;
  const factor = factorCholesky(a, N);
  return {
    path: 'cholesky-gram',
    solveWork: 2 * N * N,
    solve(b, x) {
      x.set(b.subarray(0, N));
      factor.solve(x);
    },
  };
}

function woodburySystem(phi: Matrix, kappa: number): RegularizedSystem {
  const n = phi.rows;
  const k = new Float64Array(n * n);
  rowGramLower(phi.data, n, phi.cols, k); // lower triangle of Phi Phi^T, n x n
  for (let i = 0; i < n; i++) k[i * n + i]! += kappa;
  const factor = factorCholesky(k, n);
  const t = new Float64Array(n);
  const back = new Float64Array(phi.cols);
  return {
    path: 'woodbury',
    solveWork: 4 * n * phi.cols + 2 * n * n,
    solve(b, x) {
      phiTimes(phi, b, t);
      factor.solve(t);
      phiTransposeTimes(phi, t, back);
      for (let j = 0; j < x.length; j++) x[j] = (b[j]! - back[j]!) / kappa;
    },
  };
}

function cgSystem(phi: Matrix, kappa: number): RegularizedSystem {
  const n = phi.rows;
  const N = phi.cols;
  const r = new Float64Array(N);
  const p = new Float64Array(N);
  const ap = new Float64Array(N);
  const t = new Float64Array(n);
  // ap <- (kappa I + Phi^T Phi) v
  const apply = (v: Float64Array, out: Float64Array): void => {
    phiTimes(phi, v, t);
    phiTransposeTimes(phi, t, out);
    for (let j = 0; j < N; j++) out[j]! += kappa * v[j]!;
  };
  return {
    path: 'cg',
    solveWork: 20 * 4 * n * N, // typical warm-started CG iteration count
    solve(b, x) {
      apply(x, ap);
      let bb = 0;
      let rr = 0;
      for (let j = 0; j < N; j++) {
        r[j] = b[j]! - ap[j]!;
        p[j] = r[j]!;
        rr += r[j]! * r[j]!;
        bb += b[j]! * b[j]!;
      }
      const stop = CG_REL_TOL * CG_REL_TOL * Math.max(bb, 1e-300);
      for (let it = 0; it < CG_MAX_ITER && rr > stop; it++) {
        apply(p, ap);
        let pap = 0;
        for (let j = 0; j < N; j++) pap += p[j]! * ap[j]!;
        const step = rr / pap;
        let rrNext = 0;
        for (let j = 0; j < N; j++) {
          x[j]! += step * p[j]!;
          r[j]! -= step * ap[j]!;
          rrNext += r[j]! * r[j]!;
        }
        const ratio = rrNext / rr;
        rr = rrNext;
        for (let j = 0; j < N; j++) p[j] = r[j]! + ratio * p[j]!;
      }
    },
  };
}
