import { describe, expect, it } from 'vitest';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { readTarget } from '../../../src-core/data/target-column';
import type { Matrix } from '../../../src-core/linalg/matrix';
import type { ReluNetwork } from '../../../src-core/network/relu-network';
import { resolveAdversarial } from '../../../src-core/robust/adversarial-options';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { solveEpsilonPath } from '../../../src-core/training/epsilon-path';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { presetOptions } from '../../../src-core/training/presets';
import type { TrainOptions } from '../../../src-core/training/train-types';

/**
 * A UI walk found the default epsilon sweep on two moons scoring the standard model ABOVE the
 * adversarially trained one under the same PGD attack (epsilon 0.033 raw: 100% against 88%).
 * These checks, independent of the app's attack and unit conversion, show that this is the
 * robust program's own answer (paper-spec 6.2), not a wrong unit, preprocessing or attack:
 * - an attack written here in RAW units (the standardization applied by hand, the box searched on
 *   a grid whose cells are bounded by the network's Lipschitz constant) gives the sweep's scores;
 * - the robust solve is certified, and its objective is its network's true worst-case training
 *   objective (pattern-preserving: the worst case is a vertex of each row's box);
 * - the standard network, which the robust program does not admit (its neurons switch within
 *   epsilon of training rows), has a worst-case training objective far BELOW the robust program's
 *   proven lower bound: the program optimizes over a much smaller set of networks.
 */
describe('epsilon sweep on two moons: the robust model below the standard one is the robust program, not a bug', () => {
  const dataset = loadBuiltInDataset({ id: 'two-moons' });
  const prep = prepareTrainingData(dataset.table, readTarget(dataset.table, dataset.target), { testFraction: 0.25, seed: 1, standardize: true });
  const train = prep.fitted.dataset;
  const test = prep.test!;
  const steps = prep.fitted.pipeline.steps.map((step) => {
    if (step.kind === 'one-hot') throw new Error('two moons has numeric inputs only');
    return { center: step.center, scale: step.scale };
  });
  const epsilon = 0.033;
  // The app's sweep: the Balanced preset, ADMM (the robust radii by its interior-point method, radius 0 by the ipm solver).
  const options: TrainOptions = { ...presetOptions('balanced', { task: train.task, rows: train.X.rows, features: train.X.cols, bias: true }, 1), solver: 'admm' };
  const threats = [0, epsilon].map((e) => resolveAdversarial({ epsilon: e, norm: 'linf', units: 'raw' }, prep.fitted.pipeline));
  const path = solveEpsilonPath(train, test, options, threats, defaultContext());
  const [standard, robust] = path.outcomes.map((o) => o.heads[0]!);

  /** The network on a RAW point (the standardization applied here, not by the app). */
  const score = (net: ReluNetwork, raw: readonly number[]): number => {
    const x = [...raw.map((v, t) => (v - steps[t]!.center) / steps[t]!.scale), 1];
    let s = 0;
    for (let j = 0; j < net.output.length; j++) {
      let a = 0;
      for (let t = 0; t < 3; t++) a += net.hidden.data[j * 3 + t]! * x[t]!;
      if (a > 0) s += net.output[j]! * a;
    }
    return s;
  };
  const rawRow = (X: Matrix, k: number): number[] => [0, 1].map((t) => X.data[k * X.cols + t]! * steps[t]!.scale + steps[t]!.center);
  /** Largest change of the score per raw unit of l_inf move (l1 norm of the raw-unit gradient bound). */
  const lipschitz = (net: ReluNetwork): number => {
    let l = 0;
    for (let j = 0; j < net.output.length; j++) l += Math.abs(net.output[j]!) * (Math.abs(net.hidden.data[j * 3]!) / steps[0]!.scale + Math.abs(net.hidden.data[j * 3 + 1]!) / steps[1]!.scale);
    return l;
  };
  /** The scores at the centres of a G x G grid of cells covering the raw box, and the cells' half-width. */
  const G = 40;
  const cellScores = (net: ReluNetwork, raw: readonly number[]): number[] => {
    const out: number[] = [];
    for (let a = 0; a < G; a++) for (let b = 0; b < G; b++) out.push(score(net, [raw[0]! + epsilon * ((2 * a + 1) / G - 1), raw[1]! + epsilon * ((2 * b + 1) / G - 1)]));
    return out;
  };
  const sign = (y: number): number => (y > 0.5 ? 1 : -1);

  it('an attack in raw units written here finds the sweep\'s scores: robust 88%, standard 100%', () => {
    expect(path.attackedOn).toBe('test');
    expect(path.attackedRows).toBe(test.X.rows);
    const attackedAccuracy = (net: ReluNetwork): number => {
      let correct = 0;
      for (let k = 0; k < test.X.rows; k++) {
        const margins = cellScores(net, rawRow(test.X, k)).map((s) => sign(test.y[k]!) * s);
        if (Math.min(...margins) > 0) correct++;
      }
      return correct / test.X.rows;
    };
    const point = path.points[1]!;
    expect(point.epsilon).toBe(epsilon);
    expect(attackedAccuracy(robust!.network)).toBe(point.pgdScore);
    expect(attackedAccuracy(standard!.network)).toBe(point.standardPgdScore);
    // PGD and the certificate agree on the robust model: no stronger attack changes its score.
    expect(point.certifiedScore).toBe(point.pgdScore);
    expect(point.pgdScore).toBeCloseTo(0.88, 10);
    expect(point.standardPgdScore).toBe(1);
  });

  it('the robust solve is certified, its objective is its network\'s true worst case, and the standard network does far better on that objective', () => {
    expect(robust!.status).toBe('solved');
    expect(robust!.info.relativeGap!).toBeLessThan(1e-3);
    const regularizer = (net: ReluNetwork): number => {
      let r = 0;
      for (let j = 0; j < net.output.length; j++) r += Math.abs(net.output[j]!) * Math.hypot(net.hidden.data[j * 3]!, net.hidden.data[j * 3 + 1]!, net.hidden.data[j * 3 + 2]!);
      return options.beta * r;
    };
    // Robust network: no activation switches within any training row's box, so the score is affine
    // there and the worst squared error is at a vertex.
    let robustLoss = 0;
    for (let k = 0; k < train.X.rows; k++) {
      const raw = rawRow(train.X, k);
      const vertices = [[-1, -1], [-1, 1], [1, -1], [1, 1]].map(([a, b]) => score(robust!.network, [raw[0]! + a! * epsilon, raw[1]! + b! * epsilon]));
      robustLoss += Math.max(...vertices.map((s) => (s - sign(train.y[k]!)) ** 2)) / 2;
    }
    expect(robustLoss + regularizer(robust!.network)).toBeCloseTo(robust!.info.objective, 6);
    // Standard network: a proven UPPER bound of its worst case (cell centre plus Lipschitz constant times the half-width).
    const half = (lipschitz(standard!.network) * epsilon) / G;
    let standardLoss = 0;
    for (let k = 0; k < train.X.rows; k++) {
      const y = sign(train.y[k]!);
      standardLoss += Math.max(...cellScores(standard!.network, rawRow(train.X, k)).map((s) => (Math.abs(s - y) + half) ** 2)) / 2;
    }
    const standardObjective = standardLoss + regularizer(standard!.network);
    // Measured: at most 4.64 against the robust program's proven lower bound of 27.69.
    expect(standardObjective).toBeLessThan(robust!.info.lowerBound! / 4);
  });
});
