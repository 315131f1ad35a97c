import { describe, expect, it } from 'vitest';
import { parseBetaGrid } from '../../../src-core/training/beta-path';
import { parseEpsilonGrid } from '../../../src-core/training/epsilon-path';
import { parseGridText } from '../../../src-core/training/grid-text';
import { expectConvexNetError } from '../data/expect-error';

describe('parseGridText', () => {
  it('reads MIN:MAX:COUNT, COUNT defaulting', () => {
    expect(parseGridText('1e-4: 1e-1 :5', 'beta', '1e-4:1e-1:8', 8)).toEqual({ min: 1e-4, max: 1e-1, count: 5 });
    expect(parseGridText('1e-4:1e-1', 'beta', '1e-4:1e-1:8', 8)).toEqual({ min: 1e-4, max: 1e-1, count: 8 });
  });

  it('names each part that is not a number, quoting the text, instead of "got NaN"', () => {
    expect(expectConvexNetError(() => parseBetaGrid('a:b:c'), 'settings/invalid')).toBe('A beta grid is written MIN:MAX:COUNT, e.g. 1e-4:1e-1:8; in "a:b:c" the MIN "a", MAX "b" and COUNT "c" are not numbers.');
    expect(expectConvexNetError(() => parseBetaGrid('1e-4:1e-1:abc'), 'settings/invalid')).toBe('A beta grid is written MIN:MAX:COUNT, e.g. 1e-4:1e-1:8; in "1e-4:1e-1:abc" the COUNT "abc" is not a number.');
  });

  it('says reversed ends are reversed, with the grid written the right way round', () => {
    expect(expectConvexNetError(() => parseBetaGrid('1e-1:1e-4:5'), 'settings/invalid')).toBe('A beta grid is written MIN:MAX:COUNT, e.g. 1e-4:1e-1:8, smallest first; in "1e-1:1e-4:5" the ends are reversed: write 1e-4:1e-1:5.');
    expect(expectConvexNetError(() => parseEpsilonGrid('0.5:0.01'), 'settings/invalid')).toMatch(/^An epsilon grid is written MIN:MAX:COUNT, .*in "0\.5:0\.01" the ends are reversed: write 0\.01:0\.5\.$/);
  });

  it('leaves the grid builders their checks: positive ends, the number of points', () => {
    expect(expectConvexNetError(() => parseBetaGrid('0:1:5'), 'settings/invalid')).toMatch(/positive finite ends/);
    expect(expectConvexNetError(() => parseBetaGrid('1e-4:1e-1:1.5'), 'settings/invalid')).toMatch(/whole number of points/);
    expect(parseBetaGrid('1e-4:1e-1:4')).toHaveLength(4);
  });
});
