import { describe, expect, it } from 'vitest';
import { rowTable } from '../../../src-core/data/raw-table';
import { tableForm } from '../../../src-core/data/table-form';
import { UNKNOWN_TABLE } from '../../../src-main/workers/data-protocol';
import { DataTasks } from '../../../src-main/workers/data-tasks';
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
});
