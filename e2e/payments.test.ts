import {
  type DocumentVerification,
  formatYuan,
  type ViolationDto,
  type ViolationList,
} from '@opendmv/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { demoAccount, launchBrowser, loginThroughUi, newPage, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** '¥1,234.50', the way the web app prints integer fen. */
const fen = (n: number) => {
  const [yuan, cents] = formatYuan(n).split('.');
  return `¥${Number(yuan).toLocaleString('en-US')}.${cents}`;
};

/** What the citizen1 journeys paid, for the pages looked at afterwards. */
const paid: { orderId: string; number: string; receiptId: string; amountFen: number }[] = [];

async function decidedFines(username: string): Promise<ViolationDto[]> {
  const list = await apiAs<ViolationList>(username, '/api/v1/me/violations');
  return list.items.filter((v) => v.status === 'decided');
}

const orderStatus = (page: Page) => page.getByTestId('pay-order-page').getAttribute('data-status');

/**
 * From the citizen home: the fine's pay button, the order page (what is paid, and how much), the
 * provider's cashier page on the gateway's own site, back to the platform, paid once the provider's
 * signed notification has arrived, then the receipt PDF and its public verification page.
 */
async function payFine(
  page: Page,
  v: ViolationDto,
  provider: 'wechat' | 'unionpay',
  shot: string,
): Promise<(typeof paid)[number]> {
  const base = inject('e2e').baseUrl;
  await page.waitForURL('**/citizen');
  const pay = page.locator(`[data-testid="violation-pay"][data-violation-id="${v.id}"]`);
  await pay.waitFor();
  // The button says what is due today: the fine plus the surcharge.
  expect(await pay.innerText()).toContain(fen(v.amountDueFen));
  await screenshot(page, `payments-violations-${shot}`);
  await pay.click();
  await page.waitForURL(/\/citizen\/payments\/[0-9a-f-]{36}$/);
  const orderId = page.url().split('/').pop()!;
  await page.getByTestId('pay-order-page').waitFor();
  expect(await orderStatus(page)).toBe('pending');
  expect(await page.getByTestId('pay-order-page').getAttribute('data-kind')).toBe('fine');
  expect(await page.getByTestId('order-fine').innerText()).toBe(fen(v.fineFen));
  if (v.surchargeFen > 0) {
    expect(await page.getByTestId('order-surcharge').innerText()).toBe(fen(v.surchargeFen));
    expect(await page.getByTestId('order-days-late').getAttribute('data-days')).toBe(String(v.daysLate));
  } else {
    expect(await page.getByTestId('order-surcharge').count()).toBe(0);
  }
  expect(await page.getByTestId('order-total').innerText()).toBe(fen(v.amountDueFen));
  expect(await page.getByTestId('order-amount').innerText()).toBe(fen(v.amountDueFen));
  const number = await page.getByTestId('order-number').innerText();
  // Only the online providers are offered to a citizen: no cash, no POS.
  const offered = await page
    .getByTestId('pay-provider')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  expect(offered.sort()).toEqual(['alipay', 'unionpay', 'wechat']);
  await page.locator(`[data-testid="pay-provider"][data-value="${provider}"]`).check();
  await screenshot(page, `payments-order-${shot}`);

  // The provider's cashier page: another site, which takes the money and sends the payer back.
  await page.getByTestId('pay-submit').click();
  await page.waitForURL((u) => u.origin !== new URL(base).origin);
  await page.getByTestId('cashier-pay').waitFor();
  expect(await page.getByTestId('cashier-amount').innerText()).toContain(formatYuan(v.amountDueFen));
  await screenshot(page, `payments-cashier-${provider}-${shot}`);
  await page.getByTestId('cashier-pay').click();
  await page.waitForURL(`${base}/citizen/payments/${orderId}`);
  await page.getByTestId('pay-order-page').waitFor();
  // Paid only once the provider's signed notification reached the platform: the page polls for it.
  await expect.poll(() => orderStatus(page), { timeout: 20_000 }).toBe('paid');
  await page.getByTestId('pay-success').waitFor();
  await page.getByTestId('receipt-download').waitFor({ timeout: 20_000 });
  const receiptId = (await page.getByTestId('receipt').getAttribute('data-receipt-id')) ?? '';
  expect(receiptId).toMatch(/^[0-9a-f-]{36}$/);
  await screenshot(page, `payments-paid-${shot}`);

  // The receipt is a PDF, downloaded with the citizen's session.
  const href = (await page.getByTestId('receipt-download').getAttribute('href')) ?? '';
  expect(href).toBe(`/api/v1/documents/${receiptId}/pdf`);
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { orderId, number, receiptId, amountFen: v.amountDueFen };
}

/** The receipt's public verification page (from the QR on the PDF) shows the amount paid. */
async function verifyReceipt(page: Page, r: (typeof paid)[number], shot: string) {
  const href = (await page.getByTestId('receipt-verify').getAttribute('href')) ?? '';
  expect(href).toBe(`/verify/${r.receiptId}`);
  // What anyone scanning the QR gets, without a login: a valid receipt for the amount paid.
  const pub = await fetch(`${inject('e2e').baseUrl}/api/v1/public/documents/${r.receiptId}`);
  expect(pub.status).toBe(200);
  const doc = (await pub.json()) as DocumentVerification;
  expect(doc).toMatchObject({ id: r.receiptId, kind: 'receipt', status: 'valid' });
  expect(doc.summary.amountFen).toBe(r.amountFen);
  await page.getByTestId('receipt-verify').click();
  await page.waitForURL(`**/verify/${r.receiptId}`);
  const result = page.getByTestId('verify-result');
  await result.waitFor({ timeout: 15_000 });
  expect(await result.getAttribute('data-status')).toBe('valid');
  expect(await result.getAttribute('data-kind')).toBe('receipt');
  expect(await result.innerText()).toContain(fen(r.amountFen));
  await screenshot(page, `payments-verify-${shot}`);
}

