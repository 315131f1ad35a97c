import { describe, expect, it } from 'vitest';
import { linearSystemDetail, linearSystemNote } from '../../../../src-core/solvers/admm/linear-system-note';

const work = { path: 'direct', factorizations: 1, factorMs: 12.4, largestFactoredDimension: 96, finalRho: 0.6 } as const;

describe('the notes on ADMM\'s linear system', () => {
  it('say in plain words how often the system was prepared, with the count in the right number', () => {
    expect(linearSystemNote(work)).toBe('The solver prepared its main system of equations once (12 ms in all) and reused it in every iteration.');
    expect(linearSystemNote({ ...work, factorizations: 3 })).toBe('The solver prepared its main system of equations 3 times (12 ms in all): once at the start, then after each change of its step size.');
    // ADMM-RBCD has no such system: nothing to say.
    expect(linearSystemNote({ ...work, path: 'none', factorizations: 0 })).toBeNull();
  });

  it('keep the expert\'s account for the details, without "time(s)"', () => {
    expect(linearSystemDetail(work)).toBe('Linear system: direct, factored 1 time in 12 ms, largest factored dimension 96; final rho 0.600.');
    expect(linearSystemDetail({ ...work, path: 'woodbury', factorizations: 2 })).toMatch(/^Linear system: woodbury, factored 2 times in 12 ms,/);
  });
});
