/** Bounds and kind of a numeric form field. */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** Empty input means "use the default" (null) instead of an error. */
  readonly optional?: boolean;
  /** Unit named in the explanation (e.g. "iterations"). */
  readonly unit?: string;
}

export type ParsedNumber = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly reason: string };

/** Reads what the user typed; the reason says what is allowed when it is not. */
export function parseNumberInput(text: string, rule: NumberRule): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { ok: true, value: null } : { ok: false, reason: 'Enter a value.' };
  const value = Number(trimmed);
  const lowWord = rule.minExclusive ? `greater than ${rule.min}` : `at least ${rule.min}`;
  const range = `${rule.integer ? 'a whole number' : 'a number'} ${lowWord} and at most ${rule.max}${rule.unit ? ` (${rule.unit})` : ''}`;
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) return { ok: false, reason: `Enter ${range}.` };
  const tooLow = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (tooLow || value > rule.max) return { ok: false, reason: `Enter ${range}.` };
  return { ok: true, value };
}
