import type { Matrix } from '../../linalg/matrix';
import type { ScpCheckPoint, ScpIterator } from './scp-iterator';
import { signHash } from './scp-iterator';
import { createIpmSystem } from './scp-ipm-system';
import { phiTimes, phiTransposeTimes } from './scp-kernels';
import { polishHinge } from './scp-polish-hinge';
import { counted } from '../../text/counted';

/**
 * Mehrotra predictor-corrector interior-point method for the hinge SCP, which is a linear
 * program (B = diag(y) Phi, weights w):
 *   min_{alpha, t, xi}  beta 1^T t + w^T xi
 *   s.t. (1) t - alpha >= 0, (2) t + alpha >= 0, (3) xi >= 0, (4) xi + B alpha - 1 >= 0,
 * slacks s_i and multipliers lambda_i >= 0 per block. The dual is
 *   max 1^T lambda4  s.t.  lambda4 in [0, w],  |B^T lambda4| <= beta,
 * i.e. the SCP dual with z = -y o lambda4 (certificate in scp-certificate.ts).
 * Why an interior-point method: the hinge SCP is an LP, on which first-order splittings (ADMM,
 * PDHG) have long linear tails (measured: ADMM still 5% above the optimum after 10^4 iterations
 * with n = 1000, N = 256), while this method reaches 1e-8 in ~20-40 Newton steps. Each step
 * eliminates t and xi in closed form (2 x 2 blocks per coordinate, no cancellation) and solves
 * one SPD N x N system, factored once for predictor and corrector:
 *   K = Phi^T diag(d) Phi + diag(g),   d = W3 W4 / (W3 + W4),  g = 4 W1 W2 / (W1 + W2),  W_i = lambda_i / s_i
 * (or, when n < N, the n x n Woodbury counterpart; see scp-ipm-system.ts, which also says when
 * the method is affordable).
 */
const STEP_FRACTION = 0.99;

interface Blocks {
  a1: Float64Array; // length N
  a2: Float64Array; // length N
  a3: Float64Array; // length n
  a4: Float64Array; // length n
}

function blocks(n: number, N: number): Blocks {
  return { a1: new Float64Array(N), a2: new Float64Array(N), a3: new Float64Array(n), a4: new Float64Array(n) };
}

