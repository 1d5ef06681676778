import { deflateSync } from 'node:zlib';
import {
  type CaseDetail,
  type CatalogItemSummary,
  MAX_DOCUMENT_BYTES,
  type PrecheckResult,
  seedItem,
  type VehicleDto,
} from '@opendmv/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadPartnerClients, simulateMedicalExam } from '../apps/api/src/simulators/index.ts';
import { apiAs, apiSession, citizenIdNumber } from './support/api.ts';
import { demoAccount, launchBrowser, loginThroughUi, newPage, screenshot } from './support/browser.ts';
import {
  allApplicableRulesPassed,
  caseAction,
  chooseOption,
  fillDate,
  shanghaiDate,
} from './support/cases.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The two texts of a seed rule in one language: what must hold, and the reason shown when it fails. */
function ruleTexts(code: string, id: string, lang: 'zh-CN' | 'en') {
  const r = seedItem(code)?.eligibility.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id} in ${code}`);
  const l = lang === 'en' ? 'en' : 'zh';
  return { condition: r.condition[l], message: r.message[l] };
}

/** The hospital sends a passed medical for the citizen (身体条件证明), through the partner API. */
async function medicalFor(username: string): Promise<string> {
  const idNumber = await citizenIdNumber(username);
  const { baseUrl, accountsFile } = inject('e2e');
  const hospital = loadPartnerClients(baseUrl, accountsFile)['hospital-medical'];
  if (!hospital) throw new Error('no hospital-medical partner token in the accounts file');
  const res = await simulateMedicalExam(hospital, { idNumber, examDate: shanghaiDate(-1) });
  expect(res.accepted).toBe(1);
  return idNumber;
}

/** From the citizen home to the DL-RENEW pre-check, through 服务 / Services. */
async function renewOnline(page: Page, shot: string, lang: 'zh-CN' | 'en'): Promise<string> {
  await page.waitForURL('**/citizen');
  await page.getByTestId('citizen-entry-services').click();
  await page.getByTestId('citizen-services').waitFor();
  await screenshot(page, `services-${shot}`);
  await page.locator('[data-testid="service-apply"][data-code="DL-RENEW"]').click();
  await page.getByTestId('apply-page').waitFor();
  await page.getByTestId('precheck-button').click();
  await page.getByTestId('precheck-result').waitFor();
  expect(await page.getByTestId('precheck-result').getAttribute('data-eligible')).toBe('true');
  expect(await allApplicableRulesPassed(page)).toBe(true);
  // A met rule reads as the condition it states, not as the reason it would fail.
  const held = ruleTexts('DL-RENEW', 'licence-held', lang);
  const heldText = await page
    .locator('[data-testid="check-rule"][data-rule-id="licence-held"] [data-testid="check-rule-text"]')
    .innerText();
  expect(heldText).toBe(held.condition);
  expect(await page.getByTestId('precheck-result').innerText()).not.toContain(held.message);
  const medical = page.locator('[data-testid="check-material"][data-code="medical-certificate"]');
  expect(await medical.getAttribute('data-state')).toBe('supplied');
  expect(await medical.innerText()).toMatch(lang === 'en' ? /hospital/i : /医院/);
  expect(await page.getByTestId('check-verdict').getAttribute('data-instant')).toBe('true');
  await page.locator('[data-testid="delivery-option"][data-value="post"]').click();
  await page.getByTestId('delivery-address').fill('示范市东湖区东湖路100号3栋2单元501');
  await screenshot(page, `renew-precheck-${shot}`);
  await page.getByTestId('submit-case').click();
  await page.waitForURL(/\/citizen\/cases\/[0-9a-f-]{36}$/);
  await page.getByTestId('my-case-page').waitFor();
  await page.getByTestId('decided-by-rule').waitFor();
  await page.getByTestId('no-visit').waitFor();
  const status = await page.getByTestId('my-case-page').getAttribute('data-status');
  expect(['approved', 'produced', 'delivered', 'completed']).toContain(status);
  expect(await page.getByTestId('case-delivery').getAttribute('data-delivery')).toBe('post');
  await screenshot(page, `renew-case-${shot}`);
  return (await page.getByTestId('my-case-page').getAttribute('data-number')) ?? '';
}

describe('a. licence renewal online, approved by rule on the spot', () => {
  it('citizen1 renews on a phone (zh-CN): medical from the hospital, postal delivery, instant', async () => {
    await medicalFor('citizen1');
    const { context, page } = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    try {
      await loginThroughUi(page, demoAccount('citizen1'));
      const number = await renewOnline(page, 'zh-CN-phone', 'zh-CN');
      expect(number).toMatch(/^C\d{14}$/);
      await page.getByTestId('citizen-home-link').click();
      await page.getByTestId('citizen-entry-cases').click();
      await page.locator(`[data-testid="my-case"][data-number="${number}"]`).waitFor();
      await screenshot(page, 'my-cases-zh-CN-phone');
    } finally {
      await context.close();
    }
  });

  it('citizen2 (expired, renewable) renews on a desktop (en)', async () => {
    await medicalFor('citizen2');
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'en' });
    try {
      await loginThroughUi(page, demoAccount('citizen2'));
      await renewOnline(page, 'en-desktop', 'en');
    } finally {
      await context.close();
    }
  });
});

describe('b. transfer registration at the window, with a correction answered online', () => {
  it('officer1 accepts, asks for a correction; citizen2 answers; the officer decides and completes', async () => {
    const buyerId = await citizenIdNumber('citizen2');
    const { items } = await apiAs<{ items: VehicleDto[] }>('citizen4', '/api/v1/me/vehicles');
    const car = items.find((v) => v.status === 'normal' && v.plate);
    if (!car?.plate) throw new Error('citizen4 has no transferable car');
    const seller = (await apiAs<{ name: string }>('citizen4', '/api/v1/me/person')).name;

    const officer = await newPage(browser, { viewport: 'desktop', lang: 'zh-CN' });
    const page = officer.page;
    let caseUrl = '';
    try {
      await loginThroughUi(page, demoAccount('officer1'));
      await page.waitForURL('**/officer');
      await page.goto('/officer/window');
      await page.getByTestId('window-page').waitFor();
      await page.getByTestId('window-applicant-id').fill(buyerId);
      await chooseOption(page, 'window-item', 'TRANSFER');
      await page.getByTestId('window-subject-vehicle').fill(car.plate);
      await page.getByTestId('form-field-sellerName').fill(seller);
      await fillDate(page, 'form-field-transferDate', shanghaiDate(-3));
      await page.getByTestId('window-precheck').click();
      await page.getByTestId('precheck-result').waitFor();
      expect(await page.getByTestId('precheck-result').getAttribute('data-eligible')).toBe('true');
      await page.locator('[data-testid="material-handed-in"][data-code="ownership-transfer-proof"]').check();
      expect(
        await page
          .locator('[data-testid="check-material"][data-code="ownership-transfer-proof"]')
          .getAttribute('data-state'),
      ).toBe('provided');
      await page.locator('[data-testid="delivery-option"][data-value="collect"]').click();
      await screenshot(page, 'window-transfer-precheck-zh-CN');
      await page.getByTestId('window-accept').click();
      await page.waitForURL(/\/officer\/cases\/[0-9a-f-]{36}$/);
      caseUrl = page.url();
      await page.getByTestId('case-detail').waitFor();
      if (await page.getByTestId('case-action-accept').isVisible())
        await caseAction(page, 'accept', 'accepted');
      await screenshot(page, 'officer-transfer-accepted-zh-CN');
      await caseAction(
        page,
        'request-correction',
        'correction-requested',
        '请补充原车主签字的二手车交易发票复印件',
      );
      await page.getByTestId('case-correction').waitFor();
      await screenshot(page, 'officer-transfer-correction-zh-CN');
      await page.goto(`${caseUrl}/print`);
      await page.getByTestId('acceptance-slip').waitFor();
      expect(await page.getByTestId('acceptance-slip').innerText()).toContain('所有权转移证明');
      await screenshot(page, 'officer-transfer-slip-zh-CN');
    } finally {
      // keep the officer's page for the rest of the journey
    }

    const caseId = caseUrl.split('/').pop()!;
    const citizen = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    try {
      await loginThroughUi(citizen.page, demoAccount('citizen2'));
      await citizen.page.waitForURL('**/citizen');
      await citizen.page.goto(`/citizen/cases/${caseId}`);
      await citizen.page.getByTestId('case-correction').waitFor();
      expect(await citizen.page.getByTestId('case-correction').innerText()).toContain('交易发票');
      await citizen.page.getByTestId('answer-correction-note').fill('已补交原车主签字的二手车交易发票复印件');
      await screenshot(citizen.page, 'citizen-transfer-correction-zh-CN-phone');
      await citizen.page.getByTestId('answer-correction-submit').click();
      await expect
        .poll(() => citizen.page.getByTestId('my-case-page').getAttribute('data-status'))
        .toBe('accepted');
      await screenshot(citizen.page, 'citizen-transfer-answered-zh-CN-phone');
    } finally {
      await citizen.context.close();
    }

    try {
      await page.goto(caseUrl);
      await page.getByTestId('case-detail').waitFor();
      expect(await page.getByTestId('case-detail').getAttribute('data-status')).toBe('accepted');
      await caseAction(page, 'review', 'reviewed');
      await caseAction(page, 'approve', 'approved', '材料齐全，准予转移登记');
      await screenshot(page, 'officer-transfer-approved-zh-CN');
      await caseAction(page, 'produce', 'produced');
      await caseAction(page, 'collect', 'collected');
      await caseAction(page, 'complete', 'completed');
      expect(await page.getByTestId('case-actions').innerText()).not.toMatch(/批准|办结/);
      await screenshot(page, 'officer-transfer-completed-zh-CN');
      await page.goto('/officer/cases');
      await page.getByTestId('cases-table').waitFor();
      await page.getByTestId('case-row').first().waitFor();
      await screenshot(page, 'officer-cases-zh-CN');
      // The same staff screens in English.
      await page.getByTestId('lang-switch').click();
      await page.getByText('Window acceptance').first().waitFor();
      await screenshot(page, 'officer-cases-en');
      await page.goto('/officer/window');
      await page.getByTestId('window-applicant-id').waitFor();
      await screenshot(page, 'window-en');
    } finally {
      await officer.context.close();
    }
  });
});

describe('c. a refusal is shown before anything is submitted', () => {
  for (const [lang, viewport] of [
    ['zh-CN', 'phone'],
    ['en', 'desktop'],
  ] as const) {
    it(`citizen6 (licence seized) cannot apply for a lost-licence replacement (${lang}, ${viewport})`, async () => {
      const { context, page } = await newPage(browser, { viewport, lang });
      try {
        await loginThroughUi(page, demoAccount('citizen6'));
        await page.waitForURL('**/citizen');
        await page.goto('/citizen/services/DL-LOST');
        await page.getByTestId('precheck-button').click();
        await page.getByTestId('precheck-refused').waitFor();
        const reasons = await page.getByTestId('precheck-reason').allInnerTexts();
        expect(reasons.length).toBeGreaterThan(0);
        expect(reasons.join(' ')).toMatch(lang === 'en' ? /seized/i : /扣押/);
        // The failed rule reads as its reason, in the panel as in the refusal.
        const blocked = ruleTexts('DL-LOST', 'licence-not-blocked', lang);
        expect(reasons).toContain(blocked.message);
        expect(
          await page
            .locator(
              '[data-testid="check-rule"][data-rule-id="licence-not-blocked"] [data-testid="check-rule-text"]',
            )
            .innerText(),
        ).toBe(blocked.message);
        expect(await page.getByTestId('submit-case').count()).toBe(0);
        await screenshot(page, `lost-refused-${lang}-${viewport}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('d. the public guide and progress look-up', () => {
  it('renders the guide of every item (title and legal basis), without signing in', async () => {
    const base = inject('e2e').baseUrl;
    const { items } = (await (await fetch(`${base}/api/v1/public/catalog`)).json()) as {
      items: CatalogItemSummary[];
    };
    expect(items.length).toBeGreaterThan(5);
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'zh-CN' });
    try {
      await page.goto('/login');
      await page.getByTestId('login-guide-link').click();
      await page.getByTestId('guide-list').waitFor();
      await page.getByTestId('catalog-item').first().waitFor();
      expect(await page.getByTestId('catalog-item').count()).toBe(items.length);
      await screenshot(page, 'guide-list-zh-CN-desktop');
      for (const item of items) {
        await page.goto(`/guide/${item.code}`);
        await page.getByTestId('guide-title').waitFor();
        expect(await page.getByTestId('guide-title').innerText()).toBe(item.name.zh);
        await page.getByTestId('guide-legal-basis').waitFor();
        expect(await page.getByTestId('guide-legal-source').count()).toBeGreaterThan(0);
        expect(await page.getByTestId('guide-version').innerText()).toContain(item.code);
      }
      await page.goto('/guide/DL-RENEW');
      await page.getByTestId('guide-title').waitFor();
      await screenshot(page, 'guide-DL-RENEW-zh-CN-desktop');
    } finally {
      await context.close();
    }
  });

  for (const [lang, viewport, code] of [
    ['zh-CN', 'phone', 'DL-RENEW'],
    ['en', 'phone', 'TRANSFER'],
    ['en', 'desktop', 'DL-RENEW'],
  ] as const) {
    it(`shows the guide of ${code} (${lang}, ${viewport})`, async () => {
      const { context, page } = await newPage(browser, { viewport, lang });
      try {
        await page.goto(`/guide/${code}`);
        await page.getByTestId('guide-title').waitFor();
        await page.getByTestId('guide-legal-basis').waitFor();
        // Conditions read as what must hold (办理条件), not as reasons for a refusal.
        const def = seedItem(code)!;
        const conditions = await page.getByTestId('guide-rule').allInnerTexts();
        expect(conditions.length).toBe(def.eligibility.length);
        def.eligibility.forEach((r, i) => {
          const text = r.condition[lang === 'en' ? 'en' : 'zh'];
          expect(conditions[i]!.startsWith(text), `${r.id}: ${conditions[i]}`).toBe(true);
        });
        const materials = await page.getByTestId('guide-materials').innerText();
        expect(materials).toMatch(
          lang === 'en' ? /Shared by|Provided by the applicant/ : /共享，无需提交|申请人提交/,
        );
        await screenshot(page, `guide-${code}-${lang}-${viewport}`);
      } finally {
        await context.close();
      }
    });
  }

  it('finds a case by its number and the last four characters of the ID number', async () => {
    const { items } = await apiAs<{ items: { number: string }[] }>('citizen1', '/api/v1/me/cases');
    const number = items[0]?.number;
    if (!number) throw new Error('citizen1 has no case (journey a did not run)');
    const last4 = (await citizenIdNumber('citizen1')).slice(-4);
    for (const lang of ['zh-CN', 'en'] as const) {
      const { context, page } = await newPage(browser, { viewport: 'phone', lang });
      try {
        await page.goto('/progress');
        await page.getByTestId('progress-number').fill(number);
        await page.getByTestId('progress-id-last4').fill(last4);
        await page.getByTestId('progress-submit').click();
        await page.getByTestId('progress-result').waitFor();
        expect(await page.getByTestId('progress-result').innerText()).toContain(number);
        expect(await page.getByTestId('progress-step').count()).toBeGreaterThan(0);
        await screenshot(page, `progress-${lang}-phone`);
        await page.getByTestId('progress-id-last4').fill(last4 === '0000' ? '1111' : '0000');
        await page.getByTestId('progress-submit').click();
        await page.getByTestId('progress-not-found').waitFor();
      } finally {
        await context.close();
      }
    }
  });
});

