import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import { networkScores } from '../../../../src-core/network/forward';
import type { ReluNetwork } from '../../../../src-core/network/relu-network';
import { Prng } from '../../../../src-core/random/prng';
import type { BackpropProblem } from '../../../../src-core/solvers/backprop/backprop-problem';
import { trainBackprop } from '../../../../src-core/solvers/backprop/train-backprop';
import type { ProgressEvent, SolveContext } from '../../../../src-core/solvers/solver-types';
import { TOY_SQUARED_GLOBAL_OPTIMUM, toyProblem, toyX, toyY01, toyYPlusMinus, toyYRegression } from './toy-problem';

/** A context whose clock advances by 1 ms per reading, so histories are reproducible. */
function tickingContext(extra: Partial<SolveContext> = {}): SolveContext {
  let t = 0;
  return { isCancelled: () => false, now: () => t++, ...extra };
}

/** Independent evaluation of (1/2)||f(X) - y||^2 + (beta/2)(||U||_F^2 + ||alpha||^2), written out. */
function squaredObjective(problem: BackpropProblem, net: ReluNetwork): number {
  const f = networkScores(net, problem.X);
  let loss = 0;
  for (let k = 0; k < f.length; k++) loss += 0.5 * (f[k]! - problem.y[k]!) ** 2;
  let norm = 0;
  for (const v of net.hidden.data) norm += v * v;
  for (const v of net.output) norm += v * v;
  return loss + 0.5 * problem.beta * norm;
}

function allFinite(net: ReluNetwork): boolean {
  return net.hidden.data.every(Number.isFinite) && net.output.every(Number.isFinite);
}

/** Random regression data (n x 4 plus bias column) for runs that need more than 8 samples. */
function randomRegression(n: number, seed: number): BackpropProblem {
  const rng = new Prng(seed);
  const d = 5;
  const X = createMatrix(n, d);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < d - 1; t++) X.data[k * d + t] = rng.nextGaussian();
    X.data[k * d + d - 1] = 1;
    y[k] = Math.max(X.data[k * d]! + 0.5 * X.data[k * d + 1]!, 0) - Math.max(X.data[k * d + 2]!, 0) + 0.1 * rng.nextGaussian();
  }
  return { X, y, loss: squaredLoss, beta: 0.1, hasBias: true, seed: 3 };
}

