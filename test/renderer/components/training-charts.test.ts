// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-core/contract/operations';
import ChartPanel from '../../../src-renderer/components/results/ChartPanel.vue';
import TrainingCharts from '../../../src-renderer/components/results/TrainingCharts.vue';
import { createFakeTransport } from '../support/fake-transport';
import { createTestApp } from '../support/test-app';

/** Live progress as the jobs store keeps it: n points, 10 ms apart. */
function progress(n: number): JobProgress[] {
  return Array.from({ length: n }, (_, i) => ({
    iteration: 10 * (i + 1),
    elapsedMs: 10 * (i + 1),
    fraction: i / n,
    objective: 100 / (i + 1),
    lowerBound: 90 / (i + 1),
    relativeGap: 0.1 / (i + 1),
    primalResidual: 1 / (i + 1),
    dualResidual: 2 / (i + 1),
    trainAccuracy: 0.5 + 0.4 * (i / n),
  }));
}

/** The configurations the three charts would draw (happy-dom has no canvas: read them from the props). */
function configs(wrapper: ReturnType<typeof mount>): Record<string, ChartConfiguration> {
  const panels = wrapper.findAllComponents(ChartPanel);
  return Object.fromEntries(panels.map((panel) => [panel.props('title') as string, (panel.props('build') as () => ChartConfiguration)()]));
}

const xTitle = (config: ChartConfiguration) => (config.options?.scales?.x as { title: { text: string } }).title.text;

describe('live training charts', () => {
  it('leaves out a residual the solver does not report (the robust solvers have no dual residual)', () => {
    const app = createTestApp(createFakeTransport().transport);
    const points = progress(20).map(({ dualResidual: _dual, ...rest }) => rest);
    const wrapper = mount(TrainingCharts, { props: { points }, global: app.global });
    expect(configs(wrapper)['Gap and residuals (log scale)']!.data.datasets.map((d) => d.label)).toEqual(['Relative gap', 'Primal residual']);
  });

  it('draws objective, gap and residuals on a log axis, and accuracy, against iteration or time', async () => {
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(TrainingCharts, { props: { points: progress(50) }, global: app.global });
    let charts = configs(wrapper);
    expect(Object.keys(charts)).toEqual(['Objective and certified gap', 'Gap and residuals (log scale)', 'Accuracy']);
    const convergence = charts['Gap and residuals (log scale)']!;
    expect(convergence.options?.scales?.y).toMatchObject({ type: 'logarithmic' });
    expect(convergence.data.datasets.map((d) => d.label)).toEqual(['Relative gap', 'Primal residual', 'Dual residual']);
    expect(convergence.data.datasets[1]!.data[0]).toEqual({ x: 10, y: 1 });
    expect(charts['Accuracy']!.data.datasets[0]!.data.at(-1)).toEqual({ x: 500, y: (0.5 + 0.4 * (49 / 50)) * 100 });
    expect(charts['Accuracy']!.data.datasets[1]!.data).toEqual([]); // no test accuracy reported

    await wrapper.get('[data-testid="axis-time"]').setValue(true);
    charts = configs(wrapper);
    for (const config of Object.values(charts)) expect(xTitle(config)).toBe('Time (s)');
    expect(charts['Objective and certified gap']!.data.datasets[0]!.data[0]).toEqual({ x: 0.01, y: 100 });
  });

  it('counts an interior-point run in Newton steps: axis titles, axis choice and chart descriptions', async () => {
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(TrainingCharts, { props: { points: progress(5), step: 'Newton step' }, global: app.global });
    for (const config of Object.values(configs(wrapper))) expect(xTitle(config)).toBe('Newton step');
    expect(wrapper.get('[data-testid="axis-iteration"]').element.parentElement!.textContent!.trim()).toBe('Newton step');
    const descriptions = wrapper.findAllComponents(ChartPanel).map((panel) => panel.props('description') as string);
    for (const description of descriptions) expect(description).toMatch(/at Newton step 50\b/);
    await wrapper.setProps({ step: 'iteration' });
    for (const config of Object.values(configs(wrapper))) expect(xTitle(config)).toBe('Iteration');
  });

  it('streams: new points reach the charts, thinned to a bounded number however long the run', async () => {
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(TrainingCharts, { props: { points: progress(10) }, global: app.global });
    await wrapper.setProps({ points: progress(100_000) });
    const objective = configs(wrapper)['Objective and certified gap']!.data.datasets[0]!.data as { x: number; y: number }[];
    expect(objective.length).toBeLessThanOrEqual(3200);
    expect(objective.at(-1)).toEqual({ x: 1_000_000, y: 100 / 100_000 });
    expect(objective[0]).toEqual({ x: 10, y: 100 });
    // No accuracy in the points: that chart is left out rather than drawn empty.
    await wrapper.setProps({ points: progress(20).map(({ trainAccuracy: _, ...rest }) => rest) });
    expect(Object.keys(configs(wrapper))).not.toContain('Accuracy');
  });
});

describe('chart descriptions of a finished run', () => {
  const descriptions = (wrapper: ReturnType<typeof mount>) => wrapper.findAllComponents(ChartPanel).map((panel) => panel.props('description') as string);

  it("name the last iterate's gap as such when the delivered model's certified gap differs", () => {
    const app = createTestApp(createFakeTransport().transport);
    // The last point's gap is 0.1/5 = 2.0%; the model kept (the best certified iterate) has 0.42%.
    const wrapper = mount(TrainingCharts, { props: { points: progress(5), deliveredGap: 0.0042 }, global: app.global });
    const [objective, convergence] = descriptions(wrapper);
    expect(objective).toContain("objective 20 at iteration 50, relative gap 2.0% at this last iterate (the delivered model's certified gap is 0.42%)");
    expect(convergence).toContain("Gap and residuals at iteration 50: relative gap 2.0% at this last iterate (the delivered model's certified gap is 0.42%), primal residual");
  });

  it('quote one gap, written as the certificate writes it, when both agree or the run goes on', () => {
    const app = createTestApp(createFakeTransport().transport);
    const finished = mount(TrainingCharts, { props: { points: progress(5), deliveredGap: 0.02 }, global: app.global });
    expect(descriptions(finished)[0]).toContain('objective 20 at iteration 50, relative gap 2.0%.');
    const live = mount(TrainingCharts, { props: { points: progress(5) }, global: app.global });
    expect(descriptions(live)[0]).toContain('objective 20 at iteration 50, relative gap 2.0%.');
  });
});
