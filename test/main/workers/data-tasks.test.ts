import { describe, expect, it } from 'vitest';
import { rowTable } from '../../../src-core/data/raw-table';
import { tableForm } from '../../../src-core/data/table-form';
import { UNKNOWN_TABLE } from '../../../src-main/workers/data-protocol';
import { DataTasks, failedReply } from '../../../src-main/workers/data-tasks';
import { workbookSheetsDetails } from '../../../src-core/contract/error-details';
import { ConvexNetError } from '../../../src-core/errors';
import { splitForm } from '../../../src-main/workers/table-shipment';

describe('DataTasks', () => {
  it('forgets a table still arriving: its later pieces and end add nothing', () => {
    const tasks = new DataTasks();
    const { skeleton, bulk } = splitForm(tableForm(rowTable(['a', 'b'], [['1', 'x'], ['2', 'y']])));
    tasks.handle({ type: 'table-begin', tableId: 1, skeleton });
    tasks.handle({ type: 'table-forget', tableId: 1 });
    bulk.forEach((items, index) => tasks.handle({ type: 'table-piece', tableId: 1, index, items }));
    tasks.handle({ type: 'table-end', tableId: 1 });
    const answer = tasks.handle({ type: 'profile', id: 1, tableId: 1, columns: [0] });
    expect(answer?.reply).toMatchObject({ ok: false, error: { code: UNKNOWN_TABLE } });
  });

  it("replies to a request that threw with the ConvexNetError's details, anything else as internal/error", () => {
    const details = workbookSheetsDetails('Notes', ['Notes', 'Data'])!;
    expect(failedReply(3, new ConvexNetError('data/too-few-columns', 'One column.', details)).reply).toEqual({ type: 'reply', id: 3, ok: false, error: { code: 'data/too-few-columns', message: 'One column.', details } });
    expect(failedReply(4, new ConvexNetError('data/x', 'No details.')).reply).toEqual({ type: 'reply', id: 4, ok: false, error: { code: 'data/x', message: 'No details.' } });
    expect(failedReply(5, new RangeError('boom')).reply).toEqual({ type: 'reply', id: 5, ok: false, error: { code: 'internal/error', message: 'boom' } });
  });
});
