import { describe, expect, it } from 'vitest';
import { sharedLabelPart, withoutSharedPart } from '../../../src-renderer/format/shared-label-part';

const moons = 'Two moons (200 rows, noise 0.1, seed 1)';

describe('sharedLabelPart', () => {
  it('takes the dataset description off labels that all start with it', () => {
    expect(sharedLabelPart([`${moons} · ADMM (convex)`, `${moons} · back-propagation, seed 2`])).toEqual({
      shared: moons,
      rests: ['ADMM (convex)', 'back-propagation, seed 2'],
    });
  });

  it('leaves labels of different datasets, a single label and a bare description whole', () => {
    const mixed = [`${moons} · ADMM`, 'iris.csv · ADMM'];
    expect(sharedLabelPart(mixed)).toEqual({ shared: null, rests: mixed });
    expect(sharedLabelPart([`${moons} · ADMM`])).toEqual({ shared: null, rests: [`${moons} · ADMM`] });
    expect(sharedLabelPart([`${moons} · ADMM`, moons])).toEqual({ shared: null, rests: [`${moons} · ADMM`, moons] });
    expect(sharedLabelPart([])).toEqual({ shared: null, rests: [] });
  });

  it('takes the shared part off one label when it starts with it', () => {
    expect(withoutSharedPart(`${moons} · ADMM`, moons)).toBe('ADMM');
    expect(withoutSharedPart('job-4', moons)).toBe('job-4');
    expect(withoutSharedPart(`${moons} · ADMM`, null)).toBe(`${moons} · ADMM`);
  });
});