describe('e. the administrator publishes a new version of an item', () => {
  it('admin1 changes the promised days of CONTACT-FILING and sees version + 1', async () => {
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'zh-CN' });
    try {
      await loginThroughUi(page, demoAccount('admin1'));
      await page.waitForURL('**/admin');
      await page.goto('/admin/catalog');
      await page.locator('[data-testid="catalog-row"][data-code="CONTACT-FILING"]').waitFor();
      await screenshot(page, 'admin-catalog-zh-CN');
      await page
        .locator('[data-testid="catalog-row"][data-code="CONTACT-FILING"] [data-testid="catalog-edit-link"]')
        .click();
      await page.getByTestId('catalog-edit-form').waitFor();
      const before = Number(await page.getByTestId('catalog-current-version').getAttribute('data-version'));
      const statutory = Number(await page.getByTestId('catalog-field-statutoryDays').inputValue());
      const promised = Number(await page.getByTestId('catalog-field-promisedDays').inputValue());
      const next = promised + 1 <= statutory ? promised + 1 : Math.max(0, promised - 1);
      await page.getByTestId('catalog-field-promisedDays').fill(String(next));
      await page.getByTestId('catalog-field-changeNote').fill('端到端测试：调整承诺时限');
      await page.getByTestId('catalog-save').click();
      await expect
        .poll(() => page.getByTestId('catalog-current-version').getAttribute('data-version'), {
          timeout: 15_000,
        })
        .toBe(String(before + 1));
      expect(await page.getByTestId('catalog-version').count()).toBe(before + 1);
      expect(await page.getByTestId('catalog-field-promisedDays').inputValue()).toBe(String(next));
      await screenshot(page, 'admin-catalog-item-zh-CN');
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('catalog-edit-form').waitFor();
      await screenshot(page, 'admin-catalog-item-en');
      const guide = (await (
        await fetch(`${inject('e2e').baseUrl}/api/v1/public/catalog/CONTACT-FILING`)
      ).json()) as { version: number; definition: { promisedDays: number } };
      expect(guide.version).toBe(before + 1);
      expect(guide.definition.promisedDays).toBe(next);
    } finally {
      await context.close();
    }
  });
});

