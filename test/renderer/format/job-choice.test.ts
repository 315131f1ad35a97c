import { describe, expect, it } from 'vitest';
import { jobChoiceLabel } from '../../../src-renderer/format/job-choice';
import { jobSummary } from '../support/fixtures';

describe('jobChoiceLabel', () => {
  it('names an ended run by its label and the time it ended, never by its job id', () => {
    const endedAt = new Date(2026, 10, 29, 14, 3, 12).getTime();
    const text = jobChoiceLabel(jobSummary({ jobId: 'job-7', label: 'Two moons · ADMM', state: 'finished', endedAt }));
    expect(text).toMatch(/^Two moons · ADMM · finished .*03.*12/);
    expect(text).not.toContain('job-7');
    expect(jobChoiceLabel(jobSummary({ state: 'cancelled', endedAt }))).toContain('· cancelled ');
  });

  it('tells two runs of the same settings apart by when they ended', () => {
    const first = jobChoiceLabel(jobSummary({ state: 'finished', endedAt: new Date(2026, 10, 29, 9, 0, 1).getTime() }));
    const second = jobChoiceLabel(jobSummary({ state: 'finished', endedAt: new Date(2026, 10, 29, 9, 0, 2).getTime() }));
    expect(first).not.toBe(second);
  });

  it('gives the state of a run that has not ended', () => {
    expect(jobChoiceLabel(jobSummary({ state: 'running', endedAt: null }))).toBe('Two moons · ADMM · running');
    expect(jobChoiceLabel(jobSummary({ state: 'queued', endedAt: null }))).toBe('Two moons · ADMM · queued');
  });
});
