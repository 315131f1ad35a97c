import { describe, expect, it } from 'vitest';
import { runStatusLabel } from '../../../src-core/text/run-status-text';

describe('runStatusLabel', () => {
  it('never calls a back-propagation run "Solved": it met a loss-change tolerance, it proved nothing', () => {
    expect(runStatusLabel('backprop', 'solved', 1234)).toBe('Converged (loss change below tolerance, 1,234 epochs)');
    expect(runStatusLabel('backprop', 'solved', 1)).toBe('Converged (loss change below tolerance, 1 epoch)');
    expect(runStatusLabel('backprop', 'solved')).toBe('Converged (loss change below tolerance)');
  });

  it('calls a back-propagation run that ran all its epochs finished, with the count when known', () => {
    expect(runStatusLabel('backprop', 'max-iterations', 300)).toBe('Finished (300 epochs)');
    expect(runStatusLabel('backprop', 'max-iterations')).toBe('Finished');
  });

  it('keeps the certified solvers\' words and the real stops of back-propagation', () => {
    expect(runStatusLabel('ipm', 'solved', 20)).toBe('Solved');
    expect(runStatusLabel('admm', 'max-iterations', 20)).toBe('Iteration limit');
    expect(runStatusLabel('backprop', 'cancelled', 20)).toBe('Cancelled');
    expect(runStatusLabel('backprop', 'time-limit', 20)).toBe('Time limit');
  });
});
