import type { Page } from 'playwright-core';

/**
 * The steps of the main flow as a user does them, found by role and label like a screen reader
 * would (so the tests also check that the controls are labelled).
 */
export async function openScreen(page: Page, name: 'Data' | 'Train' | 'Results' | 'Export'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

export async function loadTwoMoons(page: Page, rows?: number): Promise<void> {
  await openScreen(page, 'Data');
  await page.getByRole('radio', { name: /Two moons/ }).check();
  if (rows !== undefined) {
    // The generator's settings are folded in its card.
    await page.getByText(/^Settings \(rows/).click();
    await page.getByLabel('Rows', { exact: true }).fill(String(rows));
  }
  // The chosen card holds its own Load button.
  await page.getByRole('button', { name: 'Load Two moons' }).click();
  await page.getByRole('heading', { name: /^Loaded: Two moons/ }).waitFor();
}

/** Opens Train and waits until the form shows the back end's defaults. */
export async function openTrainForm(page: Page): Promise<void> {
  await openScreen(page, 'Train');
  await page.getByRole('form', { name: 'Training settings' }).waitFor();
}

export async function pressTrain(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Results', exact: true }).waitFor();
}

/** Percent value of a cell like "97.5%". */
export function parsePercent(text: string | null): number {
  const match = /(-?\d+(?:\.\d+)?)%/.exec(text ?? '');
  if (!match) throw new Error(`Expected a percentage, got "${text}".`);
  return Number(match[1]);
}
