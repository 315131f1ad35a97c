import type { ConvexOperators } from '../../convex/convex-operators';
import type { ConvexProblem } from '../../convex/convex-problem';
import type { Prng } from '../../random/prng';
import type { AdmmState, UUpdate } from '../admm/admm-engine';

export interface RbcdOptions {
  /** Patterns per block step (each pattern moves its v-copy u_i and w-copy z_i together). */
  blockSize: number;
  /** Initial inner stopping threshold on the mean recent decrease, relative to max(1, |Phi|). */
  threshold: number;
  /** Factor applied to the threshold after every outer iteration (summable inner errors). */
  thresholdDecay: number;
  /** Upper bound on inner steps per outer iteration. */
  maxInnerSteps: number;
}

/** Armijo sufficient-decrease constant. */
const ARMIJO = 1e-4;

/**
 * Randomized block coordinate descent for the ADMM u-subproblem (paper-spec 4.1-4.4):
 *   Phi(u) = L(F u) + (rho/2) ||u - v + lambda||^2 + (rho/2) ||G u - s + nu||^2.
 * Gradient blocks (G^T G = blockdiag(X^T X), gts = G^T (s - nu)):
 *   grad_{u_i} =  X^T (d_i .* g) + rho (u_i - v_i + lambda_i + X^T X u_i - gts_i),
 *   grad_{z_i} = -X^T (d_i .* g) + rho (z_i - w_i + lambda_{P+i} + X^T X z_i - gts_{P+i}),
 * with g = grad L(F u). The step along p = -grad uses an exact Armijo backtracking line search:
 * the change of Phi restricted to the moved blocks is computed exactly, as
 *   L(yhat + a dy) - L(yhat) + rho a sum_j p_j^T (x_j - v_j + lam_j + XtX x_j - gts_j)
 *   + (rho/2) a^2 sum_j (||p_j||^2 + p_j^T XtX p_j)
 * (this corrects the sign slip of the authors' code noted in paper-spec 4.3). The base step
 * starts at the block Lipschitz step 1/L_I, grows by 1.05 after an accepted step and shrinks
 * on backtracking, as in the paper. The inner loop stops when the mean of the last
 * B = ceil(8 sqrt(P / b)) decreases falls below a threshold that decays every outer iteration.
 */
export class RbcdUUpdate implements UUpdate {
  readonly name = 'randomized block coordinate descent';
  private readonly ops: ConvexOperators;
  private readonly problem: ConvexProblem;
  private readonly prng: Prng;
  private readonly options: RbcdOptions;
  private readonly xtx: Float64Array;
  private readonly yhat: Float64Array;
  private readonly trial: Float64Array;
  private readonly dy: Float64Array;
  private readonly grad: Float64Array;
  private readonly xu: Float64Array;
  private readonly chosen: Int32Array;
  private readonly p: Float64Array;
  private readonly tmp: Float64Array;
  private readonly buffer: Float64Array;
  private readonly xtxNorm: number;
  private baseStep: number;
  private threshold: number;
  innerSteps = 0;

  constructor(ops: ConvexOperators, problem: ConvexProblem, xtx: Float64Array, prng: Prng, options: RbcdOptions) {
    this.ops = ops;
    this.problem = problem;
    this.prng = prng;
    this.options = { ...options, blockSize: Math.min(options.blockSize, ops.P) };
    this.xtx = xtx;
    const { n, d } = ops;
    const b = this.options.blockSize;
    this.yhat = new Float64Array(n);
    this.trial = new Float64Array(n);
    this.dy = new Float64Array(n);
    this.grad = new Float64Array(n);
    this.xu = new Float64Array(ops.patternSpaceLength);
    this.chosen = new Int32Array(b);
    this.p = new Float64Array(2 * b * d);
    this.tmp = new Float64Array(d);
    this.buffer = new Float64Array(Math.ceil(8 * Math.sqrt(ops.P / b)));
    this.xtxNorm = largestEigenvalue(xtx, d);
    // Block Lipschitz constant: the loss part 2 b * curvature * ||X||^2 (u_i and z_i enter as
    // u_i - z_i) plus rho (1 + ||X||^2); rho is folded in at each call.
    this.baseStep = 0;
    this.threshold = options.threshold;
  }

