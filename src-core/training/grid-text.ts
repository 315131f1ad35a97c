import { ConvexNetError } from '../errors';
import { listWithAnd } from '../text/word-list';

/** The numbers of a grid written MIN:MAX:COUNT (COUNT optional), before the grid's own checks. */
export interface GridText {
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

const PART_NAMES = ['MIN', 'MAX', 'COUNT'] as const;

/**
 * Reads "MIN:MAX:COUNT" for a sweep of `what` ("beta", "epsilon"). A part that is not a number and
 * reversed ends are refused quoting the user's text and the form (the grid builders' own checks
 * only saw NaN, or the numbers in the other order). `example` is a valid grid; `note` follows it.
 */
export function parseGridText(text: string, what: string, example: string, defaultCount: number, note = ''): GridText {
  const form = `A${/^[aeiou]/i.test(what) ? 'n' : ''} ${what} grid is written MIN:MAX:COUNT, e.g. ${example}${note}`;
  const parts = text.split(':').map((part) => part.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) {
    throw new ConvexNetError('settings/invalid', `${form}; got "${text}".`);
  }
  const values = parts.map(Number);
  const notNumbers = parts.flatMap((part, i) => (Number.isNaN(values[i]) ? [`${PART_NAMES[i]} "${part}"`] : []));
  if (notNumbers.length > 0) {
    throw new ConvexNetError('settings/invalid', `${form}; in "${text}" the ${listWithAnd(notNumbers)} ${notNumbers.length === 1 ? 'is not a number' : 'are not numbers'}.`);
  }
  const [min, max] = values as [number, number];
  if (min > max) {
    const swapped = [parts[1], parts[0], ...parts.slice(2)].join(':');
    throw new ConvexNetError('settings/invalid', `${form}, smallest first; in "${text}" the ends are reversed: write ${swapped}.`);
  }
  return { min, max, count: values.length === 3 ? values[2]! : defaultCount };
}
