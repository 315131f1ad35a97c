import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import {
  bceLoss, getLoss, hingeLoss, labelsForLoss, lossNames, predictedClass, predictedClasses, probabilityFromScore, squaredLoss,
} from '../../../src-core/losses/index';
import type { LossName } from '../../../src-core/losses/loss';
import { vec } from './loss-cases';

describe('loss registry and label conventions', () => {
  it('getLoss returns the loss with that name for every name in lossNames', () => {
    expect([...lossNames]).toEqual(['squared', 'bce', 'hinge']);
    for (const name of lossNames) expect(getLoss(name).name).toBe(name);
    expect(getLoss('bce')).toBe(bceLoss);
    expect(getLoss('hinge')).toBe(hingeLoss);
    expect(getLoss('squared')).toBe(squaredLoss);
    expect(squaredLoss.labels).toBe('real');
    expect(bceLoss.labels).toBe('zero-one');
    expect(hingeLoss.labels).toBe('plus-minus-one');
  });

  it('getLoss rejects unknown names with a ConvexNetError', () => {
    let err: unknown;
    try {
      getLoss('logistic' as LossName);
    } catch (e) {
      err = e;
    }
    expect(isConvexNetError(err) && err.code).toBe('settings/unknown-loss');
    expect(() => getLoss('toString' as LossName)).toThrow(/Unknown loss/);
  });

  it('labelsForLoss maps {0,1} to {0,1} for bce and to {-1,+1} for hinge and squared', () => {
    const c = vec(0, 1, 1, 0);
    expect(Array.from(labelsForLoss(bceLoss, c))).toEqual([0, 1, 1, 0]);
    expect(Array.from(labelsForLoss(hingeLoss, c))).toEqual([-1, 1, 1, -1]);
    expect(Array.from(labelsForLoss(squaredLoss, c))).toEqual([-1, 1, 1, -1]);
    expect(labelsForLoss(bceLoss, c)).not.toBe(c);
    expect(() => labelsForLoss(hingeLoss, vec(0, -1))).toThrow(/index 1 is -1/);
    expect(() => labelsForLoss(bceLoss, vec(0.5))).toThrow(/expected 0 or 1/);
  });

  it('predictedClass is 1[yhat > 0]', () => {
    expect(predictedClass(0.1)).toBe(1);
    expect(predictedClass(0)).toBe(0);
    expect(predictedClass(-0)).toBe(0);
    expect(predictedClass(-3)).toBe(0);
    expect(predictedClass(Number.NaN)).toBe(0);
    expect(Array.from(predictedClasses(vec(-1, 0, 2)))).toEqual([0, 0, 1]);
  });

  it('probabilityFromScore is sigmoid(2 yhat), monotone, and 1/2 at the decision threshold', () => {
    for (const loss of [bceLoss, hingeLoss, squaredLoss]) {
      expect(probabilityFromScore(loss, 0)).toBe(0.5);
      expect(probabilityFromScore(loss, 0.7)).toBeCloseTo(1 / (1 + Math.exp(-1.4)), 15);
      expect(probabilityFromScore(loss.name, -1000)).toBe(0);
      expect(probabilityFromScore(loss, 1000)).toBe(1);
      expect(probabilityFromScore(loss, 0.3)).toBeLessThan(probabilityFromScore(loss, 0.31));
    }
  });
});
