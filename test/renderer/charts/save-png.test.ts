// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pngFileName } from '../../../src-renderer/charts/save-png';

describe('chart picture file names', () => {
  it('names the file after the chart title', () => {
    expect(pngFileName('Objective and certified gap')).toBe('objective-and-certified-gap.png');
    expect(pngFileName('ROC curves, one class against the rest (test rows)')).toBe('roc-curves-one-class-against-the-rest-test-rows.png');
    expect(pngFileName('***')).toBe('chart.png');
  });
});
