import { ConvexNetError } from '../../errors';
import type { Matrix } from '../../linalg/matrix';
import type { Loss } from '../../losses/loss';
import type { ReluNetwork } from '../../network/relu-network';

/**
 * The non-convex training problem of paper-spec.md 1.1 (NC), trained by back-propagation:
 *   min_{u_j, alpha_j}  L( sum_j (X u_j)_+ alpha_j , y ) + (beta / 2) sum_j ( ||u_j||^2 + alpha_j^2 ),
 * with L in the sum-over-samples convention of 1.2 (optionally weighted per sample). This is the
 * same objective the convex solvers report for their recovered networks.
 */
export interface BackpropProblem {
  /** n x d training matrix; already carries the constant-1 bias column (last) when hasBias. */
  readonly X: Matrix;
  /** Targets in the loss's label convention: real (squared), {0, 1} (bce), {-1, +1} (hinge). */
  readonly y: Float64Array;
  readonly loss: Loss;
  /** Weight-decay strength, > 0. */
  readonly beta: number;
  readonly hasBias: boolean;
  /** Unsigned 32-bit seed of every random choice (initialization, shuffling, restarts). */
  readonly seed: number;
  /** Optional per-sample loss weights w_k >= 0 (class weights); absent means all 1. */
  readonly sampleWeights?: Float64Array;
  /**
   * Optional starting weights (e.g. the previous beta of a regularization path): the first
   * restart starts here instead of the random initialization; later restarts stay random.
   * Must have hiddenUnits rows and X.cols columns.
   */
  readonly warmStart?: ReluNetwork;
}

/** Throws `solver/invalid-warm-start` unless `warm` is a finite network of m neurons on d inputs. */
export function validateBackpropWarmStart(warm: ReluNetwork, hiddenUnits: number, inputDim: number): void {
  if (warm.hidden.rows !== hiddenUnits || warm.hidden.cols !== inputDim || warm.output.length !== hiddenUnits) {
    throw new ConvexNetError(
      'solver/invalid-warm-start',
      `The warm start has ${warm.hidden.rows} neurons on ${warm.hidden.cols} inputs but this run has ${hiddenUnits} on ${inputDim}; use the same hidden units and data, or start cold.`,
    );
  }
  const finite = (a: Float64Array): boolean => a.every((v) => Number.isFinite(v));
  if (!finite(warm.hidden.data) || !finite(warm.output)) {
    throw new ConvexNetError('solver/invalid-warm-start', 'The warm start contains NaN or infinite weights; start cold.');
  }
}

/**
 * Throws ConvexNetError for anything the trainer cannot use: `data/shape-mismatch`,
 * `data/empty`, `data/not-finite`, `data/labels`, `data/bias-column`, `data/sample-weights`,
 * `settings/invalid` (beta, seed).
 */
export function validateBackpropProblem(problem: BackpropProblem): void {
  const { X, y, loss, beta, seed, sampleWeights } = problem;
  const n = X.rows;
  const d = X.cols;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 0 || X.data.length !== n * d) {
    throw new ConvexNetError('data/shape-mismatch', `X claims ${n} x ${d} but holds ${X.data.length} numbers.`);
  }
  if (n === 0 || d === 0) {
    throw new ConvexNetError('data/empty', `X must have at least one row and one column, got ${n} x ${d}.`);
  }
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i]!)) {
      const row = Math.floor(i / d);
      throw new ConvexNetError('data/not-finite', `X has a non-finite value (${X.data[i]}) at row ${row}, column ${i - row * d}.`);
    }
  }
  if (y.length !== n) {
    throw new ConvexNetError('data/shape-mismatch', `y has ${y.length} entries but X has ${n} rows.`);
  }
  for (let k = 0; k < n; k++) {
    const v = y[k]!;
    if (!Number.isFinite(v)) throw new ConvexNetError('data/not-finite', `y has a non-finite value (${v}) at index ${k}.`);
    if (loss.labels === 'zero-one' && v !== 0 && v !== 1) {
      throw new ConvexNetError('data/labels', `The ${loss.name} loss needs labels 0 or 1; y[${k}] is ${v}.`);
    }
    if (loss.labels === 'plus-minus-one' && v !== -1 && v !== 1) {
      throw new ConvexNetError('data/labels', `The ${loss.name} loss needs labels -1 or +1; y[${k}] is ${v}.`);
    }
  }
  if (problem.hasBias) {
    for (let k = 0; k < n; k++) {
      if (X.data[k * d + d - 1] !== 1) {
        throw new ConvexNetError(
          'data/bias-column',
          `hasBias is set, so the last column of X must be the constant 1; row ${k} has ${X.data[k * d + d - 1]}.`,
        );
      }
    }
  }
  if (sampleWeights !== undefined) {
    if (sampleWeights.length !== n) {
      throw new ConvexNetError('data/shape-mismatch', `sampleWeights has ${sampleWeights.length} entries but X has ${n} rows.`);
    }
    for (let k = 0; k < n; k++) {
      const w = sampleWeights[k]!;
      if (!Number.isFinite(w) || w < 0) {
        throw new ConvexNetError('data/sample-weights', `sampleWeights[${k}] is ${w}; weights must be finite and >= 0.`);
      }
    }
  }
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta <= 0) {
    throw new ConvexNetError('settings/invalid', `Regularization (beta) must be a finite number greater than 0, got ${beta}.`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ConvexNetError('settings/invalid', `Seed must be an unsigned 32-bit integer (0..4294967295), got ${seed}.`);
  }
}
