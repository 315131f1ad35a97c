import { afterAll, describe, expect, it } from 'vitest';
import { defaultTrainWorkerEntry } from '../../../src-main/services/worker-entry';
import { WorkerPool, type PoolTask } from '../../../src-main/services/worker-pool';
import { createCancelFlag, type RunJobMessage } from '../../../src-main/workers/train-protocol';
import { moons } from '../../core/fixtures/synthetic';
import { endlessAdmmOptions, recordingLogger } from './service-helpers';

/** The pool's queue with a REAL worker: which waiting task starts next. */
const pool = new WorkerPool({ size: 1, entry: defaultTrainWorkerEntry(), logger: recordingLogger() });
afterAll(() => pool.dispose());

describe('WorkerPool queue', () => {
  it('starts tasks queued with first ahead of the others, each kind in the order it came', async () => {
    const busy = new Promise<void>((resolve) => {
      const message: RunJobMessage = { type: 'run', jobId: 'busy', train: moons(200, 0.2, 1), test: null, options: endlessAdmmOptions(), cancelFlag: createCancelFlag(), progressIntervalMs: 50 };
      pool.submit({ id: 'busy', prepare: () => message, onStart: () => {}, onProgress: () => resolve(), onDone: () => {}, onFailed: () => {} });
    });
    await busy; // the one worker is taken
    const started: string[] = [];
    const failed = new Promise<void>((resolve) => {
      const task = (id: string): PoolTask => ({
        id,
        // Refused as it starts, so the pool goes straight on to the next: the order is the queue's.
        prepare: () => {
          started.push(id);
          throw new Error('not this time');
        },
        onStart: () => {},
        onProgress: () => {},
        onDone: () => {},
        onFailed: () => {
          if (started.length === 5) resolve();
        },
      });
      pool.submit(task('a'));
      pool.submit(task('b'), true);
      pool.submit(task('c'));
      pool.submit(task('d'), true);
      pool.submit(task('e'), true);
      expect(pool.removeQueued('d')).toBe(true);
      pool.submit(task('f'), true);
    });
    expect(pool.stats().queued).toBe(5);
    expect(pool.terminate('busy')).toBe(true);
    await failed;
    expect(started).toEqual(['b', 'e', 'f', 'a', 'c']);
  }, 30_000);
});
