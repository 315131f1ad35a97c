import { formatCount } from '../../text/count-text';

/**
 * The first sentence of the solver note about a working set of cone rows (the standard and the
 * robust interior-point solves): how many of all the rows the solver worked with, and which.
 * Counts are written for reading ("1.2 million"), the technical term kept in parentheses.
 */
export function workingSetNote(count: number, total: number, withPreviousSolution: boolean, rounds: number): string {
  const grown = rounds === 0 ? '' : `, then the most violated ones, added ${rounds === 1 ? 'once' : `${formatCount(rounds)} times`}`;
  const previous = withPreviousSolution ? ' and the previous solution' : '';
  return `The solver worked with ${formatCount(count)} of the ${formatCount(total)} constraints (a working set of cone rows): those nearest each pattern's generator${previous}${grown}.`;
}
