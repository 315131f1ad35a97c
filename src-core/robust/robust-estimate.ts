import type { HistoryPoint } from '../solvers/solver-types';
import { iterationLimit, steadyMsPerIteration } from '../training/cost-estimate';
import { tightestTolerance } from '../training/cost-probe';
import type { TrainOptions } from '../training/train-types';
import { ROBUST_IPM_MAX_STEP_MS, robustIpmStepMsOf, robustIpmStepWorkOf, type RobustIpmShape } from './robust-method';
import { robustSettingSpecs } from './robust-settings';
import { ROBUST_IPM_MAX_STEPS } from './solve-robust-ipm';

/** Which method solves the robust program (robust-method.ts): interior-point Newton steps or PDHG iterations. */
export type RobustEstimateMethod = 'ipm' | 'pdhg';

export interface RobustEstimate {
  readonly method: RobustEstimateMethod;
  /** Time per Newton step (ipm) or per iteration (pdhg). */
  readonly msPerStep: number;
  /** The run's limit in those units (IPM: its iteration limit, at most ROBUST_IPM_MAX_STEPS). */
  readonly maxSteps: number;
  readonly bytes: number;
}

/**
 * Time of a robust PDHG iteration per entry of the program's rows: two sparse products (K z and
 * K^T y) and the prox and projection work, checks included; measured 8-12.5 ns per entry on
 * synthetic programs of 1.6-12 million entries (300-20,000 rows, 2-30 features, BCE).
 */
export const PDHG_MS_PER_ENTRY = 1.25e-5;

/**
 * The sizes of a run's robust program, from the options and the prepared data's size: the
 * all-ones pattern added (train-robust-head.ts), every prepared feature perturbable unless the
 * resolved radii say otherwise. Null when the run does not solve a robust convex program whose
 * size is known before it starts (not adversarial, not ADMM/ADMM-RBCD, or the exact formulation).
 */
function robustShape(options: TrainOptions, rows: number, features: number, lossRows: number): RobustIpmShape | null {
  const adversarial = options.adversarial;
  if (!adversarial || !(adversarial.epsilon > 0)) return null;
  if ((options.solver !== 'admm' && options.solver !== 'admm-rbcd') || options.formulation !== 'sampled') return null;
  const perturbable = adversarial.featureRadii ? adversarial.featureRadii.filter((r) => r > 0).length : features;
  return {
    rows,
    columns: features + (options.bias ? 1 : 0),
    patterns: options.patterns + (options.bias ? 1 : 0),
    spreadWidth: perturbable === 0 ? 0 : adversarial.norm === 'linf' ? perturbable : 1,
    lossRows,
    norm: adversarial.norm,
  };
}

/** The robust solver's iteration limit for the run: its setting, else the robust solver's default. */
function robustIterationLimit(options: TrainOptions): number {
  return iterationLimit(options.solver, robustSettingSpecs, options.solverSettings);
}

/** Sampled patterns split the data: each is taken as active at half the rows. */
export const halfActive = (shape: RobustIpmShape) => (): number => shape.patterns / 2;

/**
 * Time per Newton step and memory of adversarial training when its robust program will go to the
 * interior-point method (robust-method.ts), from the sizes alone. Null when the run is not a
 * robust convex solve of known size, or the step would go to PDHG.
 */
export function robustIpmEstimate(options: TrainOptions, rows: number, features: number): RobustEstimate | null {
  // squared: two loss rows per sample; hinge: one, and its e >= 0 row; bce: one.
  const shape = robustShape(options, rows, features, options.loss === 'bce' ? 1 : 2);
  if (!shape) return null;
  const activeOf = halfActive(shape);
  const msPerStep = robustIpmStepMsOf(shape, activeOf);
  if (msPerStep > ROBUST_IPM_MAX_STEP_MS) return null;
  const maxSteps = Math.min(robustIterationLimit(options), ROBUST_IPM_MAX_STEPS);
  return { method: 'ipm', msPerStep, maxSteps, bytes: robustIpmBytes(shape) };
}

/**
 * Peak bytes of the interior-point method on a program of this shape: the global block (the 2P d
 * weights) and its factor (dense), each sample's compressed rows, coupling and local factor, each
 * block group's dense matrix, the pattern-pair sums, the program's entries (the conic form's
 * rows less its cone and loss rows, which the method writes itself, then the method's program and
 * its transpose; value + column) and ~8 vectors over its rows and columns, and the builders' lists
 * while they are built. With a working set (coneRowsPerBlock) the method's program holds the
 * kept cone rows only.
 */
