import type { Dataset, DatasetSize } from '../data/dataset';
import { selectRows } from '../linalg/matrix';
import { countArrangementCells, DEFAULT_EXACT_PATTERN_LIMIT } from '../patterns/exact-patterns';
import type { SettingSpec, SettingValue } from '../settings/setting-spec';
import { admmRbcdSettingSpecs } from '../solvers/admm-rbcd/admm-rbcd-settings';
import { admmSettingSpecs } from '../solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../solvers/backprop/backprop-settings';
import { ipmSettingSpecs } from '../solvers/ipm/ipm-settings';
import { scpSettingSpecs } from '../solvers/scp/scp-settings';
import { modelCost, type CostInputs } from './cost-estimate';
import { isConvexSolver, isClassWeighted } from './solver-support';
import type { SolverName, TrainOptions } from './train-types';
import { EXACT_PATTERN_LIMIT_KEY, exactPatternLimitOf } from './exact-pattern-limit';
import { PATTERN_SOURCE_KEY, trainsPatternNetworks } from './pattern-source';

/**
 * The calibration probe of the estimate before Start: the run's own settings for a few
 * iterations on a sample of the training rows (they never stop early), timed on this machine.
 * Its flops per millisecond (calibrateFlopRate) then scale the cost model to the full size.
 */

/** Iterations (epochs for back-propagation) the probe runs. */
export const PROBE_ITERATIONS = 30;
/** Modelled work of one probe (setup, once-per-solve work and the iterations): about a second here. */
export const PROBE_FLOP_BUDGET = 6e8;
/** The probe never samples fewer rows than this (fewer would measure overheads, not the per-row work). */
export const MIN_PROBE_ROWS = 300;
const PROBE_TIME_LIMIT_MS = 3000;

export const solverSettingSpecsOf: Readonly<Record<SolverName, readonly SettingSpec[]>> = {
  admm: admmSettingSpecs,
  'admm-rbcd': admmRbcdSettingSpecs,
  ipm: ipmSettingSpecs,
  scp: scpSettingSpecs,
  backprop: backpropSettingSpecs,
};

/** The same settings capped to PROBE_ITERATIONS (ADMM and back-propagation never stop early); sampled patterns, one restart. */
export function probeOptions(options: TrainOptions): TrainOptions {
  const settings: Record<string, SettingValue> = { ...(options.solverSettings ?? {}), timeLimitMs: PROBE_TIME_LIMIT_MS };
  if (options.solver === 'backprop') {
    delete settings.maxIterations;
    Object.assign(settings, { epochs: PROBE_ITERATIONS, restarts: 1, tolerance: 0 });
  } else {
    Object.assign(settings, { maxIterations: PROBE_ITERATIONS });
    // ADMM and IPM cannot stop early (the tightest tolerance each allows; IPM's Newton steps may
    // still stop once its digits run out, after enough steps to time); SCP keeps the run's own
    // tolerance: at a near-zero tolerance its polishing (scp-polish.ts) keeps refining and the
    // probe would time that, not the iterations.
    if (options.solver !== 'scp') Object.assign(settings, { tolerance: tightestTolerance(options.solver) });
    if (options.solver === 'admm') Object.assign(settings, { epsAbs: 0, epsRel: 0 });
  }
  delete settings[EXACT_PATTERN_LIMIT_KEY];
  // The probe times the solver's iterations: its patterns need not come from back-propagation.
  delete settings[PATTERN_SOURCE_KEY];
  // The cost model is the standard solver's: the probe times that one (the robust program's
  // per-iteration cost is not modelled; the estimate says so).
  const { adversarial: _adversarial, ...standard } = options;
  return { ...standard, formulation: 'sampled', solverSettings: settings };
}

/**
 * The most training rows (all of them when affordable) whose modelled probe cost fits the
 * budget: the closer the probe is to the real problem, the less the estimate extrapolates.
 */
