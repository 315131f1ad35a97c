import { describe, expect, it } from 'vitest';
import { estimateBlockSystemCost } from '../../../src-core/convex/block-system';
import { ConvexNetError } from '../../../src-core/errors';
import { admmSettingSpecs } from '../../../src-core/solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../../../src-core/solvers/backprop/backprop-settings';
import { ipmSettingSpecs } from '../../../src-core/solvers/ipm/ipm-settings';
import { calibrateFlopRate, CHOLESKY_FLOP_WEIGHT, estimateTraining, headRounds, iterationLimit, modelCost, SLOW_RUN_MS, UNCALIBRATED_FLOPS_PER_MS, type CostInputs } from '../../../src-core/training/cost-estimate';
import { robustIpmBytes } from '../../../src-core/robust/robust-estimate';
import { robustIpmStepMsOf, type RobustIpmShape } from '../../../src-core/robust/robust-method';
import { CONIC_KEPT_ROWS_PER_COLUMN, DENSE_KEPT_FRACTION } from '../../../src-core/solvers/ipm/cone-working-set';

const admm: CostInputs = { solver: 'admm', loss: 'squared', rows: 2000, columns: 11, size: 32, heads: 1, checkEvery: 10 };

describe('cost estimate', () => {
  it('uses the block system\'s own path choice and memory model for ADMM', () => {
    for (const rows of [200, 5000]) {
      const cost = modelCost({ ...admm, rows });
      const system = estimateBlockSystemCost(rows, 11, 32, { expectedSolves: 100 });
      expect(cost.linearSystemPath).toBe(system.path);
      expect(cost.bytes).toBeGreaterThan(system.bytes);
    }
    expect(modelCost({ ...admm, linearSystem: 'woodbury' }).linearSystemPath).toBe('woodbury');
  });

  it('grows with rows and patterns for every solver', () => {
    for (const solver of ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'] as const) {
      const base = modelCost({ ...admm, solver });
      expect(modelCost({ ...admm, solver, rows: 4000 }).flopsPerIteration).toBeGreaterThan(base.flopsPerIteration);
      expect(modelCost({ ...admm, solver, size: 64 }).flopsPerIteration).toBeGreaterThan(base.flopsPerIteration);
    }
  });

  it('models an interior-point Newton step that grows with (2dP)^3 (the pattern system\'s Cholesky)', () => {
    // Few rows: the factorization of the pattern system dominates, so doubling 2dP costs ~8x.
    const ipm: CostInputs = { ...admm, solver: 'ipm', rows: 50, columns: 11, size: 100, linearSystem: 'direct' };
    const step = (size: number, columns = 11): number => modelCost({ ...ipm, size, columns }).flopsPerIteration;
    for (const size of [100, 200]) {
      const ratio = step(2 * size) / step(size);
      expect(ratio).toBeGreaterThan(7);
      expect(ratio).toBeLessThanOrEqual(8);
    }
    // Doubling the columns d doubles 2dP the same way.
    expect(step(200, 22) / step(200)).toBeGreaterThan(7);
    // The Cholesky of the dP x dP pattern system (ipm-newton-system.ts), (dP)^3 / 3 multiply-adds
    // weighted by CHOLESKY_FLOP_WEIGHT (it runs faster per flop than the rest), is most of it.
    const dP = 11 * 400;
    expect(step(400)).toBeGreaterThanOrEqual(CHOLESKY_FLOP_WEIGHT * (dP ** 3 / 3));
    expect(step(400)).toBeLessThan(1.2 * CHOLESKY_FLOP_WEIGHT * (dP ** 3 / 3));
    const cost = modelCost(ipm);
    expect(cost.linearSystemPath).toBe('direct');
    expect(modelCost({ ...ipm, linearSystem: 'woodbury' }).linearSystemPath).toBe('woodbury');
    // Left to choose, 50 rows against 1100 unknowns take the Woodbury system over the rows,
    // whose step is far cheaper and grows only linearly in the patterns.
    const auto = (size: number): ReturnType<typeof modelCost> => modelCost({ ...ipm, linearSystem: 'auto', size });
    expect(auto(100).linearSystemPath).toBe('woodbury');
    expect(auto(100).flopsPerIteration).toBeLessThan(0.1 * step(100));
    expect(auto(200).flopsPerIteration / auto(100).flopsPerIteration).toBeLessThan(2.2);
    // More rows only add the weighted Grams and passes over X: linear in n.
    const rows = (n: number): number => modelCost({ ...ipm, rows: n, size: 8 }).flopsPerIteration;
    expect(rows(200_000) / rows(100_000)).toBeCloseTo(2, 1);
  });

  it('prices a working set of cone rows as the engine takes it: row by row when sparse, by passes over every row when dense', () => {
    const ipm: CostInputs = { ...admm, solver: 'ipm', linearSystem: 'woodbury' };
    const step = (rows: number, columns: number, size: number, coneRows: string): number => modelCost({ ...ipm, rows, columns, size, coneRows }).flopsPerIteration;
    // Digits' shape (1,348 rows, 63 columns, 40 patterns): the start of the set (9 rows a column
    // per block) is 42% of the entries, over DENSE_KEPT_FRACTION, so the Grams and products cost
    // what they cost over every row; only the cone-space sweeps stay lighter.
    const entries = 1348 * 2 * 40;
    const kept = 2 * 40 * 9 * 63;
    expect(kept / entries).toBeGreaterThan(DENSE_KEPT_FRACTION);
    expect(step(1348, 63, 40, 'all') - step(1348, 63, 40, 'auto')).toBeCloseTo(100 * entries - (25 * entries + 100 * kept), 6);
    // The bench's n = 5000, 21 columns, 32 patterns: 2.5% kept, taken row by row: far cheaper than every row.
    const direct = (coneRows: string): number => modelCost({ ...ipm, rows: 5000, columns: 21, size: 32, coneRows, linearSystem: 'direct' }).flopsPerIteration;
    expect(direct('auto')).toBeLessThan(0.5 * direct('all'));
  });

  it('models the interior-point solver\'s conic form for the logistic and hinge losses by the robust method\'s own step model', () => {
    const ipm: CostInputs = { ...admm, solver: 'ipm', rows: 2000, columns: 11, size: 32 };
    for (const loss of ['bce', 'hinge'] as const) {
      const shape: RobustIpmShape = { rows: 2000, columns: 11, patterns: 32, spreadWidth: 0, lossRows: loss === 'hinge' ? 2 : 1, norm: 'linf' };
      // 2000 rows of 11 columns: the hinge loss keeps a working set of about 9 d cone rows per
      // block (cone-working-set.ts); the logistic loss all rows.
      const kept: RobustIpmShape = loss === 'hinge' ? { ...shape, coneRowsPerBlock: CONIC_KEPT_ROWS_PER_COLUMN * 11 } : shape;
      const cost = modelCost({ ...ipm, loss });
      expect(cost.flopsPerIteration).toBeCloseTo(robustIpmStepMsOf(kept, () => 16) * UNCALIBRATED_FLOPS_PER_MS, 6);
      expect(cost.bytes).toBe(robustIpmBytes(kept));
      // Less memory with the working set, but more than without any cone row.
      if (loss === 'hinge') expect(cost.bytes).toBeLessThan(robustIpmBytes(shape));
      expect(cost.bytes).toBeGreaterThan(robustIpmBytes({ ...shape, coneRowsPerBlock: 0 }));
      expect(cost.linearSystemPath).toBeNull();
      const allRows = modelCost({ ...ipm, loss, coneRows: 'all' });
      expect(allRows.flopsPerIteration).toBeCloseTo(robustIpmStepMsOf(shape, () => 16) * UNCALIBRATED_FLOPS_PER_MS, 6);
      if (loss === 'hinge') expect(allRows.flopsPerIteration).toBeGreaterThan(cost.flopsPerIteration);
      else expect(allRows.flopsPerIteration).toBe(cost.flopsPerIteration);
      // Few rows keep them all.
      const few = modelCost({ ...ipm, loss, rows: 500 });
      expect(few.flopsPerIteration).toBeCloseTo(robustIpmStepMsOf({ ...shape, rows: 500 }, () => 16) * UNCALIBRATED_FLOPS_PER_MS, 6);
    }
    // The squared loss keeps the structured model, unless class weights send it to the conic form (two loss rows).
    expect(modelCost(ipm).linearSystemPath).toBe('direct');
    const weightedShape: RobustIpmShape = { rows: 2000, columns: 11, patterns: 32, spreadWidth: 0, lossRows: 2, norm: 'linf', coneRowsPerBlock: CONIC_KEPT_ROWS_PER_COLUMN * 11 };
    expect(modelCost({ ...ipm, classWeighted: true }).flopsPerIteration).toBeCloseTo(robustIpmStepMsOf(weightedShape, () => 16) * UNCALIBRATED_FLOPS_PER_MS, 6);
  });

  it('turns a probe into a rate that reproduces the probe time', () => {
    const rate = calibrateFlopRate(admm, 20, 40);
    const estimate = estimateTraining(admm, 1000, rate, 8e9);
    expect(estimate.msPerIteration).toBeCloseTo(2, 9);
    expect(estimate.flopsPerMs).toBe(rate);
  });

  it('warns over the machine memory and over a minute, and not for a small run', () => {
    const huge = estimateTraining({ ...admm, rows: 200_000, size: 512 }, 10_000, 5e5, 1e9);
    expect(huge.warnings.some((w) => w.includes('memory'))).toBe(true);
    expect(huge.worstCaseMs).toBeGreaterThan(SLOW_RUN_MS);
    expect(huge.warnings.some((w) => w.includes('Could take up to'))).toBe(true);
    expect(estimateTraining({ ...admm, rows: 100, size: 8 }, 100, 5e5, 8e9).warnings).toEqual([]);
  });

  it('adds up the heads trained one after another, and only the rounds of those trained at once', () => {
    expect([headRounds(10, 1), headRounds(10, 2), headRounds(10, 3), headRounds(10, 16), headRounds(1, 4), headRounds(3, 0)]).toEqual([10, 5, 4, 1, 1, 3]);
    const ten = { ...admm, heads: 10, rows: 20_000, size: 64 };
    const alone = estimateTraining(ten, 10_000, 5e5, 8e9);
    const pairs = estimateTraining(ten, 10_000, 5e5, 8e9, 2);
    expect(pairs.worstCaseMs).toBeCloseTo(alone.worstCaseMs / 2, 6);
    expect(pairs.msPerIteration).toBe(alone.msPerIteration);
    expect(alone.warnings.find((w) => w.startsWith('Could take'))).toContain('(10000 per class, 10 classes)');
    expect(pairs.warnings.find((w) => w.startsWith('Could take'))).toContain('(10000 per class, 10 classes, 2 at a time)');
  });

  it('reads the iteration limit from the settings or the solver default (epochs x restarts for back-propagation)', () => {
    expect(iterationLimit('admm', admmSettingSpecs, {})).toBe(10_000);
    expect(iterationLimit('admm', admmSettingSpecs, { maxIterations: 50 })).toBe(50);
    expect(iterationLimit('backprop', backpropSettingSpecs, { epochs: 100, restarts: 3 })).toBe(300);
    // The interior-point solver's limit counts Newton steps.
    expect(iterationLimit('ipm', ipmSettingSpecs, {})).toBe(100);
  });

  it('rejects sizes that are not whole positive numbers', () => {
    expect(() => modelCost({ ...admm, rows: 0 })).toThrow(ConvexNetError);
    expect(() => modelCost({ ...admm, size: 1.5 })).toThrow(/size/);
  });
});
