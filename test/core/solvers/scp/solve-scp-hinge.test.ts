import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../../src-core/linalg/matrix';
import { hingeLoss } from '../../../../src-core/losses';
import { networkScores, weightDecay } from '../../../../src-core/network/forward';
import { Prng } from '../../../../src-core/random/prng';
import { buildScpFeatures, sampleScpDirections } from '../../../../src-core/solvers/scp/scp-features';
import { solveScp } from '../../../../src-core/solvers/scp/solve-scp';
import type { ScpProblem } from '../../../../src-core/solvers/scp/solve-scp';
import { hingeObjective, synthetic, toyBeta, toyDirections, toyX, toyYSign } from './scp-fixtures';

/**
 * Independent reference: Chambolle-Pock PDHG written here from scratch (no Cholesky, no prox of
 * the loss module, no certificate module) on the saddle problem
 *   min_alpha max_z  <Phi alpha, z> - H*(z) + beta ||alpha||_1,
 * H*(z) = sum_k z_k y_k on {z : z_k y_k in [-w_k, 0]}. It returns its primal objective and its
 * own weak-duality lower bound, so its accuracy is known.
 */
function pdhgHinge(phi: Matrix, y: Float64Array, beta: number, iterations: number, weights?: Float64Array): { objective: number; lowerBound: number } {
  const n = phi.rows;
  const N = phi.cols;
  let norm2 = 0; // ||Phi||_2^2 by power iteration
  let v = new Float64Array(N).fill(1);
  for (let it = 0; it < 200; it++) {
    const p = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let j = 0; j < N; j++) p[k]! += phi.data[k * N + j]! * v[j]!;
    const q = new Float64Array(N);
    for (let k = 0; k < n; k++) for (let j = 0; j < N; j++) q[j]! += phi.data[k * N + j]! * p[k]!;
    norm2 = Math.hypot(...q);
    v = q.map((x) => x / norm2);
  }
  const step = 0.9 / Math.sqrt(norm2 * 1.01);
  const alpha = new Float64Array(N);
  const bar = new Float64Array(N);
  const z = new Float64Array(n);
  const zSum = new Float64Array(n);
  const aSum = new Float64Array(N);
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < n; k++) {
      let p = 0;
      for (let j = 0; j < N; j++) p += phi.data[k * N + j]! * bar[j]!;
      const w = weights ? weights[k]! : 1;
      // prox of step H*: z_k y_k = clamp((z_k + step p_k) y_k - step, -w_k, 0)
      const m = Math.min(Math.max((z[k]! + step * p) * y[k]! - step, -w), 0);
      z[k] = m * y[k]!;
    }
    for (let j = 0; j < N; j++) {
      let g = 0;
      for (let k = 0; k < n; k++) g += phi.data[k * N + j]! * z[k]!;
      const x = alpha[j]! - step * g;
      const next = Math.sign(x) * Math.max(Math.abs(x) - step * beta, 0);
      bar[j] = 2 * next - alpha[j]!;
      alpha[j] = next;
    }
    if (it >= iterations / 2) {
      for (let k = 0; k < n; k++) zSum[k]! += z[k]!;
      for (let j = 0; j < N; j++) aSum[j]! += alpha[j]!;
    }
  }
  const count = iterations - Math.ceil(iterations / 2);
  const zAvg = zSum.map((x) => x / count);
  const aAvg = aSum.map((x) => x / count);
  const objective = Math.min(hingeObjective(phi, alpha, y, beta, weights), hingeObjective(phi, aAvg, y, beta, weights));
  const lowerBound = Math.max(dualValue(phi, z, y, beta), dualValue(phi, zAvg, y, beta));
  return { objective, lowerBound };
}

/** Weak-duality bound from z in dom H*: scale into ||Phi^T z||_inf <= beta; -H*(t z) = -t sum z_k y_k. */
function dualValue(phi: Matrix, z: Float64Array, y: Float64Array, beta: number): number {
  let inf = 0;
  let value = 0;
  for (let j = 0; j < phi.cols; j++) {
    let g = 0;
    for (let k = 0; k < phi.rows; k++) g += phi.data[k * phi.cols + j]! * z[k]!;
    inf = Math.max(inf, Math.abs(g));
  }
  for (let k = 0; k < phi.rows; k++) value -= z[k]! * y[k]!;
  return Math.min(1, inf > 0 ? beta / inf : 1) * value;
}

