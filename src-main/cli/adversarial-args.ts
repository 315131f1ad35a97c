import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import type { ThreatNorm } from '../../src-core/robust/threat-model';
import type { OptionSpecs, ParsedOptions } from './parse-options';
import { choiceOption, numberOption, stringOption } from './parse-options';
import { UsageError } from './usage-error';

export const NORM_CHOICES: readonly ThreatNorm[] = ['linf', 'l2'];
export const EPSILON_UNIT_CHOICES = ['raw', 'standardized'] as const;

/** Threat-model options shared by `train` (adversarial training) and `attack` (evaluation). */
export const ADVERSARIAL_OPTIONS: OptionSpecs = {
  epsilon: { type: 'string' },
  norm: { type: 'string' },
  'epsilon-units': { type: 'string' },
  immutable: { type: 'string' },
  'compare-standard': { type: 'boolean' },
  'baseline-attack': { type: 'string' },
};

/** Column list "a,b,c" (names trimmed, empty entries dropped). */
export function columnList(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
}

/**
 * `train`: --epsilon E turns adversarial training on (radius in raw column units unless
 * --epsilon-units standardized); the other threat options without --epsilon are a usage error.
 * --epsilon auto asks for the radius suggested from the prepared training rows
 * (robust/suggested-radius.ts): `autoEpsilon` is set and the radius is a placeholder of 1 until
 * runTrain replaces it, so everything that only asks "adversarial or not" sees a positive radius.
 */
export function adversarialFromOptions(values: ParsedOptions['values'], allowed: boolean): { adversarial?: AdversarialTraining; autoEpsilon?: true } {
  const auto = values['epsilon'] === 'auto';
  const epsilon = auto ? 1 : numberOption(values, 'epsilon', { min: 0, max: 1e6 });
  const others = ['norm', 'epsilon-units', 'immutable', 'compare-standard', 'baseline-attack'].filter((k) => values[k] !== undefined);
  if (epsilon === undefined) {
    if (others.length > 0) throw new UsageError(`--${others[0]} needs --epsilon E (the adversarial radius)`);
    return {};
  }
  if (!allowed) throw new UsageError('--epsilon (adversarial training) is available for "convexnet train" only');
  const immutable = columnList(stringOption(values, 'immutable'));
  const baseline = choiceOption(values, 'baseline-attack', ['pgd', 'fgsm'] as const);
  return {
    ...(auto ? { autoEpsilon: true as const } : {}),
    adversarial: {
      epsilon,
      norm: choiceOption(values, 'norm', NORM_CHOICES) ?? 'linf',
      units: choiceOption(values, 'epsilon-units', EPSILON_UNIT_CHOICES) ?? 'raw',
      ...(immutable.length > 0 ? { immutable } : {}),
      ...(baseline ? { baselineAttack: baseline } : {}),
      ...(values['compare-standard'] ? { compareStandard: true } : {}),
    },
  };
}
