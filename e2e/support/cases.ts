import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Today in Asia/Shanghai as YYYY-MM-DD, shifted by `days`. */
export function shanghaiDate(days = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Picks an option of an antd Select by typing (the select has showSearch) and pressing Enter. */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown .ant-select-item-option').first().waitFor();
  await page.keyboard.press('Enter');
}

/** Fills an antd DatePicker (its input carries the test id) and closes it. */
export async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await page.keyboard.press('Enter');
}

/** Presses one workflow action on a case detail page, with a note when given, and waits for the new state. */
export async function caseAction(
  page: Page,
  action: string,
  expectedState: string,
  note?: string,
): Promise<void> {
  await page.getByTestId(`case-action-${action}`).click();
  const noteBox = page.getByTestId('case-action-note');
  await noteBox.waitFor();
  if (note) await noteBox.fill(note);
  await page.getByTestId('case-action-confirm').click();
  await expect
    .poll(() => page.getByTestId('case-detail').getAttribute('data-status'), { timeout: 15_000 })
    .toBe(expectedState);
  await noteBox.waitFor({ state: 'detached' });
}

/** Every applicable rule of the visible check passed. */
export async function allApplicableRulesPassed(page: Page): Promise<boolean> {
  const rules = page.locator('[data-testid="check-rule"][data-applicable="true"]');
  const n = await rules.count();
  if (n === 0) return false;
  for (let i = 0; i < n; i++) if ((await rules.nth(i).getAttribute('data-passed')) !== 'true') return false;
  return true;
}
