import { describe, expect, it } from 'vitest';
import { runIterationCount } from '../../../src-core/training/run-iterations';

describe('runIterationCount', () => {
  it('adds up the heads (one-vs-rest trains one network per class)', () => {
    expect(runIterationCount([{ iterations: 120 }, { iterations: 80 }, { iterations: 0 }])).toBe(200);
  });

  it('is undefined when a head has no count (a hand-edited saved run), never NaN', () => {
    expect(runIterationCount([{ iterations: 120 }, {}])).toBeUndefined();
    expect(runIterationCount([{ iterations: '120' }])).toBeUndefined();
    expect(runIterationCount([{ iterations: Number.NaN }])).toBeUndefined();
    expect(runIterationCount([])).toBeUndefined();
  });
});
