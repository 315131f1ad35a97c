import type { TrainOptions } from '../training/train-types';
import { ROBUST_IPM_MAX_STEP_FLOPS, robustIpmStepFlopsOf, type RobustIpmShape } from './robust-method';
import { ROBUST_IPM_MAX_STEPS } from './solve-robust-ipm';

/**
 * Speed of the robust Newton step in flops of robustIpmStepFlopsOf per ms: measured 1-2.4
 * GFLOP/s (two moons 1,500 rows: 357 MFLOP in 0.34 s; penguins 258 rows: 1.4 GFLOP in 0.6 s);
 * the lower end keeps the estimate on the safe side.
 */
export const ROBUST_IPM_FLOPS_PER_MS = 1e6;

export interface RobustIpmEstimate {
  readonly msPerStep: number;
  /** The step limit of the run (its iteration limit, at most ROBUST_IPM_MAX_STEPS). */
  readonly maxSteps: number;
  readonly bytes: number;
}

/**
 * Time per Newton step and memory of adversarial training when its robust program will go to the
 * interior-point method (robust-method.ts), from the sizes alone: patterns active at half the
 * rows (sampled patterns split the data), every prepared feature perturbable unless the
 * resolved radii say otherwise, the all-ones pattern added (train-robust-head.ts). Null when the
 * run is not robust, the loss is BCE, the formulation exact, or the step would go to PDHG.
 */
export function robustIpmEstimate(options: TrainOptions, rows: number, features: number): RobustIpmEstimate | null {
  const adversarial = options.adversarial;
  if (!adversarial || !(adversarial.epsilon > 0)) return null;
  if ((options.solver !== 'admm' && options.solver !== 'admm-rbcd') || options.formulation !== 'sampled') return null;
  if (options.loss !== 'squared' && options.loss !== 'hinge') return null;
  const columns = features + (options.bias ? 1 : 0);
  const perturbable = adversarial.featureRadii ? adversarial.featureRadii.filter((r) => r > 0).length : features;
  const patterns = options.patterns + (options.bias ? 1 : 0);
  const shape: RobustIpmShape = {
    rows,
    columns,
    patterns,
    spreadWidth: perturbable === 0 ? 0 : adversarial.norm === 'linf' ? perturbable : 1,
    // squared: two loss rows per sample; hinge: one, and its e >= 0 row.
    lossRows: 2,
    norm: adversarial.norm,
  };
  const flops = robustIpmStepFlopsOf(shape, () => patterns / 2);
  if (flops > ROBUST_IPM_MAX_STEP_FLOPS) return null;
  const limit = options.solverSettings?.['maxIterations'];
  const maxSteps = Math.min(typeof limit === 'number' ? limit : ROBUST_IPM_MAX_STEPS, ROBUST_IPM_MAX_STEPS);
  // The global block (dense, factored), each sample's coupling to its support, the conic form's
  // rows (value + column per entry) and ~8 vectors over its rows.
  const global = 2 * patterns * (columns + shape.spreadWidth + 1);
  const coneRows = 2 * patterns * rows;
  const entries = coneRows * (columns + shape.spreadWidth) + rows * (shape.spreadWidth + 2) * patterns * columns;
  const bytes = 8 * global * global + 8 * rows * patterns * columns * (shape.spreadWidth + 1) + 12 * entries + 8 * 8 * (coneRows + rows * (2 * shape.spreadWidth + 3));
  return { msPerStep: flops / ROBUST_IPM_FLOPS_PER_MS, maxSteps, bytes };
}
