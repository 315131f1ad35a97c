import { describe, expect, it } from 'vitest';
import { belowStandardNote } from '../../../src-core/training/below-standard-note';

const percent = (score: number): string => `${(100 * score).toFixed(1)}%`;

describe('belowStandardNote', () => {
  it('names the radii where the robust model scores below the standard one under the same attack, the first with its numbers', () => {
    const note = belowStandardNote([
      { epsilon: 0, pgdScore: 1, standardPgdScore: 1, neuronCount: 29 },
      { epsilon: 0.0186, pgdScore: 1, standardPgdScore: 1, neuronCount: 2 },
      { epsilon: 0.03286, pgdScore: 0.88, standardPgdScore: 1, neuronCount: 6 },
      { epsilon: 0.18, pgdScore: 0.72, standardPgdScore: 0.88, neuronCount: 1 },
    ], percent, true, 'Advanced settings');
    expect(note).toMatch(/^At 2 of 3 radii the adversarially trained model scores below the standard model under the same attack \(epsilon 0\.0329: 88\.0% against 100\.0%, with 6 neurons against 29\)\. /);
    expect(note).toContain('convex robust program');
    expect(note).toContain('Its certificate is relative to those networks.');
    expect(note).toContain('More patterns (Advanced settings)');
  });

  it('says nothing when every robust model scores at least as well, or when scores are missing', () => {
    expect(belowStandardNote([{ epsilon: 0, pgdScore: 1, standardPgdScore: 1, neuronCount: 9 }, { epsilon: 0.1, pgdScore: 0.9, standardPgdScore: 0.8, neuronCount: 3 }], percent, true, 'Advanced settings')).toBeNull();
    expect(belowStandardNote([{ epsilon: 0.1, pgdScore: null, standardPgdScore: 0.8, neuronCount: 3 }, { epsilon: 0.2, pgdScore: 0.5, neuronCount: 3 }], percent, true, 'Advanced settings')).toBeNull();
  });

  it('does not explain back-propagation by the convex program, and reads a single radius without the standard point', () => {
    const note = belowStandardNote([{ epsilon: 0.5, pgdScore: 0.61, standardPgdScore: 0.7, neuronCount: 1 }], (s) => s.toFixed(3), false, '--patterns')!;
    expect(note).toMatch(/^At one radius .* \(epsilon 0\.5: 0\.610 against 0\.700\)\. /);
    expect(note).not.toContain('convex robust program');
    expect(note).toContain('back-propagation');
  });
});
