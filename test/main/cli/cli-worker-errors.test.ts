import { describe, expect, it, vi } from 'vitest';
import type { ContractError } from '../../../src-core/contract/envelope';
import type { Dataset } from '../../../src-core/data/dataset';
import { ConvexNetError } from '../../../src-core/errors';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { CliWorkers, cliLogger } from '../../../src-main/cli/cli-workers';
import { errorDetailsText } from '../../../src-main/cli/error-details-text';
import { classificationCsv, runInProcess, tempDir } from './cli-helpers';

/** A worker's failure with details, as the training worker sends it (contractErrorOf). */
const failure: ContractError = {
  code: 'data/too-few-columns',
  message: 'book.xlsx, sheet "Notes", has 1 column.',
  details: { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Measurements'] },
};

// A pool whose every task fails as a worker would: the command line's side of the reply is under test.
vi.mock('../../../src-main/services/worker-pool', () => ({
  WorkerPool: class {
    submit(task: { onFailed(error: ContractError): void }): void {
      task.onFailed(failure);
    }
    async dispose(): Promise<void> {}
  },
}));

describe('a worker\'s error on the command line', () => {
  it('keeps its details through the worker pool', async () => {
    const run = { train: { X: { rows: 10, cols: 2 } } as unknown as Dataset, options: {} as TrainOptions, foldPreparation: null };
    const thrown = await CliWorkers.use(2, run, 2, 1e9, cliLogger(() => {}), undefined, (workers) => workers.trainHeads(run)).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ConvexNetError);
    expect((thrown as ConvexNetError).code).toBe(failure.code);
    expect((thrown as ConvexNetError).details).toEqual(failure.details);
  });

  it('prints what the details tell the user to do, in the command line\'s words', async () => {
    const temp = tempDir();
    try {
      const data = temp.file('three.csv', classificationCsv(['a', 'b'], 10));
      const thrower = () => {
        throw new ConvexNetError(failure.code, failure.message, failure.details);
      };
      const out = await runInProcess(['train', data, '--target', 'label', '--out', temp.file('m.json')], thrower);
      expect(out.code).toBe(1);
      expect(out.stderr.split('\n').filter((line) => line.startsWith('convexnet:'))).toEqual(['convexnet: book.xlsx, sheet "Notes", has 1 column. Read another sheet with --sheet NAME: "Measurements".']);
    } finally {
      temp.remove();
    }
  });

  it('does not list sheets the message already names, and adds nothing without other sheets', () => {
    const details = { kind: 'workbook-sheets', sheet: 'X', sheets: ['X', 'Y'] } as const;
    expect(errorDetailsText('no sheet "X"; its sheets are "X", "Y".', details)).toBe(' Read another sheet with --sheet NAME.');
    expect(errorDetailsText('m', { kind: 'workbook-sheets', sheet: 'X', sheets: ['X'] })).toBe('');
    expect(errorDetailsText('m', undefined)).toBe('');
  });
});
