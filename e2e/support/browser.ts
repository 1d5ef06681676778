import fs from 'node:fs';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** Debian's Chromium, headless, with no background networking (the machine has no internet). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface E2eAccount {
  username: string;
  password: string;
  role: string;
  totpSecret?: string;
}

export function demoAccount(username: string): E2eAccount {
  const file = JSON.parse(fs.readFileSync(inject('e2e').accountsFile, 'utf8')) as { accounts: E2eAccount[] };
  const a = file.accounts.find((x) => x.username === username);
  if (!a) throw new Error(`no demo account ${username}`);
  return a;
}

export const totpNow = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();

export async function newPage(
  browser: Browser,
  opts: { viewport?: keyof typeof VIEWPORTS; lang?: 'zh-CN' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('e2e').baseUrl,
    viewport: VIEWPORTS[opts.viewport ?? 'desktop'],
    locale: opts.lang ?? 'zh-CN',
    isMobile: opts.viewport === 'phone',
    hasTouch: opts.viewport === 'phone',
  });
  if (opts.lang)
    await context.addInitScript(`localStorage.setItem('odmv.lang', ${JSON.stringify(opts.lang)})`);
  const page = await context.newPage();
  return { context, page };
}

/** Logs in through the real login page (with the TOTP step when the account has one). */
export async function loginThroughUi(page: Page, account: E2eAccount): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  if (account.totpSecret) {
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-totp').fill(totpNow(account.totpSecret));
    await page.getByTestId('login-submit').click();
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // A sticky header would otherwise be drawn where the page was scrolled to.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
