import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelFromOnnx } from '../../src-core/export/onnx/read-onnx-model';
import { twoMoonsTable } from '../../src-core/data/builtin/two-moons';
import { predictRaw } from '../../src-core/model/model-file';
import { loadTwoMoons, openScreen, openTrainForm, pressTrain } from './support/app-page';
import type { TestBrowser } from './support/browser';
import { launchBrowser, openApp } from './support/browser';
import { ensureBuiltApp } from './support/built-app';
import { artifactsDir } from './support/repo-paths';
import type { WebApp } from './support/web-app-process';
import { startWebApp } from './support/web-app-process';
import { tableRows } from '../../src-core/data/raw-table';

/**
 * Export and run history in the real app (web mode + headless Chromium): train, download the
 * model as ONNX and the HTML report through the Export screen, then restart the server on the
 * same workspace folder and re-open the saved run from the history.
 */
describe('export and run history in the browser', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'convexnet-e2e-export-workspace-'));
  const downloads = mkdtempSync(join(tmpdir(), 'convexnet-e2e-downloads-'));
  let app: WebApp | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    await ensureBuiltApp();
    app = await startWebApp(30_000, { workspace });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  });

  async function download(page: Page, button: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    const path = join(downloads, file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }

  async function openHistory(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^History/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Run history' }).waitFor();
  }

  it('trains, exports ONNX, imports it back to predict on a file, exports the HTML report, and re-opens the run after a restart', async () => {
    const opened = await openApp(browser!, app!.url);
    let page = opened.page;
    const problems = opened.problems;
    await loadTwoMoons(page, 120);
    await openTrainForm(page);
    await pressTrain(page);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 90_000 }).toBe('Finished');
    const metricsBefore = await page.getByRole('table', { name: 'Metrics' }).textContent();

    // The finished run was saved to the workspace folder on its own.
    await expect.poll(() => readdirSync(workspace).filter((f) => /^run-.*\.json$/.test(f)).length, { timeout: 10_000 }).toBe(1);

    await openScreen(page, 'Export');
    await page.getByTestId('export-source-summary').waitFor();
    const onnxPath = await download(page, 'Model as ONNX');
    expect(onnxPath).toMatch(/\.onnx$/);
    // The downloaded file is a working ONNX model: onnxruntime gives the app's labels on raw rows.
    const bytes = readFileSync(onnxPath);
    const model = readModelFromOnnx(bytes);
    const table = twoMoonsTable({ rows: 25, seed: 99, noise: 0.1 });
    const input = new ort.Tensor('float64', Float64Array.from(tableRows(table).flatMap((r) => model.featureNames.map((f) => Number(r[table.columns.indexOf(f)])))), [25, 2]);
    const session = await ort.InferenceSession.create(bytes);
    const output = await session.run({ input });
    await session.release();
    expect(output['label']!.data).toEqual(Array.from(predictRaw(model, table).labels!, (c) => model.classNames[c]));

    // Import that ONNX file back and predict on a new CSV with it, all through the page.
    await page.getByLabel('Model file to import').setInputFiles(onnxPath);
    await expect.poll(() => page.getByRole('combobox', { name: 'Model to export' }).inputValue()).toMatch(/^imported:/);
    const csv = [table.columns.join(','), ...tableRows(table).map((r) => r.join(','))].join('\n');
    const [predictionsFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByLabel('Data file to predict').setInputFiles({ name: 'new-moons.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }),
    ]);
    const predictionsPath = join(downloads, predictionsFile.suggestedFilename());
    await predictionsFile.saveAs(predictionsPath);
    const predicted = readFileSync(predictionsPath, 'utf8').trim().split('\n');
    expect(predicted[0]).toBe(['prediction', ...model.classNames.map((c) => `probability_${c}`)].join(','));
    expect(predicted.slice(1).map((line) => line.split(',')[0])).toEqual(output['label']!.data);
    await page.getByRole('table', { name: 'Predictions preview' }).waitFor();
    await page.getByRole('combobox', { name: 'Model to export' }).selectOption({ index: 1 });

    const reportPath = await download(page, 'HTML report');
    const html = readFileSync(reportPath, 'utf8');
    for (const id of ['summary', 'data', 'preparation', 'settings', 'metrics', 'charts', 'certificate']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toMatch(/https?:\/\//);
    await page.getByTestId('last-export').waitFor();
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'export-screen-light.png'), fullPage: true });

    // Restart the server on the same workspace: the run is in the history and re-opens the same.
    await page.close();
    await app!.stop();
    app = await startWebApp(30_000, { workspace });
    const reopened = await openApp(browser!, app.url);
    page = reopened.page;
    const problemsAfter = reopened.problems;
    await openHistory(page);
    const rows = page.getByRole('table', { name: 'Saved runs' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(2); // header + the run
    await page.getByTestId('history-open').click();
    await page.getByTestId('opened-run').waitFor();
    expect(await page.getByRole('table', { name: 'Metrics' }).textContent()).toBe(metricsBefore);

    // A saved run exports from the Export screen too (it is the default once opened).
    await openScreen(page, 'Export');
    // (The saved runs' options appear once the run list is read.)
    await expect.poll(() => page.getByRole('combobox', { name: 'Model to export' }).inputValue()).toMatch(/^run:run-/);
    const jsonPath = await download(page, 'Model as JSON');
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toEqual(model);

    expect(problems).toEqual([]);
    expect(problemsAfter).toEqual([]);
  }, 240_000);
});
