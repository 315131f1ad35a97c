import { ConvexNetError } from '../errors';
import { allowedNumberText } from './allowed-number';

/**
 * Settings are declared once as data. Validation, defaults, the renderer's settings form, the CLI
 * and the README table all derive from these declarations.
 */
export type SettingGroup = 'basic' | 'advanced';

interface SettingBase {
  readonly key: string;
  readonly label: string;
  /** One line a non-specialist understands. */
  readonly help: string;
  readonly group: SettingGroup;
}

export interface NumberSetting extends SettingBase {
  readonly kind: 'number' | 'integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** When true the bound itself is not allowed (e.g. beta > 0). */
  readonly minExclusive?: boolean;
  readonly unit: string;
  readonly scale?: 'linear' | 'log';
}

export interface ChoiceSetting extends SettingBase {
  readonly kind: 'choice';
  readonly default: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}

export interface BooleanSetting extends SettingBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export type SettingSpec = NumberSetting | ChoiceSetting | BooleanSetting;

export type SettingValue = number | string | boolean;
export type SettingValues = Record<string, SettingValue>;

/** Why a single value is not allowed, or null when it is. */
export function explainInvalid(spec: SettingSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      const allowed = allowedNumberText({ min: spec.min, max: spec.max, integer: spec.kind === 'integer', ...(spec.minExclusive ? { minExclusive: true } : {}), unit: spec.unit });
      const refused = `${spec.label} (${spec.key}) must be ${allowed}, got ${describe(value)}.`;
      if (typeof value !== 'number' || !Number.isFinite(value)) return refused;
      if (spec.kind === 'integer' && !Number.isInteger(value)) return refused;
      const low = spec.minExclusive ? value <= spec.min : value < spec.min;
      return low || value > spec.max ? refused : null;
    }
    case 'choice':
      if (typeof value !== 'string' || !spec.options.some((o) => o.value === value)) {
        return `${spec.label} (${spec.key}) must be one of ${spec.options.map((o) => o.value).join(', ')}, got ${describe(value)}.`;
      }
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${spec.label} (${spec.key}) must be true or false, got ${describe(value)}.`;
  }
}

/**
 * The value `settings` give for one declared setting, checked against its declaration
 * (ConvexNetError 'settings/invalid' naming what is allowed); undefined when not given. For the
 * settings a pipeline reads out of a solver's settings record (the exact pattern limit, the
 * pattern source).
 */
export function givenSetting(spec: SettingSpec, settings: Readonly<Record<string, SettingValue>> | undefined): SettingValue | undefined {
  if (!settings || !(spec.key in settings)) return undefined;
  const value = settings[spec.key];
  const problem = explainInvalid(spec, value);
  if (problem !== null) throw new ConvexNetError('settings/invalid', problem);
  return value;
}

/**
 * Defaults filled in, unknown keys and invalid values rejected with a ConvexNetError
 * (`settings/unknown`, `settings/invalid`) that says what is allowed.
 */
export function resolveSettings<T extends SettingValues>(specs: readonly SettingSpec[], given: Partial<Record<string, unknown>> = {}): T {
  const known = new Set(specs.map((s) => s.key));
  for (const key of Object.keys(given)) {
    if (given[key] === undefined) continue;
    if (!known.has(key)) {
      throw new ConvexNetError('settings/unknown', `Unknown setting "${key}". Known settings: ${[...known].join(', ')}.`);
    }
  }
  const out: SettingValues = {};
  for (const spec of specs) {
    const value = given[spec.key] === undefined ? spec.default : given[spec.key];
    const problem = explainInvalid(spec, value);
    if (problem) throw new ConvexNetError('settings/invalid', problem);
    out[spec.key] = value as SettingValue;
  }
  return out as T;
}

export function defaultSettings<T extends SettingValues>(specs: readonly SettingSpec[]): T {
  return resolveSettings<T>(specs, {});
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return typeof value;
}