describe('trainBackprop on the toy problem of paper-spec 7.3 (squared loss, beta = 0.1)', () => {
  const lowerBound = TOY_SQUARED_GLOBAL_OPTIMUM - 1e-9;

  it('never beats the exact global optimum 0.3097687223 and gets within 5% of it (Adam, full batch)', () => {
    const problem = toyProblem(squaredLoss, toyYRegression, 11);
    const result = trainBackprop(problem, { optimizer: 'adam', batchSize: 0, epochs: 2000, restarts: 3, tolerance: 0 }, tickingContext());
    expect(result.status).toBe('max-iterations');
    for (const f of result.solution.restartObjectives) expect(f).toBeGreaterThanOrEqual(lowerBound);
    expect(result.solution.objective).toBeGreaterThanOrEqual(lowerBound);
    expect(result.solution.objective).toBeLessThan(1.05 * TOY_SQUARED_GLOBAL_OPTIMUM);
    // the reported objective is the non-convex objective of the returned network
    expect(result.solution.objective).toBeCloseTo(squaredObjective(problem, result.solution.network), 12);
    expect(result.info.objective).toBe(result.solution.objective);
    expect(result.solution.objective).toBe(Math.min(...result.solution.restartObjectives));
    expect(result.solution.restartObjectives[result.solution.bestRestart]).toBe(result.solution.objective);
    expect(result.info.lowerBound).toBeNull();
    expect(result.info.relativeGap).toBeNull();
    expect(result.info.notes.join(' ')).toMatch(/no optimality certificate/);
    expect(result.info.iterations).toBe(3 * 2000);
    expect(result.history).toHaveLength(3 * 2000);
  });

  it('gets within 5% with mini-batch SGD with momentum (batch 2, gradients scaled by n / batch)', () => {
    const problem = toyProblem(squaredLoss, toyYRegression, 12);
    const result = trainBackprop(problem, { optimizer: 'sgd', batchSize: 2, learningRate: 5e-3, epochs: 400, restarts: 2, hiddenUnits: 16 }, tickingContext());
    for (const f of result.solution.restartObjectives) expect(f).toBeGreaterThanOrEqual(lowerBound);
    expect(result.solution.objective).toBeLessThan(1.05 * TOY_SQUARED_GLOBAL_OPTIMUM);
    expect(result.solution.objective).toBeCloseTo(squaredObjective(problem, result.solution.network), 12);
  });

  it('stops with "solved" once the objective changes by less than the tolerance over 10 epochs', () => {
    const result = trainBackprop(toyProblem(squaredLoss, toyYRegression), { batchSize: 0, epochs: 20000, tolerance: 1e-5 }, tickingContext());
    expect(result.status).toBe('solved');
    const h = result.history;
    expect(h.length).toBeGreaterThanOrEqual(10);
    expect(h.length).toBeLessThan(20000);
    const last = h[h.length - 1]!.objective;
    const tenBefore = h[h.length - 11]!.objective;
    expect(Math.abs(tenBefore - last) / last).toBeLessThan(1e-5);
    // one epoch earlier the criterion was not met yet
    expect(Math.abs(h[h.length - 12]!.objective - h[h.length - 2]!.objective) / h[h.length - 2]!.objective).toBeGreaterThanOrEqual(1e-5);
  });
});

