import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../../src-core/errors';
import { getLoss } from '../../../../src-core/losses';
import { networkScores, weightDecay } from '../../../../src-core/network/forward';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import type { PatternSet } from '../../../../src-core/patterns/pattern-set';
import { loadBuiltInDataset } from '../../../../src-core/data/builtin/registry';
import { readTarget } from '../../../../src-core/data/target-column';
import { samplePatterns } from '../../../../src-core/patterns/sample-patterns';
import { prepareTrainingData } from '../../../../src-core/training/prepare-training-data';
import { presetOptions } from '../../../../src-core/training/presets';
import { trainModel } from '../../../../src-core/training/train-model';
import { defaultBeta } from '../../../../src-core/training/train-defaults';
import type { TrainedHead } from '../../../../src-core/training/train-types';
import { Prng } from '../../../../src-core/random/prng';
import { moons } from '../../fixtures/synthetic';
import type { IpmIterate } from '../../../../src-core/solvers/ipm/ipm-engine';
import type { IpmSettings } from '../../../../src-core/solvers/ipm/ipm-settings';
import { conicWorkingSetPlan, usesConeWorkingSet, workingSetPlan } from '../../../../src-core/solvers/ipm/cone-working-set';
import { CouplingCache } from '../../../../src-core/solvers/ipm/coupling-cache';
import { solveIpm, WORKING_SET_EVENT, type IpmProblem } from '../../../../src-core/solvers/ipm/solve-ipm';
import { defaultContext } from '../../../../src-core/solvers/solver-types';
import { goldenGenerators, goldenX, goldenY, loadGoldenProblems, type GoldenProblem } from '../../golden/golden-problems';

function patternsOf(p: GoldenProblem): PatternSet {
  const masks = new Uint8Array(p.n * p.P);
  p.masks.forEach((row, k) => row.forEach((v, i) => (masks[k * p.P + i] = v)));
  return { n: p.n, count: p.P, masks, generators: goldenGenerators(p), source: p.name.includes('exact') ? 'exact' : 'sampled' };
}

function problemOf(p: GoldenProblem): IpmProblem {
  return { X: goldenX(p), y: goldenY(p), loss: getLoss('squared'), beta: p.beta, patterns: patternsOf(p), hasBias: p.biasColumn };
}

const golden = loadGoldenProblems().filter((p) => p.kind === 'convex-relu' && p.loss === 'squared');
const byName = (name: string): GoldenProblem => golden.find((p) => p.name === name)!;

describe('solveIpm against the golden optima (cvxopt)', () => {
  it('has the squared-loss golden problems, the exact 58-pattern one among them', () => {
    expect(golden.length).toBeGreaterThanOrEqual(4);
    expect(golden.some((p) => p.P === 58)).toBe(true);
  });

  for (const p of golden) {
    it(`certifies the optimum of ${p.name} (n=${p.n}, d=${p.d}, P=${p.P}) to 1e-8 in few Newton steps`, () => {
      const r = solveIpm(problemOf(p), { tolerance: 1e-8 }, defaultContext());
      expect(r.status).toBe('solved');
      expect(r.info.iterations).toBeLessThanOrEqual(30);
      expect(Math.abs(r.info.objective - p.optimum) / p.optimum).toBeLessThan(1e-7);
      // The certificate brackets the independent optimum (cvxopt's own error is ~1e-9).
      expect(r.info.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-8));
      expect(r.info.lowerBound!).toBeGreaterThan(p.optimum * (1 - 1e-7));
      expect(r.info.relativeGap!).toBeLessThanOrEqual(1e-8);
      // Interior iterates are never exactly zero: the delivered network is pruned to the
      // optimum's neurons and re-certified.
      expect(r.solution.neuronCount).toBe(p.nonzeroBlocks);
    });
  }

  for (const name of ['sq-n40-d4-P12', 'sq-n240-d6-P16']) {
    it(`the Woodbury path certifies ${name} to 1e-6 as well`, () => {
      const p = byName(name);
      const r = solveIpm(problemOf(p), { tolerance: 1e-6, linearSystem: 'woodbury' }, defaultContext());
      expect(r.status).toBe('solved');
      expect(Math.abs(r.info.objective - p.optimum) / p.optimum).toBeLessThan(1e-6);
      expect(r.info.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-8));
      expect(r.info.details!.join(' ')).toContain('woodbury');
    });
  }
});

describe('solveIpm with a CouplingCache', () => {
  it('takes Q from an earlier solve on the same data: the same solve bit for bit, and the note says so', () => {
    const p = byName('sq-n40-d4-P12');
    const alone = solveIpm(problemOf(p), { tolerance: 1e-8, linearSystem: 'direct' }, defaultContext());
    const coupling = new CouplingCache();
    const first = solveIpm(problemOf(p), { tolerance: 1e-8, linearSystem: 'direct' }, defaultContext(), { coupling });
    // Another beta on copies of the same data (as a path's next point).
    const second = solveIpm({ ...problemOf(p), beta: 2 * p.beta }, { tolerance: 1e-8, linearSystem: 'direct' }, defaultContext(), { coupling });
    const secondAlone = solveIpm({ ...problemOf(p), beta: 2 * p.beta }, { tolerance: 1e-8, linearSystem: 'direct' }, defaultContext());
    expect(coupling.hits).toBe(1);
    expect(first.info.details!.join(' ')).toMatch(/direct path \(Q formed in \d+ ms\)/);
    expect(second.info.details!.join(' ')).toContain('direct path (Q from an earlier solve on the same data)');
    for (const [shared, own] of [[first, alone], [second, secondAlone]] as const) {
      expect(shared.history.map((h) => h.objective)).toEqual(own.history.map((h) => h.objective));
      expect(shared.solution.blocks.data).toEqual(own.solution.blocks.data);
    }
  });
});