function expectAgreement(problem: ScpProblem, reference: { objective: number; lowerBound: number }): void {
  // The reference itself is certified to 1e-7 relative.
  expect((reference.objective - reference.lowerBound) / reference.objective).toBeLessThan(1e-7);
  for (const method of ['ipm', 'admm'] as const) {
    const result = solveScp(problem, { method, tolerance: 1e-9, maxIterations: 40000 });
    expect(result.status, method).toBe('solved');
    const phi = buildScpFeatures(problem.X, problem.directions);
    const recomputed = hingeObjective(phi, result.solution.alpha, problem.y, problem.beta, problem.sampleWeights);
    expect(Math.abs(recomputed - result.info.objective)).toBeLessThan(1e-12 * recomputed + 1e-14);
    expect(Math.abs(result.info.objective - reference.objective) / reference.objective, method).toBeLessThan(1e-5);
    // Brackets: each method's lower bound is below the reference's feasible objective, and its
    // objective above the reference's lower bound.
    expect(result.info.lowerBound!).toBeLessThanOrEqual(reference.objective + 1e-12);
    expect(result.info.objective).toBeGreaterThanOrEqual(reference.lowerBound - 1e-12);
    expect(result.info.relativeGap!).toBeLessThanOrEqual(1e-9);
  }
}

describe('solveScp with the hinge loss', () => {
  it('agrees with an independent PDHG run on the 7.3 toy problem (ytil labels, beta = 0.1)', () => {
    const problem: ScpProblem = { X: toyX, y: toyYSign, loss: hingeLoss, beta: toyBeta, hasBias: true, directions: toyDirections };
    expectAgreement(problem, pdhgHinge(buildScpFeatures(toyX, toyDirections), toyYSign, toyBeta, 60000));
  });

  it('agrees with PDHG when there are more neurons than samples (Woodbury path) and with sample weights', () => {
    const directions = sampleScpDirections(new Prng(5), 20, 3);
    const weights = Float64Array.from([1, 2, 0.5, 1, 3, 1, 0.25, 1]);
    const problem: ScpProblem = { X: toyX, y: toyYSign, loss: hingeLoss, beta: 0.05, hasBias: true, directions, sampleWeights: weights };
    expectAgreement(problem, pdhgHinge(buildScpFeatures(toyX, directions), toyYSign, 0.05, 80000, weights));
  });

  it('weights act as duplicated rows (an identity, not a solver comparison)', () => {
    const data = synthetic(21, 30, 3, 24);
    const weights = Float64Array.from({ length: 30 }, (_, k) => (k % 3 === 0 ? 2 : 1));
    const rows: number[] = [];
    for (let k = 0; k < 30; k++) for (let c = 0; c < weights[k]!; c++) rows.push(k);
    const d = data.X.cols;
    const Xdup = { rows: rows.length, cols: d, data: Float64Array.from(rows.flatMap((k) => Array.from(data.X.data.subarray(k * d, (k + 1) * d)))) };
    const ydup = Float64Array.from(rows, (k) => data.ySign[k]!);
    const weighted = solveScp({ X: data.X, y: data.ySign, loss: hingeLoss, beta: 0.5, hasBias: true, directions: data.directions, sampleWeights: weights }, { tolerance: 1e-10 });
    const duplicated = solveScp({ X: Xdup, y: ydup, loss: hingeLoss, beta: 0.5, hasBias: true, directions: data.directions }, { tolerance: 1e-10 });
    expect(weighted.status).toBe('solved');
    expect(duplicated.status).toBe('solved');
    expect(weighted.info.objective).toBeCloseTo(duplicated.info.objective, 8);
  });

  it('returns a sparse network with the certified objective on a 200 x 64 problem', () => {
    const data = synthetic(8, 200, 4, 64);
    const problem: ScpProblem = { X: data.X, y: data.ySign, loss: hingeLoss, beta: 1, hasBias: true, directions: data.directions };
    const result = solveScp(problem);
    expect(result.status).toBe('solved');
    expect(result.solution.method).toBe('ipm');
    expect(result.info.relativeGap!).toBeLessThanOrEqual(1e-6);
    expect(result.solution.neuronCount).toBeLessThan(64);
    const { network } = result.solution;
    const objective = hingeLoss.value(networkScores(network, data.X), data.ySign) + weightDecay(network, 1);
    expect(Math.abs(objective - result.info.objective)).toBeLessThan(1e-9 * objective);
  });
});