describe('f. the supervisor follows the deadline lists', () => {
  it('supervisor1 sees the escalated tab first, then every case, and opens one (en)', async () => {
    const { context, page } = await newPage(browser, { viewport: 'desktop', lang: 'en' });
    try {
      await loginThroughUi(page, demoAccount('supervisor1'));
      await page.waitForURL('**/supervisor');
      await page.goto('/supervisor/cases');
      await page.getByTestId('cases-table').waitFor();
      expect(await page.locator('.ant-tabs-tab-active').innerText()).toMatch(/Escalated/);
      await page.getByTestId('cases-tab-all').click();
      await page.getByTestId('case-row').first().waitFor();
      await screenshot(page, 'supervisor-cases-en');
      await page.getByTestId('case-link').first().click();
      await page.getByTestId('case-detail').waitFor();
      await page.getByTestId('case-events').waitFor();
      await screenshot(page, 'supervisor-case-en');
    } finally {
      await context.close();
    }
  });
});

/** CRC-32 (PNG chunks). */
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid PNG of w × h pixels of one colour: signature, IHDR, IDAT, IEND. */
function tinyPng(w = 4, h = 3, rgb: [number, number, number] = [29, 78, 216]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const row = Buffer.from([0, ...Array.from({ length: w }, () => rgb).flat()]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('g. a damaged-licence replacement online, with a photo of the damaged card uploaded', () => {
  it('a citizen uploads the photo on the case page (zh-CN, phone); the officer sees it (desktop)', async () => {
    // Whoever of the demo citizens may apply now (citizen1's licence may have been renewed above).
    let username = '';
    for (const u of ['citizen5', 'citizen1', 'citizen3', 'citizen2']) {
      const s = await apiSession(u);
      const r = await s.post<PrecheckResult>('/api/v1/me/cases/precheck', { itemCode: 'DL-DAMAGED' });
      if (r.check.eligible) {
        username = u;
        break;
      }
    }
    if (!username) throw new Error('no demo citizen may apply for DL-DAMAGED');

    const png = tinyPng();
    const fileName = '损毁的驾驶证.png';
    let caseId = '';
    const citizen = await newPage(browser, { viewport: 'phone', lang: 'zh-CN' });
    const page = citizen.page;
    try {
      await loginThroughUi(page, demoAccount(username));
      await page.waitForURL('**/citizen');
      await page.goto('/citizen/services/DL-DAMAGED');
      await page.getByTestId('apply-page').waitFor();
      await page.getByTestId('precheck-button').click();
      await page.getByTestId('precheck-result').waitFor();
      expect(await page.getByTestId('precheck-result').getAttribute('data-eligible')).toBe('true');
      expect(
        await page
          .locator('[data-testid="check-material"][data-code="damaged-licence"]')
          .getAttribute('data-state'),
      ).toBe('to-provide');
      await page.locator('[data-testid="delivery-option"][data-value="collect"]').click();
      await page.getByTestId('submit-case').click();
      await page.waitForURL(/\/citizen\/cases\/[0-9a-f-]{36}$/);
      caseId = page.url().split('/').pop()!;
      await page.getByTestId('my-case-page').waitFor();
      const material = page.locator('[data-testid="check-material"][data-code="damaged-licence"]');
      expect(await material.getAttribute('data-state')).toBe('to-provide');
      const upload = page.getByTestId('material-upload-damaged-licence');
      await upload.waitFor();
      await screenshot(page, 'damaged-case-to-provide-zh-CN-phone');

      // Too large: refused here, before anything is sent.
      await upload.locator('input[type="file"]').setInputFiles({
        name: 'too-large.png',
        mimeType: 'image/png',
        buffer: Buffer.concat([png, Buffer.alloc(MAX_DOCUMENT_BYTES)]),
      });
      await upload.getByRole('alert').waitFor();
      expect(await upload.getByRole('alert').innerText()).toContain('超过 2 MB');
      expect(await page.getByTestId('case-document').count()).toBe(0);

      await upload
        .locator('input[type="file"]')
        .setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
      const listed = page.locator('[data-testid="case-document"][data-material="damaged-licence"]');
      await listed.waitFor();
      await expect.poll(() => material.getAttribute('data-state')).toBe('provided');
      expect(await listed.getByTestId('document-download').innerText()).toContain(fileName);
      expect(await page.getByTestId('material-upload-damaged-licence').count()).toBe(0);
      // The link serves the same bytes, as an attachment, with the session's cookie.
      const href = (await listed.getByTestId('document-download').getAttribute('href'))!;
      const res = await page.request.get(href);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('image/png');
      expect(res.headers()['content-disposition']).toMatch(/^attachment/);
      expect(Buffer.compare(await res.body(), png)).toBe(0);
      await screenshot(page, 'damaged-case-uploaded-zh-CN-phone');
    } finally {
      await citizen.context.close();
    }

    const detail = await (await apiSession(username)).get<CaseDetail>(`/api/v1/me/cases/${caseId}`);
    expect(detail.documents.map((d) => [d.materialCode, d.fileName, d.size])).toEqual([
      ['damaged-licence', fileName, png.length],
    ]);

    const officer = await newPage(browser, { viewport: 'desktop', lang: 'zh-CN' });
    try {
      await loginThroughUi(officer.page, demoAccount('officer1'));
      await officer.page.waitForURL('**/officer');
      await officer.page.goto(`/officer/cases/${caseId}`);
      await officer.page.getByTestId('case-detail').waitFor();
      const row = officer.page.locator('[data-testid="case-document"][data-material="damaged-licence"]');
      await row.waitFor();
      expect(await row.getByTestId('document-download').innerText()).toContain(fileName);
      expect(await row.innerText()).toContain('损毁的驾驶证');
      expect(
        await officer.page
          .locator('[data-testid="check-material"][data-code="damaged-licence"]')
          .getAttribute('data-state'),
      ).toBe('provided');
      await officer.page.getByTestId('case-documents').scrollIntoViewIfNeeded();
      await screenshot(officer.page, 'officer-damaged-documents-zh-CN');
    } finally {
      await officer.context.close();
    }
  });
});
