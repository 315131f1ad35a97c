import type { Matrix } from '../../linalg/matrix';
import type { Loss } from '../../losses/loss';
import { phiTransposeTimes } from './scp-kernels';
import type { PolishCandidate, PolishWork } from './scp-polish';
import { applyBlock, expand, gatherColumns, POLISH_FLOP_BUDGET, POLISH_MAX_SUPPORT, solveNormal, supportOf } from './scp-polish';

const NEWTON_STEPS = 30;
const ACTIVE_SET_ROUNDS = 40;

/**
 * Newton polish of a smooth-loss iterate, an active-set method started from the iterate's
 * support S and signs s: projected Newton steps on min_{x} L(Phi_S x) + beta s^T x that never
 * leave the orthant of s (there beta s^T x = beta ||x||_1, so the true objective decreases
 * monotonically from the iterate); coordinates clipped to zero leave S; once Newton converges
 * inside the orthant, the coordinates outside S that violate |Phi_j^T grad L| <= beta join S with
 * sign -sign(Phi_j^T grad L); repeat.
 */
export function polishSmooth(
  phi: Matrix,
  loss: Loss,
  y: Float64Array,
  weights: Float64Array | undefined,
  beta: number,
  alpha: Float64Array,
  work: PolishWork,
): PolishCandidate | null {
  const n = phi.rows;
  const N = phi.cols;
  let S = supportOf(alpha);
  let sign = Float64Array.from(S, (j) => Math.sign(alpha[j]!));
  let x0: Float64Array = Float64Array.from(S, (j) => alpha[j]!);
  let best: PolishCandidate | null = null;
  const g = new Float64Array(n);
  const c = new Float64Array(N);
  for (let round = 0; round < ACTIVE_SET_ROUNDS; round++) {
    const m = S.length;
    if (m === 0 || m > POLISH_MAX_SUPPORT || n * m * m > POLISH_FLOP_BUDGET) return best;
    const result = newtonOnSupport(phi, loss, y, weights, beta, S, sign, x0, work);
    if (!result) return best;
    const x = result.x;
    const keep: number[] = [];
    for (let q = 0; q < m; q++) if (x[q]! * sign[q]! > 0) keep.push(q);
    if (keep.length < m) {
      S = Int32Array.from(keep, (q) => S[q]!);
      sign = Float64Array.from(keep, (q) => sign[q]!);
      x0 = Float64Array.from(keep, (q) => x[q]!);
      best = expand(phi, S, x0);
      continue;
    }
    best = expand(phi, S, x);
    if (result.blocked) {
      x0 = x;
      continue;
    }
    loss.gradient(best.scores, y, g, weights);
    phiTransposeTimes(phi, g, c);
    work.flops += 2 * n * N;
    const inS = new Uint8Array(N);
    for (const j of S) inS[j] = 1;
    const addJ: number[] = [];
    for (let j = 0; j < N; j++) if (!inS[j] && Math.abs(c[j]!) > beta * (1 + 1e-12)) addJ.push(j);
    if (addJ.length === 0) return best;
    S = Int32Array.from([...S, ...addJ]);
    sign = Float64Array.from([...sign, ...addJ.map((j) => -Math.sign(c[j]!))]);
    x0 = Float64Array.from([...x, ...addJ.map(() => 0)]);
  }
  return best;
}

/**
 * Projected damped Newton for min_x L(Phi_S x) + beta s^T x over the closed orthant of s (exact
 * in one step for the squared loss when no coordinate reaches zero). Stops early, with
 * `blocked`, when a step clips coordinates to zero, so the caller can drop them.
 */
function newtonOnSupport(
  phi: Matrix,
  loss: Loss,
  y: Float64Array,
  weights: Float64Array | undefined,
  beta: number,
  S: Int32Array,
  sign: Float64Array,
  x0: Float64Array,
  work: PolishWork,
): { x: Float64Array; blocked: boolean } | null {
  const n = phi.rows;
  const m = S.length;
  const a = gatherColumns(phi, S, work);
  const x = Float64Array.from(x0);
  const p = new Float64Array(n);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const grad = new Float64Array(m);
  const trial = new Float64Array(m);
  const rows = Int32Array.from({ length: n }, (_, k) => k);
  const value = (v: Float64Array): number => {
    work.flops += 2 * n * m;
    applyBlock(a, n, m, v, p);
    let s = loss.value(p, y, weights);
    for (let q = 0; q < m; q++) s += beta * sign[q]! * v[q]!;
    return s;
  };
  let f = value(x);
  for (let it = 0; it < NEWTON_STEPS; it++) {
    applyBlock(a, n, m, x, p);
    loss.gradient(p, y, g, weights);
    loss.secondDerivative(p, y, h, weights);
    for (let q = 0; q < m; q++) grad[q] = beta * sign[q]!;
    for (let k = 0; k < n; k++) {
      const gk = g[k]!;
      if (gk === 0) continue;
      for (let q = 0; q < m; q++) grad[q]! += gk * a[k * m + q]!;
    }
    work.flops += 4 * n * m;
    const step = solveNormal(a, m, rows, h, grad.map((v) => -v), null, work);
    if (!step) return null;
    let slope = 0;
    for (let q = 0; q < m; q++) slope += grad[q]! * step[q]!;
    if (!(slope < 0)) break; // no descent left: converged to rounding level
    // Projected arc (Bertsekas): x(t) = P(x + t step), P clipping coordinates that would change
    // sign to exactly zero, with an Armijo test along the arc.
    let t = 1;
    let fTrial = Infinity;
    let clipped = false;
    let accepted = false;
    for (let ls = 0; ls < 50; ls++) {
      clipped = false;
      let decrease = 0;
      for (let q = 0; q < m; q++) {
        let v = x[q]! + t * step[q]!;
        if (v * sign[q]! < 0) {
          v = 0;
          clipped = true;
        }
        trial[q] = v;
        decrease += grad[q]! * (v - x[q]!);
      }
      fTrial = value(trial);
      if (fTrial <= f + 1e-4 * Math.min(decrease, 0) && fTrial <= f) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    let change = 0;
    let size = 0;
    for (let q = 0; q < m; q++) {
      change = Math.max(change, Math.abs(trial[q]! - x[q]!));
      size = Math.max(size, Math.abs(trial[q]!));
    }
    x.set(trial);
    f = fTrial;
    if (clipped) return { x, blocked: true };
    if (change <= 1e-15 * (1 + size)) break;
  }
  return { x, blocked: false };
}
