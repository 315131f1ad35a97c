import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src-core/data/dataset';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { modelCost } from '../../../src-core/training/cost-estimate';
import { costInputsFor } from '../../../src-core/training/cost-probe';
import { PARTS_MEMORY_SHARE, partsAtOnce, PreparedOnce } from '../../../src-main/services/job-parts';
import { createCancelFlag, type RunJobMessage } from '../../../src-main/workers/train-protocol';
import { scpOptions } from './service-helpers';

const train: Dataset = { X: createMatrix(60, 3), y: new Float64Array(60).map((_, i) => i % 2), task: 'binary', featureNames: ['a', 'b'], classNames: ['no', 'yes'] };
const options = scpOptions('binary', { beta: 0.01, seed: 4 });

describe('partsAtOnce', () => {
  it('is the smallest of the pool size, the parts and what fits in the memory share, and at least 1', () => {
    const bytes = modelCost(costInputsFor(options, { ...train, X: { ...train.X, rows: 45 } })).bytes;
    expect(partsAtOnce(options, train, 45, 4, 8, 1e15)).toBe(4);
    expect(partsAtOnce(options, train, 45, 4, 2, 1e15)).toBe(2);
    expect(partsAtOnce(options, train, 45, 4, 8, (3 * bytes) / PARTS_MEMORY_SHARE)).toBe(3);
    expect(partsAtOnce(options, train, 45, 4, 8, 1)).toBe(1);
  });

  it('runs one part at a time when the cost model cannot price the options', () => {
    expect(partsAtOnce({ ...options, solver: 'no-such-solver' as never }, train, 45, 4, 8, 1e15)).toBe(1);
  });
});

describe('PreparedOnce', () => {
  it('prepares a job once for all its parts and gives each part datasets with buffers of their own', () => {
    let calls = 0;
    const test: Dataset = { ...train, X: createMatrix(6, 3, new Float64Array(18).fill(2)), y: new Float64Array(6).fill(1) };
    const once = new PreparedOnce((): RunJobMessage => {
      calls++;
      return { type: 'run', jobId: 'job-1', train, test, options, cancelFlag: createCancelFlag(), progressIntervalMs: 0 };
    });
    const [a, b] = [once.message(), once.message()];
    expect(calls).toBe(1);
    expect(a.train.X.data).toEqual(train.X.data);
    expect(a.test!.y).toEqual(test.y);
    // Transferring one part's buffers to its worker must leave the others' intact.
    expect(a.train.X.data.buffer).not.toBe(b.train.X.data.buffer);
    expect(a.train.y.buffer).not.toBe(train.y.buffer);
    expect(a.test!.X.data.buffer).not.toBe(b.test!.X.data.buffer);
    once.release();
    once.message();
    expect(calls).toBe(2);
  });
});
