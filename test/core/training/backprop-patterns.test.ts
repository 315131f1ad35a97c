import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src-core/data/dataset';
import { ConvexNetError } from '../../../src-core/errors';
import { appendOnesColumn, createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { getLoss, labelsForLoss } from '../../../src-core/losses';
import type { LossName } from '../../../src-core/losses/loss';
import { Prng } from '../../../src-core/random/prng';
import { trainBackprop } from '../../../src-core/solvers/backprop/train-backprop';
import { solveIpm } from '../../../src-core/solvers/ipm/solve-ipm';
import { defaultContext, type ProgressEvent } from '../../../src-core/solvers/solver-types';
import { backpropPatterns, backpropPatternsNote, MAX_BACKPROP_PATTERNS_PER_HEAD, maxBackpropPatterns, PATTERN_NETWORK_STEPS, patternNetworkEpochs } from '../../../src-core/training/backprop-patterns';
import { patternPhaseShare } from '../../../src-core/training/pattern-network-estimate';
import { PATTERN_SOURCE_KEY } from '../../../src-core/training/pattern-source';
import { solveBetaPath } from '../../../src-core/training/beta-path';
import { solveEpsilonPath } from '../../../src-core/training/epsilon-path';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';

/** Rows on an XOR-like pattern with a ring: random hyperplanes through the middle fit it badly. */
function data(n: number, seed: number, task: 'binary' | 'regression' | 'multiclass' = 'binary'): Dataset {
  const prng = new Prng(seed);
  const X = createMatrix(n, 3);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = 2 * prng.nextFloat() - 1;
    const b = 2 * prng.nextFloat() - 1;
    X.data.set([a, b, prng.nextGaussian()], 3 * k);
    const r = Math.hypot(a - 0.3, b + 0.2);
    if (task === 'regression') y[k] = Math.max(0, 0.6 - r) + 0.05 * prng.nextGaussian();
    else if (task === 'binary') y[k] = (r < 0.45) !== (a * b > 0.1) ? 1 : 0;
    else y[k] = r < 0.35 ? 0 : a > 0 ? 1 : 2;
  }
  const classNames = task === 'binary' ? ['no', 'yes'] : task === 'multiclass' ? ['ring', 'right', 'left'] : [];
  return { X, y, task, featureNames: ['a', 'b', 'noise'], classNames };
}

function targetsFor(d: Dataset, loss: LossName): Float64Array {
  return d.task === 'regression' ? d.y : labelsForLoss(getLoss(loss), d.y);
}

