import { countArrangementCells, DEFAULT_EXACT_PATTERN_LIMIT } from '../patterns/exact-patterns';
import { IPM_MAX_FACTOR_ORDER } from '../solvers/ipm/ipm-newton-system';
import { formatCount } from '../text/count-text';
import { counted } from '../text/counted';
import type { TrainOptions } from './train-types';
import { explainInvalid } from '../settings/setting-spec';
import { EXACT_PATTERN_LIMIT_KEY, exactPatternLimitSpec } from './exact-pattern-limit';
import { isConvexSolver } from './solver-support';

/**
 * Warnings before Start for the exact formulation on data too large for it. Enumeration refuses
 * when the general-position cell count of the distinct rows, 2 sum_{k<r} C(m-1, k), exceeds the
 * exact-pattern limit (exact-patterns.ts), and the interior-point solver refuses when both
 * columns x patterns and the rows exceed the order it factors (solve-ipm.ts). Both are known for sure only at the
 * start of the run, after the distinct rows and the rank are found; before it, the same count
 * over all training rows in rank min(columns, rows) is an upper bound, so these are warnings
 * (repeated rows can bring the count under the limit), not errors that block Start.
 */
export function exactSizeWarnings(options: TrainOptions, rows: number, columns: number): string[] {
  const convex = isConvexSolver(options.solver);
  if (options.formulation !== 'exact' || !convex || rows < 1) return [];
  const given = options.solverSettings?.[EXACT_PATTERN_LIMIT_KEY];
  // An invalid limit is the form's to explain (its field); the warning uses the default then.
  const limit = explainInvalid(exactPatternLimitSpec, given) === null ? (given as number) : DEFAULT_EXACT_PATTERN_LIMIT;
  const count = countArrangementCells(rows, Math.min(columns, rows));
  if (count > limit) {
    return [
      `The exact formulation can need up to ${formatCount(count)} activation patterns for ${counted(rows, 'row')} of ${counted(columns, 'column')}${options.bias ? ' (the bias counted as one)' : ''}, over the limit of ${formatCount(limit)}: ` +
        'unless many rows repeat, the run will be refused at its start. Use the sampled formulation' +
        (count <= exactPatternLimitSpec.max ? `, or raise the exact pattern limit to ${formatCount(count)} if a program that large is wanted.` : '.'),
    ];
  }
  const linearSystem = options.solverSettings?.['linearSystem'];
  if (options.solver === 'ipm' && (linearSystem === undefined || linearSystem === 'auto') && columns * count > IPM_MAX_FACTOR_ORDER && rows > IPM_MAX_FACTOR_ORDER) {
    return [
      `The exact formulation can need up to ${formatCount(count)} activation patterns here; on more than ${formatCount(IPM_MAX_FACTOR_ORDER)} rows the interior-point solver takes at most ${formatCount(Math.floor(IPM_MAX_FACTOR_ORDER / columns))} with ${columns} columns: ` +
        'unless many rows repeat, the run will be refused at its start. Use ADMM, or the sampled formulation.',
    ];
  }
  return [];
}
