import { ConvexNetError } from '../errors';
import { allFinite } from '../linalg/vector';
import type { ConvexProblem } from './convex-problem';

/** Rejects bad data before the first iteration, with messages that say what to fix. */
export function validateConvexProblem(problem: ConvexProblem): void {
  const { X, y, beta, patterns, loss, sampleWeights } = problem;
  if (X.rows === 0 || X.cols === 0) throw new ConvexNetError('data/empty', `The training data are empty (${X.rows} rows x ${X.cols} columns).`);
  if (!allFinite(X.data)) throw new ConvexNetError('data/not-finite', 'The training features contain NaN or infinite values; impute or drop them first.');
  if (y.length !== X.rows) throw new ConvexNetError('data/shape', `The target has ${y.length} values but the features have ${X.rows} rows.`);
  if (!allFinite(y)) throw new ConvexNetError('data/not-finite', 'The target contains NaN or infinite values.');
  if (!(beta > 0) || !Number.isFinite(beta)) throw new ConvexNetError('settings/invalid', `beta (regularization strength) must be a positive finite number, got ${beta}.`);
  if (patterns.count < 1) throw new ConvexNetError('settings/invalid', noPatternsMessage(patterns.source));
  if (patterns.n !== X.rows || patterns.masks.length !== X.rows * patterns.count) {
    throw new ConvexNetError('data/shape', `The patterns were computed for ${patterns.n} rows, but the data have ${X.rows}.`);
  }
  if (patterns.generators.cols !== X.cols) {
    throw new ConvexNetError('data/shape', `The pattern generators have ${patterns.generators.cols} coordinates, the data ${X.cols}.`);
  }
  if (sampleWeights) {
    if (sampleWeights.length !== X.rows) throw new ConvexNetError('data/shape', `There are ${sampleWeights.length} sample weights for ${X.rows} rows.`);
    for (let k = 0; k < sampleWeights.length; k++) {
      if (!(sampleWeights[k]! > 0) || !Number.isFinite(sampleWeights[k]!)) {
        throw new ConvexNetError('data/weights', `Sample weight ${k + 1} is ${sampleWeights[k]}; weights must be positive and finite.`);
      }
    }
  }
  validateLabels(loss.labels, y);
}

/**
 * Sampling drops the all-zero pattern (a neuron off on every row contributes nothing), so a
 * sampled set can come out empty although patterns were asked for: every generator's hyperplane
 * then has all the rows on its negative side, which happens when the inputs are tiny or nearly
 * constant next to the bias coordinate (e.g. unstandardized features of size 1e-3) and few
 * patterns are drawn.
 */
function noPatternsMessage(source: 'sampled' | 'exact'): string {
  if (source === 'exact') return 'There are zero activation patterns: no pattern of the exact arrangement turns a neuron on for any training row.';
  return 'There are zero activation patterns: every sampled pattern leaves its neuron off on all training rows. The inputs are probably tiny or nearly constant next to the bias: standardize the features, or sample more patterns.';
}

function validateLabels(labels: 'real' | 'zero-one' | 'plus-minus-one', y: Float64Array): void {
  if (labels === 'real') return;
  const allowed = labels === 'zero-one' ? [0, 1] : [-1, 1];
  let seen0 = false;
  let seen1 = false;
  for (let k = 0; k < y.length; k++) {
    if (y[k] === allowed[0]) seen0 = true;
    else if (y[k] === allowed[1]) seen1 = true;
    else throw new ConvexNetError('data/labels', `Label ${k + 1} is ${y[k]}; this loss expects labels ${allowed.join(' or ')}.`);
  }
  if (!seen0 || !seen1) {
    throw new ConvexNetError('data/one-class', 'The training target has only one class; a classifier needs examples of both classes.');
  }
}