export function probeRows(options: TrainOptions, train: DatasetSize): number {
  let rows = train.X.rows;
  const probe = probeOptions(options);
  while (rows > MIN_PROBE_ROWS) {
    const cost = modelCost(costInputsFor(probe, { ...train, X: { ...train.X, rows } }));
    if (cost.setupFlops + cost.solveOverheadFlops + PROBE_ITERATIONS * cost.flopsPerIteration <= PROBE_FLOP_BUDGET) break;
    rows = Math.max(MIN_PROBE_ROWS, Math.floor(rows / 2));
  }
  return Math.min(rows, train.X.rows);
}

/**
 * `limit` training rows, evenly spaced within each class in proportion to its size (regression:
 * evenly spaced over all rows), so every class is present as in the full run.
 */
export function probeSample(train: Dataset, limit: number): Dataset {
  const n = train.X.rows;
  if (n <= limit) return train;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = train.task === 'regression' ? 0 : train.y[i]!;
    const rows = groups.get(key);
    if (rows) rows.push(i);
    else groups.set(key, [i]);
  }
  const picked: number[] = [];
  for (const rows of groups.values()) {
    const take = Math.max(1, Math.round((rows.length * limit) / n));
    for (let k = 0; k < Math.min(take, rows.length); k++) picked.push(rows[Math.floor((k * rows.length) / take)]!);
  }
  const ordered = Int32Array.from(picked.sort((a, b) => a - b));
  return { ...train, X: selectRows(train.X, ordered), y: Float64Array.from(ordered, (r) => train.y[r]!) };
}

/** The cost model's inputs for these options on this prepared training set. */
export function costInputsFor(options: TrainOptions, train: DatasetSize): CostInputs {
  const columns = train.X.cols + (options.bias ? 1 : 0);
  const settings = options.solverSettings ?? {};
  const exact = options.formulation === 'exact' && isConvexSolver(options.solver);
  // The exact program's pattern count is bounded by the arrangement's cell count (refused above the limit).
  const limit = exactPatternLimitOf(settings) ?? DEFAULT_EXACT_PATTERN_LIMIT;
  const heads = train.task === 'multiclass' ? train.classNames.length : 1;
  // Patterns from back-propagation come from one network of ceil(patterns / heads) neurons per
  // class (backprop-patterns.ts): up to heads x that many (digits, 10 classes of 32: 40).
  const fromNetworks = !exact && trainsPatternNetworks(options);
  const size = exact ? Math.min(countArrangementCells(train.X.rows, Math.min(columns, train.X.rows)), limit) : fromNetworks ? heads * Math.ceil(options.patterns / heads) : options.patterns;
  const batchSize = numberSetting(settings, 'batchSize') ?? defaultNumber('backprop', 'batchSize') ?? 0;
  return {
    solver: options.solver,
    loss: options.loss,
    rows: train.X.rows,
    columns,
    size: Math.max(1, Math.round(size)),
    heads,
    checkEvery: numberSetting(settings, 'checkEvery') ?? defaultNumber(options.solver, 'checkEvery') ?? 10,
    ...(typeof settings.linearSystem === 'string' ? { linearSystem: settings.linearSystem } : {}),
    ...(typeof settings.coneRows === 'string' ? { coneRows: settings.coneRows } : {}),
    ...(options.solver === 'backprop' ? { batchSize } : {}),
    ...(isClassWeighted(options) ? { classWeighted: true } : {}),
  };
}

/** 1e-14, or the solver's smallest allowed tolerance when that is larger (IPM: 1e-12). */
export function tightestTolerance(solver: SolverName): number {
  const spec = solverSettingSpecsOf[solver].find((s) => s.key === 'tolerance');
  return spec && (spec.kind === 'number' || spec.kind === 'integer') ? Math.max(1e-14, spec.min) : 1e-14;
}

function numberSetting(settings: Readonly<Record<string, SettingValue>>, key: string): number | undefined {
  const v = settings[key];
  return typeof v === 'number' ? v : undefined;
}

/** The solver's declared default of a numeric setting. */
export function defaultNumber(solver: SolverName, key: string): number | undefined {
  const spec = solverSettingSpecsOf[solver].find((s) => s.key === key);
  return spec && typeof spec.default === 'number' ? spec.default : undefined;
}
