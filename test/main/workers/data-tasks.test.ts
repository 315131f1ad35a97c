import { describe, expect, it } from 'vitest';
import { rowTable } from '../../../src-core/data/raw-table';
import { tableForm } from '../../../src-core/data/table-form';
import { UNKNOWN_TABLE } from '../../../src-main/workers/data-protocol';
import { DataTasks, failedReply } from '../../../src-main/workers/data-tasks';
import { workbookSheetsDetails } from '../../../src-core/contract/error-details';
import { ConvexNetError } from '../../../src-core/errors';
import { splitForm } from '../../../src-main/workers/table-shipment';
import type { OpenFileOutcome, OpenFileRequest } from '../../../src-main/workers/open-file-protocol';

/** An open request for a CSV of `rows` rows (several parse slices at 250,000) under table id 1, with its cancel flag. */
function openRequest(rows: number): { request: OpenFileRequest; flag: Int32Array } {
  const lines = ['x,y,label', ...Array.from({ length: rows }, (_, r) => `${r},${(r * 7) % 13},${r % 2 ? 'a' : 'b'}`)];
  const cancelFlag = new SharedArrayBuffer(4);
  const request: OpenFileRequest = { type: 'open-file', id: 1, tableId: 1, input: { kind: 'bytes', chunks: [new TextEncoder().encode(lines.join('\n'))] }, fileName: 'f.csv', options: {}, cancelFlag };
  return { request, flag: new Int32Array(cancelFlag) };
}

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

  it('keeps an opened table under its id, and none of an open cancelled during the parse or the inspection', async () => {
    const opened = new DataTasks();
    const { request } = openRequest(100);
    const answer = await opened.open(request, () => {});
    expect((answer.reply as { value: OpenFileOutcome }).value).toMatchObject({ opened: true, target: { ok: true, target: { column: 'label' } } });
    expect(opened.handle({ type: 'profile', id: 2, tableId: 1, columns: [0] })?.reply).toMatchObject({ ok: true });
    for (const phase of ['parsing', 'inspecting']) {
      const tasks = new DataTasks();
      const { request, flag } = openRequest(250_000);
      const cancelled = await tasks.open(request, (progress) => {
        if (progress.type === 'open-progress' && progress.phase === phase && progress.fraction > 0) Atomics.store(flag, 0, 1);
      });
      expect((cancelled.reply as { value: OpenFileOutcome }).value).toEqual({ opened: false, error: { code: 'data/import-cancelled', message: 'Opening f.csv was cancelled; the data loaded before is unchanged.' } });
      expect(tasks.handle({ type: 'profile', id: 2, tableId: 1, columns: [0] })?.reply).toMatchObject({ ok: false, error: { code: UNKNOWN_TABLE } });
    }
  }, 30_000);
});
