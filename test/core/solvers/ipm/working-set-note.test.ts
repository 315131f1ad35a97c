import { describe, expect, it } from 'vitest';
import { workingSetNote } from '../../../../src-core/solvers/ipm/working-set-note';

describe('workingSetNote', () => {
  it('says how many of all the constraints the solver worked with, counts written for reading', () => {
    expect(workingSetNote(1234, 40_000, false, 0)).toBe("The solver worked with 1,234 of the 40,000 constraints (a working set of cone rows): those nearest each pattern's generator.");
    expect(workingSetNote(20_480, 12_800_000, true, 1)).toBe(
      "The solver worked with 20,480 of the 12.8 million constraints (a working set of cone rows): those nearest each pattern's generator and the previous solution, then the most violated ones, added once.",
    );
    expect(workingSetNote(900, 64_000, false, 3)).toMatch(/, then the most violated ones, added 3 times\.$/);
  });
});
