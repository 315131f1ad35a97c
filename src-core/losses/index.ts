/**
 * Loss registry and label/score conventions (paper-spec.md 1.2).
 *
 * Class labels in the app are {0, 1}. The losses want: bce {0, 1}; hinge {-1, +1}; squared used
 * for classification {-1, +1} (regression passes real targets straight to squaredLoss).
 * The predicted class is 1[yhat > 0] for every loss.
 */
import { ConvexNetError } from '../errors';
import { bceLoss, stableSigmoid } from './bce-loss';
import { hingeLoss } from './hinge-loss';
import type { Loss, LossName } from './loss';
import { squaredLoss } from './squared-loss';

export type { LabelConvention, Loss, LossName } from './loss';
export { bceLoss, softplus, stableSigmoid } from './bce-loss';
export { hingeLoss } from './hinge-loss';
export { squaredLoss } from './squared-loss';

export const lossNames: readonly LossName[] = Object.freeze(['squared', 'bce', 'hinge'] as const);

const registry: Readonly<Record<LossName, Loss>> = { squared: squaredLoss, bce: bceLoss, hinge: hingeLoss };

/** The loss object for a name; throws ConvexNetError('settings/unknown-loss') for anything else. */
export function getLoss(name: LossName): Loss {
  if (!Object.prototype.hasOwnProperty.call(registry, name)) {
    throw new ConvexNetError('settings/unknown-loss', `Unknown loss "${String(name)}": expected one of ${lossNames.join(', ')}.`);
  }
  return registry[name];
}

/**
 * Maps class labels {0, 1} to the label convention of the loss as a new array:
 * bce keeps {0, 1}; hinge and squared (classification) use y = 2 c - 1 in {-1, +1}.
 * Throws ConvexNetError('data/labels-not-binary') if a label is not exactly 0 or 1.
 */
export function labelsForLoss(loss: Loss, binaryLabels01: Float64Array): Float64Array {
  const out = new Float64Array(binaryLabels01.length);
  const plusMinus = loss.name !== 'bce';
  for (let k = 0; k < binaryLabels01.length; k++) {
    const c = binaryLabels01[k];
    if (c !== 0 && c !== 1) {
      throw new ConvexNetError(
        'data/labels-not-binary',
        `labelsForLoss(${loss.name}): class label at index ${k} is ${c}; expected 0 or 1.`,
      );
    }
    out[k] = plusMinus ? 2 * c - 1 : c;
  }
  return out;
}

/** Predicted class for a network output: 1 if yhat > 0, else 0 (NaN maps to 0). */
export function predictedClass(yhat: number): 0 | 1 {
  return yhat > 0 ? 1 : 0;
}

/** predictedClass applied elementwise, as a new array of 0/1 values. */
export function predictedClasses(yhat: Float64Array): Float64Array {
  const out = new Float64Array(yhat.length);
  for (let k = 0; k < yhat.length; k++) out[k] = yhat[k] > 0 ? 1 : 0;
  return out;
}

/**
 * A score in [0, 1] for the positive class. bce: the model probability sigmoid(2 yhat).
 * hinge and squared: the same monotone squashing sigmoid(2 yhat), which is NOT a calibrated
 * probability; it only preserves the ranking (ROC/AUC) and the threshold 0.5 <=> yhat = 0.
 */
export function probabilityFromScore(loss: Loss | LossName, yhat: number): number {
  void loss; // all three conventions use the same map today; the argument keeps call sites explicit
  return stableSigmoid(2 * yhat);
}
