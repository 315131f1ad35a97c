/**
 * How long the main thread is busy at a time while the app answers the Train screen's questions
 * on a large built-in dataset: the services as web mode and Electron run them (createServices, a
 * data worker and one training worker), called through dispatch. A ticker every 2 ms records the
 * longest gap between its callbacks during each operation (the longest main-thread task, within
 * a few ms; on a loaded machine it includes waits for a core), and eventLoopUtilization the main
 * thread's busy time. The operations: loading the dataset (generated in the data worker, the
 * main thread only registers it), configuring it, the defaults, the advice, estimates with
 * and without the calibration probe (also after a change of seed, a new split), a job from its
 * start to its first progress event (its data prepared and sent to the training worker), and a
 * 5-iteration run from its start to its end (its result with the test-row predictions and the
 * input importance). Then, apart, opening a generated CSV of as many rows (20 numeric columns and
 * a class; written before the clock starts) from its start to the dataset opened, and its
 * inspection: `importLongestTaskMs` is over those two, `longestTaskMs` over the others.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DatasetSummary } from '../../src-core/contract/operations';
import type { TrainOptions } from '../../src-core/training/train-types';
import { createServices } from '../../src-main/services/create-services';
import type { MainThreadParams, Metrics } from '../types';

const TICK_MS = 2;

export async function runMainThreadCase(params: MainThreadParams): Promise<Metrics> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, TICK_MS);
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const services = createServices({ transport: 'web', poolSize: 1, logger: quiet });
  const call = async <T>(operation: string, payload: unknown): Promise<T> => {
    const reply = await services.dispatch(operation, payload);
    if (!reply.ok) throw new Error(`${operation}: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as T;
  };
  const operations: Metrics[] = [];
  let trainScreen = 0;
  let folder: string | null = null;
  const measure = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = performance.now();
    longest = 0;
    const busy0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    const value = await run();
    const wallMs = performance.now() - t0;
    // The ticker's next callback closes the last task.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const longestMs = Math.max(longest, performance.now() - last);
    operations.push({ operation: name, longestTaskMs: longestMs, busyMs: performance.eventLoopUtilization(busy0).active, wallMs });
    return value;
  };
  try {
    const loaded = await measure('datasets.loadBuiltIn', () => call<DatasetSummary>('datasets.loadBuiltIn', { id: params.dataset, rows: params.rows, seed: params.seed }));
    await measure('datasets.inspect', () => call('datasets.inspect', { datasetId: loaded.datasetId }));
    const configured = await measure('datasets.configure', () =>
      call<DatasetSummary>('datasets.configure', { datasetId: loaded.datasetId, target: loaded.targetName, ignoredColumns: [], preparation: { imputation: 'median', scaling: 'standardize', maxCategories: 50 } }),
    );
    const datasetId = configured.datasetId;
    const options = await measure('training.defaults', () => call<TrainOptions>('training.defaults', { datasetId }));
    await measure('training.advice', () => call('training.advice', { datasetId, testFraction: 0.2 }));
    await measure('training.estimate', () => call('training.estimate', { datasetId, options, testFraction: 0.2, probe: false }));
    await measure('training.estimate (probe)', () => call('training.estimate', { datasetId, options, testFraction: 0.2, probe: true }));
    const reseeded = { ...options, seed: options.seed + 1 };
    await measure('training.estimate (new seed)', () => call('training.estimate', { datasetId, options: reseeded, testFraction: 0.2, probe: false }));
    await measure('training.advice (test share 0.3)', () => call('training.advice', { datasetId, testFraction: 0.3 }));
    await measure('job: start to first progress', async () => {
      let jobId = '';
      const progressed = new Promise<void>((resolve) => {
        services.onEvent((name, payload) => {
          const event = payload as { jobId?: string; state?: string };
          if (event.jobId === jobId && (name === 'job.progress' || (name === 'job.updated' && (event.state === 'finished' || event.state === 'failed')))) resolve();
        });
      });
      jobId = (await call<{ jobId: string }>('jobs.start', { datasetId, options, testFraction: 0.2 })).jobId;
      await progressed;
      await call('jobs.cancel', { jobId });
    });
    // A short run to its end: its result, with the test-row predictions and the input importance.
    const short = { ...options, solverSettings: { ...options.solverSettings, patternSource: 'random', maxIterations: 5 } };
    await measure('job: a 5-iteration run, start to end', async () => {
      let jobId = '';
      const ended = new Promise<void>((resolve) => {
        services.onEvent((name, payload) => {
          const event = payload as { jobId?: string; state?: string };
          if (name === 'job.updated' && event.jobId === jobId && (event.state === 'finished' || event.state === 'cancelled' || event.state === 'failed')) resolve();
        });
      });
      jobId = (await call<{ jobId: string }>('jobs.start', { datasetId, options: short, testFraction: 0.2 })).jobId;
      await ended;
      const result = await call<{ testPredictions?: unknown; importance?: unknown }>('jobs.result', { jobId });
      if (!result.testPredictions || !result.importance) throw new Error('The short run has no test-row predictions or input importance.');
    });
    trainScreen = operations.length;
    const csv = join((folder = await mkdtemp(join(tmpdir(), 'convexnet-bench-'))), `generated-${params.rows}.csv`);
    await writeCsv(csv, params.rows, params.seed);
    const opened = await measure(`open ${params.rows.toLocaleString('en-US')} x 21 CSV`, async () => {
      const done = new Promise<DatasetSummary>((resolve, reject) => {
        services.onEvent((name, payload) => {
          if (name === 'dataset.opened') resolve(payload as DatasetSummary);
          if (name === 'app.error') reject(new Error(`opening the CSV: ${JSON.stringify(payload)}`));
        });
      });
      await services.openDatasetFile(csv);
      return done;
    });
    await measure('datasets.inspect (the CSV)', () => call('datasets.inspect', { datasetId: opened.datasetId }));
  } finally {
    clearInterval(ticker);
    await services.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  }
  const others = operations.slice(0, trainScreen);
  const imports = operations.slice(trainScreen);
  return {
    dataset: params.dataset,
    rows: params.rows,
    operations,
    // Over the built-in's operations, the load included.
    longestTaskMs: Math.max(...others.map((o) => o.longestTaskMs as number)),
    busyMs: others.reduce((s, o) => s + (o.busyMs as number), 0),
    // Over the CSV's opening and inspection.
    importLongestTaskMs: Math.max(...imports.map((o) => o.longestTaskMs as number)),
    importBusyMs: imports.reduce((s, o) => s + (o.busyMs as number), 0),
  };
}

/** A CSV of `rows` rows: x0..x19, numbers of 4 decimals in [-5, 5), and a class a/b/c; seeded. */
async function writeCsv(path: string, rows: number, seed: number): Promise<void> {
  const out = createWriteStream(path);
  let state = seed >>> 0;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(`${Array.from({ length: 20 }, (_, j) => `x${j}`).join(',')},label\n`);
  let piece = '';
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < 20; j++) piece += `${(next() * 10 - 5).toFixed(4)},`;
    piece += `${'abc'[Math.floor(next() * 3)]}\n`;
    if (piece.length > 1 << 20) {
      await write(piece);
      piece = '';
    }
  }
  await write(piece);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
