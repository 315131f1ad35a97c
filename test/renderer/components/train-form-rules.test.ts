import { describe, expect, it } from 'vitest';
import { patternsSpec, settingHelp } from '../../../src-renderer/components/train-form-rules';
import type { SettingSpec } from '../../../src-core/settings/setting-spec';

describe('settingHelp', () => {
  const timeLimit: SettingSpec = { key: 'timeLimitMs', label: 'Time limit', help: 'Stops the solve after this long.', group: 'advanced', kind: 'integer', default: 1000, min: 1, max: 1e7, unit: 'ms' };

  it('adds the unit the label does not name', () => {
    expect(settingHelp(timeLimit)).toBe('Stops the solve after this long. (ms)');
  });

  it('leaves out a unit the label already names ("Sampled patterns (patterns)" read twice)', () => {
    const help = settingHelp(patternsSpec('admm'));
    expect(help).not.toMatch(/\(patterns\)$/);
    expect(settingHelp(patternsSpec('scp'))).not.toMatch(/\(neurons\)$/);
    expect(settingHelp(patternsSpec('backprop'))).toMatch(/\(neurons\)$/);
  });
});
