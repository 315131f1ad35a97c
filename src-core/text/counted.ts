import { formatCount } from './count-text';

/**
 * A count with its noun in the right number, for text a user reads: "1 time", "2 times",
 * "1 Newton step". `plural` for nouns not made with -s. Never "time(s)": analysts read every
 * note, and the bracket form reads as a program's output.
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
