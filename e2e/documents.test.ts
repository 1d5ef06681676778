import fs from 'node:fs';
import path from 'node:path';
import type { CaseDetail, CaseList, PrecheckResult } from '@opendmv/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  loadPartnerClients,
  simulateDelivery,
  simulateMedicalExam,
  trackingNumberOf,
} from '../apps/api/src/simulators/index.ts';
import { apiSession, citizenIdNumber } from './support/api.ts';
import {
  demoAccount,
  launchBrowser,
  loginThroughUi,
  newPage,
  SCREENSHOT_DIR,
  screenshot,
} from './support/browser.ts';
import { shanghaiDate } from './support/cases.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const renew = { itemCode: 'DL-RENEW', subject: {}, form: {} };
const ADDRESS = '示范市东湖区东湖路100号3栋2单元501';

/**
 * citizen1's licence renewal sent by post and approved by rule. Renewed here, through the citizen's own
 * screens, unless the renewal journey (cases.test.ts) already did it on this server.
 */
async function renewedByPost(page: Page): Promise<string> {
  const citizen = await apiSession('citizen1');
  const pre = await citizen.post<PrecheckResult>('/api/v1/me/cases/precheck', renew);
  if (!pre.check.eligible) {
    const mine = await citizen.get<CaseList>('/api/v1/me/cases?itemCode=DL-RENEW');
    for (const s of mine.items.filter((c) => c.status === 'approved')) {
      const c = await citizen.get<CaseDetail>(`/api/v1/me/cases/${s.id}`);
      if (c.delivery === 'post') return c.id;
    }
    throw new Error('citizen1 can no longer renew and has no approved renewal sent by post');
  }
  // The hospital has sent the medical result: the renewal is approved by rule on the spot.
  const { baseUrl, accountsFile } = inject('e2e');
  const hospital = loadPartnerClients(baseUrl, accountsFile)['hospital-medical']!;
  await simulateMedicalExam(hospital, {
    idNumber: await citizenIdNumber('citizen1'),
    examDate: shanghaiDate(-1),
  });
  await page.goto('/citizen/services/DL-RENEW');
  await page.getByTestId('apply-page').waitFor();
  await page.getByTestId('precheck-button').click();
  await page.getByTestId('precheck-result').waitFor();
  expect(await page.getByTestId('check-verdict').getAttribute('data-instant')).toBe('true');
  await page.locator('[data-testid="delivery-option"][data-value="post"]').click();
  await page.getByTestId('delivery-address').fill(ADDRESS);
  await page.getByTestId('submit-case').click();
  await page.waitForURL(/\/citizen\/cases\/[0-9a-f-]{36}$/);
  await page.getByTestId('decided-by-rule').waitFor();
  return page.url().split('/').pop()!;
}

const step = (page: Page) => page.getByTestId('tracking-current').getAttribute('data-step');

