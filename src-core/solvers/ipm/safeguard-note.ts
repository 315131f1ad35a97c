import { counted } from '../../text/counted';

/**
 * The plain-words note on an interior-point solve's diagonal regularizations (a matrix nearly
 * singular near the optimum, shifted a little so that it could be factored), or null when it
 * needed none. The expert's count stays in the solve's details; what the user needs to know is
 * that the certificate is computed apart from the steps, so it holds all the same.
 */
export function safeguardNote(regularizations: number): string | null {
  if (regularizations <= 0) return null;
  return `The solver needed ${counted(regularizations, 'small numerical safeguard')} on the way. The result is still certified: the certificate does not depend on ${regularizations === 1 ? 'it' : 'them'}.`;
}
