import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
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

  it('holds a worker while a task\'s message is prepared, and frees it when the task is dropped or its preparation fails', async () => {
    let release: (message: RunJobMessage) => void = () => {};
    const events: string[] = [];
    const preparing = (id: string, prepare: () => Promise<RunJobMessage>): PoolTask => ({
      id,
      prepare: () => {
        events.push(`prepare ${id}`);
        return prepare();
      },
      onStart: () => events.push(`start ${id}`),
      onProgress: () => {},
      onDone: () => events.push(`done ${id}`),
      onFailed: (error) => events.push(`failed ${id}: ${error.code}`),
    });
    const message = (jobId: string): RunJobMessage => ({ type: 'run', jobId, train: moons(60, 0.2, 1), test: null, options: { ...endlessAdmmOptions(), solverSettings: { maxIterations: 5 } }, cancelFlag: createCancelFlag(), progressIntervalMs: 50 });
    // Started (the job shows as running) while its data is prepared; the worker waits for it.
    pool.submit(preparing('slow', () => new Promise((resolve) => (release = resolve))));
    pool.submit(preparing('next', async () => message('next')));
    expect(events).toEqual(['prepare slow', 'start slow']);
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    // Dropped while preparing: the worker goes to the next task, the late message is discarded.
    expect(pool.removeQueued('slow')).toBe(true);
    expect(events).toEqual(['prepare slow', 'start slow', 'prepare next', 'start next']);
    release(message('slow'));
    await vi.waitFor(() => expect(events).toContain('done next'), { timeout: 20_000 });
    expect(events.filter((e) => e.includes('slow'))).toEqual(['prepare slow', 'start slow']);
    // A failed preparation fails its task with the error's code and frees the worker.
    pool.submit(preparing('refused', async () => Promise.reject(new ConvexNetError('data/one-class', 'one class'))));
    pool.submit(preparing('after', async () => message('after')));
    await vi.waitFor(() => expect(events).toContain('done after'), { timeout: 20_000 });
    expect(events).toContain('failed refused: data/one-class');
  }, 30_000);

  it("fails a task whose preparation threw with the ConvexNetError's details", async () => {
    const details = { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data'] } as const;
    const failures = await Promise.all(
      [() => { throw new ConvexNetError('data/x', 'thrown', details); }, () => Promise.reject(new ConvexNetError('data/x', 'rejected', details))].map(
        (prepare, k) => new Promise((resolve) => pool.submit({ id: `detailed-${k}`, prepare, onStart: () => {}, onProgress: () => {}, onDone: () => resolve(null), onFailed: resolve })),
      ),
    );
    expect(failures).toEqual([{ code: 'data/x', message: 'thrown', details }, { code: 'data/x', message: 'rejected', details }]);
  });
});
