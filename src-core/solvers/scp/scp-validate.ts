import { ConvexNetError } from '../../errors';
import type { ScpProblem } from './scp-types';

/** Unit-length tolerance for the given directions (the l1 <-> weight-decay identity needs ||u_j|| = 1). */
const UNIT_TOLERANCE = 1e-9;

/**
 * Rejects bad data before the first iteration with a ConvexNetError naming the argument, the
 * value and what was expected (architecture.md 6).
 */
export function validateScpProblem(problem: ScpProblem): void {
  const { X, y, beta, directions, sampleWeights, warmStart, hasBias } = problem;
  const n = X.rows;
  const d = X.cols;
  if (!(typeof beta === 'number' && Number.isFinite(beta) && beta > 0)) {
    throw new ConvexNetError('solver/invalid-beta', `The regularization beta must be a finite number greater than 0, got ${String(beta)}.`);
  }
  if (n < 1 || d < 1) throw new ConvexNetError('data/empty', `The training data need at least one row and one column, got ${n} x ${d}.`);
  if (X.data.length !== n * d) throw new ConvexNetError('data/shape-mismatch', `X has ${X.data.length} entries, expected ${n} x ${d}.`);
  const bad = firstNonFinite(X.data);
  if (bad >= 0) {
    throw new ConvexNetError('data/non-finite', `X must contain only finite numbers; row ${Math.floor(bad / d)}, column ${bad % d} is ${X.data[bad]}.`);
  }
  if (hasBias) {
    for (let k = 0; k < n; k++) {
      if (X.data[k * d + d - 1] !== 1) {
        throw new ConvexNetError('data/bias-column', `hasBias is set, so the last column of X must be 1; row ${k} has ${X.data[k * d + d - 1]}.`);
      }
    }
  }
  if (y.length !== n) throw new ConvexNetError('data/shape-mismatch', `y has ${y.length} entries, X has ${n} rows.`);
  checkLabels(problem);
  if (sampleWeights) {
    if (sampleWeights.length !== n) throw new ConvexNetError('data/shape-mismatch', `sampleWeights has ${sampleWeights.length} entries, X has ${n} rows.`);
    for (let k = 0; k < n; k++) {
      const w = sampleWeights[k]!;
      if (!(Number.isFinite(w) && w >= 0)) throw new ConvexNetError('data/invalid-weights', `Sample weight ${k} must be finite and >= 0, got ${w}.`);
    }
  }
  const N = directions.rows;
  if (N < 1) throw new ConvexNetError('solver/no-neurons', 'The SCP program needs at least one neuron direction, got 0.');
  if (directions.cols !== d) {
    throw new ConvexNetError('data/shape-mismatch', `Neuron directions have ${directions.cols} entries, the data rows have ${d}${hasBias ? ' (including the bias column)' : ''}.`);
  }
  for (let j = 0; j < N; j++) {
    let sq = 0;
    for (let t = 0; t < d; t++) sq += directions.data[j * d + t]! ** 2;
    if (!(Math.abs(Math.sqrt(sq) - 1) <= UNIT_TOLERANCE)) {
      throw new ConvexNetError('solver/invalid-directions', `Neuron direction ${j} must have unit length (use scpDirectionsFromVectors), its length is ${Math.sqrt(sq)}.`);
    }
  }
  if (warmStart) {
    if (warmStart.length !== N) throw new ConvexNetError('solver/invalid-warm-start', `warmStart has ${warmStart.length} entries, expected one per neuron (${N}).`);
    const w = firstNonFinite(warmStart);
    if (w >= 0) throw new ConvexNetError('solver/invalid-warm-start', `warmStart entry ${w} is ${warmStart[w]}, expected a finite number.`);
  }
}

function checkLabels(problem: ScpProblem): void {
  const { y, loss } = problem;
  for (let k = 0; k < y.length; k++) {
    const v = y[k]!;
    const ok = loss.labels === 'real' ? Number.isFinite(v) : loss.labels === 'zero-one' ? v === 0 || v === 1 : v === -1 || v === 1;
    if (!ok) {
      const expected = loss.labels === 'real' ? 'a finite number' : loss.labels === 'zero-one' ? '0 or 1' : '-1 or +1';
      throw new ConvexNetError('data/invalid-labels', `The ${loss.name} loss needs labels that are ${expected}; y[${k}] is ${v}.`);
    }
  }
}

function firstNonFinite(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return i;
  return -1;
}
