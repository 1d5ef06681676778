import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, launchBrowser, loginThroughUi, newPage, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('citizen: login → my licence, vehicles and violations', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const viewport of ['phone', 'desktop'] as const) {
      it(`shows the 12123-style home (${lang}, ${viewport})`, async () => {
        const { context, page } = await newPage(browser, { lang, viewport });
        try {
          await loginThroughUi(page, demoAccount('citizen1'));
          await page.waitForURL('**/citizen');
          await page.getByTestId('citizen-licence-card').waitFor();
          await page.getByTestId('citizen-vehicle').first().waitFor();
          await page.getByTestId('citizen-violation').first().waitFor();
          expect(await page.getByTestId('citizen-vehicle').count()).toBe(2);
          // The amount due today includes the late surcharge of the decided violation: a ¥ figure.
          expect(await page.getByTestId('amount-due-total').innerText()).toMatch(/¥\s?[\d,]+\.\d{2}/);
          const body = await page.locator('body').innerText();
          expect(body).not.toMatch(/\d{17}[\dX]/); // no full ID number on screen
          if (lang === 'en') expect(body).toMatch(/licence|Licence|License/);
          else expect(body).toContain('驾驶证');
          await screenshot(page, `citizen-home-${lang}-${viewport}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
