import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { givenSetting, resolveSettings, type SettingSpec } from '../../../src-core/settings/setting-spec';

const specs: SettingSpec[] = [
  { key: 'beta', label: 'Regularization', help: 'h', group: 'basic', kind: 'number', default: 1e-3, min: 0, minExclusive: true, max: 1e6, unit: '', scale: 'log' },
  { key: 'maxIterations', label: 'Iteration limit', help: 'h', group: 'advanced', kind: 'integer', default: 100, min: 1, max: 1e7, unit: 'iterations' },
  { key: 'loss', label: 'Loss', help: 'h', group: 'basic', kind: 'choice', default: 'squared', options: [{ value: 'squared', label: 'Squared' }, { value: 'bce', label: 'BCE' }] },
  { key: 'bias', label: 'Bias', help: 'h', group: 'advanced', kind: 'boolean', default: true },
];

describe('resolveSettings', () => {
  it('fills defaults', () => {
    expect(resolveSettings(specs)).toEqual({ beta: 1e-3, maxIterations: 100, loss: 'squared', bias: true });
  });
  it('rejects each kind of bad value with a message naming the setting and the allowed range', () => {
    expect(() => resolveSettings(specs, { beta: 0 })).toThrow(/beta.*greater than 0/);
    expect(() => resolveSettings(specs, { beta: Number.NaN })).toThrow('Regularization (beta) must be a number greater than 0 and at most 1,000,000, got NaN.');
    expect(() => resolveSettings(specs, { maxIterations: 2.5 })).toThrow(/whole number/);
    expect(() => resolveSettings(specs, { maxIterations: 0 })).toThrow(/at least 1/);
    expect(() => resolveSettings(specs, { maxIterations: 1e12 })).toThrow('Iteration limit (maxIterations) must be a whole number at least 1 and at most 10,000,000 (iterations), got 1000000000000.');
    expect(() => resolveSettings(specs, { loss: 'l1' })).toThrow(/one of squared, bce/);
    expect(() => resolveSettings(specs, { bias: 'yes' })).toThrow(/true or false/);
    expect(() => resolveSettings(specs, { rho: 1 })).toThrow(/Unknown setting "rho"/);
  });
});

describe('givenSetting', () => {
  const spec: SettingSpec = { key: 'source', label: 'Source', help: 'h', group: 'advanced', kind: 'choice', default: 'a', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] };
  it('gives the value of one declared setting from a record of others, checked, or undefined', () => {
    expect(givenSetting(spec, { source: 'b', rho: 2 })).toBe('b');
    expect(givenSetting(spec, { rho: 2 })).toBeUndefined();
    expect(givenSetting(spec, undefined)).toBeUndefined();
    expect(() => givenSetting(spec, { source: 'c' })).toThrow(ConvexNetError);
    expect(() => givenSetting(spec, { source: 3 })).toThrow(/Source \(source\) must be one of a, b, got 3/);
  });
});
