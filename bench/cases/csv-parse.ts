/**
 * Issue 4: parsing a numeric CSV of `rows` x `columns` (six-decimal values, about 190 bytes per
 * row at 20 columns) through the app's own import path: the file is read a piece at a time
 * (openFileSource), its bytes decoded (encoding detected), the dialect detected and the delimited
 * text parsed into the raw table that the data screen and the jobs use (readTextTable, the same
 * code the CLI runs, and the app's data worker in slices; csv-open-* opens it as the app does).
 *
 * The file is written first, streaming, so writing it costs little memory; the case then reads
 * it and parses it. Peak memory is the child's peak RSS (the runner records it): the metrics give
 * it relative to the file size.
 */
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextTable } from '../../src-core/data/formats/read-table';
import { openFileSource } from '../../src-main/files/files';
import { cpuMsNow } from '../stats';
import type { CsvParseParams, Metrics } from '../types';

export function writeCsv(path: string, params: CsvParseParams): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${Array.from({ length: params.columns }, (_, j) => `x${j + 1}`).join(',')}\n`);
    let state = params.seed >>> 0;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    let lines: string[] = [];
    for (let i = 0; i < params.rows; i++) {
      const cells = new Array<string>(params.columns);
      for (let j = 0; j < params.columns; j++) cells[j] = ((next() - 0.5) * 20).toFixed(6);
      lines.push(cells.join(','));
      if (lines.length === 10_000) {
        writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

export function runCsvParseCase(params: CsvParseParams): Metrics {
  const path = join(tmpdir(), `convexnet-bench-${process.pid}.csv`);
  try {
    writeCsv(path, params);
    const fileBytes = statSync(path).size;
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    const cpu0 = cpuMsNow();
    const t0 = performance.now();
    // As the app and the CLI read a file (openDatasetFile, readDataFile): a piece at a time.
    const file = openFileSource(path, 'the bench file');
    let table;
    try {
      ({ table } = readTextTable(file.source, 'bench.csv'));
    } finally {
      file.close();
    }
    const wallMs = performance.now() - t0;
    const cpuMs = cpuMsNow() - cpu0;
    if (table.rowCount !== params.rows || table.columns.length !== params.columns) {
      throw new Error(`parsed ${table.rowCount} x ${table.columns.length}, expected ${params.rows} x ${params.columns}`);
    }
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    return { rows: params.rows, columns: params.columns, fileBytes, wallMs, cpuMs, rssBeforeParseBytes: rssBefore, peakRssBytes, peakOverFile: peakRssBytes / fileBytes };
  } finally {
    rmSync(path, { force: true });
  }
}
