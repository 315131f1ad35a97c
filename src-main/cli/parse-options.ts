import { parseArgs } from 'node:util';
import { parseNumericCell } from '../../src-core/data/numeric-text';
import { boundText } from '../../src-core/settings/allowed-number';
import { UsageError } from './usage-error';

export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedOptions {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** node:util parseArgs in strict mode, with its errors turned into short usage messages. */
export function parseOptions(command: string, argv: readonly string[], options: OptionSpecs): ParsedOptions {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(describeParseError(command, error));
  }
}

function describeParseError(command: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  const help = `see convexnet ${command} --help`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} for "convexnet ${command}" (${help})`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) return `option ${option} takes no value (${help})`;
    return `option ${option} needs a value (write ${option}=VALUE for a value that starts with "-")`;
  }
  return `${message.split('\n')[0]} (${help})`;
}

/** A number option: strict decimal text within the given bounds (the message states them). */
export function numberOption(values: ParsedOptions['values'], name: string, rule: { integer?: boolean; min?: number; minExclusive?: boolean; max?: number; maxExclusive?: boolean }): number | undefined {
  const raw = values[name];
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  const value = parseNumericCell(raw.trim());
  // Bounds as the app's fields write them ("at most 4,294,967,295", allowed-number.ts).
  const low = rule.min === undefined ? '' : rule.minExclusive ? `greater than ${boundText(rule.min)}` : `at least ${boundText(rule.min)}`;
  const high = rule.max === undefined ? '' : rule.maxExclusive ? `below ${boundText(rule.max)}` : `at most ${boundText(rule.max)}`;
  const expected = `${rule.integer ? 'a whole number' : 'a number'}${low ? ` ${low}` : ''}${low && high ? ' and' : ''}${high ? ` ${high}` : ''}`;
  const bad =
    value === null ||
    (rule.integer === true && !Number.isInteger(value)) ||
    (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) ||
    (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max));
  if (bad) throw new UsageError(`--${name} must be ${expected}, got "${raw}"`);
  return value;
}

/** A choice option, checked against its allowed values. */
export function choiceOption<T extends string>(values: ParsedOptions['values'], name: string, choices: readonly T[]): T | undefined {
  const raw = values[name];
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function stringOption(values: ParsedOptions['values'], name: string): string | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  if (raw.trim() === '') throw new UsageError(`--${name} needs a non-empty value`);
  return raw;
}

/** Exactly `names.length` positional arguments, named in the message when some are missing. */
export function expectPositionals(command: string, positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) {
    const missing = names.slice(positionals.length).join(' and ');
    throw new UsageError(`"convexnet ${command}" needs ${missing} (see convexnet ${command} --help)`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${positionals[names.length]}" for "convexnet ${command}" (see convexnet ${command} --help)`);
  }
  return [...positionals];
}
