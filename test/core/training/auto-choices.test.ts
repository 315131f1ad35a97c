import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { countArrangementCells } from '../../../src-core/patterns/exact-patterns';
import { AUTO_EXACT_PATTERN_LIMIT, automaticChoices, HINGE_SCP_ROWS } from '../../../src-core/training/auto-choices';
import { BETA_PER_ROW, DEFAULT_LOSS, REGRESSION_BETA_PER_ROW } from '../../../src-core/training/train-defaults';

describe('automaticChoices', () => {
  it('takes the loss from the task, with a reason', () => {
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      const choice = automaticChoices({ task, rows: 100, features: 3, bias: true });
      expect(choice.loss.value).toBe(DEFAULT_LOSS[task]);
      expect(choice.loss.reason.length).toBeGreaterThan(10);
    }
  });

  it('chooses the exact formulation when the arrangement has few cells, and shows the count', () => {
    // n = 10 rows in rank 2 (one feature + bias): 2 (C(9,0) + C(9,1)) = 20 cells.
    const small = automaticChoices({ task: 'regression', rows: 10, features: 1, bias: true });
    expect(small.formulation.exactPatternCount).toBe(20);
    expect(small.formulation.value).toBe('exact');
    expect(small.formulation.reason).toContain('20');
  });

  it('falls back to sampled patterns above the limit, saying how many the exact program needs', () => {
    const big = automaticChoices({ task: 'binary', rows: 160, features: 2, bias: true });
    expect(big.formulation.exactPatternCount).toBe(countArrangementCells(160, 3));
    expect(big.formulation.exactPatternCount).toBeGreaterThan(AUTO_EXACT_PATTERN_LIMIT);
    expect(big.formulation.value).toBe('sampled');
    expect(big.formulation.reason).toContain('25,442');
  });

  it('scales beta with the training rows', () => {
    expect(automaticChoices({ task: 'binary', rows: 5000, features: 2, bias: true }).beta.value).toBeCloseTo(BETA_PER_ROW * 5000, 12);
  });

  it('scales a regression beta with the target\'s spread too, so its units do not change the fit, and says so', () => {
    const grams = automaticChoices({ task: 'regression', rows: 275, features: 4, bias: true, targetSpread: 800 });
    const kilograms = automaticChoices({ task: 'regression', rows: 275, features: 4, bias: true, targetSpread: 0.8 });
    expect(grams.beta.value).toBeCloseTo(REGRESSION_BETA_PER_ROW * 275 * 800, 9);
    // y -> c y has the optimum u -> c u at beta -> c beta: the same network up to the output's unit.
    expect(grams.beta.value / kilograms.beta.value).toBeCloseTo(1000, 9);
    expect(grams.beta.reason).toBe("0.001 per training row x 275 rows x 800 (the target's standard deviation). Losses are sums over rows, and the weights grow with the target's units. So this keeps the balance of fit and weight decay the same for any data size and unit.");
    // Unknown or constant spread: unit spread, and no spread in the reason.
    const unknown = automaticChoices({ task: 'regression', rows: 275, features: 4, bias: true });
    expect(unknown.beta.value).toBeCloseTo(REGRESSION_BETA_PER_ROW * 275, 12);
    expect(unknown.beta.reason).not.toContain('standard deviation');
    expect(automaticChoices({ task: 'regression', rows: 275, features: 4, bias: true, targetSpread: 0 }).beta.value).toBeCloseTo(unknown.beta.value, 12);
    // Classification (+-1 targets) ignores a spread.
    expect(automaticChoices({ task: 'binary', rows: 275, features: 4, bias: true, targetSpread: 800 }).beta.value).toBeCloseTo(BETA_PER_ROW * 275, 12);
  });

  it('recommends a solver that fits the loss', () => {
    expect(automaticChoices({ task: 'binary', rows: 100, features: 2, bias: true }).solver.value).toBe('admm');
    expect(HINGE_SCP_ROWS).toBeGreaterThan(1000);
  });

  it('rejects a shape without rows or features with a clear error', () => {
    expect(() => automaticChoices({ task: 'binary', rows: 0, features: 2, bias: true })).toThrow(ConvexNetError);
    expect(() => automaticChoices({ task: 'binary', rows: 10, features: 0, bias: true })).toThrow(/features/);
  });
});

describe('automaticChoices reasons in plain words', () => {
  it('writes a huge exact pattern count in words or as a power of ten, never as 1.2e+7', () => {
    // 1,000 rows in rank 4: 2 (C(999,0) + ... + C(999,3)) = 331,835,998 cells.
    const millions = automaticChoices({ task: 'binary', rows: 1000, features: 3, bias: true });
    expect(millions.formulation.reason).toBe(
      'The exact program could need up to 332 million activation patterns, more than the limit of 256. So a random sample of patterns is used. The certificate then covers the best network for the sampled patterns only.',
    );
    const huge = automaticChoices({ task: 'binary', rows: 50_000, features: 20, bias: true });
    expect(huge.formulation.reason).toMatch(/up to [\d.]+ × 10\^\d+ activation patterns/);
    for (const choice of [millions, huge]) expect(choice.formulation.reason).not.toMatch(/e\+/);
  });

  it('says the exact program uses every pattern, without a paper reference', () => {
    const small = automaticChoices({ task: 'regression', rows: 10, features: 1, bias: true });
    expect(small.formulation.reason).toBe(
      'This data can have at most 20 activation patterns, within the limit of 256. So the exact program uses all of them, and its certificate covers the best possible network (the global optimum).',
    );
    const binary = automaticChoices({ task: 'binary', rows: 100, features: 2, bias: true });
    for (const reason of [binary.loss.reason, binary.solver.reason]) expect(reason).not.toContain('Algorithm');
    expect(binary.solver.reason).toBe('ADMM fits the squared loss quickly. It factors one linear system once and reuses it every iteration.');
  });

  it('writes the rows of the beta reason for reading', () => {
    expect(automaticChoices({ task: 'binary', rows: 12_500, features: 2, bias: true }).beta.reason).toMatch(/^0\.0001 per training row x 12,500 rows\. /);
    expect(automaticChoices({ task: 'binary', rows: 1_250_000, features: 2, bias: true }).beta.reason).toMatch(/^0\.0001 per training row x 1\.25 million rows\. /);
  });
});
