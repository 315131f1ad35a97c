import { describe, expect, it } from 'vitest';
import { eventMarksPlugins, placeMarkLabels } from '../../../src-renderer/charts/event-marks-plugin';

describe('placeMarkLabels', () => {
  it('puts a label right of its line, left of it near the right edge', () => {
    expect(placeMarkLabels([{ px: 100, width: 80 }], 0, 500)).toEqual([{ px: 100, labelX: 104 }]);
    expect(placeMarkLabels([{ px: 450, width: 80 }], 0, 500)).toEqual([{ px: 450, labelX: 366 }]);
  });

  it('leaves out a label that would overlap the one before (rounds every few steps), and keeps the next that fits', () => {
    const marks = [100, 120, 140, 160, 300].map((px) => ({ px, width: 90 }));
    expect(placeMarkLabels(marks, 0, 500).map((p) => p.labelX)).toEqual([104, null, null, null, 304]);
  });

  it('labels no mark outside the chart area', () => {
    expect(placeMarkLabels([{ px: -5, width: 10 }, { px: 600, width: 10 }], 0, 500).map((p) => p.labelX)).toEqual([null, null]);
  });
});

describe('eventMarksPlugins', () => {
  it('adds the plugin only when there are marks', () => {
    expect(eventMarksPlugins([], '#000')).toEqual([]);
    expect(eventMarksPlugins([{ x: 3, label: 'cone rows added' }], '#000')).toHaveLength(1);
  });
});