describe('trainBackprop run control', () => {
  it('is deterministic: same seed gives a bit-identical network and history, another seed does not', () => {
    const settings = { optimizer: 'sgd' as const, batchSize: 3, learningRate: 1e-2, epochs: 40, restarts: 2, hiddenUnits: 8 };
    const a = trainBackprop(toyProblem(squaredLoss, toyYRegression, 5), settings, tickingContext());
    const b = trainBackprop(toyProblem(squaredLoss, toyYRegression, 5), settings, tickingContext());
    const c = trainBackprop(toyProblem(squaredLoss, toyYRegression, 6), settings, tickingContext());
    expect(Array.from(b.solution.network.hidden.data)).toEqual(Array.from(a.solution.network.hidden.data));
    expect(Array.from(b.solution.network.output)).toEqual(Array.from(a.solution.network.output));
    expect(b.history).toEqual(a.history);
    expect(b.solution.restartObjectives).toEqual(a.solution.restartObjectives);
    expect(Array.from(c.solution.network.hidden.data)).not.toEqual(Array.from(a.solution.network.hidden.data));
    expect(c.history.map((p) => p.objective)).not.toEqual(a.history.map((p) => p.objective));
    // restarts draw different initializations
    expect(a.solution.restartObjectives[0]).not.toBe(a.solution.restartObjectives[1]);
  });

  it('decreases the objective on average (first vs last epochs) with mini-batch SGD', () => {
    const problem = randomRegression(120, 9);
    const result = trainBackprop(problem, { optimizer: 'sgd', batchSize: 16, learningRate: 1e-3, epochs: 30, hiddenUnits: 16 }, tickingContext());
    const f = result.history.map((p) => p.objective);
    expect(f).toHaveLength(30);
    const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
    expect(f[f.length - 1]!).toBeLessThan(f[0]!);
    expect(mean(f.slice(-5))).toBeLessThan(0.8 * mean(f.slice(0, 5)));
  });

  it('returns "cancelled" with a usable network when cancelled mid-run', () => {
    let checks = 0;
    const events: ProgressEvent[] = [];
    const problem = toyProblem(squaredLoss, toyYRegression);
    const result = trainBackprop(
      problem,
      { epochs: 1000, restarts: 3 },
      tickingContext({ isCancelled: () => ++checks >= 7, onProgress: (e) => events.push(e) }),
    );
    expect(result.status).toBe('cancelled');
    expect(result.history).toHaveLength(7);
    expect(result.solution.restartStatuses).toEqual(['cancelled']);
    expect(allFinite(result.solution.network)).toBe(true);
    expect(result.solution.network.hidden.rows).toBe(32);
    expect(result.solution.objective).toBeCloseTo(squaredObjective(problem, result.solution.network), 12);
    expect(result.solution.objective).toBe(result.history[6]!.objective);
    expect(events).toHaveLength(7);
    expect(events[6]!.fraction).toBeCloseTo(7 / 1000 / 3, 12);
  });

  it('sends one progress event per epoch equal to the history, ending at fraction 1', () => {
    const events: ProgressEvent[] = [];
    const result = trainBackprop(toyProblem(squaredLoss, toyYRegression), { epochs: 15, restarts: 2, tolerance: 0 }, tickingContext({ onProgress: (e) => events.push(e) }));
    expect(events.map(({ fraction: _f, ...point }) => point)).toEqual(result.history);
    expect(result.history.map((p) => p.iteration)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(events[14]!.fraction).toBeCloseTo(0.5, 12);
    expect(events[29]!.fraction).toBe(1);
  });

  it('stops at the time limit and keeps the best network so far', () => {
    const result = trainBackprop(toyProblem(squaredLoss, toyYRegression), { epochs: 100000, timeLimitMs: 50 }, tickingContext());
    expect(result.status).toBe('time-limit');
    expect(result.history.length).toBeGreaterThan(0);
    expect(result.history.length).toBeLessThan(60);
    expect(result.history[result.history.length - 1]!.elapsedMs).toBeGreaterThanOrEqual(50);
    expect(allFinite(result.solution.network)).toBe(true);
  });

  it('reports "numerical-failure" when the iterates blow up and keeps the last finite network', () => {
    const problem = toyProblem(squaredLoss, toyYRegression);
    const result = trainBackprop(problem, { optimizer: 'sgd', batchSize: 0, learningRate: 10, momentum: 0.9, epochs: 500 }, tickingContext());
    expect(result.status).toBe('numerical-failure');
    expect(result.history.length).toBeLessThan(500);
    expect(allFinite(result.solution.network)).toBe(true);
    expect(Number.isFinite(result.solution.objective)).toBe(true);
    const recomputed = squaredObjective(problem, result.solution.network);
    expect(Math.abs(result.solution.objective - recomputed)).toBeLessThanOrEqual(1e-12 * recomputed);
    expect(result.solution.objective).toBe(result.history[result.history.length - 1]!.objective);
    for (const p of result.history) expect(Number.isFinite(p.objective)).toBe(true);
  });

  it('records training accuracy of 1[f > 0] vs y > 0 for bce and hinge, and none for squared', () => {
    const bce = trainBackprop(toyProblem(bceLoss, toyY01), { batchSize: 0, epochs: 500 }, tickingContext());
    const hinge = trainBackprop(toyProblem(hingeLoss, toyYPlusMinus), { batchSize: 0, epochs: 500 }, tickingContext());
    for (const result of [bce, hinge]) {
      for (const p of result.history) expect(p.trainAccuracy).toBeGreaterThanOrEqual(0);
      const f = networkScores(result.solution.network, toyX);
      const correct = Array.from(f).filter((v, k) => v > 0 === toyY01[k]! > 0).length;
      expect(result.history[result.history.length - 1]!.trainAccuracy).toBe(correct / 8);
      expect(correct).toBe(8); // the toy data are separable (paper-spec 7.3(C))
    }
    const squared = trainBackprop(toyProblem(squaredLoss, toyYRegression), { epochs: 5 }, tickingContext());
    expect(squared.history.every((p) => p.trainAccuracy === undefined)).toBe(true);
  });
});