export function createIpmIterator(
  phi: Matrix,
  y: Float64Array,
  weights: Float64Array | undefined,
  beta: number,
  alpha0: Float64Array,
): ScpIterator {
  const n = phi.rows;
  const N = phi.cols;
  const w = weights ?? new Float64Array(n).fill(1);
  // Primal point (alpha, t, xi), slacks s and multipliers lam, started strictly inside.
  const alpha = Float64Array.from(alpha0);
  const t = new Float64Array(N);
  const xi = new Float64Array(n);
  const s = blocks(n, N);
  const lam = blocks(n, N);
  const ba = new Float64Array(n); // B alpha
  phiTimes(phi, alpha, ba);
  for (let k = 0; k < n; k++) ba[k]! *= y[k]!;
  for (let j = 0; j < N; j++) {
    t[j] = Math.abs(alpha[j]!) + 1;
    s.a1[j] = t[j]! - alpha[j]!;
    s.a2[j] = t[j]! + alpha[j]!;
    lam.a1[j] = beta / 2;
    lam.a2[j] = beta / 2;
  }
  for (let k = 0; k < n; k++) {
    xi[k] = Math.max(1 - ba[k]!, 0) + 1;
    s.a3[k] = xi[k]!;
    s.a4[k] = xi[k]! + ba[k]! - 1;
    const half = Math.max(w[k]! / 2, 1e-8);
    lam.a3[k] = half;
    lam.a4[k] = half;
  }
  const m = 2 * N + 2 * n;
  // Work arrays.
  const rp = blocks(n, N);
  const rc = blocks(n, N);
  const q = blocks(n, N);
  const dsA = blocks(n, N);
  const dlA = blocks(n, N);
  const ds = blocks(n, N);
  const dl = blocks(n, N);
  const rdAlpha = new Float64Array(N);
  const rdT = new Float64Array(N);
  const rdXi = new Float64Array(n);
  const dAlpha = new Float64Array(N);
  const dT = new Float64Array(N);
  const dXi = new Float64Array(n);
  const dAlphaA = new Float64Array(N);
  const dTA = new Float64Array(N);
  const dXiA = new Float64Array(n);
  const bdAlpha = new Float64Array(n);
  const tmpN = new Float64Array(N);
  const tmpn = new Float64Array(n);
  const g = new Float64Array(N);
  const d = new Float64Array(n);
  const system = createIpmSystem(phi);
  let iterations = 0;
  let stalled = false;
  let lastMu = Number.NaN;
  const scores = new Float64Array(n);
  const sparse = new Float64Array(N);
  const margin = new Int8Array(n);

  /** B^T v = Phi^T (y o v). */
  const bT = (v: Float64Array, out: Float64Array): void => {
    for (let k = 0; k < n; k++) tmpn[k] = y[k]! * v[k]!;
    phiTransposeTimes(phi, tmpn, out);
  };

  function residuals(): void {
    // rp = s - (G x - h); rd = c - G^T lam.
    for (let j = 0; j < N; j++) {
      rp.a1[j] = s.a1[j]! - (t[j]! - alpha[j]!);
      rp.a2[j] = s.a2[j]! - (t[j]! + alpha[j]!);
    }
    for (let k = 0; k < n; k++) {
      rp.a3[k] = s.a3[k]! - xi[k]!;
      rp.a4[k] = s.a4[k]! - (xi[k]! + ba[k]! - 1);
    }
    bT(lam.a4, tmpN);
    for (let j = 0; j < N; j++) {
      rdAlpha[j] = lam.a1[j]! - lam.a2[j]! - tmpN[j]!;
      rdT[j] = beta - lam.a1[j]! - lam.a2[j]!;
    }
    for (let k = 0; k < n; k++) rdXi[k] = w[k]! - lam.a3[k]! - lam.a4[k]!;
  }

  /** Scaling weights of the reduced system from W_i = lambda_i / s_i; false if K cannot be factored. */
  function factorize(): boolean {
    for (let j = 0; j < N; j++) {
      const w1 = lam.a1[j]! / s.a1[j]!;
      const w2 = lam.a2[j]! / s.a2[j]!;
      g[j] = (4 * w1 * w2) / (w1 + w2);
    }
    for (let k = 0; k < n; k++) {
      const w3 = lam.a3[k]! / s.a3[k]!;
      const w4 = lam.a4[k]! / s.a4[k]!;
      d[k] = (w3 * w4) / (w3 + w4);
    }
    return system.factor(g, d);
  }

  /** Newton direction for the complementarity right-hand side rc (into dx*, dsOut, dlOut). */
  function direction(xA: Float64Array, xT: Float64Array, xX: Float64Array, dsOut: Blocks, dlOut: Blocks): void {
    // q_i = (rc_i + lam_i o rp_i) / s_i;  f = G^T q - rd.
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) {
      const qi = q[key];
      for (let i = 0; i < qi.length; i++) qi[i] = (rc[key][i]! + lam[key][i]! * rp[key][i]!) / s[key][i]!;
    }
    bT(q.a4, tmpN);
    const rhs = xA;
    for (let j = 0; j < N; j++) {
      const w1 = lam.a1[j]! / s.a1[j]!;
      const w2 = lam.a2[j]! / s.a2[j]!;
      const fA = -q.a1[j]! + q.a2[j]! + tmpN[j]! - rdAlpha[j]!;
      const fT = q.a1[j]! + q.a2[j]! - rdT[j]!;
      xT[j] = fT; // kept for the back-substitution
      rhs[j] = fA - ((w2 - w1) / (w1 + w2)) * fT;
    }
    for (let k = 0; k < n; k++) {
      const w3 = lam.a3[k]! / s.a3[k]!;
      const w4 = lam.a4[k]! / s.a4[k]!;
      const fX = q.a3[k]! + q.a4[k]! - rdXi[k]!;
      xX[k] = fX;
      tmpn[k] = (w4 * fX) / (w3 + w4);
    }
    // rhs -= B^T (w4 fX / (w3 + w4))
    for (let k = 0; k < n; k++) tmpn[k] = y[k]! * tmpn[k]!;
    phiTransposeTimes(phi, tmpn, tmpN);
    for (let j = 0; j < N; j++) rhs[j]! -= tmpN[j]!;
    system.solve(rhs); // rhs is now d alpha
    phiTimes(phi, xA, bdAlpha);
    for (let k = 0; k < n; k++) bdAlpha[k]! *= y[k]!;
    for (let j = 0; j < N; j++) {
      const w1 = lam.a1[j]! / s.a1[j]!;
      const w2 = lam.a2[j]! / s.a2[j]!;
      xT[j] = (xT[j]! - (w2 - w1) * xA[j]!) / (w1 + w2);
      dsOut.a1[j] = xT[j]! - xA[j]! - rp.a1[j]!;
      dsOut.a2[j] = xT[j]! + xA[j]! - rp.a2[j]!;
    }
    for (let k = 0; k < n; k++) {
      const w3 = lam.a3[k]! / s.a3[k]!;
      const w4 = lam.a4[k]! / s.a4[k]!;
      xX[k] = (xX[k]! - w4 * bdAlpha[k]!) / (w3 + w4);
      dsOut.a3[k] = xX[k]! - rp.a3[k]!;
      dsOut.a4[k] = xX[k]! + bdAlpha[k]! - rp.a4[k]!;
    }
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) {
      const di = dlOut[key];
      for (let i = 0; i < di.length; i++) di[i] = (rc[key][i]! - lam[key][i]! * dsOut[key][i]!) / s[key][i]!;
    }
  }

  /** Largest theta in (0, 1] keeping s + theta ds >= 0 and lam + theta dl >= 0. */
  function maxStep(dsB: Blocks, dlB: Blocks): number {
    let theta = 1;
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) {
      const sv = s[key];
      const lv = lam[key];
      const dsv = dsB[key];
      const dlv = dlB[key];
      for (let i = 0; i < sv.length; i++) {
        if (dsv[i]! < 0) theta = Math.min(theta, -sv[i]! / dsv[i]!);
        if (dlv[i]! < 0) theta = Math.min(theta, -lv[i]! / dlv[i]!);
      }
    }
    return theta;
  }

  function mu(): number {
    let sum = 0;
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) for (let i = 0; i < s[key].length; i++) sum += s[key][i]! * lam[key][i]!;
    return sum / m;
  }

  function step(): void {
    if (stalled) return;
    residuals();
    if (!factorize()) {
      stalled = true;
      return;
    }
    const mu0 = mu();
    lastMu = mu0;
    // Predictor (affine scaling): rc = -s o lam.
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) for (let i = 0; i < s[key].length; i++) rc[key][i] = -s[key][i]! * lam[key][i]!;
    direction(dAlphaA, dTA, dXiA, dsA, dlA);
    const thetaA = maxStep(dsA, dlA);
    let muAff = 0;
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) {
      for (let i = 0; i < s[key].length; i++) muAff += (s[key][i]! + thetaA * dsA[key][i]!) * (lam[key][i]! + thetaA * dlA[key][i]!);
    }
    muAff /= m;
    const sigma = Math.min(1, Math.max(0, (muAff / mu0) ** 3));
    // Corrector: rc = sigma mu 1 - s o lam - ds_aff o dlam_aff.
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) {
      for (let i = 0; i < s[key].length; i++) rc[key][i] = sigma * mu0 - s[key][i]! * lam[key][i]! - dsA[key][i]! * dlA[key][i]!;
    }
    direction(dAlpha, dT, dXi, ds, dl);
    const theta = Math.min(1, STEP_FRACTION * maxStep(ds, dl));
    if (!(theta > 0) || !dAlpha.every(Number.isFinite)) {
      stalled = true;
      return;
    }
    for (let j = 0; j < N; j++) {
      alpha[j]! += theta * dAlpha[j]!;
      t[j]! += theta * dT[j]!;
    }
    for (let k = 0; k < n; k++) {
      xi[k]! += theta * dXi[k]!;
      ba[k]! += theta * bdAlpha[k]!;
    }
    for (const key of ['a1', 'a2', 'a3', 'a4'] as const) {
      for (let i = 0; i < s[key].length; i++) {
        s[key][i]! += theta * ds[key][i]!;
        lam[key][i]! += theta * dl[key][i]!;
      }
    }
    iterations++;
  }

  /** Active-set guess: a constraint is active when its slack is below its multiplier. */
  function identify(): void {
    for (let j = 0; j < N; j++) {
      const nonzero = s.a1[j]! > lam.a1[j]! || s.a2[j]! > lam.a2[j]!;
      sparse[j] = nonzero ? alpha[j]! : 0;
    }
    for (let k = 0; k < n; k++) {
      margin[k] = s.a4[k]! > lam.a4[k]! ? 1 : s.a3[k]! > lam.a3[k]! ? -1 : 0;
    }
  }

  function dualCandidate(z: Float64Array): void {
    for (let k = 0; k < n; k++) z[k] = -y[k]! * Math.min(Math.max(lam.a4[k]!, 0), w[k]!);
  }

  return {
    method: 'ipm',
    stepWork: system.factorWork + 16 * n * N,
    checkEvery: 1,
    finished: () => stalled,
    details: () => [
      `Interior-point method (Mehrotra predictor-corrector) on the hinge LP: ${counted(iterations, 'Newton step')}, ` +
        `final complementarity ${Number.isFinite(lastMu) ? lastMu.toExponential(2) : 'n/a'}${stalled ? '; stalled at the rounding limit' : ''}.`,
    ],
    step,
    checkPoint(z: Float64Array): ScpCheckPoint {
      phiTimes(phi, alpha, scores);
      dualCandidate(z);
      residuals();
      let primal = 0;
      for (const key of ['a1', 'a2', 'a3', 'a4'] as const) for (let i = 0; i < rp[key].length; i++) primal = Math.max(primal, Math.abs(rp[key][i]!));
      let dual = 0;
      for (let j = 0; j < N; j++) dual = Math.max(dual, Math.abs(rdAlpha[j]!), Math.abs(rdT[j]!));
      for (let k = 0; k < n; k++) dual = Math.max(dual, Math.abs(rdXi[k]!));
      return { alpha, scores, primalResidual: primal, dualResidual: dual };
    },
    signature(): number {
      identify();
      let h = signHash(sparse);
      for (let k = 0; k < n; k++) h = Math.imul(h ^ (margin[k]! + 5), 16777619) >>> 0;
      return h;
    },
    polish(zOut, work) {
      identify();
      dualCandidate(zOut);
      return polishHinge(phi, y, weights, beta, sparse, margin, zOut, work);
    },
    sparseCandidate() {
      identify();
      const out = Float64Array.from(sparse);
      const sc = new Float64Array(n);
      phiTimes(phi, out, sc);
      return { alpha: out, scores: sc };
    },
    adopt: () => undefined, // the interior iterate keeps going; the driver keeps the best point
    afterCheck: () => undefined,
  };
}
