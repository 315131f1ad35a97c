// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { RobustnessComparison, RobustnessReport as Report } from '../../../../src-core/robust/robustness-report-types';
import RobustnessReport from '../../../../src-renderer/components/robust/RobustnessReport.vue';
import { robustnessChartConfig } from '../../../../src-renderer/components/robust/robustness-chart-config';
import { createFakeTransport } from '../../support/fake-transport';
import { createTestApp } from '../../support/test-app';

enableAutoUnmount(afterEach);

function report(pgd: number[], warnings: string[] = []): Report {
  return {
    task: 'binary',
    norm: 'linf',
    units: 'raw',
    unitsText: 'epsilon in the raw units of each numeric column (l_inf)',
    testPoints: 40,
    dataSet: 'test',
    attack: { steps: 50, restarts: 10, stepFraction: 0.05 },
    certification: 'interval',
    points: pgd.map((p, i) => {
      const set = { clean: 0.9, fgsm: Math.min(0.9, p + 0.05), pgd: p, certified: p / 2 };
      return { epsilon: 0.1 * i, accuracy: set, balancedAccuracy: set, error: null };
    }),
    warnings,
  };
}
const comparison: RobustnessComparison = { robust: report([0.9, 0.8, 0.7]), standard: report([0.9, 0.5, 0.2], ['The model predicts one class for every test point (class 0): it has collapsed.']) };
const colors = { objective: 'red', bound: 'blue', gap: 'green', grid: 'grey', text: 'black' };

describe('RobustnessReport', () => {
  it('states points, units and norm, lists every radius for both models and shows warnings', () => {
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(RobustnessReport, { props: { comparison }, global: app.global });
    expect(wrapper.get('[data-testid="robustness-units"]').text()).toMatch(/On 40 test points; epsilon in the raw units of each numeric column \(l_inf\)/);
    const tables = wrapper.findAll('table');
    expect(tables).toHaveLength(2);
    const rows = tables[0]!.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows[1]).toEqual(['0.1', '90.0%', '85.0%', '80.0%', '40.0%', '90.0% / 80.0% / 40.0%']);
    expect(wrapper.text()).toMatch(/Standard model/);
    expect(wrapper.text()).toMatch(/collapsed/);
    // The robust model wins under PGD here: no verdict.
    expect(wrapper.find('[data-testid="robustness-verdict"]').exists()).toBe(false);
    expect(wrapper.text()).toMatch(/Robustness curve: clean, FGSM, PGD and certified accuracy on 40 test points for 3 values of epsilon, robust and standard model\. At epsilon 0\.200 the PGD accuracy is 70\.0%\./);
  });

  it('says so when the standard model held up at least as well under PGD at every radius', () => {
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(RobustnessReport, { props: { comparison: { robust: report([0.9, 0.5, 0.2]), standard: report([0.9, 0.8, 0.7]) } }, global: app.global });
    expect(wrapper.get('[data-testid="robustness-verdict"]').text()).toMatch(/^Adversarial training did not pay here: .*at epsilon 0\.2: 70\.0% against 20\.0% for the robust model/);
  });

  it('draws four curves per model, the standard one dashed', () => {
    const config = robustnessChartConfig(comparison, colors);
    const sets = config.data.datasets;
    expect(sets.map((s) => s.label)).toEqual(['Clean (robust)', 'FGSM (robust)', 'PGD (robust)', 'Certified (robust)', 'Clean (standard)', 'FGSM (standard)', 'PGD (standard)', 'Certified (standard)']);
    expect(sets[2]!.data).toEqual([{ x: 0, y: 90 }, { x: 0.1, y: 80 }, { x: 0.2, y: expect.closeTo(70, 10) }]);
    expect(sets[6]!.borderDash).toEqual([5, 4]);
  });
});
