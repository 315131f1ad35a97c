import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../src-core/contract/request-errors';

const refusal = (operation: Parameters<typeof checkRequest>[0], payload: unknown): string => {
  const checked = checkRequest(operation, payload);
  return checked.ok ? 'accepted' : checked.message;
};

describe('checkRequest: a missing field', () => {
  it('is named as missing with what to send, never "received undefined"', () => {
    expect(refusal('datasets.loadBuiltIn', {})).toBe('Invalid request for datasets.loadBuiltIn: "id" is missing: send text of 1 to 200 characters.');
    expect(refusal('runs.rename', { runId: 'run-1' })).toBe('Invalid request for runs.rename: "name" is missing: send text of 1 to 200 characters.');
    expect(refusal('jobs.start', { datasetId: 'd' })).toBe(
      'Invalid request for jobs.start: "options" is missing: send an object with task, loss, solver, formulation, patterns, beta, bias and seed, and optionally classWeights, solverSettings and adversarial; "testFraction" is missing: send a number at least 0 and at most 0.9.',
    );
  });

  it('is named with its whole path, a choice\'s options listed', () => {
    const options = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 1, bias: true, seed: 1, adversarial: { epsilon: 0.1, units: 'raw' } };
    expect(refusal('jobs.start', { datasetId: 'd', options, testFraction: 0.2 })).toBe('Invalid request for jobs.start: "options.adversarial.norm" is missing: send one of "linf" or "l2".');
    expect(refusal('export.model', { format: 'json' })).toBe('Invalid request for export.model: "source" is missing: send an object with jobId, an object with runId or an object with importedModelId.');
  });

  it('covers a request sent without any payload', () => {
    expect(refusal('datasets.loadBuiltIn', undefined)).toBe('Invalid request for datasets.loadBuiltIn: the request is missing: send an object with id, and optionally seed, rows, noise and classes.');
    expect(refusal('app.info', undefined)).toBe('accepted');
  });
});

describe('checkRequest: other problems', () => {
  it('keep their place and message, with one final period', () => {
    expect(refusal('datasets.loadBuiltIn', { id: 42 })).toBe('Invalid request for datasets.loadBuiltIn at "id": Invalid input: expected string, received number.');
    const options = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 1, bias: true, seed: 1 };
    expect(refusal('jobs.start', { datasetId: 'd', options, testFraction: 0.2, sweep: {} })).toBe('Invalid request for jobs.start at "sweep.betas": A beta sweep needs betas (2 to 50 values).');
  });

  it('say what a union takes instead of "Invalid input"', () => {
    expect(refusal('export.model', { format: 'json', source: {} })).toBe('Invalid request for export.model at "source": Invalid input: expected an object with jobId, an object with runId or an object with importedModelId.');
  });

  it('pass a valid payload through', () => {
    expect(checkRequest('datasets.loadBuiltIn', { id: 'iris' })).toEqual({ ok: true, value: { id: 'iris' } });
  });
});
