import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../../src-core/contract/envelope';
import type { JobProgress } from '../../../src-core/contract/operations';
import type { Dataset } from '../../../src-core/data/dataset';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { modelCost } from '../../../src-core/training/cost-estimate';
import { costInputsFor } from '../../../src-core/training/cost-probe';
import { combineFoldPaths, type FoldPathResult } from '../../../src-core/training/cross-validation';
import { FoldParts } from '../../../src-main/services/fold-parts';
import type { JobPartsHost } from '../../../src-main/services/job-parts';
import { PARTS_MEMORY_SHARE } from '../../../src-main/services/job-parts';
import { createCancelFlag, type DoneReply, type PartDoneReply, type RunJobMessage } from '../../../src-main/workers/train-protocol';
import { ManualPool } from './manual-pool';
import { scpOptions } from './service-helpers';

const train: Dataset = { X: createMatrix(60, 3), y: new Float64Array(60).map((_, i) => i % 2), task: 'binary', featureNames: ['a', 'b'], classNames: ['no', 'yes'] };
const options = scpOptions('binary', { beta: 0.01, seed: 4 });

/** The sweep's betas (the folds' paths). */
const betas = [0.01, 0.1];

function message(folds: number, kind: 'cv' | 'sweep' = 'sweep'): RunJobMessage {
  const base = { type: 'run' as const, jobId: 'job-1', train, test: null, options, cancelFlag: createCancelFlag(), progressIntervalMs: 0 };
  return kind === 'cv' ? { ...base, crossValidation: { folds } } : { ...base, sweep: { betas: [...betas].reverse(), cvFolds: folds } };
}

/** A fold's scores at each of the sweep's betas (accuracy, then accuracy / 2). */
function foldResult(accuracy: number, cancelled = false): FoldPathResult {
  return { points: betas.map((_, i) => ({ heldOut: { accuracy: accuracy / (i + 1) }, fitted: { accuracy: 1 } })), cancelled };
}

/** A fold part's result. */
function fold(index: number, result: FoldPathResult): PartDoneReply['part'] {
  return { kind: 'fold', fold: index, result };
}

function progress(fraction: number, iteration: number): JobProgress {
  return { iteration, elapsedMs: 0, fraction, objective: 1 } as JobProgress;
}

function setup(poolSize: number, folds: number, machineBytes = 1e15, kind: 'cv' | 'sweep' = 'sweep') {
  const pool = new ManualPool(poolSize);
  const events: { progress: JobProgress[]; finished: DoneReply[]; failed: ContractError[]; started: number } = { progress: [], finished: [], failed: [], started: 0 };
  const host: JobPartsHost = {
    pool,
    machineBytes,
    message: async () => message(folds, kind),
    started: () => void events.started++,
    progress: (p) => void events.progress.push(p),
    finished: (r) => void events.finished.push(r),
    failed: (e) => void events.failed.push(e),
  };
  const parts = new FoldParts('job-1', folds, kind, host);
  return { pool, events, parts };
}

const finalReply = (id: string): DoneReply => ({ type: 'done', jobId: id, outcome: {} as DoneReply['outcome'], train: {} as DoneReply['train'], test: null });

