import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-core/contract/operations';
import { PartsProgress } from '../../../src-main/services/parts-progress';

const event = (fraction: number, iteration: number): JobProgress => ({ iteration, elapsedMs: 0, fraction, objective: 1 }) as JobProgress;

describe('PartsProgress', () => {
  it('shows one part at a time with the mean fraction, then the part started last', () => {
    const progress = new PartsProgress(3);
    for (const id of ['a', 'b']) progress.started(id);
    expect(progress.report('b', 1, event(0.6, 5))).toMatchObject({ iteration: 5, fraction: 0.6 / 3 });
    expect(progress.report('a', 0, event(0.3, 9))).toBeNull(); // counted, not shown
    progress.ended('b', 1, true);
    progress.started('c');
    // 'a' started before 'c': 'c' (the shortest run so far) is followed now.
    expect(progress.report('a', 0, event(0.4, 10))).toBeNull();
    expect(progress.report('c', 2, event(0.5, 1))).toMatchObject({ iteration: 1, fraction: (0.4 + 1 + 0.5) / 3 });
    // A failed part's slot does not count as done.
    progress.ended('c', 2, false);
    expect(progress.report('a', 0, event(0.5, 11))).toMatchObject({ fraction: (0.5 + 1 + 0.5) / 3 });
  });

  it('keeps the fractions so far when the slots grow', () => {
    const progress = new PartsProgress(2);
    progress.started('plan');
    progress.ended('plan', 0, true);
    progress.setSlots(4);
    progress.started('h1');
    expect(progress.report('h1', 1, event(1, 3))!.fraction).toBe(2 / 4);
  });
});
