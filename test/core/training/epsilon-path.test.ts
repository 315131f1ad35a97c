import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { robustMethodFor } from '../../../src-core/robust/robust-method';
import { suggestRobustRadius } from '../../../src-core/robust/suggested-radius';
import { ConvexNetError } from '../../../src-core/errors';
import { createMatrix } from '../../../src-core/linalg/matrix';
import type { AdversarialTraining } from '../../../src-core/robust/adversarial-options';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { DEFAULT_EPSILON_POINTS, DEFAULT_EPSILON_SPREAD_FRACTION, defaultEpsilonGrid, epsilonGrid, parseEpsilonGrid, selectEpsilonPoint, solveEpsilonPath } from '../../../src-core/training/epsilon-path';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions, TrainOutcome } from '../../../src-core/training/train-types';
import { curve, moons } from '../fixtures/synthetic';

vi.mock('../../../src-core/robust/robust-method', { spy: true });

describe('epsilon grid', () => {
  it('always starts at epsilon 0 and spaces the positive radii in log scale', () => {
    const grid = epsilonGrid(0.01, 1, 3);
    expect(grid[0]).toBe(0);
    expect(grid).toHaveLength(4);
    grid.slice(1).forEach((e, i) => expect(Math.log10(e)).toBeCloseTo(-2 + i, 12));
    expect(parseEpsilonGrid('0.01:0.5')).toHaveLength(DEFAULT_EPSILON_POINTS + 1);
    expect(parseEpsilonGrid('0.2:0.2:1')).toEqual([0, 0.2]);
  });

  it('explains a malformed grid', () => {
    expect(() => parseEpsilonGrid('0.1')).toThrow(/MIN:MAX:COUNT/);
    expect(() => parseEpsilonGrid('0:1:4')).toThrow(/always included/);
    expect(() => parseEpsilonGrid('1:0.1:4')).toThrow(ConvexNetError);
    expect(() => epsilonGrid(0.1, 1, 50)).toThrow(/from 1 to 49/);
  });

  it('scales the default grid to the spread of the perturbable columns in epsilon units', () => {
    const data = moons(40, 0.1, 2);
    const std = (t: number): number => {
      const values = Array.from({ length: data.X.rows }, (_, k) => data.X.data[k * 2 + t]!);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    };
    // Only column 0 can move, by 0.5 per unit of epsilon: its spread is std / 0.5 epsilon units.
    const grid = defaultEpsilonGrid(data, [0.5, 0]);
    expect(grid).toHaveLength(DEFAULT_EPSILON_POINTS + 1);
    expect(grid[0]).toBe(0);
    expect(grid[grid.length - 1]).toBeCloseTo(DEFAULT_EPSILON_SPREAD_FRACTION * (std(0) / 0.5), 1);
    expect(() => defaultEpsilonGrid(data, [0, 0])).toThrow(/No input column can be perturbed/);
  });

  it('reaches down to half the suggested radius when that is below the grid, on dense rows only', () => {
    const reach = { norm: 'linf' as const, hasBias: true, patternCount: 32, seed: 1 };
    const dense = moons(5000, 0.1, 2);
    const unit = [1, 1];
    const plain = defaultEpsilonGrid(dense, unit);
    const reached = defaultEpsilonGrid(dense, unit, reach);
    const suggested = suggestRobustRadius(dense.X, unit, reach)!.value;
    expect(suggested / 2).toBeLessThan(plain[1]!);
    expect(reached[1]).toBeCloseTo(suggested / 2, 12);
    expect(reached[reached.length - 1]).toBe(plain[plain.length - 1]);
    expect(reached).toHaveLength(plain.length);
    // Few rows: wide corridors, the grid is the spread's alone.
    const sparse = moons(40, 0.1, 2);
    expect(defaultEpsilonGrid(sparse, unit, reach)).toEqual(defaultEpsilonGrid(sparse, unit));
  });
});