describe('a citizen pays a fine with surcharge online and gets the receipt', () => {
  it('citizen1 pays the fine decided 40 days ago, with its late surcharge, by WeChat Pay (zh-CN, phone)', async () => {
    const fines = await decidedFines('citizen1');
    const late = fines.find((v) => v.surchargeFen > 0 && v.daysLate > 0);
    if (!late) throw new Error('citizen1 has no decided fine past its 15-day grace');
    expect(late.amountDueFen).toBe(late.fineFen + late.surchargeFen);

    const { context, page } = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    try {
      await loginThroughUi(page, demoAccount('citizen1'));
      const r = await payFine(page, late, 'wechat', 'zh-CN-phone');
      paid.push(r);
      expect(await page.getByTestId('pay-order-page').innerText()).toContain('加处罚款');
      await verifyReceipt(page, r, 'zh-CN-phone');

      // The fine no longer asks for payment; my payments list it as paid, with its receipt.
      await page.goto('/citizen');
      await page.getByTestId('citizen-violation').first().waitFor();
      expect(
        await page.locator(`[data-testid="violation-pay"][data-violation-id="${late.id}"]`).count(),
      ).toBe(0);
      const after = await apiAs<ViolationList>('citizen1', '/api/v1/me/violations');
      expect(after.items.find((v) => v.id === late.id)?.status).toBe('paid');
      await page.getByTestId('citizen-entry-payments').click();
      const row = page.locator(`[data-testid="my-payment"][data-number="${r.number}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('paid');
      await row.getByTestId('my-payment-receipt').waitFor();
      await screenshot(page, 'payments-mine-zh-CN-phone');
    } finally {
      await context.close();
    }
  });

  it('citizen1 pays a fine still in its grace period (no surcharge) by UnionPay card (en, desktop)', async () => {
    const fines = await decidedFines('citizen1');
    const fresh = fines.find((v) => v.surchargeFen === 0);
    if (!fresh) throw new Error('citizen1 has no decided fine within its grace period');
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'en' });
    try {
      await loginThroughUi(page, demoAccount('citizen1'));
      const r = await payFine(page, fresh, 'unionpay', 'en-desktop');
      paid.push(r);
      expect(await page.getByTestId('pay-order-page').innerText()).toContain('Payment received');
      await verifyReceipt(page, r, 'en-desktop');
    } finally {
      await context.close();
    }
  });

  it('the paid order and my payments read the same on a phone and a desktop, in both languages', async () => {
    expect(paid.length).toBe(2);
    for (const [lang, viewport] of [
      ['en', 'phone'],
      ['zh-CN', 'desktop'],
      ['en', 'desktop'],
    ] as const) {
      const { context, page } = await newPage(browser, { viewport, lang });
      try {
        await loginThroughUi(page, demoAccount('citizen1'));
        await page.waitForURL('**/citizen');
        await page.goto(`/citizen/payments/${paid[0]!.orderId}`);
        await page.getByTestId('pay-success').waitFor();
        expect(await page.getByTestId('order-surcharge').innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
        const text = await page.getByTestId('pay-order-page').innerText();
        expect(text).toContain(lang === 'en' ? 'Late surcharge' : '加处罚款');
        await screenshot(page, `payments-paid-${lang}-${viewport}`);
        await page.getByTestId('my-payments-link').click();
        await page.getByTestId('my-payment').first().waitFor();
        expect(await page.locator('[data-testid="my-payment"][data-status="paid"]').count()).toBe(2);
        await screenshot(page, `payments-mine-${lang}-${viewport}`);
      } finally {
        await context.close();
      }
    }
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`the supervisor reconciles today: every provider balances (${lang}, desktop)`, async () => {
      expect(paid.length).toBe(2);
      const { context, page } = await newPage(browser, { viewport: 'desktop', lang });
      try {
        await loginThroughUi(page, demoAccount('supervisor1'));
        await page.waitForURL('**/supervisor');
        await page.goto('/supervisor/payments');
        await page.getByTestId('reconciliation-page').waitFor();
        await page.getByTestId('recon-run').click();
        await page.getByTestId('recon-row').first().waitFor({ timeout: 20_000 });
        const rows = page.getByTestId('recon-row');
        const providers = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-provider')));
        expect(providers).toEqual(expect.arrayContaining(['wechat', 'unionpay']));
        const balanced = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-balanced')));
        expect(balanced.every((b) => b === 'true')).toBe(true);
        await page.getByTestId('recon-all-balanced').waitFor();
        expect(await page.getByTestId('recon-diffs').count()).toBe(0);
        // The WeChat line counts the payment on both sides: our ledger and the provider's statement.
        const wechat = page.locator('[data-testid="recon-row"][data-provider="wechat"]');
        const wechatText = await wechat.innerText();
        expect(wechatText.split(fen(paid[0]!.amountFen)).length - 1).toBeGreaterThanOrEqual(2);
        // The day's orders list both payments as paid.
        for (const r of paid) {
          const row = page.locator(`[data-testid="order-row"][data-number="${r.number}"]`);
          await row.waitFor();
          expect(await row.getAttribute('data-status')).toBe('paid');
        }
        await screenshot(page, `payments-reconciliation-${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});
