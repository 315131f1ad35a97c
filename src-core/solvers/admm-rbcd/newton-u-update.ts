import type { ConvexProblem } from '../../convex/convex-problem';
import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import { factorCholesky } from '../../linalg/factor-cholesky';
import type { AdmmState, UUpdate } from '../admm/admm-engine';

/** Largest number of unknowns 2dP for which the dense Newton inner solver is offered. */
export const NEWTON_MAX_UNKNOWNS = 600;

/**
 * Exact u-update by Newton's method for small problems (paper-spec 4.5): minimizes
 *   Phi(u) = L(F u) + (rho/2) ||u - v + lambda||^2 + (rho/2) ||G u - s + nu||^2
 * with Hessian F^T diag(L'') F + rho (I + blockdiag(X^T X)) (dense, 2dP x 2dP) and a
 * backtracking line search. ||G u - c||^2 is expanded as u^T blockdiag(X^T X) u - 2 u^T G^T c
 * + const, using G^T G = blockdiag(X^T X); the constant does not matter for the minimizer.
 */
export class NewtonUUpdate implements UUpdate {
  readonly name = 'exact Newton';
  private readonly problem: ConvexProblem;
  private readonly n: number;
  private readonly d: number;
  private readonly unknowns: number;
  /** Dense F (n x 2dP): F[k, j d + t] = +-d_ki x_kt. */
  private readonly F: Float64Array;
  private readonly xtx: Float64Array;
  private readonly yhat: Float64Array;
  private readonly g: Float64Array;
  private readonly h: Float64Array;
  private readonly grad: Float64Array;
  private readonly hessian: Float64Array;
  /** The Hessian's factor, re-factored every Newton step (WebAssembly SIMD from order 64). */
  private factor: CholeskyFactor | null = null;
  private readonly step: Float64Array;
  private readonly trial: Float64Array;
  newtonSteps = 0;

  constructor(problem: ConvexProblem, xtx: Float64Array) {
    const { X, patterns } = problem;
    const n = X.rows;
    const d = X.cols;
    const P = patterns.count;
    this.problem = problem;
    this.n = n;
    this.d = d;
    this.unknowns = 2 * d * P;
    const N = this.unknowns;
    this.F = new Float64Array(n * N);
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < P; i++) {
        if (!patterns.masks[k * P + i]) continue;
        for (let t = 0; t < d; t++) {
          const x = X.data[k * d + t]!;
          this.F[k * N + i * d + t] = x;
          this.F[k * N + (P + i) * d + t] = -x;
        }
      }
    }
    this.xtx = xtx;
    this.yhat = new Float64Array(n);
    this.g = new Float64Array(n);
    this.h = new Float64Array(n);
    this.grad = new Float64Array(N);
    this.hessian = new Float64Array(N * N);
    this.step = new Float64Array(N);
    this.trial = new Float64Array(N);
  }

  update(st: AdmmState, gts: Float64Array): void {
    const { n, unknowns: N, F, yhat, g, h, grad, hessian, step, trial, problem } = this;
    const rho = st.rho;
    const phi = (u: Float64Array): number => {
      this.predict(u, yhat);
      let q = 0;
      for (let j = 0; j < N; j++) {
        const r = u[j]! - st.v[j]! + st.lambda[j]!;
        q += r * r - 2 * u[j]! * gts[j]!;
      }
      q += this.blockQuadratic(u);
      return problem.loss.value(yhat, problem.y, problem.sampleWeights) + 0.5 * rho * q;
    };
    let current = phi(st.u);
    for (let it = 0; it < 60; it++) {
      this.predict(st.u, yhat);
      problem.loss.gradient(yhat, problem.y, g, problem.sampleWeights);
      problem.loss.secondDerivative(yhat, problem.y, h, problem.sampleWeights);
      this.blockXtx(st.u, grad);
      let gradNorm2 = 0;
      let scale = 0;
      for (let j = 0; j < N; j++) {
        let ftg = 0;
        for (let k = 0; k < n; k++) ftg += F[k * N + j]! * g[k]!;
        const value = ftg + rho * (st.u[j]! - st.v[j]! + st.lambda[j]! + grad[j]! - gts[j]!);
        grad[j] = value;
        gradNorm2 += value * value;
        scale += st.u[j]! * st.u[j]!;
      }
      if (Math.sqrt(gradNorm2) <= 1e-13 * Math.max(1, rho * Math.sqrt(scale), Math.abs(current))) break;
      // Hessian F^T diag(h) F + rho (I + blockdiag(X^T X)).
      hessian.fill(0);
      for (let k = 0; k < n; k++) {
        const hk = h[k]!;
        if (hk === 0) continue;
        const row = k * N;
        for (let a = 0; a < N; a++) {
          const fa = F[row + a]!;
          if (fa === 0) continue;
          const c = hk * fa;
          for (let b = 0; b <= a; b++) hessian[a * N + b]! += c * F[row + b]!;
        }
      }
      const d = this.d;
      for (let j = 0; j < N / d; j++) {
        for (let t = 0; t < d; t++) {
          for (let r = 0; r <= t; r++) hessian[(j * d + t) * N + j * d + r]! += rho * this.xtx[t * d + r]!;
          hessian[(j * d + t) * N + j * d + t]! += rho;
        }
      }
      for (let a = 0; a < N; a++) for (let b = 0; b < a; b++) hessian[b * N + a] = hessian[a * N + b]!;
      if (this.factor === null) this.factor = factorCholesky(hessian, N);
      else this.factor.factor(hessian);
      for (let j = 0; j < N; j++) step[j] = -grad[j]!;
      this.factor.solve(step);
      let slope = 0;
      for (let j = 0; j < N; j++) slope += grad[j]! * step[j]!;
      let t = 1;
      let accepted = false;
      for (let tries = 0; tries < 50; tries++) {
        for (let j = 0; j < N; j++) trial[j] = st.u[j]! + t * step[j]!;
        const value = phi(trial);
        if (value <= current + 1e-4 * t * slope) {
          st.u.set(trial);
          accepted = value < current || t === 1;
          current = value;
          break;
        }
        t /= 2;
      }
      this.newtonSteps++;
      if (!accepted) break;
    }
  }

  private predict(u: Float64Array, out: Float64Array): void {
    const { n, unknowns: N, F } = this;
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += F[k * N + j]! * u[j]!;
      out[k] = s;
    }
  }

  /** out = blockdiag(X^T X) u. */
  private blockXtx(u: Float64Array, out: Float64Array): void {
    const d = this.d;
    for (let j = 0; j < this.unknowns / d; j++) {
      for (let t = 0; t < d; t++) {
        let s = 0;
        for (let r = 0; r < d; r++) s += this.xtx[t * d + r]! * u[j * d + r]!;
        out[j * d + t] = s;
      }
    }
  }

  private blockQuadratic(u: Float64Array): number {
    const d = this.d;
    let q = 0;
    for (let j = 0; j < this.unknowns / d; j++) {
      for (let t = 0; t < d; t++) {
        let s = 0;
        for (let r = 0; r < d; r++) s += this.xtx[t * d + r]! * u[j * d + r]!;
        q += u[j * d + t]! * s;
      }
    }
    return q;
  }
}
