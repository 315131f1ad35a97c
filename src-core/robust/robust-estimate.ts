import type { HistoryPoint } from '../solvers/solver-types';
import { steadyMsPerIteration } from '../training/cost-estimate';
import { tightestTolerance } from '../training/cost-probe';
import type { TrainOptions } from '../training/train-types';
import { ROBUST_IPM_MAX_STEP_MS, robustIpmStepMsOf, robustIpmStepWorkOf, type RobustIpmShape } from './robust-method';
import { ROBUST_IPM_MAX_STEPS } from './solve-robust-ipm';

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
  const activeOf = (): number => patterns / 2;
  const msPerStep = robustIpmStepMsOf(shape, activeOf);
  if (msPerStep > ROBUST_IPM_MAX_STEP_MS) return null;
  const limit = options.solverSettings?.['maxIterations'];
  const maxSteps = Math.min(typeof limit === 'number' ? limit : ROBUST_IPM_MAX_STEPS, ROBUST_IPM_MAX_STEPS);
  // The global block and its factor (dense), each sample's compressed rows, coupling and local
  // factor, the pattern-pair sums, the program's entries three times (the conic form's rows,
  // the solver's copy and its transpose; value + column) and ~8 vectors over its rows and columns.
  const d = columns;
  const local = shape.spreadWidth + 1;
  const global = 2 * patterns * (columns + shape.spreadWidth + 1);
  const sampleRows = 2 * shape.spreadWidth + 1 + shape.lossRows;
  const { entries } = robustIpmStepWorkOf(shape, activeOf);
  const programRows = 2 * patterns * rows + rows * sampleRows;
  const bytes =
    16 * global * global + 8 * rows * (sampleRows * (d + local) + d * local + local * local) + 8 * ((patterns * (patterns + 1)) / 2) * d * d + 36 * entries + 64 * (programRows + global + rows * local);
  return { msPerStep, maxSteps, bytes };
}

/**
 * The calibration probe of a robust interior-point estimate: the run's own options for a few
 * Newton steps on a sample of the training rows (robustProbeRows), at the tightest tolerance so
 * that it does not stop early; its steady time per step over the model's at the sample's size
 * scales the model to this machine (the model's speeds were measured on another).
 */
export const ROBUST_PROBE_STEPS = 8;
/** Modelled time of a probe's steps over all heads: about a second and a half. */
export const ROBUST_PROBE_BUDGET_MS = 1500;
/** The probe never samples fewer rows than this (or all of them). */
export const ROBUST_PROBE_MIN_ROWS = 200;

export function robustProbeOptions(options: TrainOptions): TrainOptions {
  const adversarial = options.adversarial!;
  return {
    ...options,
    adversarial: { ...adversarial, compareStandard: false },
    solverSettings: { ...(options.solverSettings ?? {}), maxIterations: ROBUST_PROBE_STEPS, tolerance: tightestTolerance(options.solver), timeLimitMs: 10 * ROBUST_PROBE_BUDGET_MS },
  };
}

/** The most training rows (all when affordable, at least ROBUST_PROBE_MIN_ROWS) whose modelled probe fits the budget. */
export function robustProbeRows(options: TrainOptions, rows: number, features: number, heads: number): number {
  let sample = rows;
  while (sample > ROBUST_PROBE_MIN_ROWS) {
    const estimate = robustIpmEstimate(options, sample, features);
    if (estimate && heads * (ROBUST_PROBE_STEPS + 1) * estimate.msPerStep <= ROBUST_PROBE_BUDGET_MS) break;
    sample = Math.max(ROBUST_PROBE_MIN_ROWS, Math.floor(sample / 2));
  }
  return Math.min(sample, rows);
}

/**
 * The steady time per Newton step of a probe: the median over its second half, since in a fresh
 * worker the first steps run before the JIT has compiled the hot loops (two moons, 300 rows: 61,
 * 35, 31, 25, 20 ms for the first five steps; ~20 ms from then on).
 */
export function probeMsPerStep(history: readonly HistoryPoint[]): number | null {
  return steadyMsPerIteration(history.slice(Math.floor(history.length / 2)));
}

/**
 * The estimate scaled by a probe that ran `probeMsPerStep` (steady) on `probeRows` rows: the
 * machine's speed relative to the model's, applied to the full size. Unchanged when the probe
 * timed nothing.
 */
export function calibratedRobustEstimate(estimate: RobustIpmEstimate, options: TrainOptions, probeRows: number, features: number, probeMsPerStep: number | null): RobustIpmEstimate {
  const modelled = robustIpmEstimate(options, probeRows, features);
  if (!modelled || probeMsPerStep === null || !(probeMsPerStep > 0) || !Number.isFinite(probeMsPerStep)) return estimate;
  return { ...estimate, msPerStep: estimate.msPerStep * (probeMsPerStep / modelled.msPerStep) };
}
