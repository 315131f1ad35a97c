import { ConvexNetError } from '../errors';
import type { RobustConicForm } from './robust-conic-form';
import type { RobustProblem } from './robust-problem';

/**
 * Largest modelled cost of one interior-point Newton step (flops) for the automatic choice. At
 * the ~0.5-1 GFLOP/s of the assembly loops this is a step of about a second or less; 15-30 steps
 * certify a robust program, where PDHG needed 50,000 iterations and minutes without reaching
 * the tolerance on the small radii of an epsilon sweep (two moons, 320 rows; see solve-robust-ipm.ts).
 */
export const ROBUST_IPM_MAX_STEP_FLOPS = 1e9;

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

/**
 * Modelled flops of one Newton step (robust-ipm-system.ts): the cone rows' outer products
 * (n x 2P rows over d + spread columns), each sample's dense block over its support (2 d columns
 * per active pattern, plus its own spread and slack) and its Schur update, and the Cholesky
 * factorization of the global block (2P (d + spread + 1) columns).
 */
export function robustIpmStepFlops(problem: RobustProblem, form: RobustConicForm): number {
  const { n, d, P, spreadWidth, lossRowsPerSample } = form.layout;
  const masks = problem.patterns.masks;
  const local = spreadWidth + 1;
  const sampleRows = (problem.threat.norm === 'linf' ? 2 * spreadWidth : spreadWidth === 0 ? 0 : 1 + spreadWidth) + lossRowsPerSample + (problem.loss.name === 'hinge' ? 1 : 0);
  let flops = 2 * n * 2 * P * (d + spreadWidth) ** 2;
  for (let k = 0; k < n; k++) {
    let active = 0;
    for (let i = 0; i < P; i++) active += masks[k * P + i]!;
    const support = 2 * active * d;
    flops += 2 * sampleRows * (support + local) ** 2 + 2 * support * support * local;
  }
  const global = 2 * P * (d + spreadWidth + 1);
  return flops + global ** 3 / 3;
}
