import { describe, expect, it } from 'vitest';
import type { DataShape } from '../../../src-core/training/auto-choices';
import { modelCost, UNCALIBRATED_FLOPS_PER_MS } from '../../../src-core/training/cost-estimate';
import { IPM_CONIC_MAX_STEP_MS, IPM_RECOMMENDED_MAX_BYTES, IPM_RECOMMENDED_MAX_UNKNOWNS, IPM_STRUCTURED_MAX_STEP_MS, IPM_STRUCTURED_MAX_UNKNOWNS, recommendedSolver, type SolverRequest } from '../../../src-core/training/recommended-solver';

const small: DataShape = { task: 'binary', rows: 150, features: 2, bias: true };
const squared: SolverRequest = { loss: 'squared', formulation: 'sampled', patterns: 32, tolerance: 1e-3 };

describe('recommendedSolver', () => {
  it('sends a small unweighted squared-loss problem to the interior-point solver, quoting its size and tolerance', () => {
    const choice = recommendedSolver(small, squared);
    expect(choice.value).toBe('ipm');
    // 2 x (2 features + bias) x 32 patterns.
    expect(choice.reason).toMatch(/^Squared loss \(192 unknowns\): the interior-point method certifies a gap of 1e-3 /);
    expect(recommendedSolver(small, { ...squared, tolerance: 1e-6 }).reason).toContain('a gap of 1e-6');
  });

  it('sends small logistic, hinge and class-weighted problems to the interior-point solver too (its conic form), and large ones to the loss default', () => {
    expect(recommendedSolver(small, { ...squared, loss: 'bce' })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Logistic loss on a small problem \(192 unknowns\): .*where ADMM-RBCD would need thousands/) });
    expect(recommendedSolver(small, { ...squared, loss: 'hinge' })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Hinge loss on a small problem .*where ADMM would need thousands/) });
    expect(recommendedSolver(small, { ...squared, classWeighted: true })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss with class weights on a small problem/) });
    const wide: DataShape = { ...small, features: 9 };
    expect(recommendedSolver(wide, { ...squared, loss: 'bce', patterns: 101 })).toMatchObject({ value: 'admm-rbcd', reason: expect.stringMatching(/^ADMM-RBCD fits the logistic loss.*\. The interior-point solver is not used: this problem has 2,020 unknowns/) });
  });

  it('keeps the loss default for adversarial training and ADMM-only settings, and says why', () => {
    expect(recommendedSolver(small, { ...squared, robust: true })).toMatchObject({ value: 'admm', reason: expect.stringContaining('The ipm solver has no robust program.') });
    expect(recommendedSolver(small, { ...squared, givenSettings: { tolerance: 1e-4, rho: 2 } })).toMatchObject({
      value: 'admm',
      // Named by its label, not by the settings check's internal keys ("Unknown setting "rho". Known settings: ...").
      reason: expect.stringMatching(/every iteration\. Penalty rho is not a setting of the interior-point solver\.$/),
    });
    expect(recommendedSolver(small, { ...squared, givenSettings: { rho: 2, checkEvery: 5 } }).reason).toMatch(/Penalty rho, .+ are not settings of the interior-point solver\.$/);
    // An iteration limit the interior-point solver refuses (it counts Newton steps, at most 1000).
    expect(recommendedSolver(small, { ...squared, givenSettings: { maxIterations: 5000 } })).toMatchObject({ value: 'admm', reason: expect.stringMatching(/not the interior-point solver's: .*1000/) });
    // Settings it takes do not decide.
    expect(recommendedSolver(small, { ...squared, givenSettings: { tolerance: 1e-7, maxIterations: 50, timeLimitMs: 1000 } }).value).toBe('ipm');
    // The exact pattern limit is the pipeline's setting, not a solver's: it does not push a run to ADMM.
    expect(recommendedSolver(small, { ...squared, givenSettings: { tolerance: 1e-7, exactPatternLimit: 5000 } }).value).toBe('ipm');
    // Nor does the pattern source (pipeline-settings.ts).
    expect(recommendedSolver(small, { ...squared, givenSettings: { patternSource: 'backprop' } }).value).toBe('ipm');
  });

  it('goes to ADMM above the unknowns limits and the modelled steps, counting every exact pattern', () => {
    // Structured (squared loss): up to 2 x 10 columns x 200 patterns = 4000 unknowns whatever the step;
    // above, while its step over the patterns is modelled within 5 s, up to the solver's own order.
    // On 5000 rows (the pattern system is the one factored):
    const wide: DataShape = { ...small, rows: 5000, features: 9 };
    expect(2 * 10 * 200).toBe(IPM_STRUCTURED_MAX_UNKNOWNS);
    expect(recommendedSolver(wide, { ...squared, patterns: 200 }).value).toBe('ipm');
    expect(recommendedSolver(wide, { ...squared, patterns: 201 })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss \(4,020 unknowns\)/) });
    // Measured (IPM_STRUCTURED_MAX_STEP_MS): 10,000 x 31, 80 and 128 patterns certified in 10.7 and
    // 38 s where ADMM reached 11% and 13% in 2 minutes. 51 columns and 110 patterns are modelled over
    // the step limit.
    const measured: DataShape = { ...small, rows: 10_000, features: 30 };
    expect(recommendedSolver(measured, { ...squared, patterns: 80 }).value).toBe('ipm');
    expect(recommendedSolver(measured, { ...squared, patterns: 128 })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss \(7,936 unknowns\)/) });
    expect(recommendedSolver({ ...measured, features: 50 }, { ...squared, patterns: 110 })).toMatchObject({ value: 'admm', reason: expect.stringMatching(/11,220 unknowns\. Each of its steps \(Newton steps\) is estimated at about [\d.]+ s, more than its limit of 16 s\.$/) });
    expect(IPM_STRUCTURED_MAX_STEP_MS).toBe(16_000);
    // The solver's own limit: more than 6000 pattern unknowns dP on more than 6000 rows.
    expect(recommendedSolver({ ...wide, rows: 7000 }, { ...squared, patterns: 601 })).toMatchObject({ value: 'admm', reason: expect.stringContaining('12,020 unknowns, more than its limit of 12,000.') });
    // On 150 rows the Woodbury system over the rows takes more patterns, up to a modelled step of 1 s.
    expect(recommendedSolver({ ...wide, rows: 150 }, { ...squared, patterns: 201 }).value).toBe('ipm');
    expect(recommendedSolver({ ...wide, rows: 150 }, { ...squared, patterns: 1000 }).value).toBe('ipm');
    // The conic form (class weights): 2000, so 101 patterns are over it.
    expect(2 * 10 * 100).toBe(IPM_RECOMMENDED_MAX_UNKNOWNS);
    expect(recommendedSolver({ ...wide, rows: 150 }, { ...squared, classWeighted: true, patterns: 100 }).value).toBe('ipm');
    expect(recommendedSolver({ ...wide, rows: 150 }, { ...squared, classWeighted: true, patterns: 101 })).toMatchObject({ value: 'admm', reason: expect.stringContaining('2,020 unknowns, more than its limit of 2,000.') });
    // Exact on 150 rows in rank 3: up to 2 (1 + 149 + 149*148/2) = 22,352 patterns.
    expect(recommendedSolver(small, { ...squared, formulation: 'exact' })).toMatchObject({ value: 'admm', reason: expect.stringMatching(/134,112 unknowns\. Each of its steps \(Newton steps\) over the 150 rows is estimated at about .*, more than its limit of 1\.0 s\./) });
    // Exact on 6 rows of one feature plus bias: 2 (1 + 5) = 12 patterns, 48 unknowns.
    expect(recommendedSolver({ task: 'regression', rows: 6, features: 1, bias: true }, { ...squared, formulation: 'exact' }).reason).toContain('(48 unknowns)');
  });

  it('goes to the loss default when the conic form\'s memory passes 2 GB (many rows), which comes before its 4 s step limit', () => {
    const cost = (loss: 'squared' | 'bce' | 'hinge', rows: number, columns: number, patterns: number) => modelCost({ solver: 'ipm', loss, rows, columns, size: patterns, heads: 1, checkEvery: 1, classWeighted: true });
    // Within the unknowns limit, every shape whose step is modelled over 4 s also holds more than
    // 2 GB (the kernels took the step's largest parts), so memory decides.
    for (const loss of ['squared', 'bce', 'hinge'] as const) {
      for (const patterns of [8, 32, 64]) {
        for (let columns = 2; 2 * patterns * columns <= IPM_RECOMMENDED_MAX_UNKNOWNS; columns += 3) {
          for (let rows = 1000; rows <= 400_000; rows *= 2) {
            const shape = cost(loss, rows, columns, patterns);
            if (shape.flopsPerIteration / UNCALIBRATED_FLOPS_PER_MS > IPM_CONIC_MAX_STEP_MS) expect(shape.bytes).toBeGreaterThan(IPM_RECOMMENDED_MAX_BYTES);
          }
        }
      }
    }
    // 30 features, logistic loss (every cone row kept): memory passes 2 GB between 12,000 and
    // 14,000 rows (the step, at ~3 s, within its limit).
    const thirty = { task: 'binary' as const, rows: 14_000, features: 30, bias: true };
    const logistic = { ...squared, loss: 'bce' as const };
    expect(recommendedSolver(thirty, logistic)).toMatchObject({ value: 'admm-rbcd', reason: expect.stringMatching(/its steps would need about [\d.]+ GB of memory, more than its limit of 2\.0 GB\./) });
    expect(recommendedSolver({ ...thirty, rows: 12_000 }, logistic).value).toBe('ipm');
    // The hinge loss keeps a working set of cone rows: less memory at the same size.
    expect(cost('hinge', 8000, 31, 32).bytes).toBeLessThan(cost('bce', 8000, 31, 32).bytes);
    // 60,000 rows of 10 features, hinge: over 2 GB; 40,000: within.
    const tall = { task: 'binary' as const, rows: 60_000, features: 10, bias: true };
    expect(recommendedSolver(tall, { ...squared, loss: 'hinge' })).toMatchObject({ value: 'admm', reason: expect.stringMatching(/its steps would need about [\d.]+ GB of memory, more than its limit of 2\.0 GB\./) });
    expect(recommendedSolver({ ...tall, rows: 40_000 }, { ...squared, loss: 'hinge' }).value).toBe('ipm');
  });

  it('keeps the squared loss on the interior-point solver at many rows (working set of cone rows) until its memory passes 2 GB', () => {
    // The bench's n = 100k, 50 features, 32 patterns: certified 3.1e-4 in 49 s by ipm.
    expect(recommendedSolver({ task: 'regression', rows: 100_000, features: 50, bias: true }, squared)).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss \(3,264 unknowns\)/) });
    const bytes = (rows: number): number => modelCost({ solver: 'ipm', loss: 'squared', rows, columns: 3, size: 32, heads: 1, checkEvery: 1 }).bytes;
    let rows = 1000;
    while (bytes(rows) <= IPM_RECOMMENDED_MAX_BYTES) rows *= 2;
    expect(recommendedSolver({ ...small, rows }, squared)).toMatchObject({ value: 'admm', reason: expect.stringMatching(/The interior-point solver is not used: its steps would need about [\d.]+ GB of memory, more than its limit of 2\.0 GB\./) });
    expect(recommendedSolver({ ...small, rows: rows / 2 }, squared).value).toBe('ipm');
  });
});