export function robustIpmBytes(shape: RobustIpmShape): number {
  const { rows, columns: d, patterns, spreadWidth, coneRowsPerBlock, ...rest } = shape;
  const allRows: RobustIpmShape = { rows, columns: d, patterns, spreadWidth, ...rest };
  const local = spreadWidth + 1;
  const global = 2 * patterns * d;
  const sampleRows = 2 * spreadWidth + 1 + shape.lossRows;
  const { entries } = robustIpmStepWorkOf(allRows, halfActive(allRows));
  const spreadEntries = shape.norm === 'linf' ? spreadWidth : spreadWidth === 0 ? 0 : 1;
  const coneRowEntries = d + spreadEntries;
  // The form holds neither its cone nor its loss rows (each loss row: the active patterns' two
  // blocks, the shift and the slack).
  const lossEntries = rows * shape.lossRows * (2 * (patterns / 2) * d + spreadEntries + 1);
  const formEntries = entries - 2 * patterns * rows * coneRowEntries - lossEntries;
  const leftOutRows = 2 * patterns * (rows - Math.min(rows, coneRowsPerBlock ?? rows));
  const keptEntries = entries - leftOutRows * coneRowEntries;
  const programRows = 2 * patterns * rows + rows * sampleRows - leftOutRows;
  // The builders' growing arrays are alive beside the exact copies they become: 10 bytes an entry
  // of the form's; for the method's program, with its groups' compressed copies, 26, fitted to the
  // peak RSS measured with the hinge loss, 32 patterns and a working set: 20,000 x 21 1.39 GB
  // (this model 1.41 GB), 50,000 x 11 1.89 GB (1.81 GB). Since the builder grows typed arrays
  // (sparse-rows.ts) it is on the safe side: 1.37 GB (1.42), 1.72 GB (1.82), logistic (every cone
  // row) 10,000 x 21 1.00 GB (1.20).
  const builderLists = 10 * formEntries + 26 * keptEntries;
  // The pattern-pair sums: packed per pair, or without spread rows (the rank-one form of
  // robust-ipm-signed-groups.ts) the (P d)^2 pattern-pair Gram matrix and the SIMD kernel's copy
  // of it (columns padded to a multiple of 4) with the samples' rows.
  const padded = 4 * Math.ceil(d / 4);
  const pairSums = spreadWidth === 0 ? 8 * (patterns * d) ** 2 + 8 * ((padded * patterns) ** 2 + rows * padded) : 8 * ((patterns * (patterns + 1)) / 2) * d * d;
  // The kept cone rows' values once more, grouped by block (robust-ipm-system.ts, RayGroup).
  const rayGroups = 8 * 2 * patterns * Math.min(rows, coneRowsPerBlock ?? rows) * coneRowEntries;
  return rayGroups + 16 * global * global + 8 * rows * (sampleRows * (d + local) + d * local + local * local) + 8 * 2 * patterns * (d + local) ** 2 + pairSums + 12 * formEntries + 24 * keptEntries + builderLists + 64 * (programRows + global + rows * local);
}

/**
 * Time per iteration and memory of adversarial training when its robust program goes to PDHG
 * (programs too large for the interior-point method, or PDHG chosen): the program's entries times the
 * measured time per entry. Null when the run is not a robust convex solve of known size.
 */
export function robustPdhgEstimate(options: TrainOptions, rows: number, features: number): RobustEstimate | null {
  const shape = robustShape(options, rows, features, options.loss === 'squared' ? 2 : 1);
  if (!shape) return null;
  const { entries } = robustIpmStepWorkOf(shape, halfActive(shape));
  const maxSteps = robustIterationLimit(options);
  const programRows = 2 * shape.patterns * rows + rows * (2 * shape.spreadWidth + shape.lossRows);
  const variables = 2 * shape.patterns * (shape.columns + shape.spreadWidth) + rows * (shape.spreadWidth + 1);
  // K and K^T (value + column per entry) and ~12 vectors over the rows and the variables.
  return { method: 'pdhg', msPerStep: entries * PDHG_MS_PER_ENTRY, maxSteps, bytes: 24 * entries + 8 * 12 * (programRows + variables) };
}

