import type { CaseDetail, NotificationPreferencesDto, PrecheckResult } from '@opendmv/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { demoAccount, launchBrowser, loginThroughUi, newPage, screenshot } from './support/browser.ts';

let browser: Browser;
let username = '';
let caseId = '';
const NOTE = '请上传清晰的损毁驾驶证照片';

beforeAll(async () => {
  browser = await launchBrowser();
  // A citizen applies online for a damaged-licence replacement; the office asks for a correction. The
  // case engine writes the citizen's message in the same transaction.
  for (const u of ['citizen3', 'citizen5', 'citizen1', 'citizen2']) {
    const s = await apiSession(u);
    const r = await s.post<PrecheckResult>('/api/v1/me/cases/precheck', { itemCode: 'DL-DAMAGED' });
    if (!r.check.eligible) continue;
    const c = await s.post<CaseDetail>('/api/v1/me/cases', { itemCode: 'DL-DAMAGED', delivery: 'collect' });
    username = u;
    caseId = c.id;
    break;
  }
  if (!caseId) throw new Error('no demo citizen may apply for DL-DAMAGED');
  const officer = await apiSession('officer1');
  const detail = await officer.get<CaseDetail>(`/api/v1/cases/${caseId}`);
  if (detail.availableActions.includes('accept'))
    await officer.post(`/api/v1/cases/${caseId}/actions`, { action: 'accept' });
  await officer.post(`/api/v1/cases/${caseId}/actions`, { action: 'request-correction', note: NOTE });
});
afterAll(() => browser?.close());

const caseMessage = (page: Page) =>
  page.locator('[data-testid="message"][data-template="case.correction-requested"]').first();

async function openInbox(page: Page) {
  await loginThroughUi(page, demoAccount(username));
  await page.waitForURL('**/citizen');
  await page.getByTestId('citizen-entry-messages').click();
  await page.waitForURL('**/citizen/messages');
  await caseMessage(page).waitFor();
  await page.getByTestId('message-preferences').locator('.ant-switch').first().waitFor();
}

describe('messages: the citizen is told about their case and chooses their channels', () => {
  it('sees the correction request, opens it, and turns SMS off (zh-CN, phone)', async () => {
    const { context, page } = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    try {
      await openInbox(page);
      const msg = caseMessage(page);
      expect(await msg.getAttribute('data-read')).toBe('false');
      expect(await msg.innerText()).toContain('申请需要补正');
      expect(await msg.innerText()).toContain(NOTE);
      expect(Number(await page.getByTestId('messages').getAttribute('data-unread'))).toBeGreaterThan(0);
      await screenshot(page, 'messages-zh-CN-phone');

      await msg.locator('button').click();
      await page.waitForURL(`**/citizen/cases/${caseId}`);
      await page.getByTestId('my-case-page').waitFor();
      await page.goBack();
      await page.waitForURL('**/citizen/messages');
      await expect.poll(() => caseMessage(page).getAttribute('data-read')).toBe('true');

      const sms = page.getByTestId('pref-sms');
      expect(await sms.getAttribute('aria-checked')).toBe('true');
      await sms.click();
      await expect.poll(() => sms.getAttribute('aria-checked')).toBe('false');
      await page.locator('.ant-message-success').waitFor();
      // In-app is now the only channel left: it cannot be turned off.
      expect(await page.getByTestId('pref-inApp').isDisabled()).toBe(true);
      const s = await apiSession(username);
      await expect
        .poll(
          async () => (await s.get<NotificationPreferencesDto>('/api/v1/me/notification-preferences')).sms,
        )
        .toBe(false);
      await page.locator('.ant-message-success').waitFor({ state: 'detached' });
      await screenshot(page, 'messages-sms-off-zh-CN-phone');
    } finally {
      await context.close();
    }
  });

  for (const [lang, viewport] of [
    ['zh-CN', 'desktop'],
    ['en', 'phone'],
    ['en', 'desktop'],
  ] as const) {
    it(`reads the inbox in ${lang} on a ${viewport}`, async () => {
      const { context, page } = await newPage(browser, { viewport, lang });
      try {
        await openInbox(page);
        const text = await caseMessage(page).innerText();
        if (lang === 'en') {
          expect(text).toContain('Your application needs a correction');
          expect(text).toMatch(/Replacement of a damaged driving licence/);
        } else expect(text).toContain('驾驶证损毁换领');
        expect(await caseMessage(page).getAttribute('data-read')).toBe('true');
        expect(await page.getByTestId('pref-sms').getAttribute('aria-checked')).toBe('false');
        await screenshot(page, `messages-${lang}-${viewport}`);
        if (lang === 'en' && viewport === 'desktop') {
          // Back on for whoever runs next.
          await page.getByTestId('pref-sms').click();
          await expect.poll(() => page.getByTestId('pref-sms').getAttribute('aria-checked')).toBe('true');
        }
      } finally {
        await context.close();
      }
    });
  }
});