describe('patterns from back-propagation', () => {
  it('refuses more patterns than its networks can have neurons, saying the limit is back-propagation\'s and what to do', () => {
    const d = data(20, 7, 'binary');
    const targets = [{ y: targetsFor(d, 'squared') }, { y: targetsFor(d, 'squared') }];
    const draw = (): unknown => backpropPatterns(appendOnesColumn(d.X), targets, getLoss('squared'), 0.05, true, 2 * MAX_BACKPROP_PATTERNS_PER_HEAD + 1, new Prng(3), defaultContext());
    expect(draw).toThrow(ConvexNetError);
    expect(draw).toThrow(`${2 * MAX_BACKPROP_PATTERNS_PER_HEAD + 1} patterns from back-propagation need networks of ${MAX_BACKPROP_PATTERNS_PER_HEAD + 1} neurons (one per class), but back-propagation trains at most ${MAX_BACKPROP_PATTERNS_PER_HEAD}. Use at most ${maxBackpropPatterns(2)} patterns, or random patterns.`);
  });

  it.each<[LossName, 'binary' | 'regression']>([
    ['squared', 'regression'],
    ['squared', 'binary'],
    ['bce', 'binary'],
  ])('%s loss, %s: the program of the network\'s own patterns certifies an optimum at most the network\'s objective', (lossName, task) => {
    const d = data(120, 7, task);
    const X: Matrix = appendOnesColumn(d.X);
    const loss = getLoss(lossName);
    const beta = 0.05;
    const drawn = backpropPatterns(X, [{ y: targetsFor(d, lossName) }], loss, beta, true, 12, new Prng(3), defaultContext());
    expect(drawn.networks).toHaveLength(1);
    expect(drawn.patterns).not.toBeNull();
    const patterns = drawn.patterns!;
    expect(drawn.networks[0]!.hiddenUnits).toBe(12);
    expect(patterns.count).toBeGreaterThan(0);
    expect(patterns.count).toBeLessThanOrEqual(12);
    // The generators are the network's own neurons (the one back-propagation trains with the
    // generator's first draw as its seed), those with an empty or repeated pattern left out.
    const network = trainBackprop({ X, y: targetsFor(d, lossName), loss, beta, hasBias: true, seed: new Prng(3).nextUint32() }, { hiddenUnits: 12 }, defaultContext());
    const neurons = Array.from({ length: 12 }, (_, j) => Array.from(network.solution.network.hidden.data.subarray(4 * j, 4 * j + 4)));
    const { generators } = patterns;
    for (let i = 0; i < generators.rows; i++) expect(neurons).toContainEqual(Array.from(generators.data.subarray(4 * i, 4 * i + 4)));
    expect(drawn.networks[0]!.objective).toBe(network.solution.objective);
    const networkObjective = drawn.networks[0]!.objective;
    const result = solveIpm({ X, y: targetsFor(d, lossName), loss, beta, patterns, hasBias: true }, { tolerance: 1e-7, maxIterations: 200 }, defaultContext());
    expect(result.status).toBe('solved');
    // Weak duality: the certified bound is at most the optimum, which is at most the network's
    // objective (its neurons are a feasible point of this program).
    expect(result.info.lowerBound!).toBeLessThanOrEqual(networkObjective);
    expect(result.info.objective).toBeLessThanOrEqual(networkObjective * (1 + 1e-6));
  });

  it('random patterns of the same count do worse on these data, which is the point of the option', () => {
    const d = data(300, 11);
    const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 12, beta: 0.05, bias: true, seed: 5, solverSettings: { tolerance: 1e-6 } };
    const random = trainModel(d, options, defaultContext());
    const fromBackprop = trainModel(d, { ...options, solverSettings: { tolerance: 1e-6, [PATTERN_SOURCE_KEY]: 'backprop' } }, defaultContext());
    expect(fromBackprop.heads[0]!.info.objective).toBeLessThan(0.8 * random.heads[0]!.info.objective);
    const note = fromBackprop.heads[0]!.info.notes.find((n) => n.startsWith('Patterns:'))!;
    expect(note).toMatch(/^Patterns: the \d+ distinct activation patterns of a back-propagation network's 12 neurons \(its training objective [\d.e+-]+\)\. The program's optimum is at most that network's objective; this solution's objective is [\d.]+% lower\.$/);
    expect(random.heads[0]!.info.notes.some((n) => n.startsWith('Patterns:'))).toBe(false);
  });

  it('reports the networks\' epochs as the patterns phase, before the convex solve\'s steps and outside its history', () => {
    const d = data(200, 12, 'multiclass');
    const events: ProgressEvent[] = [];
    const options: TrainOptions = { task: 'multiclass', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 6, beta: 0.05, bias: true, seed: 2, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop', tolerance: 1e-4 } };
    const outcome = trainModel(d, options, defaultContext({ onProgress: (e) => events.push(e) }));
    const phase = events.filter((e) => e.phase === 'patterns');
    // 300 epochs (the default; the early stop may end a network sooner) for each of the 3 classes' networks.
    expect(phase.length).toBeGreaterThan(3);
    expect(new Set(phase.map((e) => e.head))).toEqual(new Set([0, 1, 2]));
    // The networks take their modelled share of the bar, the solves the rest: it never goes back.
    const share = patternPhaseShare(options, d);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    expect(phase.every((e) => e.headCount === 3 && e.fraction >= 0 && e.fraction <= share)).toBe(true);
    expect(events.slice(phase.length).every((e) => e.fraction >= share && e.fraction <= 1)).toBe(true);
    const fractions = events.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const firstSolve = events.findIndex((e) => e.phase === undefined);
    expect(firstSolve).toBe(phase.length);
    expect(events.slice(firstSolve).every((e) => e.newtonStep === true)).toBe(true);
    expect(outcome.heads[0]!.history.length).toBe(events.filter((e) => e.phase === undefined && e.head === 0).length);
  });

  it('keeps to the run\'s time limit: the pattern networks stop within it, not after their 300 epochs', () => {
    const d = data(200, 12, 'multiclass');
    // A clock that moves 10 ms every time it is read: a 50 ms limit is reached within a few epochs.
    let clock = 0;
    const now = (): number => (clock += 10);
    const events: ProgressEvent[] = [];
    const options: TrainOptions = { task: 'multiclass', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 6, beta: 0.05, bias: true, seed: 2, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop', timeLimitMs: 50 } };
    const outcome = trainModel(d, options, defaultContext({ now, onProgress: (e) => events.push(e) }));
    const epochsOf = (head: number): number => events.filter((e) => e.phase === 'patterns' && e.head === head).length;
    // The first network stops within the limit (a few epochs, not 300); a later one, with no
    // time left, still trains one epoch so that its class has patterns.
    expect(epochsOf(0)).toBeGreaterThan(0);
    expect(epochsOf(0)).toBeLessThan(10);
    expect(epochsOf(1)).toBe(1);
    expect(epochsOf(2)).toBe(1);
    expect(outcome.heads).toHaveLength(3);
    expect(outcome.status).toBe('time-limit');
  });

  it('is seeded: the same seed gives the same patterns and model, another seed other patterns', () => {
    const d = data(150, 2);
    const options: TrainOptions = { task: 'binary', loss: 'bce', solver: 'admm-rbcd', formulation: 'sampled', patterns: 8, beta: 0.1, bias: true, seed: 9, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop', maxIterations: 50 } };
    const a = trainModel(d, options, defaultContext());
    const b = trainModel(d, options, defaultContext());
    const c = trainModel(d, { ...options, seed: 10 }, defaultContext());
    expect(a.heads[0]!.convex!.generators.data).toEqual(b.heads[0]!.convex!.generators.data);
    expect(a.heads[0]!.network.hidden.data).toEqual(b.heads[0]!.network.hidden.data);
    expect(a.heads[0]!.convex!.generators.data).not.toEqual(c.heads[0]!.convex!.generators.data);
  });

  it('multi-class: one network per class of ceil(P / classes) neurons, every head solved on their union', () => {
    const d = data(240, 4, 'multiclass');
    const options: TrainOptions = { task: 'multiclass', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 10, beta: 0.05, bias: true, seed: 1, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop', tolerance: 1e-6 } };
    const outcome = trainModel(d, options, defaultContext());
    expect(outcome.heads).toHaveLength(3);
    const counts = new Set(outcome.heads.map((h) => h.convex!.generators.rows));
    expect(counts.size).toBe(1);
    expect([...counts][0]!).toBeLessThanOrEqual(12);
    for (const head of outcome.heads) {
      const note = head.info.notes.find((n) => n.startsWith('Patterns:'))!;
      expect(note).toMatch(/of 3 back-propagation networks' neurons, one network of 4 per class \(this class's training objective ([\d.e+-]+)\)/);
      const networkObjective = Number(/training objective ([\d.e+-]+)\)/.exec(note)![1]);
      expect(head.info.objective).toBeLessThanOrEqual(networkObjective * (1 + 1e-5));
    }
  });

  it('is refused where it means nothing, and a bad value is named', () => {
    const d = data(40, 3);
    const base: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 4, beta: 0.1, bias: true, seed: 1, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop' } };
    expect(() => trainModel(d, { ...base, solver: 'scp' }, defaultContext())).toThrow(/Patterns from back-propagation are for the convex solvers \(admm, admm-rbcd, ipm\); scp takes none/);
    expect(() => trainModel(d, { ...base, formulation: 'exact' }, defaultContext())).toThrow(/patterns from back-propagation are for the sampled formulation/);
    const bad = (): unknown => trainModel(d, { ...base, solverSettings: { [PATTERN_SOURCE_KEY]: 'gradient' } }, defaultContext());
    expect(bad).toThrow(ConvexNetError);
    expect(bad).toThrow(/Pattern source \(patternSource\) must be one of random, backprop, got "gradient"/);
  });

  it('a cancelled run stops in the pattern network and ends cancelled, without a hang', () => {
    const d = data(400, 5);
    const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 16, beta: 0.05, bias: true, seed: 1, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop' } };
    let checks = 0;
    const outcome = trainModel(d, options, defaultContext({ isCancelled: () => ++checks > 3 }));
    expect(outcome.status).toBe('cancelled');
    expect(checks).toBeLessThan(20);
  });

  it('a beta path and an epsilon sweep keep one set of patterns from back-propagation for every point', () => {
    const d = data(120, 8);
    const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 0.05, bias: true, seed: 3, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop', maxIterations: 300 } };
    const path = solveBetaPath(d, null, options, [0.02, 0.05, 0.1], defaultContext());
    const generators = path.outcomes.map((o) => Array.from(o.heads[0]!.convex!.generators.data));
    expect(generators[1]).toEqual(generators[0]);
    expect(generators[2]).toEqual(generators[0]);
    // Radius 0 goes to the interior-point solver, the others to the robust program: same patterns.
    const sweep = solveEpsilonPath(d, null, options, [0, 0.05].map((epsilon) => ({ epsilon, norm: 'linf' as const, units: 'standardized' as const, featureRadii: [epsilon, epsilon, epsilon] })), defaultContext());
    expect(sweep.outcomes[0]!.options.solver).toBe('ipm');
    const radii = sweep.outcomes.map((o) => Array.from(o.heads[0]!.convex!.generators.data));
    // (the robust program adds the all-ones pattern after them: train-robust-head.ts)
    expect(radii[1]!.slice(0, radii[0]!.length)).toEqual(radii[0]);
    expect(sweep.outcomes[0]!.heads[0]!.info.notes.some((n) => /^Patterns: .* The program's optimum is at most/.test(n))).toBe(true);
    expect(sweep.outcomes[1]!.heads[0]!.info.notes).toContainEqual(expect.stringMatching(/^Patterns: the \d+ distinct activation patterns of a back-propagation network's neurons \(trained without the adversary\)\.$/));
  });

  it('the note compares the solution with the network either way, and says nothing of a tie', () => {
    const network = { objective: 200, hiddenUnits: 16 };
    expect(backpropPatternsNote(network, 1, 14, 190)).toBe("Patterns: the 14 distinct activation patterns of a back-propagation network's 16 neurons (its training objective 200.000). The program's optimum is at most that network's objective; this solution's objective is 5.00% lower.");
    expect(backpropPatternsNote(network, 1, 14, 210)).toMatch(/at most that network's objective; this solution, short of its tolerance, is 5\.00% above it\.$/);
    expect(backpropPatternsNote(network, 1, 14, 200)).toMatch(/at most that network's objective\.$/);
  });

  it('a pattern network takes at most PATTERN_NETWORK_STEPS mini-batch steps, and back-propagation\'s 300 epochs on small data', () => {
    // Batches of 64 rows.
    expect(patternNetworkEpochs(258)).toBe(300);
    expect(patternNetworkEpochs(5312)).toBe(300);
    expect(patternNetworkEpochs(5313)).toBe(298);
    expect(patternNetworkEpochs(16_000)).toBe(Math.ceil(PATTERN_NETWORK_STEPS / 250));
    expect(patternNetworkEpochs(100_000)).toBe(Math.ceil(PATTERN_NETWORK_STEPS / 1563));
    expect(patternNetworkEpochs(10_000_000)).toBe(1);
    expect(patternNetworkEpochs(40)).toBe(300);
  });
});
