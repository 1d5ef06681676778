import type { VehicleDto } from '@opendmv/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { demoAccount, launchBrowser, loginThroughUi, newPage, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('officer: login → find a vehicle by plate → its detail', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`finds the vehicle and shows owner, violations and history (${lang})`, async () => {
      const { items } = await apiAs<{ items: VehicleDto[] }>('citizen1', '/api/v1/me/vehicles');
      const plate = items[0]!.plate!;
      const { context, page } = await newPage(browser, { lang });
      try {
        await loginThroughUi(page, demoAccount('officer1'));
        await page.waitForURL('**/officer');
        await page.getByTestId('officer-search-input').fill(plate);
        await page.getByTestId('officer-search-submit').click();
        await page.getByTestId('search-results').waitFor();
        expect(await page.getByTestId('search-results').innerText()).toContain(plate);
        await screenshot(page, `officer-search-${lang}`);
        await page
          .getByTestId('search-results')
          .locator(`a[href$="/vehicles/${items[0]!.id}"]`)
          .first()
          .click();
        await page.getByTestId('vehicle-detail').waitFor();
        expect(await page.getByTestId('vehicle-detail').innerText()).toContain(items[0]!.vin);
        await screenshot(page, `officer-vehicle-${lang}`);
      } finally {
        await context.close();
      }
    });
  }

  it('reveals a person’s full ID only after stating a purpose', async () => {
    const { items } = await apiAs<{ items: VehicleDto[] }>('citizen1', '/api/v1/me/vehicles');
    const { context, page } = await newPage(browser, { lang: 'zh-CN' });
    try {
      await loginThroughUi(page, demoAccount('officer1'));
      await page.waitForURL('**/officer');
      await page.goto(`/officer/persons/${items[0]!.ownerId}`);
      await page.getByTestId('person-detail').waitFor();
      const masked = await page.getByTestId('person-id-number').innerText();
      expect(masked).toContain('*');
      await page.getByTestId('reveal-button').click();
      await page.getByTestId('reveal-purpose').fill('窗口业务核对身份');
      await page
        .getByRole('button', { name: /确\s*定|确认|OK|Reveal|查看/ })
        .last()
        .click();
      await expect.poll(() => page.getByTestId('person-id-number').innerText()).toMatch(/^\d{17}[\dX]$/);
      await screenshot(page, 'officer-person-revealed-zh-CN');
    } finally {
      await context.close();
    }
  });
});

describe('supervisor: login with TOTP → audit trail → verify the chain', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`verifies the audit chain (${lang})`, async () => {
      const { context, page } = await newPage(browser, { lang });
      try {
        await loginThroughUi(page, demoAccount('supervisor1'));
        await page.waitForURL('**/supervisor');
        await page.getByTestId('audit-table').waitFor();
        await page.getByTestId('audit-verify-button').click();
        await page.getByTestId('audit-verify-result').waitFor();
        expect(await page.getByTestId('audit-verify-result').innerText()).toMatch(/\d/);
        await screenshot(page, `supervisor-audit-${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('administrator: login with TOTP → offices and staff', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows the office tree and the staff list (${lang})`, async () => {
      const { context, page } = await newPage(browser, { lang });
      try {
        await loginThroughUi(page, demoAccount('admin1'));
        await page.waitForURL('**/admin');
        await page.getByTestId('office-tree').waitFor();
        expect(await page.getByTestId('admin-offices').innerText()).toMatch(/CGS|车管所|Vehicle/);
        await screenshot(page, `admin-offices-${lang}`);
        await page.goto('/admin/staff');
        await page.getByTestId('admin-staff').waitFor();
        await expect.poll(() => page.getByTestId('admin-staff').innerText()).toContain('officer1');
        await screenshot(page, `admin-staff-${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('administrator: audit chain page from the menu', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`verifies the audit chain from /admin/audit (${lang})`, async () => {
      const { context, page } = await newPage(browser, { lang });
      try {
        await loginThroughUi(page, demoAccount('admin1'));
        await page.waitForURL('**/admin');
        await page.getByRole('menuitem', { name: lang === 'en' ? 'Audit chain' : '审计链校验' }).click();
        await page.waitForURL('**/admin/audit');
        await page.getByTestId('audit-verify-button').click();
        await page.getByTestId('audit-verify-result').waitFor();
        expect(await page.getByTestId('audit-verify-result').getAttribute('data-ok')).toBe('true');
        expect(await page.getByTestId('audit-verify-result').innerText()).toMatch(/\d/);
        await screenshot(page, `admin-audit-${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('administrator: open a branch through the office form', () => {
  it('picks the parent in the office tree select, then the kind, and sees the new branch in the tree', async () => {
    const { context, page } = await newPage(browser, { lang: 'en' });
    try {
      await loginThroughUi(page, demoAccount('admin1'));
      await page.waitForURL('**/admin');
      const form = page.getByTestId('create-office-form');
      await form.locator('.ant-select').first().click();
      await page.locator('.ant-select-tree-title').filter({ hasText: /CGS$/ }).first().click();
      await form.locator('.ant-select').nth(1).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await form.locator('input#code').fill('BR-E2E');
      await form.locator('input#nameZh').fill('测试分所');
      await form.locator('input#nameEn').fill('E2E Test Branch');
      await page.getByTestId('create-office-submit').click();
      await expect.poll(() => page.getByTestId('office-tree').innerText()).toContain('E2E Test Branch');
      await screenshot(page, 'admin-office-created-en');
    } finally {
      await context.close();
    }
  });
});
