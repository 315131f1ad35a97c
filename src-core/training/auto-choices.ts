import type { Task } from '../data/dataset';
import { ConvexNetError } from '../errors';
import type { LossName } from '../losses/loss';
import { countArrangementCells } from '../patterns/exact-patterns';
import { formatCount } from '../text/count-text';
import { BETA_PER_ROW, dataScaledBeta, DEFAULT_LOSS, DEFAULT_SOLVER, REGRESSION_BETA_PER_ROW, standardDeviation, usableSpread } from './train-defaults';
import type { Formulation, SolverName } from './train-types';

/** The shape of the prepared training data the automatic choices depend on. */
export interface DataShape {
  readonly task: Task;
  /** Training rows n. */
  readonly rows: number;
  /** Prepared feature columns (without the bias column). */
  readonly features: number;
  /** Whether a constant-1 bias column is appended (it adds one to the rank). */
  readonly bias: boolean;
  /** Regression: the standard deviation of the training target, in its own units (beta scales with it). */
  readonly targetSpread?: number;
}

/**
 * The shape of prepared training data: its task, rows and feature columns, and for regression the
 * training target's spread (`y`, in its own units) that the default beta scales with.
 */
export function preparedDataShape(task: Task, rows: number, features: number, bias: boolean, y?: Float64Array): DataShape {
  const shape: DataShape = { task, rows, features, bias };
  return task === 'regression' && y ? { ...shape, targetSpread: standardDeviation(y) } : shape;
}

export interface Choice<T> {
  readonly value: T;
  /** One sentence a non-specialist understands. */
  readonly reason: string;
}

export interface AutomaticChoices {
  readonly loss: Choice<LossName>;
  readonly formulation: Choice<Formulation> & {
    /** Upper bound on the number of activation patterns of the exact program (cells of the arrangement). */
    readonly exactPatternCount: number;
  };
  readonly solver: Choice<SolverName>;
  readonly beta: Choice<number>;
}

/**
 * Largest exact pattern count chosen automatically: every pattern adds 2d unknowns and an n x 2
 * block of cone constraints, so beyond a few hundred the sampled program with a few dozen
 * patterns is the better use of time (the exact program stays available up to the hard limit).
 */
export const AUTO_EXACT_PATTERN_LIMIT = 256;

/** Rows beyond which the hinge loss goes to SCP: ADMM's loss splitting keeps n x 2P slacks. */
export const HINGE_SCP_ROWS = 20_000;

/**
 * The settings the app picks for the user, each with its reason. The exact pattern count is
 * the cell count of a central arrangement of n hyperplanes in rank min(d + bias, n) general
 * position, 2 sum_{k<r} C(n-1, k) (paper-spec 1.3): an upper bound for any data of that shape.
 */
export function automaticChoices(shape: DataShape): AutomaticChoices {
  checkShape(shape);
  const loss = DEFAULT_LOSS[shape.task];
  const rank = Math.min(shape.features + (shape.bias ? 1 : 0), shape.rows);
  const exactPatternCount = countArrangementCells(shape.rows, rank);
  const exact = exactPatternCount <= AUTO_EXACT_PATTERN_LIMIT;
  const solver = loss === 'hinge' && shape.rows > HINGE_SCP_ROWS ? 'scp' : DEFAULT_SOLVER[loss];
  const beta = dataScaledBeta(shape.task, shape.rows, shape.targetSpread);
  return {
    loss: { value: loss, reason: lossReason(shape.task) },
    formulation: {
      value: exact ? 'exact' : 'sampled',
      exactPatternCount,
      reason: exact
        ? `This data can have at most ${formatCount(exactPatternCount)} activation patterns, within the limit of ${AUTO_EXACT_PATTERN_LIMIT}. So the exact program uses all of them, and its certificate covers the best possible network (the global optimum).`
        : `The exact program could need up to ${formatCount(exactPatternCount)} activation patterns, more than the limit of ${AUTO_EXACT_PATTERN_LIMIT}. So a random sample of patterns is used. The certificate then covers the best network for the sampled patterns only.`,
    },
    solver: { value: solver, reason: solverReason(loss, solver) },
    beta: {
      value: beta,
      reason: betaReason(shape),
    },
  };
}

function betaReason(shape: DataShape): string {
  if (shape.task !== 'regression') {
    return `${BETA_PER_ROW} per training row x ${formatCount(shape.rows)} rows. Losses are sums over rows, so this keeps the balance of fit and weight decay the same for any data size.`;
  }
  const spread = usableSpread(shape.targetSpread);
  const unit = spread === null ? '' : ` x ${formatSpread(spread)} (the target's standard deviation)`;
  return `${REGRESSION_BETA_PER_ROW} per training row x ${formatCount(shape.rows)} rows${unit}. Losses are sums over rows, and the weights grow with the target's units. So this keeps the balance of fit and weight decay the same for any data size and unit.`;
}

/** A spread for a reason line: four significant digits. */
function formatSpread(value: number): string {
  return Number(value.toPrecision(4)).toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

function lossReason(task: Task): string {
  return task === 'regression'
    ? 'Regression is fitted with the squared error.'
    : 'The squared error on ±1 targets reaches a certified result fastest. Its solver sets up one linear system once and reuses it every iteration. The logistic and hinge losses stay available.';
}

function solverReason(loss: LossName, solver: SolverName): string {
  if (solver === 'scp') return `The hinge loss on more than ${formatCount(HINGE_SCP_ROWS)} rows goes to the sampled convex program solver (SCP). ADMM would keep two extra values per row and pattern (its n x 2P slack variables).`;
  return loss === 'squared' ? SQUARED_ADMM_REASON : nonSquaredReason(loss);
}

/** Why ADMM takes the squared loss (also the start of the recommended solver's reasons). */
export const SQUARED_ADMM_REASON = 'ADMM fits the squared loss quickly. It factors one linear system once and reuses it every iteration.';

/** Why the logistic and hinge losses go to their ADMM variants. */
export function nonSquaredReason(loss: Exclude<LossName, 'squared'>): string {
  return loss === 'bce'
    ? 'ADMM-RBCD fits the logistic loss without factoring one large linear system.'
    : 'ADMM fits the hinge loss, which has a kink, and still certifies the result (loss splitting).';
}

function checkShape(shape: DataShape): void {
  if (!Number.isSafeInteger(shape.rows) || shape.rows < 1) {
    throw new ConvexNetError('settings/invalid', `The number of training rows must be a whole number of at least 1, got ${String(shape.rows)}.`);
  }
  if (!Number.isSafeInteger(shape.features) || shape.features < 1) {
    throw new ConvexNetError('settings/invalid', `The number of features must be a whole number of at least 1, got ${String(shape.features)}.`);
  }
}
