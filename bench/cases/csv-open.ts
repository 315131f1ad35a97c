/**
 * Opening the csv-parse case's CSV (`rows` x `columns` numbers) as the app opens a file from its
 * dialog: the services' openDatasetFile, with their data worker started first (a built-in loaded),
 * so the peak is the whole app's: the parse, the column profiles and the target, and the table
 * back on the main thread. Since 2026-11-30 (night) the data worker parses, profiles and keeps
 * the table and sends it back with its numbers shared; before, the main thread parsed it and sent
 * it to the worker for the profiles. csv-parse-* times the parse alone, in its own thread (the
 * command line's path).
 */
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSummary } from '../../src-core/contract/operations';
import { createServices } from '../../src-main/services/create-services';
import { cpuMsNow } from '../stats';
import type { CsvParseParams, Metrics } from '../types';
import { writeCsv } from './csv-parse';

export async function runCsvOpenCase(params: CsvParseParams): Promise<Metrics> {
  const path = join(tmpdir(), `convexnet-bench-open-${process.pid}.csv`);
  const services = createServices({ transport: 'web', poolSize: 1, logger: { info: () => {}, warn: () => {}, error: () => {} } });
  try {
    writeCsv(path, params);
    const fileBytes = statSync(path).size;
    let opened: DatasetSummary | null = null;
    let failure: unknown = null;
    services.onEvent((name, payload) => {
      if (name === 'dataset.opened') opened = payload as DatasetSummary;
      if (name === 'app.error') failure = payload;
    });
    const started = await services.dispatch('datasets.loadBuiltIn', { id: 'iris' });
    if (!started.ok) throw new Error(started.error.message);
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    // CPU time of the process: every thread.
    const cpu0 = cpuMsNow();
    const t0 = performance.now();
    await services.openDatasetFile(path);
    const wallMs = performance.now() - t0;
    const cpuMs = cpuMsNow() - cpu0;
    const summary = opened as DatasetSummary | null;
    if (!summary) throw new Error(`opening the CSV failed: ${JSON.stringify(failure)}`);
    if (summary.rowCount !== params.rows) throw new Error(`opened ${summary.rowCount} rows, expected ${params.rows}`);
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    return { rows: params.rows, columns: params.columns, fileBytes, wallMs, cpuMs, rssBeforeOpenBytes: rssBefore, peakRssBytes, peakOverFile: peakRssBytes / fileBytes };
  } finally {
    await services.dispose();
    rmSync(path, { force: true });
  }
}