/** Regression data with many rows per pattern: n x 2P = 32,000 linear cone constraints. */
function manyRowsProblem(n: number, features: number, P: number, seed: number): IpmProblem {
  const rng = new Prng(seed);
  const d = features + 1;
  const X = createMatrix(n, d);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let target = 0;
    for (let l = 0; l < features; l++) {
      const v = rng.nextGaussian();
      X.data[k * d + l] = v;
      target += Math.max(0, v + 0.3 * l - 1) - 0.2 * v;
    }
    X.data[k * d + features] = 1;
    y[k] = target + 0.1 * rng.nextGaussian();
  }
  return { X, y, loss: getLoss('squared'), beta: 1e-4 * n, patterns: samplePatterns(X, P, new Prng(seed + 1)), hasBias: true };
}

/** Three one-hot coded columns of 5 levels, two numeric ones and the bias: d = 5 groups + 3. */
function oneHotProblem(n: number, groups: number, P: number, seed: number): IpmProblem {
  const rng = new Prng(seed);
  const d = 5 * groups + 3;
  const X = createMatrix(n, d);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let target = 0;
    for (let g = 0; g < groups; g++) {
      const level = Math.floor(5 * rng.nextFloat());
      X.data[k * d + 5 * g + level] = 1;
      target += ((level * (g + 2)) % 5) / 4 - 0.5;
    }
    const a = rng.nextGaussian();
    const b = rng.nextGaussian();
    X.data[k * d + d - 3] = a;
    X.data[k * d + d - 2] = b;
    X.data[k * d + d - 1] = 1;
    y[k] = target + Math.max(0, a - 0.3) - 0.5 * Math.max(0, -b) + 0.2 * rng.nextGaussian();
  }
  return { X, y, loss: getLoss('squared'), beta: 1e-4 * n, patterns: samplePatterns(X, P, new Prng(seed + 1)), hasBias: true };
}

describe('solveIpm with more unknowns than rows (the Woodbury path)', () => {
  // n = 150 rows, d = 11, P = 32: dP = 352 > n, and nearly every neuron is active at the optimum.
  // Recovering dv, dw through Bv^{-1} Q a stalled this problem at a gap of 1.5e-2.
  it('follows the direct path to the same certified optimum', () => {
    const problem = manyRowsProblem(150, 10, 32, 3);
    const direct = solveIpm(problem, { tolerance: 1e-6, linearSystem: 'direct' }, defaultContext());
    const woodbury = solveIpm(problem, { tolerance: 1e-6, linearSystem: 'woodbury' }, defaultContext());
    expect(direct.status).toBe('solved');
    expect(woodbury.status).toBe('solved');
    expect(woodbury.info.relativeGap!).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(woodbury.info.iterations - direct.info.iterations)).toBeLessThanOrEqual(1);
    expect(Math.abs(woodbury.info.objective - direct.info.objective) / direct.info.objective).toBeLessThan(1e-6);
    // Each certificate bounds the other's objective.
    expect(woodbury.info.lowerBound!).toBeLessThanOrEqual(direct.info.objective);
    expect(direct.info.lowerBound!).toBeLessThanOrEqual(woodbury.info.objective);
  });

  it('warm-starts along a beta path on that path to the cold solves\' optima', () => {
    const problem = manyRowsProblem(150, 10, 32, 3);
    let kept: IpmIterate | undefined;
    const settings = { tolerance: 1e-6, linearSystem: 'woodbury' } as const;
    solveIpm({ ...problem, beta: 2 * problem.beta }, settings, defaultContext(), { keep: (it) => (kept = it) });
    const warm = solveIpm(problem, settings, defaultContext(), { from: kept! });
    const cold = solveIpm(problem, settings, defaultContext());
    expect(warm.status).toBe('solved');
    expect(warm.info.notes.join(' ')).toContain('Started from the previous solution');
    expect(Math.abs(warm.info.objective - cold.info.objective) / cold.info.objective).toBeLessThan(2e-6);
  });

  it('passes the first cold start\'s scale along a chain of warm starts', () => {
    const problem = manyRowsProblem(1000, 4, 16, 5);
    const finals: IpmIterate[] = [];
    const keep = (it: IpmIterate): number => finals.push(it);
    solveIpm(problem, { tolerance: 1e-6 }, defaultContext(), { keep });
    const second = solveIpm({ ...problem, beta: 2 * problem.beta }, { tolerance: 1e-6 }, defaultContext(), { from: finals[0]!, keep });
    solveIpm({ ...problem, beta: 4 * problem.beta }, { tolerance: 1e-6 }, defaultContext(), { from: finals[1]!, keep });
    expect(second.info.notes).toContain('Started from the previous solution blended with a centred point.');
    expect(finals[0]!.coldScale).toBeGreaterThan(0);
    expect(finals.map((it) => it.coldScale)).toEqual([finals[0]!.coldScale, finals[0]!.coldScale, finals[0]!.coldScale]);
  });

  it('passes on only the rows a solve ended tight on, so a path does not pile up rows point after point', () => {
    const problem = manyRowsProblem(1000, 4, 16, 5);
    const finals: IpmIterate[] = [];
    const keep = (it: IpmIterate): number => finals.push(it);
    solveIpm({ ...problem, beta: 4 * problem.beta }, { tolerance: 1e-6 }, defaultContext(), { keep });
    solveIpm({ ...problem, beta: 2 * problem.beta }, { tolerance: 1e-6 }, defaultContext(), { from: finals[0]!, keep });
    const third = solveIpm(problem, { tolerance: 1e-6 }, defaultContext(), { from: finals[1]!, keep });
    expect(third.status).toBe('solved');
    const [, second, last] = finals as [IpmIterate, IpmIterate, IpmIterate];
    let tightKept = 0;
    let slackDropped = 0;
    for (let e = 0; e < second.activeRows!.length; e++) {
      if (!second.activeRows![e]) continue;
      if (second.zLin[e]! > second.sLin[e]!) {
        tightKept++;
        expect(last.activeRows![e]).toBe(1);
      } else if (!last.activeRows![e]) slackDropped++;
    }
    expect(tightKept).toBeGreaterThan(0);
    // Rows the second solve kept but ended slack on (not near a generator or the new solution).
    expect(slackDropped).toBeGreaterThan(0);
    const cold = solveIpm(problem, { tolerance: 1e-6 }, defaultContext());
    expect(Math.abs(third.info.objective - cold.info.objective) / cold.info.objective).toBeLessThan(2e-6);
  });
});

