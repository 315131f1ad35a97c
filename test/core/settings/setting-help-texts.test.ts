import { describe, expect, it } from 'vitest';
import { robustSettingSpecs } from '../../../src-core/robust/robust-settings';
import { solverSettingSpecsOf } from '../../../src-core/training/cost-probe';

/** Every solver's declared settings, whose help one-liners the Train screen and the README show. */
const specs = [...Object.values(solverSettingSpecsOf).flat(), ...robustSettingSpecs];

describe('setting help texts', () => {
  it('use plain words: no paper shorthand, no "a/b" pairs, no "iterate"', () => {
    for (const spec of specs) {
      expect(spec.help, spec.key).not.toMatch(/-style|Algorithm \d|\biterates?\b|\w\/\w|\d-\d/);
    }
  });

  it('keep each sentence short (one idea each)', () => {
    for (const spec of specs) {
      for (const sentence of spec.help.split(/(?<=\.) /)) expect(sentence.split(' ').length, `${spec.key}: ${sentence}`).toBeLessThanOrEqual(36);
    }
  });

  it('keep the facts of the rewritten ones: the default rho, the golden ratio, the typical step count', () => {
    const admm = Object.fromEntries(solverSettingSpecsOf.admm.map((s) => [s.key, s.help]));
    expect(admm['rho']).toContain('0 picks beta / sqrt(training rows).');
    expect(admm['gammaRatio']).toContain('golden ratio (1.618)');
    expect(admm['epsAbs']).toContain('0 turns the test off.');
    const ipm = Object.fromEntries(solverSettingSpecsOf.ipm.map((s) => [s.key, s.help]));
    expect(ipm['maxIterations']).toContain('20 to 40 steps is typical.');
    expect(ipm['linearSystem']).toContain('up to 6,000 unknowns');
  });
});
