import type { Loss } from '../losses/loss';

/**
 * Training accuracy of scores under the loss's label convention (class = 1[score > 0]), or
 * undefined for regression.
 */
export function accuracyForLoss(loss: Loss, scores: Float64Array, y: Float64Array): number | undefined {
  if (loss.labels === 'real') return undefined;
  let correct = 0;
  for (let k = 0; k < y.length; k++) if ((scores[k]! > 0) === (y[k]! > 0)) correct++;
  return y.length === 0 ? undefined : correct / y.length;
}
