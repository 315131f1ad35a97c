import { ConvexNetError } from '../errors';
import type { RobustConicForm } from './robust-conic-form';
import type { RobustProblem } from './robust-problem';

/**
 * Largest modelled cost of one interior-point Newton step (flops) for the automatic choice. The
 * assembly ran at 1-2.4 GFLOP/s of this model (two moons 1,500 rows: 357 MFLOP in 0.34 s;
 * penguins 258 rows, 10 columns: 1.4 GFLOP in 0.6 s), so a step takes about 1-3 s at most and a
 * solve 25-60 steps. PDHG is far slower on such programs: on two moons (320 rows) it stopped at
 * its 50,000-iteration limit after 200 s with a gap of 8%, and one penguins radius (3 classes)
 * ran over 10 minutes; the interior-point method certified every radius of the built-in
 * datasets' epsilon grids (squared and hinge, 112 runs, tolerance 1e-3), penguins in 25-51 s.
 */
export const ROBUST_IPM_MAX_STEP_FLOPS = 3e9;

/**
 * Which method solves this robust program: the setting's, or for 'auto' the interior-point
 * method when the loss is squared or hinge and its modelled Newton step is cheap, else PDHG.
 */
export function robustMethodFor(problem: RobustProblem, form: RobustConicForm, method: string): 'ipm' | 'pdhg' {
  const supported = problem.loss.name === 'squared' || problem.loss.name === 'hinge';
  if (method === 'pdhg') return 'pdhg';
  if (method === 'ipm') {
    if (!supported) throw new ConvexNetError('settings/invalid', `The robust interior-point method handles the squared and hinge losses, not ${problem.loss.name}; choose method 'pdhg' or 'auto'.`);
    return 'ipm';
  }
  return supported && robustIpmStepFlops(problem, form) <= ROBUST_IPM_MAX_STEP_FLOPS ? 'ipm' : 'pdhg';
}

/** The sizes the Newton step's cost depends on. */
export interface RobustIpmShape {
  readonly rows: number;
  /** Columns of X, the bias column included. */
  readonly columns: number;
  /** Patterns, the all-ones pattern included. */
  readonly patterns: number;
  /** Spread variables per block and sample: perturbable columns for l_inf, 1 for l_2. */
  readonly spreadWidth: number;
  /** Rows per sample besides its spread rows: loss rows (2 squared, 1 hinge) plus hinge's e >= 0. */
  readonly lossRows: number;
  readonly norm: 'linf' | 'l2';
}

/**
 * Modelled flops of one Newton step (robust-ipm-system.ts): the cone rows' outer products
 * (n x 2P rows over d + spread columns), each sample's dense block over its support (2 d columns
 * per active pattern, plus its own spread and slack) and its Schur update, and the Cholesky
 * factorization of the global block (2P (d + spread + 1) columns). `activeOf(k)` is the number
 * of patterns active at row k.
 */
export function robustIpmStepFlopsOf(shape: RobustIpmShape, activeOf: (row: number) => number): number {
  const { rows, columns: d, patterns: P, spreadWidth, lossRows, norm } = shape;
  const local = spreadWidth + 1;
  const sampleRows = (norm === 'linf' ? 2 * spreadWidth : spreadWidth === 0 ? 0 : 1 + spreadWidth) + lossRows;
  let flops = 2 * rows * 2 * P * (d + spreadWidth) ** 2;
  for (let k = 0; k < rows; k++) {
    const support = 2 * activeOf(k) * d;
    flops += 2 * sampleRows * (support + local) ** 2 + 2 * support * support * local;
  }
  const global = 2 * P * (d + spreadWidth + 1);
  return flops + global ** 3 / 3;
}

/** robustIpmStepFlopsOf for a built program (its patterns' actual activity). */
export function robustIpmStepFlops(problem: RobustProblem, form: RobustConicForm): number {
  const { n, d, P, spreadWidth, lossRowsPerSample } = form.layout;
  const masks = problem.patterns.masks;
  const shape: RobustIpmShape = { rows: n, columns: d, patterns: P, spreadWidth, lossRows: lossRowsPerSample + (problem.loss.name === 'hinge' ? 1 : 0), norm: problem.threat.norm };
  return robustIpmStepFlopsOf(shape, (k) => {
    let active = 0;
    for (let i = 0; i < P; i++) active += masks[k * P + i]!;
    return active;
  });
}
