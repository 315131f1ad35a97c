import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAppErrorEvent } from '../../../src-core/contract/app-error-event';
import type { ContractEvents, DatasetSummary, EventName } from '../../../src-core/contract/operations';
import { createServices } from '../../../src-main/services/create-services';

const dir = mkdtempSync(join(tmpdir(), 'convexnet-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function opened(path: string): Promise<{ name: EventName; payload: ContractEvents[EventName] }[]> {
  const services = createServices({ transport: 'electron', poolSize: 1, logger: { info: () => {}, warn: () => {}, error: () => {} } });
  const events: { name: EventName; payload: ContractEvents[EventName] }[] = [];
  services.onEvent((name, payload) => events.push({ name, payload }));
  await services.openDatasetFile(path);
  await services.dispose();
  // Progress events of the import come first; the outcome is the last event.
  return events.filter((e) => e.name !== 'dataset.importProgress');
}

describe('opening a dataset file chosen in the desktop dialog', () => {
  it('loads a CSV with the last column as target and pushes dataset.opened', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'x1,x2,label\n' + Array.from({ length: 30 }, (_, k) => `${k},${k % 7},${k % 2 ? 'yes' : 'no'}`).join('\n'));
    const [event] = await opened(path);
    expect(event?.name).toBe('dataset.opened');
    const summary = event?.payload as ContractEvents['dataset.opened'];
    expect(summary.name).toBe('data.csv');
    expect(summary.rowCount).toBe(30);
    expect(summary.targetName).toBe('label');
    expect(summary.task).toBe('binary');
  });

  it('opens every supported format, e.g. an XLSX workbook (first sheet)', async () => {
    const path = join(dir, 'book.xlsx');
    writeFileSync(path, readFileSync(new URL('../../fixtures/data/two-sheets.xlsx', import.meta.url)));
    const [event] = await opened(path);
    expect(event?.name).toBe('dataset.opened');
    expect((event?.payload as ContractEvents['dataset.opened']).previewColumns).toEqual(['x', 'y', 'label']);
    // With the file's id, to read another of its sheets (datasets.reopen).
    expect((event?.payload as ContractEvents['dataset.opened']).openedFile).toEqual({ fileId: expect.stringMatching(/^opened-file-/) as unknown, fileName: 'book.xlsx' });
  });

  it('reports a missing, broken, binary or one-column file as app.error, not a crash', async () => {
    const broken = join(dir, 'sheet.xlsx');
    writeFileSync(broken, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]));
    const binary = join(dir, 'garbage.csv');
    writeFileSync(binary, Buffer.from([0x41, 0x00, 0x42, 0x07, 0x08]));
    const single = join(dir, 'one.csv');
    writeFileSync(single, 'only\n1\n2\n');
    const cases = [
      [join(dir, 'missing.csv'), /missing\.csv/],
      [broken, /could not be read as an XLSX workbook/],
      [binary, /garbage\.csv holds binary data/],
      [single, /at least one feature column/],
    ] as const;
    for (const [path, message] of cases) {
      const [event] = await opened(path);
      expect(event?.name).toBe('app.error');
      expect((event?.payload as ContractEvents['app.error']).message).toMatch(message);
    }
  });
});

describe('a workbook opened from the desktop menu whose first sheet holds no table', () => {
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };

  it("reports its sheets and the file's id in app.error, and reads the sheet chosen by that id", async () => {
    const path = join(dir, 'notes-first.xlsx');
    writeFileSync(path, readFileSync(new URL('../../fixtures/data/notes-first.xlsx', import.meta.url)));
    const services = createServices({ transport: 'electron', poolSize: 1, logger: quiet });
    try {
      const events: { name: EventName; payload: unknown }[] = [];
      services.onEvent((name, payload) => events.push({ name, payload }));
      await services.openDatasetFile(path);
      const failure = events.filter((e) => e.name !== 'dataset.importProgress').at(-1)!;
      expect(failure.name).toBe('app.error');
      const payload = failure.payload as ContractEvents['app.error'];
      expect(payload).toMatchObject({ code: 'data/too-few-columns', details: { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Measurements'] }, openedFile: { fileName: 'notes-first.xlsx' } });
      // The event passes the contract's schema as the window receives it (a structured clone).
      expect(parseAppErrorEvent(structuredClone(payload))).toEqual(payload);

      const reopened = await services.dispatch('datasets.reopen', { fileId: payload.openedFile!.fileId, importId: 'reopen-1', options: { sheet: 'Measurements' } });
      expect(reopened.ok).toBe(true);
      const summary = (reopened as { value: DatasetSummary }).value;
      // From the Measurements sheet: the Notes sheet holds one column.
      expect(summary.name).toBe('notes-first.xlsx');
      expect(summary.previewColumns.length).toBeGreaterThan(1);
      // The sheet asked for that the workbook does not have: an error reply with the sheets again.
      expect(await services.dispatch('datasets.reopen', { fileId: payload.openedFile!.fileId, importId: 'reopen-2', options: { sheet: 'Daten' } })).toMatchObject({
        ok: false,
        error: { code: 'data/unknown-sheet', details: { kind: 'workbook-sheets', sheet: 'Daten', sheets: ['Notes', 'Measurements'] } },
      });
    } finally {
      await services.dispose();
    }
  });

  it('refuses to read again a file id it never gave (the renderer cannot name a path)', async () => {
    const services = createServices({ transport: 'web', poolSize: 1, logger: quiet });
    try {
      expect(await services.dispatch('datasets.reopen', { fileId: 'opened-file-1', importId: 'reopen-x' })).toMatchObject({ ok: false, error: { code: 'data/unknown-opened-file' } });
      expect(await services.dispatch('datasets.reopen', { path: '/etc/passwd', importId: 'reopen-y' })).toMatchObject({ ok: false, error: { code: 'contract/invalid-request' } });
    } finally {
      await services.dispose();
    }
  });
});
