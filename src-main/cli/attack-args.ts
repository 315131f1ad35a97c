import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import { columnList, EPSILON_UNIT_CHOICES, NORM_CHOICES } from './adversarial-args';
import type { OptionSpecs } from './parse-options';
import { choiceOption, expectPositionals, numberOption, parseOptions, stringOption } from './parse-options';
import { UsageError } from './usage-error';

export const ATTACK_CHOICES = ['fgsm', 'pgd', 'certify', 'all'] as const;
export type AttackChoice = (typeof ATTACK_CHOICES)[number];

export interface AttackArgs {
  readonly modelPath: string;
  readonly dataPath: string;
  /** Radii to evaluate (one or a comma-separated sweep), in `threat.units`. */
  readonly epsilons: readonly number[];
  /** The threat (epsilon is the largest radius; the sweep scales it). */
  readonly threat: AdversarialTraining;
  readonly attack: AttackChoice;
  readonly steps: number;
  readonly restarts: number;
  readonly seed: number;
  readonly reportPath?: string;
}

export const ATTACK_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  epsilon: { type: 'string' },
  norm: { type: 'string' },
  'epsilon-units': { type: 'string' },
  immutable: { type: 'string' },
  attack: { type: 'string' },
  steps: { type: 'string' },
  restarts: { type: 'string' },
  seed: { type: 'string' },
  report: { type: 'string' },
};

/** Parses `convexnet attack` arguments (after the command word). Returns null when help is asked. */
export function parseAttackArgs(argv: readonly string[]): AttackArgs | null {
  const { values, positionals } = parseOptions('attack', argv, ATTACK_OPTIONS);
  if (values['help']) return null;
  const [modelPath, dataPath] = expectPositionals('attack', positionals, ['MODEL.json', 'DATA.csv']);
  const epsilonText = stringOption(values, 'epsilon');
  if (epsilonText === undefined) throw new UsageError('"convexnet attack" needs --epsilon E (a radius, or a comma-separated list such as 0,0.05,0.1)');
  const epsilons = epsilonText.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1e6) throw new UsageError(`--epsilon expects numbers from 0 to 1000000 separated by commas, got "${epsilonText}"`);
    return value;
  });
  if (epsilons.length > 50) throw new UsageError('--epsilon takes at most 50 radii');
  const immutable = columnList(stringOption(values, 'immutable'));
  const reportPath = stringOption(values, 'report');
  return {
    modelPath: modelPath!,
    dataPath: dataPath!,
    epsilons,
    threat: {
      epsilon: Math.max(...epsilons),
      norm: choiceOption(values, 'norm', NORM_CHOICES) ?? 'linf',
      units: choiceOption(values, 'epsilon-units', EPSILON_UNIT_CHOICES) ?? 'raw',
      ...(immutable.length > 0 ? { immutable } : {}),
    },
    attack: choiceOption(values, 'attack', ATTACK_CHOICES) ?? 'all',
    steps: numberOption(values, 'steps', { integer: true, min: 1, max: 100000 }) ?? 50,
    restarts: numberOption(values, 'restarts', { integer: true, min: 1, max: 10000 }) ?? 10,
    seed: numberOption(values, 'seed', { integer: true, min: 0, max: 0xffffffff }) ?? 1,
    ...(reportPath !== undefined ? { reportPath } : {}),
  };
}
