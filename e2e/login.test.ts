import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('login page and language switch', () => {
  it('is in Chinese by default and switches to English and back', async () => {
    const { context, page } = await newPage(browser, { viewport: 'phone' });
    try {
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByTestId('login-submit').waitFor();
      const zh = await page.locator('body').innerText();
      expect(zh).toMatch(/登\s*录/);
      await screenshot(page, 'login-zh-CN-phone');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.locator('body').innerText()).toMatch(/Sign in|Log in/i);
      await screenshot(page, 'login-en-phone');
      await page.reload();
      await page.getByTestId('login-submit').waitFor();
      expect(await page.locator('body').innerText()).toMatch(/Sign in|Log in/i); // the choice persists
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.locator('body').innerText()).toMatch(/登\s*录/);
    } finally {
      await context.close();
    }
  });

  it('shows the server’s message on a wrong password, in the chosen language', async () => {
    const { context, page } = await newPage(browser, { lang: 'en' });
    try {
      await page.goto('/login');
      await page.getByTestId('login-username').fill('officer1');
      await page.getByTestId('login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.locator('body').innerText()).toContain('Wrong username or password');
      await screenshot(page, 'login-error-en-desktop');
    } finally {
      await context.close();
    }
  });

  it('sends an anonymous visitor of a protected page to the login page', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/officer');
      await page.waitForURL('**/login');
      expect(page.url()).toContain('/login');
    } finally {
      await context.close();
    }
  });
});
