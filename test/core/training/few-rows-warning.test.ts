import { describe, expect, it } from 'vitest';
import { fewRowsWarning } from '../../../src-core/training/few-rows-warning';

describe('fewRowsWarning', () => {
  it('warns when there are no more training rows than inputs, naming both and what to do', () => {
    expect(fewRowsWarning(1, 3)).toBe('Only 1 training row for 3 inputs (the bias included): the network can fit every training target, so its scores say little about new data. Add rows, or use fewer columns.');
    expect(fewRowsWarning(3, 3)).toMatch(/^Only 3 training rows for 3 inputs/);
    expect(fewRowsWarning(1200, 1500)).toMatch(/^Only 1,200 training rows for 1,500 inputs/);
  });

  it('says nothing with more rows than inputs', () => {
    expect(fewRowsWarning(4, 3)).toBeNull();
    expect(fewRowsWarning(150, 3)).toBeNull();
  });
});
