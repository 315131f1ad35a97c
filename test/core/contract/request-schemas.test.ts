import { describe, expect, it } from 'vitest';
import { describeSchemaError } from '../../../src-core/contract/request-errors';
import { requestSchemas, trainOptionsSchema } from '../../../src-core/contract/request-schemas';
import type { SolverName, TrainOptions } from '../../../src-core/training/train-types';

const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 0.01, bias: true, seed: 1 };

describe('train options schema (IPC contract)', () => {
  it('accepts every solver the core offers, the interior-point solver included', () => {
    const solvers: SolverName[] = ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'];
    for (const solver of solvers) expect(trainOptionsSchema.safeParse({ ...options, solver }).success, solver).toBe(true);
    const start = requestSchemas['jobs.start'].safeParse({ datasetId: 'ds-1', options: { ...options, solver: 'ipm', solverSettings: { tolerance: 1e-7, maxIterations: 50, linearSystem: 'direct' } }, testFraction: 0.25 });
    expect(start.success).toBe(true);
  });

  it('takes the number of radii of an epsilon sweep scaled to the data (2 to 49)', () => {
    const start = (count: unknown) => requestSchemas['jobs.start'].safeParse({ datasetId: 'ds-1', options, testFraction: 0.25, sweep: { parameter: 'epsilon', epsilon: { norm: 'linf', count } } });
    expect(start(3).success).toBe(true);
    for (const count of [1, 50, 2.5, '3']) expect(start(count).success, String(count)).toBe(false);
  });

  it('rejects an unknown solver, naming where', () => {
    for (const solver of ['sgd', 'IPM', '', 3]) {
      const parsed = requestSchemas['jobs.start'].safeParse({ datasetId: 'ds-1', options: { ...options, solver }, testFraction: 0.25 });
      expect(parsed.success, String(solver)).toBe(false);
      if (!parsed.success) expect(describeSchemaError('jobs.start', parsed.error)).toMatch(/^Invalid request for jobs\.start at "options\.solver"/);
    }
  });
});
