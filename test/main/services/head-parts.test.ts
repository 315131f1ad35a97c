import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../../src-core/contract/envelope';
import type { Dataset } from '../../../src-core/data/dataset';
import { createMatrix } from '../../../src-core/linalg/matrix';
import type { HeadPlan } from '../../../src-core/training/train-model';
import type { TrainedHead } from '../../../src-core/training/train-types';
import { HeadParts } from '../../../src-main/services/head-parts';
import type { JobPartsHost } from '../../../src-main/services/job-parts';
import { createCancelFlag, type DoneReply, type RunJobMessage } from '../../../src-main/workers/train-protocol';
import { ManualPool } from './manual-pool';
import { scpOptions } from './service-helpers';

const train: Dataset = { X: createMatrix(90, 2), y: new Float64Array(90).map((_, i) => i % 3), task: 'multiclass', featureNames: ['a', 'b'], classNames: ['a', 'b', 'c'] };
const options = scpOptions('multiclass', { seed: 4 });
const plan: HeadPlan = { structure: { patterns: null, directions: createMatrix(8, 3) }, headSeeds: [11, 12, 13], phaseShare: 0, setupMs: 5 };

function head(classIndex: number, status: TrainedHead['status'] = 'solved'): TrainedHead {
  return { classIndex, status } as TrainedHead;
}


function setup(poolSize: number, kind: 'train' | 'sweep' = 'train') {
  const pool = new ManualPool(poolSize);
  const events: { finished: DoneReply[]; failed: ContractError[] } = { finished: [], failed: [] };
  const host: JobPartsHost = {
    pool,
    machineBytes: 1e15,
    message: async (): Promise<RunJobMessage> => ({ type: 'run', jobId: 'job-1', train, test: null, options, cancelFlag: createCancelFlag(), progressIntervalMs: 0, ...(kind === 'sweep' ? { sweep: { betas: [0.1, 0.01, 1] } } : {}) }),
    started: () => {},
    progress: () => {},
    finished: (r) => void events.finished.push(r),
    failed: (e) => void events.failed.push(e),
  };
  return { pool, events, parts: new HeadParts('job-1', kind, host) };
}

const modelReply = (id: string): DoneReply => ({ type: 'done', jobId: id, outcome: {} as DoneReply['outcome'], train: {} as DoneReply['train'], test: null });

describe('HeadParts', () => {
  it('plans once, trains the heads from the plan as many at once as the pool holds, then combines them in class order', async () => {
    const { pool, events, parts } = setup(2);
    parts.start();
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/plan']);
    expect(pool.running.get('job-1/plan')!.message.part).toEqual({ kind: 'plan' });
    pool.partDone('job-1/plan', { kind: 'plan', plan });
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/head-1', 'job-1/head-2']);
    expect(pool.running.get('job-1/head-2')!.message.part).toEqual({ kind: 'head', head: 1, plan });
    pool.partDone('job-1/head-2', { kind: 'head', head: 1, trained: head(1) });
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/head-1', 'job-1/head-3']);
    pool.partDone('job-1/head-3', { kind: 'head', head: 2, trained: head(2) });
    pool.partDone('job-1/head-1', { kind: 'head', head: 0, trained: head(0) });
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/model']);
    const last = pool.running.get('job-1/model')!.message;
    expect(last.part).toBeUndefined();
    expect(last.trainedHeads).toEqual({ heads: [head(0), head(1), head(2)], planSetupMs: 5 });
    pool.done('job-1/model', modelReply('job-1/model'));
    expect(events.finished.map((r) => r.jobId)).toEqual(['job-1']);
  });

  it('after a cancel starts no other head, still runs the first (so the run has a model, as on one worker), and combines what ran', async () => {
    const { pool, events, parts } = setup(1);
    parts.start();
    await pool.pump();
    expect(parts.cancel()).toBe(false); // the plan is running
    pool.partDone('job-1/plan', { kind: 'plan', plan });
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/head-1']);
    pool.partDone('job-1/head-1', { kind: 'head', head: 0, trained: head(0, 'cancelled') });
    await pool.pump();
    expect(pool.running.get('job-1/model')!.message.trainedHeads!.heads).toEqual([head(0, 'cancelled')]);
    pool.done('job-1/model', modelReply('job-1/model'));
    expect(events.finished).toHaveLength(1);
  });

  it('fails once when a head fails, dropping the waiting heads', async () => {
    const { pool, events, parts } = setup(2);
    parts.start();
    await pool.pump();
    pool.partDone('job-1/plan', { kind: 'plan', plan });
    await pool.pump();
    pool.fail('job-1/head-1', { code: 'worker/out-of-memory', message: 'full' });
    expect(pool.queue).toEqual([]);
    pool.partDone('job-1/head-2', { kind: 'head', head: 1, trained: head(1) });
    await pool.pump();
    expect(pool.ids()).toEqual([]);
    expect(events.failed).toEqual([{ code: 'worker/out-of-memory', message: 'full' }]);
    expect(events.finished).toEqual([]);
  });

  it('runs a beta sweep\'s heads as paths: planned at the first beta of the path, combined by the last part', async () => {
    const { pool, events, parts } = setup(3, 'sweep');
    parts.start();
    await pool.pump();
    const planMessage = pool.running.get('job-1/plan')!.message;
    // SCP's path goes from the largest beta down: it draws at 1.
    expect(planMessage.options.beta).toBe(1);
    pool.partDone('job-1/plan', { kind: 'plan', plan });
    await pool.pump();
    expect(pool.ids()).toEqual(['job-1/head-1', 'job-1/head-2', 'job-1/head-3']);
    expect(pool.running.get('job-1/head-2')!.message.part).toEqual({ kind: 'head-path', head: 1, plan });
    expect(pool.running.get('job-1/head-2')!.message.options.beta).toBe(options.beta);
    // Head h's model at each of the three betas.
    const path = (h: number) => ({ head: h, trained: [0, 1, 2].map((i) => head(h, i === 0 ? 'solved' : 'max-iterations')) });
    for (const h of [2, 0, 1]) pool.partDone(`job-1/head-${h + 1}`, { kind: 'head-path', head: h, path: path(h) });
    await pool.pump();
    expect(pool.running.get('job-1/model')!.message.headPaths).toEqual({ plan, paths: [path(0), path(1), path(2)] });
    pool.done('job-1/model', modelReply('job-1/model'));
    expect(events.finished).toHaveLength(1);
  });

  it('fails on a reply of the wrong kind instead of building a model from it', async () => {
    const { pool, events, parts } = setup(2);
    parts.start();
    await pool.pump();
    pool.partDone('job-1/plan', { kind: 'head', head: 0, trained: head(0) });
    expect(events.failed[0]!.code).toBe('internal/error');
  });
});
