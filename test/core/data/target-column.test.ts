import { describe, expect, it } from 'vitest';
import { rowTable } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import { expectConvexNetError } from './expect-error';

describe('readTarget with one target value', () => {
  // 30 rows, so whole numbers with few values are read as classes by the inference.
  const rows = (value: string): string[][] => Array.from({ length: 30 }, (_, k) => [String(k), value]);

  it('an all-zero numeric target, inferred as one class, says to choose the regression task', () => {
    const message = expectConvexNetError(() => readTarget(rowTable(['x', 'y'], rows('0')), 'y'), 'data/one-class');
    expect(message).toBe(
      'The target column "y" has only one class ("0"); classification needs at least two. Choose the regression task to predict this number (every row has the same value, so the model predicts it), or choose another target column.',
    );
  });

  it('reads that target as a regression target when the task says so', () => {
    const target = readTarget(rowTable(['x', 'y'], rows('0')), 'y', 'regression');
    expect(target.task).toBe('regression');
    expect(Array.from(target.y)).toEqual(new Array(30).fill(0));
  });

  it('a text target with one class says to choose another column or add rows of other classes', () => {
    const message = expectConvexNetError(() => readTarget(rowTable(['x', 'y'], rows('yes')), 'y'), 'data/one-class');
    expect(message).toMatch(/only one class \("yes"\); classification needs at least two\. Choose another target column, or add rows of the other classes\.$/);
  });
});
