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
 * What the bounds allow, in words: "a whole number at least 1 and at most 10000000
 * (iterations)". The Train screen's fields ("Enter ...") and the back end's refusal of a setting
 * ("Iteration limit (maxIterations) must be ...") both say it, so a value refused by either reads
 * the same.
 */
export function allowedNumberText(bounds: NumberBounds): string {
  const kind = bounds.integer ? 'a whole number' : 'a number';
  const parts: string[] = [];
  if (bounds.min > -Infinity) parts.push(bounds.minExclusive ? `greater than ${bounds.min}` : `at least ${bounds.min}`);
  if (bounds.max < Infinity) parts.push(`at most ${bounds.max}`);
  const range = parts.length > 0 ? ` ${parts.join(' and ')}` : '';
  return `${kind}${range}${bounds.unit ? ` (${bounds.unit})` : ''}`;
}