/** The estimate of the method the run's robust program will go to (robust-method.ts), or null. */
export function robustEstimate(options: TrainOptions, rows: number, features: number): RobustEstimate | null {
  // A run that names PDHG (robust-settings.ts 'method') gets PDHG's estimate whatever its size.
  if (options.solverSettings?.['method'] === 'pdhg') return robustPdhgEstimate(options, rows, features);
  return robustIpmEstimate(options, rows, features) ?? robustPdhgEstimate(options, rows, features);
}

/** The model of one method at a size (the probe must be compared with the method it ran). */
function modelOf(method: RobustEstimateMethod, options: TrainOptions, rows: number, features: number): RobustEstimate | null {
  return method === 'pdhg' ? robustPdhgEstimate(options, rows, features) : robustIpmEstimate(options, rows, features);
}

/**
 * The calibration probe of a robust estimate: the run's own options on a sample of the training
 * rows (robustProbeRows) for a few Newton steps or a few hundred PDHG iterations of the same
 * method, at the tightest tolerance so that it does not stop early; its steady time per step
 * over the model's at the sample's size scales the model to this machine (the model's speeds
 * were measured on another).
 */
export const ROBUST_PROBE_STEPS: Readonly<Record<RobustEstimateMethod, number>> = { ipm: 8, pdhg: 300 };
/** Modelled time of a probe over all heads: about a second and a half. */
export const ROBUST_PROBE_BUDGET_MS = 1500;
/** The probe never samples fewer rows than this (or all of them). */
export const ROBUST_PROBE_MIN_ROWS = 200;

export function robustProbeOptions(options: TrainOptions, method: RobustEstimateMethod): TrainOptions {
  const adversarial = options.adversarial!;
  return {
    ...options,
    adversarial: { ...adversarial, compareStandard: false },
    solverSettings: {
      ...(options.solverSettings ?? {}),
      // The sample is smaller: without this, 'auto' could send a PDHG run's sample to the interior-point method.
      method,
      maxIterations: ROBUST_PROBE_STEPS[method],
      tolerance: tightestTolerance(options.solver),
      timeLimitMs: 10 * ROBUST_PROBE_BUDGET_MS,
      ...(method === 'pdhg' ? { checkEvery: 50 } : {}),
    },
  };
}

/** The most training rows (all when affordable, at least ROBUST_PROBE_MIN_ROWS) whose modelled probe fits the budget. */
export function robustProbeRows(options: TrainOptions, method: RobustEstimateMethod, rows: number, features: number, heads: number): number {
  const steps = ROBUST_PROBE_STEPS[method] + (method === 'ipm' ? 1 : 0); // the IPM's start costs a step
  let sample = rows;
  while (sample > ROBUST_PROBE_MIN_ROWS) {
    const estimate = modelOf(method, options, sample, features);
    if (estimate && heads * steps * estimate.msPerStep <= ROBUST_PROBE_BUDGET_MS) break;
    sample = Math.max(ROBUST_PROBE_MIN_ROWS, Math.floor(sample / 2));
  }
  return Math.min(sample, rows);
}

/**
 * The steady time per step of a probe: the median over its second half, since in a fresh worker
 * the first steps run before the JIT has compiled the hot loops (two moons, 300 rows: 61, 35, 31,
 * 25, 20 ms for the first five Newton steps; ~20 ms from then on).
 */
export function probeMsPerStep(history: readonly HistoryPoint[]): number | null {
  return steadyMsPerIteration(history.slice(Math.floor(history.length / 2)));
}

/**
 * The estimate scaled by a probe of the same method that ran `probeMsPerStep` (steady) on
 * `probeRows` rows: the machine's speed relative to the model's, applied to the full size.
 * Unchanged when the probe timed nothing.
 */
export function calibratedRobustEstimate(estimate: RobustEstimate, options: TrainOptions, probeRows: number, features: number, probeMsPerStep: number | null): RobustEstimate {
  const modelled = modelOf(estimate.method, options, probeRows, features);
  if (!modelled || probeMsPerStep === null || !(probeMsPerStep > 0) || !Number.isFinite(probeMsPerStep)) return estimate;
  return { ...estimate, msPerStep: estimate.msPerStep * (probeMsPerStep / modelled.msPerStep) };
}
