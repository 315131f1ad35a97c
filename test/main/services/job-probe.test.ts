import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { createCancelFlag } from '../../../src-main/workers/train-protocol';
import { moons } from '../../core/fixtures/synthetic';
import { manualJobManager } from './manual-job-manager';
import { scpOptions } from './service-helpers';

describe('a calibration probe (the estimate before Start)', () => {
  it("rejects with its worker's error, details included", async () => {
    const { pool, jobs } = manualJobManager();
    const details = { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data'] } as const;
    const probe = jobs.probe((jobId) => ({ type: 'run', jobId, train: moons(40, 0.2, 1), test: null, options: scpOptions('binary'), cancelFlag: createCancelFlag(), progressIntervalMs: 50 }));
    await pool.pump();
    pool.fail(pool.ids()[0]!, { code: 'data/x', message: 'No.', details });
    const error = await probe.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConvexNetError);
    expect(error).toMatchObject({ code: 'data/x', message: 'No.', details });
  });
});
