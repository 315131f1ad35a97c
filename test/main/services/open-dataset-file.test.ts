import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContractEvents, EventName } from '../../../src-core/contract/operations';
import { createServices } from '../../../src-main/services/create-services';

const dir = mkdtempSync(join(tmpdir(), 'convexnet-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opened(path: string): { name: EventName; payload: ContractEvents[EventName] }[] {
  const services = createServices({ transport: 'electron', poolSize: 1, logger: { info: () => {}, warn: () => {}, error: () => {} } });
  const events: { name: EventName; payload: ContractEvents[EventName] }[] = [];
  services.onEvent((name, payload) => events.push({ name, payload }));
  services.openDatasetFile(path);
  void services.dispose();
  return events;
}

describe('opening a dataset file chosen in the desktop dialog', () => {
  it('loads a CSV with the last column as target and pushes dataset.opened', () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'x1,x2,label\n' + Array.from({ length: 30 }, (_, k) => `${k},${k % 7},${k % 2 ? 'yes' : 'no'}`).join('\n'));
    const [event] = opened(path);
    expect(event?.name).toBe('dataset.opened');
    const summary = event?.payload as ContractEvents['dataset.opened'];
    expect(summary.name).toBe('data.csv');
    expect(summary.rowCount).toBe(30);
    expect(summary.targetName).toBe('label');
    expect(summary.task).toBe('binary');
  });

  it('reports a missing, binary or one-column file as app.error, not a crash', () => {
    const binary = join(dir, 'sheet.xlsx');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]));
    const single = join(dir, 'one.csv');
    writeFileSync(single, 'only\n1\n2\n');
    for (const [path, message] of [[join(dir, 'missing.csv'), /missing\.csv/], [binary, /not UTF-8 text/], [single, /at least one feature column/]] as const) {
      const [event] = opened(path);
      expect(event?.name).toBe('app.error');
      expect((event?.payload as ContractEvents['app.error']).message).toMatch(message);
    }
  });
});
