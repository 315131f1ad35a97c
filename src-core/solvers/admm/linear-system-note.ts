import { counted } from '../../text/counted';

/** What an ADMM solve did with its linear system (AdmmEngine's counters). */
export interface LinearSystemWork {
  readonly path: 'direct' | 'woodbury' | 'none';
  readonly factorizations: number;
  readonly factorMs: number;
  readonly largestFactoredDimension: number;
  /** The final penalty rho, in the data's original units. */
  readonly finalRho: number;
}

/**
 * The plain-words note on ADMM's linear system, or null when it has none (ADMM-RBCD's u-step):
 * set up once and reused is why an iteration is cheap; each change of the step size (rho) set it
 * up again, which is where the time went if that took long.
 */
export function linearSystemNote(work: LinearSystemWork): string | null {
  if (work.path === 'none' || work.factorizations === 0) return null;
  const time = `${work.factorMs.toFixed(0)} ms in all`;
  if (work.factorizations === 1) return `The solver prepared its main system of equations once (${time}) and reused it in every iteration.`;
  return `The solver prepared its main system of equations ${counted(work.factorizations, 'time')} (${time}): once at the start, then after each change of its step size.`;
}

/**
 * The same in an expert's terms, for the solve's details; bench/problem.ts (parseSystemNote)
 * reads this line, so its form changes with that parser.
 */
export function linearSystemDetail(work: LinearSystemWork): string {
  return `Linear system: ${work.path}, factored ${counted(work.factorizations, 'time')} in ${work.factorMs.toFixed(0)} ms, largest factored dimension ${work.largestFactoredDimension}; final rho ${work.finalRho.toPrecision(3)}.`;
}