describe('solveEpsilonPath', () => {
  const data = moons(40, 0.15, 7);
  const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 0.05, bias: true, seed: 3, solverSettings: { tolerance: 1e-3, maxIterations: 3000 } };
  const threat = (epsilon: number): AdversarialTraining => ({ epsilon, norm: 'linf', units: 'standardized', featureRadii: [epsilon, epsilon] });

  it('trains the standard model at 0 and robust models above, attacked at their own radius', () => {
    const epsilons = [0.3, 0, 0.1];
    const path = solveEpsilonPath(data, null, { ...options, adversarial: threat(0.2) }, epsilons.map(threat), defaultContext());
    expect(path.cancelled).toBe(false);
    expect(path.attackedOn).toBe('training');
    expect(path.points.map((p) => p.epsilon)).toEqual([0, 0.1, 0.3]);

    // Epsilon 0 is exactly the standard program (the form's own adversarial settings dropped),
    // solved by the interior-point solver when it is recommended for it, at the run's tolerance, as
    // the robust radii go to the robust interior-point method.
    const { adversarial: _dropped, ...plain } = options as TrainOptions & { adversarial?: unknown };
    void _dropped;
    expect(path.outcomes[0]!.options).toMatchObject({ solver: 'ipm', solverSettings: { tolerance: 1e-3 } });
    const standard = trainModel(data, { ...plain, solver: 'ipm', solverSettings: { tolerance: 1e-3 } }, defaultContext());
    expect(path.points[0]!.objective).toBe(standard.heads[0]!.info.objective);
    const byAdmm = trainModel(data, plain, defaultContext());
    expect(Math.abs(path.points[0]!.objective - byAdmm.heads[0]!.info.objective) / byAdmm.heads[0]!.info.objective).toBeLessThan(2e-3);
    expect(path.outcomes[0]!.options.adversarial).toBeUndefined();
    expect(path.outcomes[2]!.options.adversarial?.epsilon).toBe(0.3);
    // At radius 0 the attack has no room: PGD accuracy is the clean accuracy.
    expect(path.points[0]!.pgdScore).toBe(path.points[0]!.trainScore);
    expect(path.points[0]!.standardPgdScore).toBe(path.points[0]!.pgdScore);

    // At radius 0 nothing needs proving: every clean-correct row is certified.
    expect(path.points[0]!.certifiedScore).toBe(path.points[0]!.trainScore);
    for (const point of path.points) {
      // A point counts as attacked-correct only when it is clean-correct, and as certified only
      // when no attack fooled it: certified <= PGD <= clean.
      expect(point.pgdScore!).toBeLessThanOrEqual(point.trainScore! + 1e-12);
      expect(point.certifiedScore).not.toBeNull();
      expect(point.certifiedScore!).toBeLessThanOrEqual(point.pgdScore! + 1e-12);
      expect(point.standardPgdScore!).toBeLessThanOrEqual(path.points[0]!.trainScore! + 1e-12);
    }
    const largest = path.points[2]!;
    expect(largest.pgdAtLargestScore).toBe(largest.pgdScore);
    // Trained against the attack, the robust model withstands it at least as well as the standard one.
    expect(largest.pgdScore!).toBeGreaterThanOrEqual(largest.standardPgdScore!);
  });

  it('reports a certified R² for regression from the certified error bound, never above the PGD R²', () => {
    const n = 40;
    const X = createMatrix(n, 2, Float64Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 1.7) + 0.1 * (i % 5)));
    const y = Float64Array.from({ length: n }, (_, k) => X.data[2 * k]! - 0.5 * X.data[2 * k + 1]!);
    const regression = { X, y, task: 'regression' as const, featureNames: ['a', 'b'], classNames: [] };
    const regressionOptions: TrainOptions = { ...options, task: 'regression' };
    const path = solveEpsilonPath(regression, null, regressionOptions, [threat(0), threat(0.1)], defaultContext());
    const [clean, robust] = path.points;
    // At radius 0 the certified bound is the clean error.
    expect(clean!.certifiedScore!).toBeCloseTo(clean!.pgdScore!, 10);
    expect(robust!.certifiedScore).not.toBeNull();
    expect(robust!.certifiedScore!).toBeLessThanOrEqual(robust!.pgdScore! + 1e-12);
    expect(robust!.certifiedScore!).toBeLessThan(clean!.certifiedScore!);
  });

  it('refuses unresolved radii and solvers without adversarial training; stops after the first point when cancelled', () => {
    expect(() => solveEpsilonPath(data, null, options, [{ epsilon: 0.1, norm: 'linf', units: 'raw' }], defaultContext())).toThrow(/resolveAdversarial/);
    expect(() => solveEpsilonPath(data, null, options, [], defaultContext())).toThrow(ConvexNetError);
    expect(() => solveEpsilonPath(data, null, { ...options, solver: 'scp' }, [threat(0), threat(0.1)], defaultContext())).toThrow(/"scp" does not support it/);
    expect(() => solveEpsilonPath(data, null, { ...options, solver: 'ipm', loss: 'squared' }, [threat(0), threat(0.1)], defaultContext())).toThrow(/works with admm, admm-rbcd, backprop; "ipm" does not support it/);
    const path = solveEpsilonPath(data, null, options, [threat(0), threat(0.1)], defaultContext({ isCancelled: () => true }));
    expect(path.cancelled).toBe(true);
    expect(path.points).toHaveLength(1);
    expect(path.points[0]!.status).toBe('cancelled');
  });

  it('solves each robust radius by the interior-point method on small data, certified, and claims no warm start', () => {
    const data = curve(120, 0.1, 7);
    const regression: TrainOptions = { task: 'regression', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 0.12, bias: true, seed: 3, solverSettings: { tolerance: 1e-3, maxIterations: 20000 } };
    const radii = [0, 0.05, 0.1, 0.2].map((epsilon): AdversarialTraining => ({ epsilon, norm: 'linf', units: 'standardized', featureRadii: [epsilon, epsilon] }));
    const path = solveEpsilonPath(data, null, regression, radii, defaultContext(), { maxAttackRows: 20, steps: 5, restarts: 1 });
    expect(path.warmStart).toBe(false);
    path.outcomes.slice(1).forEach((outcome) => {
      const head = outcome.heads[0]!;
      expect(head.status).toBe('solved');
      expect(head.info.notes[0]).toMatch(/interior-point method/);
      expect(head.info.iterations).toBeLessThanOrEqual(60);
    });
  });

  it('starts each robust radius from the previous one with PDHG (chosen here for the test): the cold objectives to the tolerance, in fewer iterations', () => {
    // The automatic choice takes the interior-point method on a program this small; PDHG's warm
    // starts are what this test measures, so the choice is made PDHG here.
    vi.mocked(robustMethodFor).mockReturnValue('pdhg');
    onTestFinished(() => vi.mocked(robustMethodFor).mockRestore());
    const data = curve(120, 0.1, 7);
    const regression: TrainOptions = { task: 'regression', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 0.12, bias: true, seed: 3, solverSettings: { tolerance: 1e-3, maxIterations: 20000 } };
    const radii = [0, 0.05, 0.1, 0.2].map((epsilon): AdversarialTraining => ({ epsilon, norm: 'linf', units: 'standardized', featureRadii: [epsilon, epsilon] }));
    const sweep = (warmStart: boolean): ReturnType<typeof solveEpsilonPath> => solveEpsilonPath(data, null, regression, radii, defaultContext(), { warmStart, maxAttackRows: 20, steps: 5, restarts: 1 });
    const cold = sweep(false);
    const warm = sweep(true);
    const heads = (path: ReturnType<typeof solveEpsilonPath>): TrainOutcome['heads'][number][] => path.outcomes.map((o) => o.heads[0]!);
    heads(warm).forEach((head, i) => {
      const coldHead = heads(cold)[i]!;
      expect(head.status).toBe('solved');
      expect(coldHead.status).toBe('solved');
      // Both are certified within 1e-3 of the same optimum.
      expect(Math.abs(head.info.objective - coldHead.info.objective) / coldHead.info.objective).toBeLessThan(2e-3);
      // The standard model and the first radius have nothing to start from; the others do.
      expect(head.info.notes.some((note) => note.startsWith('Started from the previous solution'))).toBe(i >= 2);
    });
    const robustIterations = (path: ReturnType<typeof solveEpsilonPath>): number => heads(path).slice(2).reduce((sum, h) => sum + h.info.iterations, 0);
    // Measured: 800 against 3150 cold.
    expect(robustIterations(warm)).toBeLessThan(0.5 * robustIterations(cold));
    expect(warm.warmStart).toBe(true);
    expect(cold.warmStart).toBe(false);
    // The back-propagation baseline starts every radius from its seed, and says so.
    const baseline = solveEpsilonPath(data, null, { ...regression, solver: 'backprop', solverSettings: { epochs: 5, restarts: 1 } }, [radii[0]!], defaultContext());
    expect(baseline.warmStart).toBe(false);
  });

  it('selects the point best under attack at the largest radius, ties going to the smaller radius', () => {
    const points = [0, 0.1, 0.2, 0.4].map((epsilon, i) => ({ epsilon, pgdAtLargestScore: [0.5, 0.7, 0.7, 0.6][i]! }));
    expect(selectEpsilonPoint(points).index).toBe(1);
    expect(selectEpsilonPoint(points).reason).toMatch(/epsilon = 0.1 .*largest radius \(0.4\)/);
  });
});
