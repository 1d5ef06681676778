import fs from 'node:fs';
import path from 'node:path';
import type { HallCounterDto, QueueTicketDto } from '@opendmv/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  demoAccount,
  launchBrowser,
  newPage,
  SCREENSHOT_DIR,
  screenshot,
  totpNow,
} from './support/browser.ts';

/**
 * The hall's display board (1920×1080, no sign-in) and the citizen's ticket on a phone: a call made
 * through the API shows on the board, live, and the phone's count of people ahead goes down.
 */
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A signed-in API caller that reports the status instead of throwing (a counter may exist already). */
async function session(username: string) {
  const base = inject('e2e').baseUrl;
  const a = demoAccount(username);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: a.username,
      password: a.password,
      ...(a.totpSecret ? { totp: totpNow(a.totpSecret) } : {}),
    }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };
}

async function boardPage(lang: 'zh-CN' | 'en'): Promise<Page> {
  const context = await browser.newContext({
    baseURL: inject('e2e').baseUrl,
    viewport: { width: 1920, height: 1080 },
    locale: lang,
  });
  contexts.push(context);
  await context.addInitScript(`localStorage.setItem('odmv.lang', ${JSON.stringify(lang)})`);
  return context.newPage();
}

let officer: Awaited<ReturnType<typeof session>>;
let counter: HallCounterDto;
const issued: QueueTicketDto[] = [];

async function callNext(): Promise<QueueTicketDto | null> {
  const cur = (await officer<{ items: HallCounterDto[] }>('GET', '/api/v1/hall/counters')).body.items.find(
    (c) => c.id === counter.id,
  );
  if (cur?.currentTicketId) await officer('POST', `/api/v1/hall/tickets/${cur.currentTicketId}/finish`, {});
  const res = await officer<{ ticket: QueueTicketDto | null }>(
    'POST',
    `/api/v1/hall/counters/${counter.id}/call-next`,
    {},
  );
  expect(res.status).toBe(200);
  return res.body.ticket;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const supervisor = await session('supervisor1');
  officer = await session('officer1');
  // The demo hall's counters (created once; a 409 means they are there already).
  for (const [number, categories] of [
    ['1', ['licence']],
    ['2', ['vehicle', 'inspection']],
    ['3', ['licence', 'violation']],
  ] as const) {
    const res = await supervisor('POST', '/api/v1/hall/counters', { number, categories });
    expect([201, 409]).toContain(res.status);
  }
  const counters = (await officer<{ items: HallCounterDto[] }>('GET', '/api/v1/hall/counters')).body.items;
  counter =
    counters.find((c) => c.number === '3' && c.categories.includes('licence')) ??
    counters.find((c) => c.categories.includes('licence'))!;
  expect(counter, "counters of officer1's hall").toBeTruthy();
  const open = await officer('POST', `/api/v1/hall/counters/${counter.id}/open`, {});
  expect([200, 409]).toContain(open.status);
  for (const category of ['licence', 'licence', 'vehicle', 'licence', 'violation', 'licence'] as const) {
    const res = await officer<QueueTicketDto>('POST', '/api/v1/hall/tickets', { category });
    expect(res.status).toBe(201);
    issued.push(res.body);
  }
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('display board and the ticket on the phone', () => {
  it('shows a call made through the API on the 1920×1080 board, live (zh-CN)', async () => {
    const page = await boardPage('zh-CN');
    await page.goto(`/board/${counter.officeId}`);
    await page.locator('[data-testid="board-page"][data-state="live"]').waitFor();
    const before = await page.getByTestId('board-latest').getAttribute('data-number');
    const called = await callNext();
    expect(called).not.toBeNull();
    const started = Date.now();
    await page
      .locator(`[data-testid="board-latest"][data-number="${called!.number}"]`)
      .waitFor({ timeout: 3_000 });
    console.log(`[board e2e] call ${called!.number} shown on the board after ${Date.now() - started} ms`);
    expect(called!.number).not.toBe(before);
    expect(await page.getByTestId('board-latest').innerText()).toContain(
      `请 ${called!.number} 号到 ${counter.number} 号窗口`,
    );
    const cell = page.locator(`[data-testid="board-counter"][data-counter-number="${counter.number}"]`);
    expect(await cell.getAttribute('data-ticket')).toBe(called!.number);
    const licence = page.locator('[data-testid="board-waiting"][data-category="licence"]');
    expect(Number(await licence.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await page.getByTestId('board-recent').innerText()).toContain(called!.number);
    // One more call: the board follows without a reload.
    const second = await callNext();
    await page
      .locator(`[data-testid="board-latest"][data-number="${second!.number}"]`)
      .waitFor({ timeout: 3_000 });
    // Exactly one screen: nothing scrolls on a wall display.
    const size = await page.evaluate(
      '({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight })',
    );
    expect(size).toEqual({ w: 1920, h: 1080 });
    await page.screenshot({ path: screenshotPath('board-zh-CN') });
  });

  it('the same board in English', async () => {
    const page = await boardPage('en');
    await page.goto(`/board/${counter.officeId}`);
    await page.locator('[data-testid="board-page"][data-state="live"]').waitFor();
    await page.locator('[data-testid="board-latest"]:not([data-number=""])').waitFor();
    expect(await page.getByTestId('board-latest').innerText()).toMatch(/^Number A\d+ to counter \S+$/);
    await page.screenshot({ path: screenshotPath('board-en') });
  });

  it("the citizen's ticket on the phone counts down live", async () => {
    const { context, page } = await newPage(browser, { viewport: 'phone' });
    contexts.push(context);
    const mine = issued.filter((t) => t.category === 'licence').at(-1)!;
    await page.goto(`/ticket/${mine.id}`);
    const ahead = page.getByTestId('ticket-ahead');
    await ahead.waitFor();
    expect(await page.getByTestId('ticket-number').innerText()).toBe(mine.number);
    const before = Number(await ahead.getAttribute('data-ahead'));
    expect(before).toBeGreaterThan(0);
    await screenshot(page, 'ticket-phone');
    await callNext();
    await page
      .locator(`[data-testid="ticket-ahead"][data-ahead="${before - 1}"]`)
      .waitFor({ timeout: 3_000 });
  });
});

/** The viewport only (the board is exactly one screen), under the shared screenshot folder. */
function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