  update(st: AdmmState, gts: Float64Array): void {
    const { ops, problem, yhat, trial, dy, grad, p, tmp, xtx, chosen, buffer } = this;
    const { n, d, P, masks } = ops;
    const b = this.options.blockSize;
    const rho = st.rho;
    const X = problem.X.data;
    const loss = problem.loss;
    const w = problem.sampleWeights;
    const lipschitz = 2 * b * Math.min(loss.curvatureBound, 1e12) * this.xtxNorm + rho * (1 + this.xtxNorm);
    if (this.baseStep === 0) this.baseStep = 1 / lipschitz;

    // yhat = F u for the current u (one pass).
    ops.applyBlocks(st.u, this.xu);
    ops.linearPredictions(this.xu, yhat);
    let lossValue = loss.value(yhat, problem.y, w);
    const phiScale = Math.max(1, Math.abs(lossValue));
    buffer.fill(1e8);
    let cursor = 0;
    let bufferSum = 1e8 * buffer.length;

    for (let step = 0; step < this.options.maxInnerSteps; step++) {
      // Choose b distinct patterns uniformly (partial Fisher-Yates over a small set).
      for (let c = 0; c < b; c++) {
        let pick: number;
        let fresh: boolean;
        do {
          pick = this.prng.nextInt(P);
          fresh = true;
          for (let q = 0; q < c; q++) if (chosen[q] === pick) fresh = false;
        } while (!fresh);
        chosen[c] = pick;
      }
      loss.gradient(yhat, problem.y, grad, w);
      // Directions p = -grad for the chosen v- and w-blocks; p layout: [c][half][d].
      let pNorm2 = 0;
      let linear = 0;
      let quadratic = 0;
      for (let c = 0; c < b; c++) {
        const i = chosen[c]!;
        // a = X^T (d_i .* g)
        tmp.fill(0);
        for (let k = 0; k < n; k++) {
          if (!masks[k * P + i]) continue;
          const gk = grad[k]!;
          if (gk === 0) continue;
          const row = k * d;
          for (let t = 0; t < d; t++) tmp[t]! += gk * X[row + t]!;
        }
        for (let half = 0; half < 2; half++) {
          const j = half === 0 ? i : P + i;
          const sign = half === 0 ? 1 : -1;
          const o = j * d;
          const po = (2 * c + half) * d;
          for (let t = 0; t < d; t++) {
            let xtxu = 0;
            for (let r = 0; r < d; r++) xtxu += xtx[t * d + r]! * st.u[o + r]!;
            const prox = st.u[o + t]! - st.v[o + t]! + st.lambda[o + t]! + xtxu - gts[o + t]!;
            const g = sign * tmp[t]! + rho * prox;
            p[po + t] = -g;
            pNorm2 += g * g;
            linear += -g * prox;
          }
          for (let t = 0; t < d; t++) {
            let xtxp = 0;
            for (let r = 0; r < d; r++) xtxp += xtx[t * d + r]! * p[po + r]!;
            quadratic += p[po + t]! * p[po + t]! + p[po + t]! * xtxp;
          }
        }
      }
      if (pNorm2 === 0) break;
      // dy = F p restricted to the chosen blocks: d_i .* X (p_u - p_z).
      dy.fill(0);
      for (let c = 0; c < b; c++) {
        const i = chosen[c]!;
        const pu = 2 * c * d;
        const pz = (2 * c + 1) * d;
        for (let k = 0; k < n; k++) {
          if (!masks[k * P + i]) continue;
          const row = k * d;
          let s = 0;
          for (let t = 0; t < d; t++) s += X[row + t]! * (p[pu + t]! - p[pz + t]!);
          dy[k]! += s;
        }
      }
      let alpha = this.baseStep;
      let accepted = false;
      let decrease = 0;
      for (let tries = 0; tries < 60; tries++) {
        for (let k = 0; k < n; k++) trial[k] = yhat[k]! + alpha * dy[k]!;
        const trialLoss = loss.value(trial, problem.y, w);
        const delta = trialLoss - lossValue + rho * alpha * linear + 0.5 * rho * alpha * alpha * quadratic;
        if (delta <= -ARMIJO * alpha * pNorm2 || alpha < 1e-14) {
          accepted = delta <= 0;
          if (accepted) {
            decrease = -delta;
            lossValue = trialLoss;
            yhat.set(trial);
            for (let c = 0; c < b; c++) {
              const i = chosen[c]!;
              for (let half = 0; half < 2; half++) {
                const o = (half === 0 ? i : P + i) * d;
                const po = (2 * c + half) * d;
                for (let t = 0; t < d; t++) st.u[o + t]! += alpha * p[po + t]!;
              }
            }
          }
          break;
        }
        alpha /= 2.5;
        this.baseStep = Math.max(1e-14, this.baseStep / 1.5);
      }
      if (accepted) this.baseStep *= 1.05;
      this.innerSteps++;
      bufferSum += decrease - buffer[cursor]!;
      buffer[cursor] = decrease;
      cursor = (cursor + 1) % buffer.length;
      if (bufferSum / buffer.length < this.threshold * phiScale) break;
    }
    this.threshold *= this.options.thresholdDecay;
  }
}

/** Largest eigenvalue of a symmetric positive semidefinite d x d matrix by power iteration. */
export function largestEigenvalue(a: Float64Array, d: number): number {
  let x = new Float64Array(d).fill(1 / Math.sqrt(d));
  let y = new Float64Array(d);
  let lambda = 0;
  for (let it = 0; it < 200; it++) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += a[i * d + j]! * x[j]!;
      y[i] = s;
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += y[i]! * y[i]!;
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    const next = norm;
    for (let i = 0; i < d; i++) y[i] = y[i]! / norm;
    [x, y] = [y, x];
    if (Math.abs(next - lambda) <= 1e-10 * next) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return lambda * 1.01;
}
