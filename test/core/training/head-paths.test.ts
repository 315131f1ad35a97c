import { describe, expect, it } from 'vitest';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { logGrid, pathSteps, solveBetaPath, type PathResult } from '../../../src-core/training/beta-path';
import { combineHeadPaths, solveHeadPath } from '../../../src-core/training/head-paths';
import { planHeads } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { blobs } from '../fixtures/synthetic';

const fixedClock = { now: () => 0 };

/** A path's points and models without timings. */
function timeless(path: PathResult): unknown {
  return JSON.parse(JSON.stringify({ points: path.points, outcomes: path.outcomes, cancelled: path.cancelled }, (key, v: unknown) => (/Ms$|^notes$|^details$/.test(key) ? undefined : v)));
}

describe('head paths', () => {
  const data = blobs(90, 3, 0.5, 4);
  const split = { train: { ...data, X: { ...data.X, rows: 70, data: data.X.data.subarray(0, 70 * data.X.cols) }, y: data.y.subarray(0, 70) }, test: { ...data, X: { ...data.X, rows: 20, data: data.X.data.subarray(70 * data.X.cols) }, y: data.y.subarray(70) } };
  const betas = logGrid(0.01, 1, 4);

  it.each([
    ['the interior-point method (ascending, warm iterates), patterns from back-propagation', { solver: 'ipm', loss: 'squared', solverSettings: { tolerance: 1e-4, patternSource: 'backprop' } }],
    ['SCP (descending, warm alpha)', { solver: 'scp', loss: 'bce' }],
  ] as const)('combine into solveBetaPath\'s result, each head\'s path solved on its own, for %s', (_name, solver) => {
    const options: TrainOptions = { task: 'multiclass', formulation: 'sampled', patterns: 8, beta: betas[0]!, bias: true, seed: 6, ...solver };
    const whole = solveBetaPath(split.train, split.test, options, betas, defaultContext(fixedClock));
    const first = pathSteps(options.solver, betas)[0]!.beta;
    const plan = structuredClone(planHeads(split.train, { ...options, beta: first }, defaultContext(fixedClock)));
    const paths = [2, 0, 1].map((head) => solveHeadPath(split.train, options, plan, head, betas, defaultContext(fixedClock))).sort((a, b) => a.head - b.head);
    const combined = combineHeadPaths(split.train, split.test, options, betas, plan, paths);
    expect(combined.points).toHaveLength(4);
    expect(timeless(combined)).toEqual(timeless(whole));
  });

  it('stops the combined path at a point a head did not reach, or after a cancelled head', () => {
    const options: TrainOptions = { task: 'multiclass', formulation: 'sampled', patterns: 8, beta: betas[0]!, bias: true, seed: 6, solver: 'scp', loss: 'bce' };
    const first = pathSteps(options.solver, betas)[0]!.beta;
    const plan = planHeads(split.train, { ...options, beta: first }, defaultContext());
    const paths = [0, 1, 2].map((head) => solveHeadPath(split.train, options, plan, head, betas, defaultContext()));
    // SCP goes from the largest beta down: index 3, then 2, 1, 0. Head 1 stopped after two betas.
    const short = paths.map((p) => (p.head === 1 ? { ...p, trained: p.trained.map((t, i) => (i < 2 ? null : t)) } : p));
    const stopped = combineHeadPaths(split.train, split.test, options, betas, plan, short);
    expect(stopped.cancelled).toBe(true);
    expect(stopped.points.map((p) => p.beta)).toEqual([betas[2], betas[3]]);
    // A cancelled head at the first point: the heads after it were left out, no model to score.
    const cancelledHead = paths.map((p) => (p.head === 0 ? { ...p, trained: p.trained.map((t, i) => (i === 3 ? { ...t!, status: 'cancelled' as const } : t)) } : p));
    const first1 = combineHeadPaths(split.train, split.test, options, betas, plan, cancelledHead);
    expect(first1.points).toEqual([]);
    // The last head cancelled at the second point: that point has every head and is kept, cancelled.
    const lastHead = paths.map((p) => (p.head === 2 ? { ...p, trained: p.trained.map((t, i) => (i === 2 ? { ...t!, status: 'cancelled' as const } : i < 2 ? null : t)) } : p));
    const second = combineHeadPaths(split.train, split.test, options, betas, plan, lastHead);
    expect(second.points.map((p) => [p.beta, p.status])).toEqual([
      [betas[2], 'cancelled'],
      [betas[3], 'solved'],
    ]);
    expect(first1.cancelled).toBe(true);
    expect(second.cancelled).toBe(true);
  });
});
