import { allowedNumberText, type NumberBounds } from '../../src-core/settings/allowed-number';

/** Bounds and kind of a numeric form field. */
export interface NumberRule extends NumberBounds {
  /** Empty input means "use the default" (null) instead of an error. */
  readonly optional?: boolean;
}

export type ParsedNumber = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly reason: string };

/** Reads what the user typed; the reason says what is allowed when it is not (allowedNumberText, as the back end says it). */
export function parseNumberInput(text: string, rule: NumberRule): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { ok: true, value: null } : { ok: false, reason: 'Enter a value.' };
  const value = Number(trimmed);
  const refused: ParsedNumber = { ok: false, reason: `Enter ${allowedNumberText(rule)}.` };
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) return refused;
  const tooLow = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (tooLow || value > rule.max) return refused;
  return { ok: true, value };
}
