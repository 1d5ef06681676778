import type { ELicenceDto, LicenceDto } from '@opendmv/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { demoAccount, launchBrowser, loginThroughUi, newPage, screenshot } from './support/browser.ts';

/** The verifiable e-licence: the holder's card and QR, a share code used once by a firm, the public pages. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const CODE = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/;

/** The citizen opens 电子驾驶证 from the home page and makes a share code; returns it and the QR's link. */
async function makeShareCode(page: Page, purpose: string, shot: string) {
  await page.waitForURL('**/citizen');
  await page.getByTestId('citizen-entry-licence').click();
  await page.getByTestId('e-licence-card').waitFor();
  await page.getByTestId('e-licence-qr').waitFor();
  await page.getByTestId('share-codes').waitFor();
  await screenshot(page, `e-licence-${shot}`);
  await page.getByTestId('share-purpose').fill(purpose);
  await page.getByTestId('share-create').click();
  await page.getByTestId('share-code').waitFor();
  const code = CODE.exec(await page.getByTestId('share-code').innerText())?.[0];
  expect(code).toBeTruthy();
  await page.locator('[data-testid="share-code-item"][data-state="active"]').first().waitFor();
  await screenshot(page, `e-licence-share-${shot}`);
  const verifyUrl = await page.getByTestId('e-licence-qr').getAttribute('data-url');
  expect(verifyUrl).toMatch(/\/verify\/licence\?t=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  return { code: code!, verifyUrl: verifyUrl! };
}

/** A firm, not signed in, types the code and its name; sees the licence; a second try is refused. */
async function useTwice(page: Page, code: string, checker: string, shot: string, licence: LicenceDto) {
  await page.goto('/check');
  await page.getByTestId('share-check-page').waitFor();
  // typed as a person might: lower case, a space instead of the hyphen
  await page.getByTestId('check-code').fill(code.toLowerCase().replace('-', ' '));
  await page.getByTestId('check-checker').fill(checker);
  await page.getByTestId('check-submit').click();
  await page.getByTestId('check-result').waitFor();
  expect(await page.getByTestId('check-points').getAttribute('data-points')).toBe(String(licence.points));
  expect(await page.getByTestId('check-classes').getAttribute('data-classes')).toBe(
    licence.classes.join(','),
  );
  expect(await page.getByTestId('check-holder').innerText()).toMatch(/^.\*+$/u);
  const text = await page.getByTestId('check-result').innerText();
  expect(text).not.toContain(licence.fileNumber);
  await screenshot(page, `share-check-${shot}`);
  await page.getByTestId('check-submit').click();
  await page.getByTestId('check-refused').waitFor();
  expect(await page.getByTestId('check-refused').getAttribute('data-status')).toBe('409');
  expect(await page.getByTestId('check-result').count()).toBe(0);
  await screenshot(page, `share-check-refused-${shot}`);
  return page.getByTestId('check-refused').innerText();
}

describe('e-licence and share codes', () => {
  it('zh-CN: citizen3 on a phone makes a code; a firm uses it once on a desktop, then is refused; the QR verifies', async () => {
    const { licence } = await apiAs<{ licence: LicenceDto }>('citizen3', '/api/v1/me/licence');
    const holder = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    const firm = await newPage(browser, { viewport: 'desktop', lang: 'zh-CN' });
    try {
      await loginThroughUi(holder.page, demoAccount('citizen3'));
      const { code, verifyUrl } = await makeShareCode(holder.page, '示范租车', 'zh-CN-phone');
      const card = holder.page.getByTestId('e-licence-card');
      const colour = await card.getAttribute('data-colour');

      const refusal = await useTwice(firm.page, code, '示范租车有限公司', 'zh-CN-desktop', licence);
      expect(refusal).toContain('已被使用');

      // The QR's link, opened by someone else (not signed in): the live verdict in the licence's colour.
      await firm.page.goto(verifyUrl);
      await firm.page.getByTestId('verify-result').waitFor();
      expect(await firm.page.getByTestId('verify-result').getAttribute('data-colour')).toBe(colour);
      expect(await firm.page.getByTestId('verify-holder').innerText()).toMatch(/^.\*+$/u);
      await screenshot(firm.page, 'verify-licence-zh-CN-desktop');

      // The holder sees who used the code.
      await holder.page.reload();
      const used = holder.page.locator('[data-testid="share-code-item"][data-state="used"]').first();
      await used.waitFor();
      expect(await used.innerText()).toContain('示范租车有限公司');
      await screenshot(holder.page, 'e-licence-used-zh-CN-phone');

      // A tampered link (one character of the signature changed) is refused with the reason.
      const [base, token] = verifyUrl.split('?t=') as [string, string];
      const [head, sig] = token.split('.') as [string, string];
      await firm.page.goto(`${base}?t=${head}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
      await firm.page.getByTestId('verify-failed').waitFor();
      expect(await firm.page.getByTestId('verify-failed').innerText()).toContain('签名');
    } finally {
      await holder.context.close();
      await firm.context.close();
    }
  });

  it('en: citizen5 on a desktop; the firm on a phone; revoking works; an abnormal licence shows red', async () => {
    const { licence } = await apiAs<{ licence: LicenceDto }>('citizen5', '/api/v1/me/licence');
    const holder = await newPage(browser, { viewport: 'desktop', lang: 'en' });
    const firm = await newPage(browser, { viewport: 'phone', lang: 'en' });
    try {
      await loginThroughUi(holder.page, demoAccount('citizen5'));
      const { code, verifyUrl } = await makeShareCode(holder.page, 'ABC Car Rental', 'en-desktop');
      const refusal = await useTwice(firm.page, code, 'ABC Car Rental Ltd', 'en-phone', licence);
      expect(refusal).toMatch(/already been used/);

      await firm.page.goto(verifyUrl);
      await firm.page.getByTestId('verify-result').waitFor();
      await screenshot(firm.page, 'verify-licence-en-phone');

      // A second code, revoked by the holder, is refused.
      await holder.page.getByTestId('share-purpose').fill('Not needed');
      await holder.page.getByTestId('share-create').click();
      const shown = holder.page.getByTestId('share-code');
      await expect.poll(async () => CODE.exec(await shown.innerText())?.[0]).not.toBe(code);
      const second = CODE.exec(await shown.innerText())![0];
      await holder.page
        .locator('[data-testid="share-code-item"][data-state="active"] [data-testid="share-code-revoke"]')
        .first()
        .click();
      await holder.page.getByTestId('share-code-revoke-ok').click();
      await holder.page.locator('[data-testid="share-code-item"][data-state="revoked"]').first().waitFor();
      await screenshot(holder.page, 'e-licence-revoked-en-desktop');
      await firm.page.goto('/check');
      await firm.page.getByTestId('check-code').fill(second);
      await firm.page.getByTestId('check-checker').fill('ABC Car Rental Ltd');
      await firm.page.getByTestId('check-submit').click();
      await firm.page.getByTestId('check-refused').waitFor();
      expect(await firm.page.getByTestId('check-refused').innerText()).toMatch(/revoked/i);

      // Any demo citizen whose licence is not in order: the QR and the verdict are red, with the reason.
      for (const username of ['citizen1', 'citizen2', 'citizen3', 'citizen4', 'citizen5']) {
        const e = await apiAs<ELicenceDto>(username, '/api/v1/me/e-licence').catch(() => null);
        if (e?.licence.colour !== 'abnormal') continue;
        await firm.page.goto(e.verifyUrl);
        await firm.page.getByTestId('verify-result').waitFor();
        expect(await firm.page.getByTestId('verdict').getAttribute('data-colour')).toBe('abnormal');
        await firm.page.getByTestId('verdict-reason').waitFor();
        await screenshot(firm.page, 'verify-licence-abnormal-en-phone');
        break;
      }
    } finally {
      await holder.context.close();
      await firm.context.close();
    }
  });
});
