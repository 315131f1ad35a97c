import { describe, expect, it } from 'vitest';
import { combinedCertificate } from '../../../src-core/training/combined-gap';

describe('combinedCertificate', () => {
  it('is the head itself for one head, and sums objectives and bounds for several', () => {
    expect(combinedCertificate([{ objective: 2, lowerBound: 1.5, relativeGap: 0.25 }])).toEqual({ objective: 2, lowerBound: 1.5, relativeGap: 0.25 });
    expect(combinedCertificate([{ objective: 2, lowerBound: 1.5, relativeGap: 0.25 }, { objective: 2, lowerBound: 2, relativeGap: 0 }])).toEqual({ objective: 4, lowerBound: 3.5, relativeGap: 0.125 });
    expect(combinedCertificate([{ objective: 2, lowerBound: null, relativeGap: null }, { objective: 1, lowerBound: 1, relativeGap: 0 }]).relativeGap).toBeNull();
  });

  it('counts a head below its bound by how far, so heads cannot offset each other and the gap is never negative', () => {
    // Two heads 1% from their bounds, one above and one below (a network outside its cone rows).
    const combined = combinedCertificate([
      { objective: 1.01, lowerBound: 1, relativeGap: 0.01 / 1.01 },
      { objective: 0.99, lowerBound: 1, relativeGap: 0.01 / 0.99 },
    ]);
    expect(combined.objective).toBeCloseTo(2, 14);
    expect(combined.lowerBound).toBe(2);
    expect(combined.relativeGap).toBeCloseTo(0.01, 14);
    // Every head below its bound: the gap is positive too, as a single head's is (relativeGap is two-sided).
    const below = combinedCertificate([
      { objective: 4.2629, lowerBound: 4.2648, relativeGap: 0.00045 },
      { objective: 2.8041, lowerBound: 2.8059, relativeGap: 0.00065 },
    ]);
    expect(below.relativeGap).toBeCloseTo((0.0019 + 0.0018) / 7.067, 12);
  });
});