describe('solveIpm behaviour', () => {
  it('reports a stall as such when the tolerance is beyond its digits, and keeps the best certified iterate', () => {
    const q = byName('sq-n40-d4-P12');
    const r = solveIpm(problemOf(q), { tolerance: 1e-12 }, defaultContext());
    expect(r.status).toBe('stalled');
    expect(r.info.iterations).toBeLessThan(100);
    expect(r.info.relativeGap!).toBeLessThan(1e-9);
    expect(Math.abs(r.info.objective - q.optimum) / q.optimum).toBeLessThan(1e-8);
    expect(r.info.notes.join(' ')).toMatch(/Stopped before the tolerance: no progress in the last 8 Newton steps/);
  });

  it('takes the Woodbury path when the pattern system is over the limit and the rows are not', () => {
    const rng = new Prng(8);
    const d = 61;
    const X = createMatrix(300, d, Float64Array.from({ length: 300 * d }, () => rng.nextGaussian()));
    const patterns = samplePatterns(X, 100, new Prng(9));
    expect(d * patterns.count).toBeGreaterThan(6000);
    const y = Float64Array.from({ length: 300 }, (_, k) => Math.max(0, X.data[k * d]!) + 0.1 * rng.nextGaussian());
    const r = solveIpm({ X, y, loss: getLoss('squared'), beta: 0.03, patterns, hasBias: false }, { tolerance: 1e-4 }, defaultContext());
    expect(r.status).toBe('solved');
    expect(r.info.details!.join(' ')).toContain('woodbury path');
  });

  it('refuses a Newton system when both orders are above the limit with automatic choice, naming the sizes and the way out', () => {
    const rng = new Prng(8);
    const n = 6001;
    const d = 61;
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const patterns = samplePatterns(X, 100, new Prng(9));
    expect(d * patterns.count).toBeGreaterThan(6000);
    const problem: IpmProblem = { X, y: new Float64Array(n).fill(1), loss: getLoss('squared'), beta: 1, patterns, hasBias: false };
    expect(() => solveIpm(problem, {}, defaultContext())).toThrow(/would factor a 6001 x 6001 system every Newton step \(61 columns x \d+ patterns = \d+ unknowns, 6001 rows; it factors the smaller, up to 6000\)\. Use ADMM/);
  });

  it('starts from another solve of the same program at another beta, or cold when the shapes differ', () => {
    const q = byName('sq-n240-d6-P16');
    let kept: IpmIterate | undefined;
    solveIpm({ ...problemOf(q), beta: 2 * q.beta }, { tolerance: 1e-6 }, defaultContext(), { keep: (it) => (kept = it) });
    expect(kept!.sLin.length).toBe(q.n * 2 * q.P);
    const warm = solveIpm(problemOf(q), { tolerance: 1e-8 }, defaultContext(), { from: kept! });
    expect(warm.status).toBe('solved');
    expect(Math.abs(warm.info.objective - q.optimum) / q.optimum).toBeLessThan(1e-7);
    expect(warm.info.notes.join(' ')).toContain('Started from the previous solution');
    const other = solveIpm(problemOf(byName('sq-n40-d4-P12')), { tolerance: 1e-6 }, defaultContext(), { from: kept! });
    expect(other.status).toBe('solved');
    expect(other.info.notes.join(' ')).toContain('Warm start ignored');
  });

  it('does not take its infeasible start phase for a stall (two moons, 1500 training rows, beta = 15)', () => {
    // Measured: the certified gap stays above the starting point's (99%) for the first 8 steps
    // while both residuals fall 400-fold; the solve used to stop there, delivering the start.
    const table = loadBuiltInDataset({ id: 'two-moons', rows: 2000, noise: 0.1, seed: 1 }).table;
    const prepared = prepareTrainingData(table, readTarget(table, 'moon'), { testFraction: 0.25, seed: 1, standardize: true });
    // All cone rows: the working set (taken automatically at this size) has no such phase here.
    const outcome = trainModel(prepared.fitted.dataset, { task: 'binary', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 32, beta: 15, bias: true, seed: 1, solverSettings: { tolerance: 1e-3, coneRows: 'all' } }, defaultContext());
    const head = outcome.heads[0]!;
    const gaps = head.history.map((h) => h.relativeGap!);
    expect(Math.min(...gaps.slice(1, 9))).toBeGreaterThan(gaps[0]!);
    expect(head.status).toBe('solved');
    expect(head.info.relativeGap!).toBeLessThanOrEqual(1e-3);
  });

  /** The one-feature regression of curve-1d with the Most accurate preset, at `multiplier` x the row rule's beta. */
  const curve1dHead = (multiplier: number, tolerance: number, patternSource: 'random' | 'backprop'): TrainedHead => {
    const table = loadBuiltInDataset({ id: 'curve-1d' }).table;
    const prepared = prepareTrainingData(table, readTarget(table, 'y'), { testFraction: 0.25, seed: 1, standardize: true });
    const data = prepared.fitted.dataset;
    const options = presetOptions('accurate', { task: 'regression', rows: data.X.rows, features: data.X.cols, bias: true }, 1);
    expect(options).toMatchObject({ solver: 'ipm', patterns: 128 });
    return trainModel(data, { ...options, beta: defaultBeta(data.X.rows) * multiplier, solverSettings: { ...options.solverSettings, tolerance, patternSource } }, defaultContext()).heads[0]!;
  };

  it('certifies 1e-7 where the Newton systems need regularizing (conjugate gradients after refinement)', () => {
    // Measured: refinement alone left u-system residuals of 1e-5..1e-2 in the last steps, the
    // dual residual grew from 1e-11 to 1e-6 and the solve stopped at a gap of 9e-6.
    // Random patterns, as the preset had when this was measured (it now takes them from
    // back-propagation; with those, at this beta, the solve stopped at 1.2e-6 after 54
    // regularizations until dominant rows were kept out of the blocks; see the next test).
    // beta: 1e-3 x the row rule (1e-4 per row), as measured; regression's default is now scaled
    // with the target's spread too (train-defaults.ts).
    const head = curve1dHead(1e-3, 1e-7, 'random');
    expect(head.info.details!.join(' ')).toMatch(/[1-9]\d* diagonal regularizations?\./);
    // The user reads what they mean: safeguards, and a certificate that does not depend on them.
    expect(head.info.notes.join(' ')).toMatch(/The solver needed [1-9]\d* small numerical safeguards? on the way\. The result is still certified/);
    expect(head.info.notes.join(' ')).not.toMatch(/regularization|Mehrotra|Nesterov|\(s\)/);
    expect(head.status).toBe('solved');
    expect(head.info.relativeGap!).toBeLessThanOrEqual(1e-7);
  });

  it('certifies 1e-6 at a tiny beta where neurons that are one function turned the Newton system indefinite (dominant rows kept out of the blocks)', () => {
    // Measured at 1e-2 x the row rule: from step 30 pairs of patterns that differ only at the row
    // a neuron's kink sits on carried that neuron twice; the u-system's curvature that moves
    // output between the two (~1e-9) was below the rounding of the kink row's weight (~1e7) in
    // the blocks, the system turned indefinite, conjugate gradients stopped at residuals of 1e-6,
    // the dual residual jumped from 3e-10 to 2e-7 and the solve stalled at a gap of 5.1e-6.
    const head = curve1dHead(1e-2, 1e-6, 'random');
    expect(head.status).toBe('solved');
    expect(head.info.relativeGap!).toBeLessThanOrEqual(1e-6);
    // Back-propagation's patterns at 1e-3 x: stalled at 1.2e-6.
    const backprop = curve1dHead(1e-3, 1e-6, 'backprop');
    expect(backprop.status).toBe('solved');
    expect(backprop.info.relativeGap!).toBeLessThanOrEqual(1e-6);
  });

  it('keeps its steps long on many linear constraints (the centrality corrections)', () => {
    // Measured: 20 steps; 29 without the corrections of IpmEngine.centralityCorrections.
    const r = solveIpm(manyRowsProblem(1000, 10, 16, 5), { tolerance: 1e-6 }, defaultContext());
    expect(r.status).toBe('solved');
    expect(r.info.iterations).toBeLessThanOrEqual(23);
    expect(r.info.relativeGap!).toBeLessThanOrEqual(1e-6);
  });


  const p = byName('sq-n240-d6-P16');

  it('is deterministic: the same input gives bit-identical blocks and history', () => {
    const a = solveIpm(problemOf(p), { tolerance: 1e-6 }, defaultContext());
    const b = solveIpm(problemOf(p), { tolerance: 1e-6 }, defaultContext());
    expect(Array.from(a.solution.blocks.data)).toEqual(Array.from(b.solution.blocks.data));
    expect(a.history.map((h) => h.objective)).toEqual(b.history.map((h) => h.objective));
  });

  it('records one certified history point per Newton step, the network objective equal to the convex one', () => {
    const r = solveIpm(problemOf(p), { tolerance: 1e-6 }, defaultContext());
    expect(r.history.length).toBe(r.info.iterations + 1);
    for (const h of r.history) {
      expect(Number.isFinite(h.objective)).toBe(true);
      expect(h.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-8));
    }
    expect(r.history.at(-1)!.relativeGap!).toBeLessThan(r.history[0]!.relativeGap!);
    // trainPredictions are the delivered network's outputs: they reproduce the golden yhat.
    const worst = Math.max(...p.yhat.map((v, k) => Math.abs(v - r.solution.trainPredictions[k]!)));
    expect(worst).toBeLessThan(1e-4 * Math.max(...p.yhat.map(Math.abs)));
  });

  it('stops at the iteration limit with the best iterate and an honest gap', () => {
    const r = solveIpm(problemOf(p), { maxIterations: 4, tolerance: 1e-8 }, defaultContext());
    expect(r.status).toBe('max-iterations');
    expect(r.info.iterations).toBe(4);
    expect(r.info.relativeGap!).toBeGreaterThan(1e-8);
    expect(r.info.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-8));
  });

  it('reports the objective and predictions of the network it delivers, solved or stopped early (pruned or not)', () => {
    // Measured: the last case, stopped at 12 steps, tries pruning and rejects every threshold,
    // leaving a rejected candidate's outputs behind (the delivered network's are computed again).
    const cases: [IpmProblem, Partial<IpmSettings>][] = [
      [problemOf(p), { tolerance: 1e-6 }], [problemOf(p), { maxIterations: 4, tolerance: 1e-8 }], [problemOf(p), { maxIterations: 9, tolerance: 1e-8 }],
      [manyRowsProblem(300, 2, 16, 5), { maxIterations: 12, tolerance: 1e-3 }],
    ];
    for (const [problem, settings] of cases) {
      const r = solveIpm(problem, settings, defaultContext());
      const scores = networkScores(r.solution.network, problem.X);
      scores.forEach((v, k) => expect(r.solution.trainPredictions[k]!).toBeCloseTo(v, 10));
      const objective = problem.loss.value(scores, problem.y) + weightDecay(r.solution.network, problem.beta);
      expect(Math.abs(r.info.objective - objective) / objective).toBeLessThan(1e-10);
      expect(r.solution.neuronCount).toBe(r.solution.network.output.length);
    }
  });

  it('cancels between Newton steps and keeps the last iterate', () => {
    let calls = 0;
    const r = solveIpm(problemOf(p), { tolerance: 1e-10 }, defaultContext({ isCancelled: () => ++calls >= 3 }));
    expect(r.status).toBe('cancelled');
    expect(r.info.iterations).toBe(2);
    expect(Number.isFinite(r.info.objective)).toBe(true);
  });

  it('stops at the time limit', () => {
    let clock = 0;
    const r = solveIpm(problemOf(p), { tolerance: 1e-10, timeLimitMs: 5 }, defaultContext({ now: () => (clock += 2) }));
    expect(r.status).toBe('time-limit');
  });

  it('rejects invalid settings with a clear error', () => {
    expect(() => solveIpm(problemOf(p), { maxIterations: 0 }, defaultContext())).toThrow(ConvexNetError);
  });
});

