import { describe, expect, it } from 'vitest';
import { bestScoreIndex } from '../../../src-core/training/best-score-index';

describe('bestScoreIndex', () => {
  it('takes the highest score, a tie going to the larger beta whatever the order', () => {
    expect(bestScoreIndex([{ beta: 0.1, score: 0.8 }, { beta: 0.01, score: 0.9 }, { beta: 1, score: 0.7 }])).toBe(1);
    expect(bestScoreIndex([{ beta: 0.001, score: 1 }, { beta: 0.01, score: 1 }, { beta: 0.1, score: 1 }, { beta: 1, score: 0.98 }])).toBe(2);
    expect(bestScoreIndex([{ beta: 1, score: 1 }, { beta: 0.01, score: 1 }])).toBe(0);
  });

  it('counts a missing score as the lowest', () => {
    expect(bestScoreIndex([{ beta: 1, score: null }, { beta: 0.1, score: 0.2 }, { beta: 10, score: undefined }])).toBe(1);
    expect(bestScoreIndex([{ beta: 1, score: null }, { beta: 10, score: null }])).toBe(1);
  });
});
