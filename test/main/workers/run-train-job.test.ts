import { describe, expect, it } from 'vitest';
import { toJobProgress } from '../../../src-main/workers/run-train-job';

describe('toJobProgress', () => {
  it("keeps the event's fields, the job's elapsed time and where a sweep is, and drops what is absent", () => {
    const stages = [{ name: 'fold', index: 1, count: 5 }, { name: 'beta', index: 0, count: 8 }] as const;
    const progress = toJobProgress({ iteration: 9, elapsedMs: 5, objective: 2, fraction: 0.2, relativeGap: 0.01, head: 0, headCount: 2, stages }, 1234);
    expect(progress).toEqual({ iteration: 9, elapsedMs: 1234, objective: 2, fraction: 0.2, relativeGap: 0.01, head: 0, headCount: 2, stages: [{ name: 'fold', index: 1, count: 5 }, { name: 'beta', index: 0, count: 8 }] });
    expect(progress.stages).not.toBe(stages);
    expect(toJobProgress({ iteration: 1, elapsedMs: 0, objective: 3, fraction: 0 }, 7)).toEqual({ iteration: 1, elapsedMs: 7, objective: 3, fraction: 0 });
  });
});
