import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../../src-renderer/components/number-input';
import { advancedSolverSettings, numberRuleOf, patternsSpec, settingHelp, solverSettingSpecs, trainOptionProblems } from '../../../src-renderer/components/train-form-rules';
import { defaultTrainOptions } from '../../../src-core/training/train-defaults';
import { explainInvalid, type SettingSpec } from '../../../src-core/settings/setting-spec';

describe('settingHelp', () => {
  const timeLimit: SettingSpec = { key: 'timeLimitMs', label: 'Time limit', help: 'Stops the solve after this long.', group: 'advanced', kind: 'integer', default: 1000, min: 1, max: 1e7, unit: 'ms' };

  it('adds the unit the label does not name', () => {
    expect(settingHelp(timeLimit)).toBe('Stops the solve after this long. (ms)');
  });

  it('leaves out a unit the label already names ("Sampled patterns (patterns)" read twice)', () => {
    const help = settingHelp(patternsSpec('admm'));
    expect(help).not.toMatch(/\(patterns\)$/);
    expect(settingHelp(patternsSpec('scp'))).not.toMatch(/\(neurons\)$/);
    expect(settingHelp(patternsSpec('backprop'))).not.toMatch(/\(neurons\)$/);
  });
});

describe('patternsSpec: the pattern field is the declared setting it stands for', () => {
  it("shows SCP's neurons and back-propagation's hidden units as the solvers declare them", () => {
    for (const [solver, key] of [['scp', 'neurons'], ['backprop', 'hiddenUnits']] as const) {
      const spec = solverSettingSpecs[solver].find((s) => s.key === key);
      expect(patternsSpec(solver)).toEqual({ ...spec, key: 'patterns', group: 'basic' });
    }
    expect(patternsSpec('backprop').label).toBe('Hidden neurons');
  });
});

describe('trainOptionProblems: the interior-point size limit', () => {
  const options = { ...defaultTrainOptions('regression'), solver: 'ipm' as const, loss: 'squared' as const, patterns: 3000 };

  it('blocks only when both the pattern system (columns x patterns) and the rows are over 6000', () => {
    const shape = { task: 'regression' as const, rows: 7000, features: 2, bias: true };
    expect(trainOptionProblems(options, shape).join(' ')).toMatch(/would factor a 7000 x 7000 system every Newton step \(3 columns x 3000 patterns = 9000 unknowns, 7000 rows; it factors the smaller, up to 6000\)/);
    expect(trainOptionProblems(options, { ...shape, rows: 6000 })).toEqual([]);
    expect(trainOptionProblems({ ...options, patterns: 2000 }, shape)).toEqual([]);
  });
});

describe('trainOptionProblems: the SCP method against the loss', () => {
  it('blocks Start on a method that cannot solve the chosen loss, in the words the back end refuses it with', () => {
    const scp = { ...defaultTrainOptions('binary'), solver: 'scp' as const };
    expect(trainOptionProblems({ ...scp, loss: 'hinge', solverSettings: { method: 'fista' } }).join(' ')).toMatch(/"fista" needs a smooth loss/);
    expect(trainOptionProblems({ ...scp, loss: 'bce', solverSettings: { method: 'ipm' } }).join(' ')).toMatch(/hinge-loss program only/);
    expect(trainOptionProblems({ ...scp, loss: 'hinge', solverSettings: { method: 'ipm' } })).toEqual([]);
  });
});

describe('numberRuleOf: a field explains a value as the back end refuses it', () => {
  it('gives every declared number setting the same words in the form and in the settings check', () => {
    for (const solver of ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'] as const) {
      for (const spec of advancedSolverSettings(solver)) {
        const rule = numberRuleOf(spec);
        if (!rule) continue;
        const field = parseNumberInput('1e300', rule);
        const refusal = explainInvalid(spec, 1e300);
        expect(field.ok, spec.key).toBe(false);
        // "Enter a whole number at least 1 and at most 1000 (Newton steps)." / "Iteration limit (maxIterations) must be a whole number at least 1 and at most 1000 (Newton steps), got 1e+300."
        const allowed = field.ok ? '' : field.reason.replace(/^Enter /, '').replace(/\.$/, '');
        expect(refusal, spec.key).toBe(`${spec.label} (${spec.key}) must be ${allowed}, got 1e+300.`);
      }
    }
  });
});
