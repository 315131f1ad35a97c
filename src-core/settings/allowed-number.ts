/** The bounds of a number a declared setting or a form field allows. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  /** When true the lower bound itself is not allowed (e.g. beta > 0). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** Named after the range, e.g. "iterations". */
  readonly unit?: string;
}

/**
 * What the bounds allow, in words: "a whole number at least 1 and at most 10,000,000
 * (iterations)". The Train screen's fields ("Enter ...") and the back end's refusal of a setting
 * ("Iteration limit (maxIterations) must be ...") both say it, so a value refused by either reads
 * the same.
 */
/**
 * A bound as a user reads it: whole numbers from 10,000 on with thousands separators ("at most
 * 4,294,967,295" where "4294967295" had to be counted), every digit kept (a rounded "4.3 billion"
 * would not say which value is refused); others as JavaScript writes them ("0.001", "1e-12").
 */
export function boundText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) >= 10_000 && Math.abs(value) < 1e21 ? value.toLocaleString('en-US') : String(value);
}

export function allowedNumberText(bounds: NumberBounds): string {
  const kind = bounds.integer ? 'a whole number' : 'a number';
  const parts: string[] = [];
  if (bounds.min > -Infinity) parts.push(bounds.minExclusive ? `greater than ${boundText(bounds.min)}` : `at least ${boundText(bounds.min)}`);
  if (bounds.max < Infinity) parts.push(`at most ${boundText(bounds.max)}`);
  const range = parts.length > 0 ? ` ${parts.join(' and ')}` : '';
  return `${kind}${range}${bounds.unit ? ` (${bounds.unit})` : ''}`;
}