/** The kept and all cone rows a solve's working-set note reports. */
function workingSetNote(notes: readonly string[]): { kept: number; all: number } {
  const note = notes.find((text) => text.includes('working set of cone rows'))!;
  const [, kept, all] = /worked with ([\d,]+) of the ([\d,]+) constraints/.exec(note)!.map((v) => Number(v.replace(/,/g, '')));
  return { kept: kept!, all: all! };
}

/** How many times the working-set note says rows were added: "added once", "added 3 times", or none. */
function roundsAdded(notes: string): number {
  const match = /added (once|(\d+) times)/.exec(notes);
  return match === null ? 0 : match[1] === 'once' ? 1 : Number(match[2]);
}

describe('solveIpm with a working set of cone rows', () => {
  for (const p of golden.filter((g) => g.n >= 40)) {
    it(`certifies the cvxopt optimum of ${p.name} keeping only some of its cone rows`, () => {
      const r = solveIpm(problemOf(p), { tolerance: 1e-8, coneRows: 'working-set' }, defaultContext());
      const { kept, all } = workingSetNote(r.info.notes);
      expect(kept).toBeLessThan(all);
      expect(r.status).toBe('solved');
      expect(Math.abs(r.info.objective - p.optimum) / p.optimum).toBeLessThan(1e-7);
      expect(r.info.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-8));
      expect(r.solution.neuronCount).toBe(p.nonzeroBlocks);
    });
  }

  it('adds rows instead of stopping when the working program stalls above its round gap (a tight tolerance)', () => {
    // Found with 54 seeded shapes at 1e-7 and 1e-8: 19 stalled, some at gaps of 1e-5 to 2e-4, because
    // a round waits for the working program's gap to reach 0.3 of the tolerance. This one stalled
    // at 6.6e-5 after 27 steps; now its stall is a round, and it is solved.
    const problem = manyRowsProblem(2000, 8, 32, 2);
    const ws = solveIpm(problem, { tolerance: 1e-7, coneRows: 'working-set' }, defaultContext());
    expect(ws.status).toBe('solved');
    expect(ws.info.relativeGap!).toBeLessThanOrEqual(1e-7);
    expect(ws.info.notes.join(' ')).toMatch(/then the most violated ones, added (once|[1-9]\d* times)\./);
    const all = solveIpm(problem, { tolerance: 1e-7, coneRows: 'all' }, defaultContext());
    expect(ws.info.lowerBound!).toBeLessThanOrEqual(all.info.objective * (1 + 1e-12));
    expect(Math.abs(ws.info.objective - all.info.objective) / all.info.objective).toBeLessThan(2e-7);
  });

  it('adds the rows its solution violates until none is, to the optimum of all rows (bracketed both ways)', () => {
    // Measured: one feature plus bias, 1000 rows: the rows nearest the generators leave the
    // solution outside its cones twice; with all rows the same program takes 21 steps.
    const problem = manyRowsProblem(1000, 2, 16, 5);
    const ws = solveIpm(problem, { tolerance: 1e-6, coneRows: 'working-set' }, defaultContext());
    const all = solveIpm(problem, { tolerance: 1e-6, coneRows: 'all' }, defaultContext());
    expect(ws.info.notes.join(' ')).toMatch(/then the most violated ones, added (once|[1-9]\d* times)\. The delivered network (satisfies every row|'s cone violation over all rows is \d\.\de-(9|1\d) \(relative\))\. The certificate covers all of them/);
    for (const r of [ws, all]) expect(r.status).toBe('solved');
    expect(ws.info.lowerBound!).toBeLessThanOrEqual(all.info.objective);
    expect(all.info.lowerBound!).toBeLessThanOrEqual(ws.info.objective);
    expect(Math.abs(ws.info.objective - all.info.objective) / all.info.objective).toBeLessThan(2e-6);
    // One history point per Newton step: a restart's point replaces the one before it, and says so.
    expect(ws.history.length).toBe(ws.info.iterations + 1);
    const rounds = roundsAdded(ws.info.notes.join(' '));
    expect(ws.history.filter((h) => h.event === WORKING_SET_EVENT)).toHaveLength(rounds);
    expect(all.history.some((h) => h.event !== undefined)).toBe(false);
    expect(ws.history.map((h) => h.iteration)).toEqual(ws.history.map((_, k) => k));
    // The bound shown is the largest proven so far: it never falls, though a restart's blended
    // iterate certifies little for a few steps; the final one is the delivered certificate's.
    const bounds = ws.history.map((h) => h.lowerBound!);
    bounds.slice(1).forEach((b, k) => expect(b).toBeGreaterThanOrEqual(bounds[k]!));
    expect(ws.info.lowerBound).toBe(bounds[bounds.length - 1]);
    // The delivered blocks are inside every cone row, not only the kept ones (to the 1e-3 x
    // tolerance the working set allows, relative to the row's and block's sizes).
    const { X, patterns } = problem;
    const { data: blocks, dim: d, patternCount: P } = ws.solution.blocks;
    let worst = 0;
    for (let j = 0; j < 2 * P; j++) {
      const size = Math.hypot(...blocks.subarray(j * d, j * d + d));
      for (let k = 0; k < X.rows && size > 0; k++) {
        const x = X.data.subarray(k * d, k * d + d);
        const product = x.reduce((sum, v, a) => sum + v * blocks[j * d + a]!, 0);
        worst = Math.min(worst, ((2 * patterns.masks[k * P + (j % P)]! - 1) * product) / (Math.hypot(...x) * size));
      }
    }
    expect(worst).toBeGreaterThan(-1e-9);
  });

  it('is chosen automatically for many rows per column or many columns, and not for small low-dimensional problems', () => {
    expect(workingSetPlan(5000, 21, 'auto')).toEqual({ startPerColumn: 6, growInPlace: false });
    // Fewer rows, many columns: 8 d rows to start, rounds in place.
    expect(workingSetPlan(600, 31, 'auto')).toEqual({ startPerColumn: 8, growInPlace: true });
    expect(usesConeWorkingSet(600, 31, 'auto')).toBe(true);
    // ... unless 8 d rows would be most of them, or the data has few columns.
    expect(workingSetPlan(400, 51, 'auto')).toBeNull();
    expect(workingSetPlan(300, 10, 'auto')).toBeNull();
    expect(usesConeWorkingSet(150, 2, 'auto')).toBe(false);
    expect(workingSetPlan(150, 2, 'working-set')).toEqual({ startPerColumn: 6, growInPlace: false });
    expect(usesConeWorkingSet(100_000, 51, 'all')).toBe(false);
    const r = solveIpm(manyRowsProblem(1000, 10, 16, 5), { tolerance: 1e-6 }, defaultContext());
    expect(r.info.notes.join(' ')).toMatch(/The solver worked with [\d,]+ of the [\d,.]+( million)? constraints \(a working set of cone rows\)/);
  });

  it('takes the rows an iterate violates in place on fewer rows with many columns, to the all-rows optimum in fewer steps', () => {
    // One-hot columns (the rows nearest the generators miss some deciding ones): 400 rows, d = 18.
    const problem = oneHotProblem(400, 3, 32, 1);
    const all = solveIpm(problem, { tolerance: 1e-6, coneRows: 'all' }, defaultContext());
    const auto = solveIpm(problem, { tolerance: 1e-6 }, defaultContext());
    expect(auto.status).toBe('solved');
    const rows = auto.info.notes.find((note) => note.includes('working set of cone rows'))!;
    expect(rows).toMatch(/then the most violated ones, added (once|[1-9]\d* times)\. The delivered network satisfies every row\./);
    expect(auto.history.some((point) => point.event === WORKING_SET_EVENT)).toBe(true);
    expect(Math.abs(auto.info.objective - all.info.objective) / all.info.objective).toBeLessThan(1e-6);
    // In place: 22 Newton steps against 24 with all rows; rounds by restart took 41 here.
    expect(auto.info.iterations).toBeLessThan(all.info.iterations);
  });

  it('passes its rows on along a path: a warm start keeps them and the rows nearest the previous solution', () => {
    const problem = manyRowsProblem(1000, 4, 16, 5);
    let kept: IpmIterate | undefined;
    const first = solveIpm({ ...problem, beta: 2 * problem.beta }, { tolerance: 1e-6 }, defaultContext(), { keep: (it) => (kept = it) });
    expect(first.status).toBe('solved');
    const keptRows = kept!.activeRows!;
    expect(keptRows.length).toBe(1000 * 32);
    const warm = solveIpm(problem, { tolerance: 1e-6 }, defaultContext(), { from: kept! });
    const cold = solveIpm(problem, { tolerance: 1e-6 }, defaultContext());
    expect(warm.status).toBe('solved');
    expect(warm.info.notes.join(' ')).toContain('generator and the previous solution');
    expect(Math.abs(warm.info.objective - cold.info.objective) / cold.info.objective).toBeLessThan(2e-6);
  });
});

describe('solveIpm on the conic form: logistic and hinge losses, class weights', () => {
  const others = loadGoldenProblems().filter((p) => p.kind === 'convex-relu' && p.loss !== 'squared');
  it('has logistic and hinge golden problems', () => {
    expect(others.map((p) => p.loss)).toEqual(expect.arrayContaining(['bce', 'hinge']));
  });

  for (const p of others) {
    it(`certifies the cvxopt optimum of ${p.name} (${p.loss}, n=${p.n}, P=${p.P}) to 1e-6 in a few dozen Newton steps`, () => {
      const r = solveIpm({ ...problemOf(p), loss: getLoss(p.loss) }, { tolerance: 1e-8 }, defaultContext());
      expect(r.status).toBe('solved');
      expect(Math.abs(r.info.objective - p.optimum) / p.optimum).toBeLessThan(1e-6);
      expect(r.info.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-9));
      expect(r.info.iterations).toBeLessThanOrEqual(60);
      expect(r.info.newtonSteps).toBe(true);
      expect(r.info.details![0]).toMatch(/^Interior-point method on the convex program as a conic program/);
      expect(r.info.notes[0]).toMatch(/^Solved with the interior-point method, in the general form that the (logistic|hinge) loss needs\.$/);
      expect(r.info.notes.join(' ')).not.toMatch(/adversarial|robust/);
    });
  }

  for (const p of others.filter((g) => g.n >= 40)) {
    it(`certifies the cvxopt optimum of ${p.name} (${p.loss}) keeping only some of its cone rows`, () => {
      const r = solveIpm({ ...problemOf(p), loss: getLoss(p.loss) }, { tolerance: 1e-8, coneRows: 'working-set' }, defaultContext());
      const { kept, all } = workingSetNote(r.info.notes);
      expect(kept).toBeLessThan(all);
      expect(r.status).toBe('solved');
      expect(Math.abs(r.info.objective - p.optimum) / p.optimum).toBeLessThan(1e-6);
      expect(r.info.lowerBound!).toBeLessThanOrEqual(p.optimum * (1 + 1e-9));
      // Inside every cone row to the 1e-3 x tolerance a working set allows.
      expect(r.info.primalResidual!).toBeLessThanOrEqual(1e-11);
    });
  }

  for (const loss of ['bce', 'hinge'] as const) {
    it(`reports the delivered network's own objective when it stops before the tolerance (${loss}, features of scale 1e6)`, () => {
      // Blocks delivered slightly outside their cones: the convex model's objective (the sum over
      // each row's pattern) sat 0.8 ppm (logistic) and 1.7 ppm (hinge) below the network's, and
      // below the proven lower bound, before the delivered point was judged as a network.
      const prng = new Prng(77);
      const n = 20;
      const X = createMatrix(n, 3, Float64Array.from({ length: n * 3 }, () => 1e6 * prng.nextGaussian()));
      const lossFn = getLoss(loss);
      const y = Float64Array.from({ length: n }, (_, k) => (k % 2 === 1 ? 1 : lossFn.name === 'bce' ? 0 : -1));
      const patterns = samplePatterns(X, 6, new Prng(5));
      const beta = 1e5;
      const r = solveIpm({ X, y, loss: lossFn, beta, patterns, hasBias: false }, { tolerance: 1e-8 }, defaultContext());
      const scores = networkScores(r.solution.network, X);
      const objective = lossFn.value(scores, y) + weightDecay(r.solution.network, beta);
      expect(Math.abs(r.info.objective - objective) / objective).toBeLessThan(1e-12);
      r.solution.trainPredictions.forEach((p, k) => expect(Math.abs(p - scores[k]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(scores[k]!))));
      expect(r.info.relativeGap!).toBeCloseTo(Math.abs(r.info.objective - r.info.lowerBound!) / Math.abs(r.info.objective), 12);
    });
  }

  /** A built-in dataset's training rows (25% held out), CLI defaults: 32 patterns, bias, seed 1. */
  const trainOn = (id: string, rows: number, target: string, loss: 'hinge' | 'bce', solverSettings: Readonly<Record<string, number | string>>) => {
    const table = loadBuiltInDataset({ id, rows, seed: 1 }).table;
    const prepared = prepareTrainingData(table, readTarget(table, target), { testFraction: 0.25, seed: 1, standardize: true });
    const dataset = prepared.fitted.dataset;
    return trainModel(dataset, { task: 'binary', loss, solver: 'ipm', formulation: 'sampled', patterns: 32, beta: defaultBeta(dataset.X.rows), bias: true, seed: 1, solverSettings }, defaultContext()).heads[0]!;
  };

  for (const loss of ['hinge', 'bce'] as const) {
    it(`keeps a working set of cone rows on many rows (${loss}, two moons, 1500 training rows): the all-rows optimum, bracketed both ways, in fewer steps`, () => {
      // Measured with all rows: 64 Newton steps (hinge) and 26 (logistic) to 1e-3; with the working set 28 and 16.
      // The logistic loss takes it only when asked (conicWorkingSetPlan).
      const ws = trainOn('two-moons', 2000, 'moon', loss, { tolerance: 1e-6, ...(loss === 'bce' ? { coneRows: 'working-set' } : {}) });
      const all = trainOn('two-moons', 2000, 'moon', loss, { tolerance: 1e-6, coneRows: 'all' });
      for (const head of [ws, all]) expect(head.status).toBe('solved');
      const notes = ws.info.notes.join(' ');
      expect(notes).toMatch(/The solver worked with [\d,]+ of the [\d,]+ constraints \(a working set of cone rows\): those nearest each pattern's generator(, then the most violated ones, added (once|\d+ times))?\.( The delivered network [^.]+\.)? The certificate covers all of them\./);
      expect(all.info.notes.join(' ')).not.toMatch(/working set of cone rows/);
      expect(ws.info.lowerBound!).toBeLessThanOrEqual(all.info.objective);
      expect(all.info.lowerBound!).toBeLessThanOrEqual(ws.info.objective);
      expect(Math.abs(ws.info.objective - all.info.objective) / all.info.objective).toBeLessThan(2e-6);
      // Inside every cone row, left out or not, to the 1e-3 x tolerance a working set allows.
      expect(ws.info.primalResidual!).toBeLessThanOrEqual(1e-9);
      expect(ws.info.iterations).toBeLessThan(all.info.iterations);
      // One history point per Newton step; the point after rows joined says so.
      expect(ws.history.map((h) => h.iteration)).toEqual(ws.history.map((_, k) => k));
      const rounds = roundsAdded(notes);
      expect(ws.history.filter((h) => h.event === WORKING_SET_EVENT)).toHaveLength(rounds);
    });
  }

  it('keeps every cone row for the logistic loss unless asked (its slacks ran off with rows joining in place)', () => {
    const auto = trainOn('two-moons', 2000, 'moon', 'bce', { tolerance: 1e-3 });
    expect(auto.status).toBe('solved');
    expect(auto.info.notes.join(' ')).not.toMatch(/working set of cone rows/);
    expect(conicWorkingSetPlan(1500, 3, 'auto', 'bce')).toBeNull();
    expect(conicWorkingSetPlan(1500, 3, 'working-set', 'bce')).not.toBeNull();
    expect(conicWorkingSetPlan(1500, 3, 'auto', 'hinge')).toEqual({ startPerColumn: 6, growInPlace: false });
    // Fewer rows with many columns (the squared engine's in-place plan): all rows unless asked.
    expect(conicWorkingSetPlan(600, 31, 'auto', 'hinge')).toBeNull();
  });

  it('certifies the hinge loss on spirals with 2,250 training rows within the Balanced preset\'s 100 Newton steps', () => {
    // Measured with all cone rows (as before the working set): 127 steps to 1e-3, so the preset's
    // limit stopped it uncertified; two moons with 8,000 rows: 135 steps, stopped at a gap of 24%.
    const head = trainOn('spirals', 3000, 'label', 'hinge', { tolerance: 1e-3, maxIterations: 100 });
    expect(head.status).toBe('solved');
    expect(head.info.relativeGap!).toBeLessThanOrEqual(1e-3);
    expect(head.info.iterations).toBeLessThanOrEqual(60);
  });

  it('words a retry of the standard program by its cone rows, not as adversarial training', () => {
    // Found by fuzzing: the first attempt stalls just above the tolerance and the method retries
    // with the cone rows relaxed more (solve-robust-ipm.ts); the note said "robust cone rows".
    const outcome = trainModel(moons(20, 0.1, 1), { task: 'binary', loss: 'bce', solver: 'ipm', formulation: 'sampled', patterns: 4, beta: 1e-3, bias: true, seed: 1, solverSettings: { tolerance: 1e-6 } }, defaultContext());
    const notes = outcome.heads[0]!.info.notes;
    expect(notes.join(' ')).toMatch(/the method was restarted with the cone rows relaxed 100 times more\./);
    expect(notes.join(' ')).not.toMatch(/adversarial|robust/);
  });

  it('weights the squared loss per sample: doubling every weight is the program with beta halved, at twice its optimum', () => {
    const p = golden[0]!;
    const base = problemOf(p);
    const weighted = solveIpm({ ...base, sampleWeights: new Float64Array(p.n).fill(2) }, { tolerance: 1e-9 }, defaultContext());
    const halved = solveIpm({ ...base, beta: base.beta / 2 }, { tolerance: 1e-9 }, defaultContext());
    expect(weighted.status).toBe('solved');
    expect(weighted.info.notes[0]).toMatch(/weighted squared loss/);
    expect(Math.abs(weighted.info.objective - 2 * halved.info.objective) / weighted.info.objective).toBeLessThan(1e-6);
  });
});
