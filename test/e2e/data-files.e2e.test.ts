import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openScreen } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/data/${name}`, import.meta.url));

/** Opening awkward files on the Data screen: workbooks and sheets, very long values, keyboard focus. */
describe('the Data screen with awkward files', () => {
  const session = useBrowserSession();

  it('keeps a chosen sheet for workbooks only, and offers the sheets of the workbook read', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await openScreen(page, 'Data');
    await page.getByText('Reading options').click();
    await page.getByLabel('Sheet (XLSX)').fill('Notes');
    await page.getByText('Reading options').click();
    // Closed, the panel still says a sheet is chosen.
    expect(await page.getByTestId('reading-options-summary').textContent()).toContain('sheet “Notes” of workbooks');

    await page.getByTestId('dataset-file-input').setInputFiles(fixture('segments.csv'));
    await page.getByRole('heading', { name: 'Loaded: segments.csv' }).waitFor();

    await page.getByText('Reading options').click();
    await page.getByLabel('Sheet (XLSX)').fill('');
    await page.getByTestId('dataset-file-input').setInputFiles(fixture('two-sheets.xlsx'));
    await page.getByRole('heading', { name: 'Loaded: two-sheets.xlsx' }).waitFor();
    const sheetChoice = page.getByLabel('Sheet of two-sheets.xlsx');
    await sheetChoice.waitFor();
    expect(await sheetChoice.locator('option').allTextContents()).toEqual(['Measurements', 'Notes']);
    expect(await sheetChoice.inputValue()).toBe('Measurements');
    expect(problems).toEqual([]);
  }, 120_000);

  it('offers the other sheets when the first sheet of a workbook holds only notes, and reads the one chosen', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await openScreen(page, 'Data');
    await page.getByTestId('dataset-file-input').setInputFiles(fixture('notes-first.xlsx'));
    await page.getByText('notes-first.xlsx, sheet "Notes", has 1 column;', { exact: false }).waitFor();
    // The error reply listed the sheets (web transport): the picker proposes the other one.
    const sheetChoice = page.getByLabel('Sheet of notes-first.xlsx');
    await sheetChoice.waitFor();
    expect(await sheetChoice.locator('option').allTextContents()).toEqual(['Notes', 'Measurements']);
    expect(await sheetChoice.inputValue()).toBe('Measurements');
    await page.getByRole('button', { name: 'Read this sheet' }).click();
    await page.getByRole('heading', { name: 'Loaded: notes-first.xlsx' }).waitFor();
    expect(await page.getByLabel('Sheet of notes-first.xlsx').inputValue()).toBe('Measurements');
    // The failed import answered with an error envelope, not a failed request: no page problem.
    expect(problems).toEqual([]);
  }, 120_000);

  it('keeps the Role column in view when a column holds 5,000-character values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'long-values-'));
    // The file is this test's own: removed however the test ends (it was left in the temp folder on every run).
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'long_strings.csv');
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${String.fromCharCode(97 + (i % 26)).repeat(5000)},${i % 2 ? 'yes' : 'no'}`);
    writeFileSync(file, ['id,text,label', ...rows].join('\n'));
    const { page, problems } = await openApp(session.browser, session.app.url);
    await openScreen(page, 'Data');
    await page.getByTestId('dataset-file-input').setInputFiles(file);
    await page.getByRole('heading', { name: 'Loaded: long_strings.csv' }).waitFor();
    const role = page.getByRole('combobox', { name: 'Role of text' });
    await role.waitFor();
    const wrap = page.locator('.column-table__wrap');
    const { scrollWidth, clientWidth } = await wrap.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
    const [roleBox, wrapBox] = [await role.boundingBox(), await wrap.boundingBox()];
    expect(roleBox!.x + roleBox!.width).toBeLessThanOrEqual(wrapBox!.x + wrapBox!.width + 1);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a focus ring on "Choose a file…" when the file input has keyboard focus', async () => {
    const { page } = await openApp(session.browser, session.app.url);
    await openScreen(page, 'Data');
    // Runs in the page (DOM types are not in this project's type-check): the page's globals, structurally.
    type PageGlobals = { document: { activeElement: unknown }; getComputedStyle(element: unknown): { outlineStyle: string } };
    const input = page.getByTestId('dataset-file-input');
    const inputFocused = () => input.evaluate((element) => element === (globalThis as unknown as PageGlobals).document.activeElement);
    for (let i = 0; i < 40 && !(await inputFocused()); i++) await page.keyboard.press('Tab');
    expect(await inputFocused()).toBe(true);
    const outline = await page.locator('.file-opener__pick .button').evaluate((element) => (globalThis as unknown as PageGlobals).getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
  }, 60_000);
});
