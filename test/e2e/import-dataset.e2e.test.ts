import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openScreen, openTrainForm, parsePercent, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

const fixture = fileURLToPath(new URL('../fixtures/data/segments.csv', import.meta.url));

/**
 * Own data in the real app: open a CSV through the file input, see the inspection, change the
 * target and one column's role, apply, train, and read the results.
 */
describe('import a CSV in the browser', () => {
  const session = useBrowserSession();

  it('opens a CSV, changes the target and a column role, trains and shows results', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await page.getByRole('heading', { level: 1, name: 'ConvexNet Studio' }).waitFor();
    await openScreen(page, 'Data');

    await page.getByTestId('dataset-file-input').setInputFiles(fixture);
    await page.getByRole('heading', { name: 'Loaded: segments.csv' }).waitFor();
    // The inspection suggested "label" as the target and flagged the id column.
    const roleOf = (column: string) => page.getByRole('combobox', { name: `Role of ${column}` });
    await roleOf('id').waitFor();
    expect(await roleOf('label').inputValue()).toBe('target');
    expect(await roleOf('id').inputValue()).toBe('ignore');
    expect(await page.getByRole('row', { name: /^id/ }).textContent()).toMatch(/Looks like an identifier/);

    // The user predicts "segment" instead, and leaves the noise column out.
    await roleOf('segment').selectOption('target');
    await roleOf('noise_col').selectOption('ignore');
    await page.getByRole('button', { name: 'Apply choices' }).click();
    await expect.poll(async () => roleOf('segment').inputValue()).toBe('target');
    await expect.poll(() => page.locator('.dataset-preview__facts').textContent()).toMatch(/Target\s*segment/);
    expect(await roleOf('label').inputValue()).toBe('feature');
    expect(await roleOf('noise_col').inputValue()).toBe('ignore');
    expect(await page.getByRole('button', { name: 'Apply choices' }).isDisabled()).toBe(true);

    await openTrainForm(page);
    await pressTrain(page);
    const state = page.getByTestId('run-state');
    const deadline = Date.now() + 90_000;
    while ((await state.textContent()) !== 'Finished') {
      expect(Date.now(), `the run did not finish; server stderr:\n${session.app.stderr()}`).toBeLessThan(deadline);
      expect(await state.textContent()).not.toMatch(/Failed|Cancelled/);
      await page.waitForTimeout(100);
    }
    const accuracyRow = page.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^Accuracy/ });
    await accuracyRow.waitFor();
    const [trainAccuracy] = await accuracyRow.getByRole('cell').allTextContents();
    // "segment" is a disc in (x1, x2): learnable, unlike the random "label".
    expect(parsePercent(trainAccuracy!)).toBeGreaterThanOrEqual(85);
    await page.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^Balanced accuracy/ }).waitFor();

    expect(problems).toEqual([]);
  }, 180_000);
});
