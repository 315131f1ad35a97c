// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../../src-core/contract/operations';
import ComparisonCard from '../../../../src-renderer/components/train/ComparisonCard.vue';
import { useJobsStore } from '../../../../src-renderer/stores/jobs';
import { createFakeTransport } from '../../support/fake-transport';
import { jobSummary, runResult } from '../../support/fixtures';
import { createTestApp, settle } from '../../support/test-app';

/** A finished run whose training objective is `objective` (one head). */
function finished(jobId: string, objective: number, solver: RunResult['options']['solver']): RunResult {
  const base = runResult();
  return { ...base, jobId, options: { ...base.options, solver }, heads: [{ ...base.heads[0]!, objective }] };
}

describe('the comparison with back-propagation', () => {
  it('writes the training objectives with the same decimals, so the column compares (2.190 under 2.228, not 2.19)', async () => {
    const app = createTestApp(createFakeTransport().transport);
    const jobs = useJobsStore();
    const runs = [finished('job-1', 1.644, 'admm'), finished('job-2', 2.228, 'backprop'), finished('job-3', 2.19, 'backprop')];
    jobs.summaries = new Map(runs.map((r) => [r.jobId, jobSummary({ jobId: r.jobId, state: 'finished', status: 'solved' })]));
    jobs.results = new Map(runs.map((r) => [r.jobId, r]));
    // A fourth run still going has no objective yet.
    const wrapper = mount(ComparisonCard, { global: app.global, props: { comparison: { group: 'g', jobIds: ['job-1', 'job-2', 'job-3', 'job-4'] } } });
    await settle();
    const objectives = wrapper.findAll('tbody tr').map((row) => row.findAll('td')[2]!.text());
    expect(objectives).toEqual(['1.644', '2.228', '2.190', '–']);
    // The runs share the dataset: the caption says it once, the rows only what differs.
    expect(wrapper.get('[data-testid="comparison-data"]').text()).toBe('Data: Two moons');
    expect(wrapper.findAll('tbody th').map((th) => th.text())).toEqual(['ADMM', 'ADMM', 'ADMM', 'job-4']);
    // Numbers right-aligned (score, objective, neurons), the run and its state left.
    const numeric = (cells: { classes(): string[] }[]) => cells.map((cell) => cell.classes().includes('numeric'));
    expect(numeric(wrapper.findAll('thead th'))).toEqual([false, false, true, true, true]);
    expect(numeric(wrapper.findAll('tbody tr')[0]!.findAll('td'))).toEqual([false, true, true, true]);
  });
});