describe('FoldParts', () => {
  it('runs as many folds of a sweep at once as the pool holds, then the final part with the folds combined in fold order', async () => {
    const { pool, events, parts } = setup(2, 3);
    parts.start();
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-1', 'job-1/fold-2']);
    expect(events.started).toBe(1);
    // Fold 2 ends first; fold 3 takes its worker. The combined report still lists the folds in order.
    pool.partDone('job-1/fold-2', fold(1, foldResult(0.5)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-1', 'job-1/fold-3']);
    expect(pool.running.get('job-1/fold-3')!.message.part).toEqual({ kind: 'fold', fold: 2 });
    pool.partDone('job-1/fold-3', fold(2, foldResult(0.75)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-1']);
    pool.partDone('job-1/fold-1', fold(0, foldResult(1)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/final']);
    const final = pool.running.get('job-1/final')!.message;
    expect(final.part).toBeUndefined();
    const expected = combineFoldPaths('binary', betas, 3, 4, [foldResult(1), foldResult(0.5), foldResult(0.75)]);
    expect(final.crossValidated).toEqual(expected);
    expect(final.crossValidated!.reports.map((r) => r.metrics.find((m) => m.key === 'accuracy')!.values)).toEqual([
      [1, 0.5, 0.75],
      [0.5, 0.25, 0.375],
    ]);
    pool.done('job-1/final', finalReply('job-1/final'));
    expect(events.finished.map((r) => r.jobId)).toEqual(['job-1']);
    expect(events.failed).toEqual([]);
  });

  it('runs a cross-validation\'s model alongside its last folds, and adds the folds\' report to its reply once they are in', async () => {
    const { pool, events, parts } = setup(2, 3, 1e15, 'cv');
    parts.start();
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-1', 'job-1/fold-2']);
    pool.partDone('job-1/fold-1', fold(0, foldResult(1)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-2', 'job-1/fold-3']);
    pool.partDone('job-1/fold-2', fold(1, foldResult(0.5)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-3', 'job-1/final']);
    const final = pool.running.get('job-1/final')!.message;
    expect(final.modelOnly).toBe(true);
    expect(final.crossValidated).toBeUndefined();
    // The model ends first: the job waits for the last fold.
    pool.done('job-1/final', finalReply('job-1/final'));
    expect(events.finished).toEqual([]);
    pool.partDone('job-1/fold-3', fold(2, foldResult(0.75)));
    expect(events.finished).toHaveLength(1);
    const report = combineFoldPaths('binary', [options.beta], 3, 4, [foldResult(1), foldResult(0.5), foldResult(0.75)]).reports[0];
    expect(events.finished[0]).toMatchObject({ jobId: 'job-1', crossValidation: report });
  });

  it('runs one fold at a time when only one fits in memory', async () => {
    const onlyOne = modelCost(costInputsFor(options, { ...train, X: { ...train.X, rows: 40 } })).bytes / PARTS_MEMORY_SHARE;
    const { pool, parts } = setup(4, 3, onlyOne * 1.5);
    parts.start();
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-1']);
    pool.partDone('job-1/fold-1', fold(0, foldResult(1)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-2']);
  });

  it('reports the mean fraction of its parts, following one part at a time', async () => {
    const { pool, events, parts } = setup(2, 3);
    parts.start();
    await pool.pump();
    const [first, second] = pool.ids().map((id) => pool.running.get(id)!.task);
    first!.onProgress(progress(0.5, 3));
    second!.onProgress(progress(0.5, 7)); // not the lead: counted, not drawn
    first!.onProgress(progress(1, 4));
    expect(events.progress.map((p) => [p.iteration, p.fraction])).toEqual([
      [3, 0.5 / 4],
      [4, 1.5 / 4],
    ]);
    pool.partDone('job-1/fold-1', fold(0, foldResult(1)));
    await pool.pump();
    // Fold 3 took the free worker; fold 2 started before it, so fold 3 (the shortest run so far) is followed next.
    const third = pool.running.get('job-1/fold-3')!.task;
    second!.onProgress(progress(1, 8));
    expect(events.progress).toHaveLength(2);
    third.onProgress(progress(0.5, 2));
    expect(events.progress.at(-1)).toMatchObject({ iteration: 2, fraction: 2.5 / 4 });
    pool.partDone('job-1/fold-3', fold(2, foldResult(1)));
    second!.onProgress(progress(1, 9)); // the only one left
    expect(events.progress.at(-1)).toMatchObject({ iteration: 9 });
  });

  it('cancels waiting parts at once, and ends at once when none was running', async () => {
    const { pool, parts } = setup(1, 3);
    parts.start();
    expect(parts.cancel()).toBe(true);
    expect(pool.queue).toEqual([]);
    await pool.pump();
    expect(pool.ids()).toEqual([]);
  });

  it('after a cancel lets running folds end, starts no other fold, then runs the final part', async () => {
    const { pool, events, parts } = setup(2, 4);
    parts.start();
    await pool.pump();
    expect(parts.cancel()).toBe(false);
    expect(parts.terminate()).toBe(true);
    expect(pool.terminated).toEqual(['job-1/fold-1', 'job-1/fold-2']);
    pool.partDone('job-1/fold-1', fold(0, foldResult(1, true)));
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/fold-2']);
    pool.partDone('job-1/fold-2', fold(1, foldResult(0.5, true)));
    await pool.pump();
    const final = pool.running.get('job-1/final')!.message;
    expect(final.crossValidated!.reports[0]!.status).toBe('cancelled');
    pool.done('job-1/final', finalReply('job-1/final'));
    expect(events.finished).toHaveLength(1);
  });

  it('fails the job once when a part fails, dropping the waiting parts and ignoring later replies', async () => {
    const { pool, events, parts } = setup(2, 5);
    parts.start();
    await pool.pump();
    pool.fail('job-1/fold-2', { code: 'worker/exited', message: 'gone' });
    expect(events.failed).toEqual([{ code: 'worker/exited', message: 'gone' }]);
    expect(pool.queue).toEqual([]);
    pool.partDone('job-1/fold-1', fold(0, foldResult(1)));
    await pool.pump();
    expect(pool.ids()).toEqual([]);
    expect(events.failed).toHaveLength(1);
    expect(events.finished).toEqual([]);
  });
});
