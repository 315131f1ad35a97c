import { describe, expect, it } from 'vitest';
import { createMatrix, matrixFromRows } from '../../../../src-core/linalg/matrix';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import type { Loss } from '../../../../src-core/losses/loss';
import { hiddenPreActivations, networkScores, weightDecay } from '../../../../src-core/network/forward';
import type { ReluNetwork } from '../../../../src-core/network/relu-network';
import { Prng } from '../../../../src-core/random/prng';
import {
  accumulateLossGradient,
  addWeightDecayGradient,
  createGradientWorkspace,
  objectiveGradient,
} from '../../../../src-core/solvers/backprop/backprop-gradient';

/** Tiny problem: n = 6 samples, d = 3 inputs (last = bias 1), m = 4 neurons. */
const X = matrixFromRows([
  [0.9, -0.4, 1],
  [-0.7, 0.8, 1],
  [0.2, 1.3, 1],
  [-1.1, -0.6, 1],
  [0.5, 0.3, 1],
  [1.4, -1.0, 1],
]);
const n = X.rows;
const d = X.cols;
const m = 4;
const beta = 0.3;
const weights = Float64Array.from([1, 2, 0.5, 1.5, 1, 0.25]);

function objective(loss: Loss, y: Float64Array, net: ReluNetwork, w?: Float64Array): number {
  return loss.value(networkScores(net, X), y, w) + weightDecay(net, beta);
}

/** A random network whose pre-activations stay >= `gap` away from the ReLU kink at 0. */
function randomNet(seed: number, gap: number): ReluNetwork {
  const rng = new Prng(seed);
  for (;;) {
    const net: ReluNetwork = {
      hidden: createMatrix(m, d, Float64Array.from({ length: m * d }, () => rng.nextGaussian())),
      output: Float64Array.from({ length: m }, () => rng.nextGaussian()),
      hasBias: true,
    };
    if (hiddenPreActivations(net, X).data.every((z) => Math.abs(z) >= gap)) return net;
  }
}

/** Central differences of the full objective in every weight, step h. */
function finiteDifferences(loss: Loss, y: Float64Array, net: ReluNetwork, h: number, w?: Float64Array): Float64Array {
  const params = [net.hidden.data, net.output];
  const out: number[] = [];
  for (const p of params) {
    for (let i = 0; i < p.length; i++) {
      const keep = p[i]!;
      p[i] = keep + h;
      const plus = objective(loss, y, net, w);
      p[i] = keep - h;
      const minus = objective(loss, y, net, w);
      p[i] = keep;
      out.push((plus - minus) / (2 * h));
    }
  }
  return Float64Array.from(out);
}

function analytic(loss: Loss, y: Float64Array, net: ReluNetwork, w?: Float64Array): Float64Array {
  const g = objectiveGradient({ X, y, loss, ...(w ? { sampleWeights: w } : {}) }, beta, net);
  return Float64Array.from([...g.hidden, ...g.output]);
}

function expectClose(a: Float64Array, b: Float64Array, tol: number): void {
  expect(a.length).toBe(b.length);
  let scale = 1;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tol * scale);
}

describe('back-propagation gradient', () => {
  const ySquared = Float64Array.from([1.2, -0.3, 0.7, -1.5, 0.4, 2.0]);
  const y01 = Float64Array.from([1, 0, 1, 0, 1, 1]);
  const yPm = Float64Array.from([1, -1, 1, -1, 1, 1]);

  it('equals central finite differences of the full objective (squared loss, with and without weights)', () => {
    for (const seed of [1, 2, 3]) {
      const net = randomNet(seed, 1e-3);
      expectClose(analytic(squaredLoss, ySquared, net), finiteDifferences(squaredLoss, ySquared, net, 1e-6), 1e-7);
      expectClose(analytic(squaredLoss, ySquared, net, weights), finiteDifferences(squaredLoss, ySquared, net, 1e-6, weights), 1e-7);
    }
  });

  it('equals central finite differences of the full objective (bce loss)', () => {
    for (const seed of [4, 5, 6]) {
      const net = randomNet(seed, 1e-3);
      expectClose(analytic(bceLoss, y01, net), finiteDifferences(bceLoss, y01, net, 1e-6), 1e-7);
      expectClose(analytic(bceLoss, y01, net, weights), finiteDifferences(bceLoss, y01, net, 1e-6, weights), 1e-7);
    }
  });

  it('equals central finite differences of the full objective (hinge loss, away from its kinks)', () => {
    let checked = 0;
    for (let seed = 10; checked < 3; seed++) {
      const net = randomNet(seed, 1e-3);
      const f = networkScores(net, X);
      // need margins y f away from 1 and at least one active hinge term, else the test is vacuous
      const margins = Array.from(f, (v, k) => yPm[k]! * v);
      if (margins.some((t) => Math.abs(t - 1) < 1e-3) || margins.every((t) => t > 1)) continue;
      const a = analytic(hingeLoss, yPm, net);
      expectClose(a, finiteDifferences(hingeLoss, yPm, net, 1e-6), 1e-7);
      expectClose(analytic(hingeLoss, yPm, net, weights), finiteDifferences(hingeLoss, yPm, net, 1e-6, weights), 1e-7);
      checked++;
    }
  });

  it('is not just the weight decay: the loss part moves the gradient away from beta * theta', () => {
    const net = randomNet(1, 1e-3);
    const a = analytic(squaredLoss, ySquared, net);
    const decayOnly = Float64Array.from([...net.hidden.data, ...net.output].map((v) => beta * v));
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i]! - decayOnly[i]!));
    expect(diff).toBeGreaterThan(1e-2);
  });

  it('scaled single-sample gradients (n * grad l_k) average to the full-sum gradient (unbiased mini-batches)', () => {
    const net = randomNet(2, 1e-3);
    const theta = Float64Array.from([...net.hidden.data, ...net.output]);
    const rows = Int32Array.from({ length: n }, (_, k) => k);
    const ws = createGradientWorkspace(m);
    const mean = new Float64Array(theta.length);
    const one = new Float64Array(theta.length);
    for (let k = 0; k < n; k++) {
      one.fill(0);
      accumulateLossGradient({ X, y: y01, loss: bceLoss, sampleWeights: weights }, theta, m, rows, k, k + 1, n, one, ws);
      addWeightDecayGradient(theta, beta, one);
      for (let i = 0; i < one.length; i++) mean[i]! += one[i]! / n;
    }
    expectClose(mean, analytic(bceLoss, y01, net, weights), 1e-12);
  });
});
