// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { TrainingEstimateResponse } from '../../../../src-core/contract/training-jobs';
import EstimatePanel from '../../../../src-renderer/components/train/EstimatePanel.vue';

const standard: TrainingEstimateResponse = {
  task: 'binary', rows: 300, columns: 3, heads: 1, msPerIteration: 0.4, setupMs: 2, worstCaseMs: 9000, maxIterations: 10_000,
  bytes: 1024, machineBytes: 8 * 1024 ** 3, calibrated: true, probeRows: 120, linearSystemPath: null, warnings: [],
};

describe('EstimatePanel', () => {
  it('counts ADMM iterations for a standard run', () => {
    const wrapper = mount(EstimatePanel, { props: { estimate: standard, busy: false, solver: 'admm' } });
    expect(wrapper.text()).toContain('Time per iteration');
    expect(wrapper.text()).toContain('(10000 iterations)');
    expect(wrapper.text()).toContain('from the cost model, calibrated by a short probe on 120 rows');
  });

  it('counts Newton steps when the robust interior-point method will solve an adversarial run', () => {
    const robust: TrainingEstimateResponse = { ...standard, calibrated: false, probeRows: null, maxIterations: 200, robustMethod: 'ipm' };
    const wrapper = mount(EstimatePanel, { props: { estimate: robust, busy: false, solver: 'admm' } });
    expect(wrapper.text()).toContain('Time per Newton step');
    expect(wrapper.text()).toContain('(200 Newton steps)');
    expect(wrapper.text()).toContain('from the cost model of the robust interior-point method (calibrating on this machine…); the method usually takes 15-60 Newton steps');
    const calibrated = mount(EstimatePanel, { props: { estimate: { ...robust, calibrated: true, probeRows: 150 }, busy: false, solver: 'admm' } });
    expect(calibrated.text()).toContain('from the cost model of the robust interior-point method, calibrated by a short probe on 150 rows on this machine; the method usually takes 15-60 Newton steps');
  });

  it('counts PDHG iterations when PDHG will solve the robust program', () => {
    const pdhg: TrainingEstimateResponse = { ...standard, maxIterations: 50_000, robustMethod: 'pdhg' };
    const wrapper = mount(EstimatePanel, { props: { estimate: pdhg, busy: false, solver: 'admm-rbcd' } });
    expect(wrapper.text()).toContain('Time per iteration');
    expect(wrapper.text()).toContain('(50000 iterations)');
    expect(wrapper.text()).toContain('from the cost model of the robust PDHG method, calibrated by a short probe on 120 rows on this machine; PDHG usually takes thousands of iterations, up to the limit');
  });

  it('says how many one-vs-rest heads train at a time when the workers share them', () => {
    const tenClasses: TrainingEstimateResponse = { ...standard, heads: 10, maxIterations: 100 };
    expect(mount(EstimatePanel, { props: { estimate: tenClasses, busy: false, solver: 'ipm' } }).text()).toContain('(100 Newton steps × 10 classes)');
    expect(mount(EstimatePanel, { props: { estimate: { ...tenClasses, headsAtOnce: 3 }, busy: false, solver: 'ipm' } }).text()).toContain('(100 Newton steps × 10 classes, 3 at a time)');
  });

  it('says how much of the time the back-propagation networks that give the patterns take', () => {
    expect(mount(EstimatePanel, { props: { estimate: standard, busy: false, solver: 'ipm' } }).find('[data-testid="estimate-pattern-networks"]').exists()).toBe(false);
    const withNetworks: TrainingEstimateResponse = { ...standard, maxIterations: 100, worstCaseMs: 13_000, patternNetworksMs: 8_000 };
    const one = mount(EstimatePanel, { props: { estimate: withNetworks, busy: false, solver: 'ipm' } });
    expect(one.text()).toContain('(100 Newton steps, with the pattern networks)');
    expect(one.get('[data-testid="estimate-pattern-networks"]').text()).toBe('The back-propagation network that gives the patterns comes first: up to about 8.0 s of it.');
    const three = mount(EstimatePanel, { props: { estimate: { ...withNetworks, heads: 3 }, busy: false, solver: 'ipm' } });
    expect(three.get('[data-testid="estimate-pattern-networks"]').text()).toBe('The back-propagation networks (one per class) that give the patterns come first: up to about 8.0 s of it.');
  });
});
