// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { TestPredictions } from '../../../../src-core/contract/test-predictions';
import type { Task } from '../../../../src-core/data/dataset';
import { rowTable } from '../../../../src-core/data/raw-table';
import { readTarget } from '../../../../src-core/data/target-column';
import { buildModelFile } from '../../../../src-core/model/model-file';
import { prepareTrainingData } from '../../../../src-core/training/prepare-training-data';
import DecisionBoundary from '../../../../src-renderer/components/results/DecisionBoundary.vue';
import { handMadeOutcome } from '../../../core/model/model-fixtures';
import { createFakeTransport } from '../../support/fake-transport';
import { runResult } from '../../support/fixtures';
import { useNavigationStore } from '../../../../src-renderer/stores/navigation';
import { seriesColor } from '../../../../src-renderer/charts/palette';
import { createTestApp, settle } from '../../support/test-app';

/** A two-input model of `task` and a few test rows to draw. */
function fixture(task: Extract<Task, 'binary' | 'regression'>) {
  const rows = Array.from({ length: 20 }, (_, i) => [String(Math.sin(i)), String(Math.cos(i)), task === 'regression' ? String(i / 3) : ['a', 'b'][i % 2]!]);
  const table = rowTable(['x1', 'x2', 'y'], rows);
  const prepared = prepareTrainingData(table, readTarget(table, 'y', task), { testFraction: 0, seed: 1, standardize: true });
  const model = buildModelFile(handMadeOutcome(task, 2), prepared.fitted.pipeline);
  const testPredictions: TestPredictions = {
    totalCount: 3,
    rows: [0, 1, 2].map((row) => ({ row, actual: row % 2, predicted: 0, scores: [], probabilities: [], features: [row / 2 - 0.5, 0.5 - row / 3], cells: [] })),
    featureNames: ['x1', 'x2'],
    cellColumns: [],
    classNames: task === 'regression' ? [] : ['a', 'b'],
  };
  return { model, result: runResult({ task, testPredictions }) };
}

async function note(task: Extract<Task, 'binary' | 'regression'>): Promise<string> {
  const { model, result } = fixture(task);
  const app = createTestApp(createFakeTransport().transport);
  const wrapper = mount(DecisionBoundary, {
    global: app.global,
    props: { result, jobId: null, jobCreatedAt: 0, savedModel: model, classNames: result.testPredictions!.classNames },
  });
  await settle();
  return wrapper.get('[data-testid="decision-boundary-note"]').text();
}

describe('the decision map legend', () => {
  it('says for regression that colours are predicted values and the dots only place the test rows', async () => {
    const text = await note('regression');
    expect(text).toMatch(/^Colours: the predicted value, from blue \(lowest, -?[\d.e+-]+\) to orange \(highest, -?[\d.e+-]+\)\. /);
    expect(text).toContain('Dots: where the test rows lie, all in one colour');
    expect(text).not.toMatch(/class|misclassified/);
  });

  it('says for classification that dots are in their true class colour, ringed when misclassified', async () => {
    expect(await note('binary')).toBe("Dots: test rows in their true class's colour, ringed in red when misclassified.");
  });
});

describe('the decision map legend of classes', () => {
  it('lists every class in the colour its area and dots are drawn in, with its share of the area', async () => {
    const { model, result } = fixture('binary');
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(DecisionBoundary, {
      global: app.global,
      props: { result, jobId: null, jobCreatedAt: 0, savedModel: model, classNames: ['a', 'b'] },
    });
    await settle();
    const entries = wrapper.get('[data-testid="decision-boundary-legend"]').findAll('li');
    expect(entries.map((entry) => entry.text().replace(/\d+%/, 'N%'))).toEqual(['a: N% of the area', 'b: N% of the area']);
    const swatches = entries.map((entry) => entry.get('.decision-boundary__swatch').attributes('style'));
    // happy-dom keeps the colour as written: the palette's first two colours, as drawDecisionMap paints classes 0 and 1.
    expect(swatches[0]).toMatch(new RegExp(`background: (${seriesColor(0)}|rgb\\(0, 114, 178\\))`, 'i'));
    expect(swatches[1]).toMatch(new RegExp(`background: (${seriesColor(1)}|rgb\\(230, 159, 0\\))`, 'i'));
    const shares = entries.map((entry) => Number(/(\d+)%/.exec(entry.text())![1]));
    expect(shares[0]! + shares[1]!).toBeGreaterThanOrEqual(99);
  });
});

describe('the decision map of a run without test rows', () => {
  it('says why there is none and what to do, with a button to the Train screen instead of a disabled Save PNG', async () => {
    const { model, result } = fixture('binary');
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(DecisionBoundary, {
      global: app.global,
      props: { result: { ...result, testCount: 0, test: null, testPredictions: null }, jobId: null, jobCreatedAt: 0, savedModel: model, classNames: ['a', 'b'] },
    });
    await settle();
    expect(wrapper.get('[data-testid="decision-boundary-message"]').text()).toBe(
      'No decision map: this run held out no test rows, and the map is drawn around them (their spread sets its axes; they are its dots). ' +
        'To get one, set Test rows (%) above 0 on the Train screen and train again.',
    );
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Go to Train']);
    await wrapper.get('[data-testid="decision-boundary-fix"]').trigger('click');
    expect(useNavigationStore().screen).toBe('train');
  });
});