describe('a licence renewed online is delivered by post and tracked to the door', () => {
  let caseId = '';
  let caseNumber = '';
  let verifyPath = '';

  it('citizen1 (phone, zh-CN) follows the parcel from production to delivery, and downloads the decision', async () => {
    const { context, page } = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    try {
      await loginThroughUi(page, demoAccount('citizen1'));
      await page.waitForURL('**/citizen');
      caseId = await renewedByPost(page);
      await page.goto(`/citizen/cases/${caseId}`);
      await page.getByTestId('my-case-page').waitFor();
      caseNumber = (await page.getByTestId('my-case-page').getAttribute('data-number')) ?? '';
      await expect.poll(() => step(page)).toBe('preparing');

      // The office produces the licence (the officer's workflow action) and hands it to the post.
      const officer = await apiSession('officer1');
      const produced = await officer.post<CaseDetail>(`/api/v1/cases/${caseId}/actions`, {
        action: 'produce',
      });
      expect(produced.status).toBe('produced');
      await page.reload();
      await expect.poll(() => step(page)).toBe('awaiting-post');

      // The post reports the parcel's course, through the partner API with its own token.
      const { baseUrl, accountsFile } = inject('e2e');
      const post = loadPartnerClients(baseUrl, accountsFile)['post-delivery'];
      if (!post) throw new Error('no post-delivery partner token in the accounts file');
      const sent = await simulateDelivery(post, {
        caseNumber,
        events: ['accepted', 'in-transit', 'out-for-delivery'],
        now: new Date(Date.now() - 3_600_000),
      });
      expect(sent.accepted).toBe(3);
      await page.reload();
      await expect.poll(() => step(page)).toBe('out-for-delivery');
      expect(await page.getByTestId('tracking-number').innerText()).toBe(trackingNumberOf(caseNumber));
      await screenshot(page, 'documents-parcel-out-for-delivery-zh-CN-phone');

      expect((await simulateDelivery(post, { caseNumber, events: ['delivered'] })).accepted).toBe(1);
      await page.reload();
      await expect.poll(() => step(page)).toBe('delivered');
      expect(await page.getByTestId('my-case-page').getAttribute('data-status')).toBe('delivered');
      const events = page.getByTestId('tracking-event');
      // Newest first, as a courier's app shows them.
      expect(await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))).toEqual([
        'delivered',
        'out-for-delivery',
        'in-transit',
        'accepted',
      ]);
      expect(await page.getByTestId('tracking-current').innerText()).toContain('已送达');
      const address = await page.getByTestId('tracking-address').innerText();
      expect(address).toContain('示范市东湖区***');
      expect(address).not.toContain('东湖路100号');
      for (const s of ['accepted', 'in-transit', 'out-for-delivery', 'delivered'])
        expect(
          await page.locator(`[data-testid="tracking-stage"][data-stage="${s}"]`).getAttribute('data-status'),
        ).toBe('finish');
      await screenshot(page, 'documents-parcel-delivered-zh-CN-phone');

      // The decision document: a PDF with the Chinese font, and the link its QR code encodes.
      const doc = page.getByTestId('issued-document');
      await doc.waitFor();
      expect(await page.getByTestId('issued-document-status').innerText()).toBe('有效');
      const download = page.waitForEvent('download');
      await page.getByTestId('decision-pdf').click();
      const file = path.resolve(SCREENSHOT_DIR, '../documents/decision-DL-RENEW.pdf');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await (await download).saveAs(file);
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain('NotoSansHans');
      verifyPath = (await page.getByTestId('decision-verify').getAttribute('href')) ?? '';
      expect(verifyPath).toMatch(/^\/verify\/[0-9a-f-]{36}$/);
    } finally {
      await context.close();
    }
  });

  it('anyone who scans the QR (phone, zh-CN, no sign-in) sees the decision is valid', async () => {
    const { context, page } = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    try {
      await page.goto(verifyPath);
      const result = page.getByTestId('verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-status')).toBe('valid');
      expect(await result.getAttribute('data-kind')).toBe('decision');
      expect(await page.getByTestId('verify-status-title').innerText()).toBe('文书有效');
      expect(await page.getByTestId('verify-holder').innerText()).toBe('张*');
      expect(await page.getByTestId('verify-decision').innerText()).toBe('准予许可');
      expect(await page.getByTestId('verify-sha256').innerText()).toMatch(/^[0-9a-f]{64}$/);
      await screenshot(page, 'documents-verify-zh-CN-phone');
      await page.goto('/verify/00000000-0000-4000-8000-000000000000');
      await page.locator('[data-testid="verify-result"][data-status="not-found"]').waitFor();
      await screenshot(page, 'documents-verify-not-found-zh-CN-phone');
    } finally {
      await context.close();
    }
  });

  it('the same in English on a desktop: the delivered parcel, and the verification page', async () => {
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'en' });
    try {
      await loginThroughUi(page, demoAccount('citizen1'));
      await page.waitForURL('**/citizen');
      await page.goto(`/citizen/cases/${caseId}`);
      await expect.poll(() => step(page)).toBe('delivered');
      expect(await page.getByTestId('tracking-current').innerText()).toContain('Delivered to the door');
      expect(await page.getByTestId('issued-document-status').innerText()).toBe('Valid');
      await screenshot(page, 'documents-parcel-delivered-en-desktop');
      await page.goto(verifyPath);
      await page.locator('[data-testid="verify-result"][data-status="valid"]').waitFor();
      expect(await page.getByTestId('verify-status-title').innerText()).toBe('Valid document');
      await screenshot(page, 'documents-verify-en-desktop');
    } finally {
      await context.close();
    }
  });

  it('the officer sees the same tracking on the case (desktop, zh-CN)', async () => {
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'zh-CN' });
    try {
      await loginThroughUi(page, demoAccount('officer1'));
      await page.waitForURL('**/officer');
      await page.goto(`/officer/cases/${caseId}`);
      await page.getByTestId('case-detail').waitFor();
      await expect.poll(() => step(page)).toBe('delivered');
      await page.getByTestId('issued-document').waitFor();
      await screenshot(page, 'documents-officer-case-zh-CN-desktop');
    } finally {
      await context.close();
    }
  });
});
