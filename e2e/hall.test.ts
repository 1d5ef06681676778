import fs from 'node:fs';
import path from 'node:path';
import type { AppointmentDto, HallCounterDto, QueueTicketDto } from '@opendmv/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, apiSession, citizenIdNumber } from './support/api.ts';
import {
  demoAccount,
  launchBrowser,
  loginThroughUi,
  newPage,
  SCREENSHOT_DIR,
  screenshot,
} from './support/browser.ts';

/**
 * The service hall, end to end in the browser: a citizen books an appointment on a phone; at the hall
 * the officer's console checks the citizen in; the officer opens a counter and calls the queue with
 * the hall's board on the wall (1920×1080) following live; recall, no-show, transfer to another
 * counter; the citizen's ticket is served and finished.
 *
 * Appointments are only bookable from the next working day (the booking horizon starts at today + 1),
 * and check-in takes today's appointments only, so the booked appointment is refused at the window
 * today: the citizen is given a walk-in ticket in the same class, linked to them by ID number.
 */
let browser: Browser;
const contexts: BrowserContext[] = [];
let officer: Awaited<ReturnType<typeof apiSession>>;
let officeId: string;
/** The walk-ins already waiting when the citizen arrives: the first is a no-show, the second transferred. */
const queue: QueueTicketDto[] = [];

const CATEGORY = 'licence' as const;
const COUNTER = '1'; // licences only
const TRANSFER_TO = '4'; // the mixed counter

async function open(viewport: 'desktop' | 'phone', lang: 'zh-CN' | 'en'): Promise<Page> {
  const { context, page } = await newPage(browser, { viewport, lang });
  contexts.push(context);
  return page;
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An antd button by its label (antd puts a space between two CJK characters: 过号 → 过 号). */
const button = (page: Page, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${[...label].map(reEscape).join('\\s*')}$`) });

/** Opens an antd Select and picks the option whose label matches. */
async function choose(page: Page, select: ReturnType<Page['locator']>, option: string | RegExp) {
  await select.click();
  const exact = typeof option === 'string' ? new RegExp(`^${reEscape(option)}$`) : option;
  const item = page.locator('.ant-select-item-option:visible').filter({ hasText: exact }).first();
  await item.waitFor();
  await item.click();
}

/** Finite animations and transitions (a toast sliding in, a button's hover colour) have run out. */
const SETTLED = `document.getAnimations().every((a) => a.playState !== 'running' ||
  (a.effect && a.effect.getTiming().iterations === Infinity))`;

/** A screenshot with the pointer out of the way and nothing half-way through an animation. */
async function shot(page: Page, name: string, viewportOnly = false): Promise<void> {
  await page.mouse.move(1, 1);
  await page.waitForFunction(SETTLED);
  if (viewportOnly) await page.screenshot({ path: viewportShot(name) });
  else await screenshot(page, name);
}

const tickets = async () => (await officer.get<{ items: QueueTicketDto[] }>('/api/v1/hall/tickets')).items;
const ticket = async (id: string) => (await tickets()).find((t) => t.id === id)!;
const counters = async () => (await officer.get<{ items: HallCounterDto[] }>('/api/v1/hall/counters')).items;

/** A tolerant POST (a counter may be closed already, a ticket finished already). */
async function tryPost(path: string): Promise<void> {
  try {
    await officer.post(path, {});
  } catch {
    // already in that state
  }
}

/**
 * Leaves officer1's hall empty (earlier journeys, e.g. the board's, call through the API and leave
 * tickets waiting or at a counter), so the calls below are deterministic.
 */
async function emptyHall() {
  for (const c of await counters()) {
    if (c.currentTicketId) await tryPost(`/api/v1/hall/tickets/${c.currentTicketId}/finish`);
    if (c.status === 'open') await tryPost(`/api/v1/hall/counters/${c.id}/close`);
  }
  const mixed = (await counters()).find((c) => c.number === TRANSFER_TO)!;
  await officer.post(`/api/v1/hall/counters/${mixed.id}/open`);
  for (;;) {
    const { ticket: t } = await officer.post<{ ticket: QueueTicketDto | null }>(
      `/api/v1/hall/counters/${mixed.id}/call-next`,
    );
    if (!t) break;
    await officer.post(`/api/v1/hall/tickets/${t.id}/finish`);
  }
  await officer.post(`/api/v1/hall/counters/${mixed.id}/close`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  officer = await apiSession('officer1');
  const all = await counters();
  expect(all.map((c) => c.number)).toEqual(expect.arrayContaining([COUNTER, TRANSFER_TO]));
  officeId = all[0]!.officeId;
  await emptyHall();
  // Two people took a ticket before the citizen arrives.
  for (let i = 0; i < 2; i++)
    queue.push(await officer.post<QueueTicketDto>('/api/v1/hall/tickets', { category: CATEGORY }));
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

let booked: AppointmentDto;
let citizenTicket: string; // its number
let officerPage: Page;
let board: Page;

describe('book → check in → called on the board → served at the counter', () => {
  it('citizen1 books a licence appointment at officer1’s office on a phone (zh-CN)', async () => {
    const offices = await apiAs<{ items: { id: string; nameZh: string }[] }>(
      'citizen1',
      '/api/v1/appointments/offices',
    );
    const office = offices.items.find((o) => o.id === officeId)!;
    expect(office, "officer1's office takes appointments").toBeTruthy();
    const before = (await apiAs<{ items: AppointmentDto[] }>('citizen1', '/api/v1/me/appointments')).items;

    const page = await open('phone', 'zh-CN');
    await loginThroughUi(page, demoAccount('citizen1'));
    await page.waitForURL('**/citizen');
    await page.goto('/citizen/appointments');
    await page.getByTestId('appointment-booking').waitFor();
    await page.getByTestId('appointment-category').getByText('驾驶证业务').click();
    await choose(page, page.getByTestId('appointment-office'), office.nameZh);
    // The first day offered (the select shows it already) and its first free slot.
    await page.getByTestId('appointment-day').waitFor();
    const slot = page.locator('[data-testid="appointment-slot"]:not([disabled])').first();
    await slot.waitFor();
    await slot.click();
    const confirm = page.getByTestId('appointment-confirm');
    await confirm.waitFor();
    await confirm.click();
    await expect
      .poll(async () => {
        const now = (await apiAs<{ items: AppointmentDto[] }>('citizen1', '/api/v1/me/appointments')).items;
        return now.find((a) => !before.some((b) => b.id === a.id) && a.status === 'confirmed');
      })
      .toBeTruthy();
    const now = (await apiAs<{ items: AppointmentDto[] }>('citizen1', '/api/v1/me/appointments')).items;
    booked = now.find((a) => !before.some((b) => b.id === a.id))!;
    expect(booked).toMatchObject({ status: 'confirmed', category: CATEGORY, officeId });
    // The check-in code, as the citizen reads it on the page.
    const row = page.locator('[data-testid="my-appointment"][data-status="confirmed"]', {
      hasText: booked.code,
    });
    await row.waitFor();
    expect(await row.getByTestId('appointment-code').innerText()).toBe(booked.code);
    expect(await row.innerText()).toContain('已预约');
    await shot(page, 'hall-booked-zh-CN-phone');
  });

  it('at the window: the appointment (for a later day) is refused today; the citizen gets a walk-in ticket', async () => {
    officerPage = await open('desktop', 'zh-CN');
    const page = officerPage;
    await loginThroughUi(page, demoAccount('officer1'));
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto('/officer/hall');
    await page.getByTestId('hall-counter-select').waitFor();

    // The booking horizon starts tomorrow, and check-in takes today's appointments only.
    expect(booked.day > queue[0]!.day).toBe(true);
    await page.getByPlaceholder('预约码').fill(booked.code);
    await button(page, '签到取号').click();
    const refusal = page.locator('.ant-message-notice', { hasText: '不符合办理条件' });
    await refusal.waitFor();
    console.log(
      `[hall e2e] check-in of ${booked.code} (${booked.day}) refused: ${await refusal.innerText()}`,
    );
    await shot(page, 'hall-console-refused-zh-CN');
    expect((await tickets()).some((t) => t.appointmentId === booked.id)).toBe(false);

    // A walk-in ticket in the appointment's class, linked to the citizen by ID number.
    await choose(page, page.locator('.ant-select', { hasText: '业务类别' }), '驾驶证业务');
    await page.getByPlaceholder('身份证号（可选）').fill(await citizenIdNumber('citizen1'));
    await button(page, '取号').click();
    const issued = page.locator('.ant-message-notice', { hasText: '已出号' });
    await issued.waitFor();
    citizenTicket = /已出号 (\S+)/.exec(await issued.innerText())![1]!;
    const { id: personId } = await apiAs<{ id: string }>('citizen1', '/api/v1/me/person');
    const mine = (await tickets()).find((t) => t.number === citizenTicket)!;
    expect(mine).toMatchObject({ category: CATEGORY, personId, status: 'waiting', source: 'walk-in' });
    expect(queue.every((t) => t.number < citizenTicket)).toBe(true);
    await shot(page, 'hall-console-issued-zh-CN');
  });

  it('the officer opens counter 1 and calls next: the board shows the number within seconds', async () => {
    board = await boardPage();
    await board.goto(`/board/${officeId}`);
    await board.locator('[data-testid="board-page"][data-state="live"]').waitFor();

    const page = officerPage;
    await choose(page, page.getByTestId('hall-counter-select'), new RegExp(`^${COUNTER} 号窗口 · `));
    await button(page, '开启窗口').click();
    await page.getByText(`我的窗口 · ${COUNTER} 号窗口`).waitFor();
    await button(page, '叫下一位').click();
    const [first] = queue;
    await page.locator('[data-testid="hall-current-number"]', { hasText: first!.number }).waitFor();
    expect(await page.getByTestId('hall-current').innerText()).toContain('已叫号');

    const started = Date.now();
    await board
      .locator(`[data-testid="board-latest"][data-number="${first!.number}"]`)
      .waitFor({ timeout: 5_000 });
    console.log(`[hall e2e] ${first!.number} on the board after ${Date.now() - started} ms`);
    expect(await board.getByTestId('board-latest').innerText()).toContain(
      `请 ${first!.number} 号到 ${COUNTER} 号窗口`,
    );
    const cell = board.locator(`[data-testid="board-counter"][data-counter-number="${COUNTER}"]`);
    expect(await cell.getAttribute('data-ticket')).toBe(first!.number);
    // Two still wait for licences: the second walk-in and the citizen.
    await board.locator('[data-testid="board-waiting"][data-category="licence"][data-count="2"]').waitFor();
    await shot(board, 'hall-board-zh-CN', true);
  });

  it('recall, then no-show; the next is transferred to counter 4', async () => {
    const page = officerPage;
    const [first, second] = queue;
    await button(page, '重复叫号').click();
    await page.getByText('已重呼 1 次').waitFor();
    expect((await ticket(first!.id)).recalls).toBe(1);

    await button(page, '过号').click();
    await button(page, '叫下一位').waitFor();
    expect((await ticket(first!.id)).status).toBe('no-show');

    await button(page, '叫下一位').click();
    await page.locator('[data-testid="hall-current-number"]', { hasText: second!.number }).waitFor();
    await board
      .locator(`[data-testid="board-latest"][data-number="${second!.number}"]`)
      .waitFor({ timeout: 5_000 });
    await choose(page, page.locator('.ant-select', { hasText: '转到窗口' }), `${TRANSFER_TO} 号窗口`);
    await shot(page, 'hall-console-transfer-zh-CN');
    await button(page, '转窗口').click();
    await button(page, '叫下一位').waitFor();
    const moved = await ticket(second!.id);
    const to = (await counters()).find((c) => c.number === TRANSFER_TO)!;
    expect(moved).toMatchObject({ status: 'waiting', counterId: to.id });
  });

  it('the citizen’s ticket is called, served and finished; the board shows it at counter 1', async () => {
    const page = officerPage;
    await button(page, '叫下一位').click();
    await page.locator('[data-testid="hall-current-number"]', { hasText: citizenTicket }).waitFor();
    await board
      .locator(`[data-testid="board-latest"][data-number="${citizenTicket}"]`)
      .waitFor({ timeout: 5_000 });
    expect(await board.getByTestId('board-latest').innerText()).toContain(
      `请 ${citizenTicket} 号到 ${COUNTER} 号窗口`,
    );
    expect(await board.getByTestId('board-recent').innerText()).toContain(queue[1]!.number);

    await button(page, '开始办理').click();
    await page.getByTestId('hall-current').getByText('办理中').waitFor();
    await shot(page, 'hall-console-serving-zh-CN');
    await shot(board, 'hall-board-called-zh-CN', true);

    // The same console in English, while the ticket is being served.
    const en = await open('desktop', 'en');
    await loginThroughUi(en, demoAccount('officer1'));
    await en.waitForURL((u) => u.pathname !== '/login');
    await en.goto('/officer/hall');
    await en.locator('[data-testid="hall-current-number"]', { hasText: citizenTicket }).waitFor();
    const text = await en.getByTestId('hall-current').innerText();
    expect(text).toContain('Serving');
    expect(text).toContain('Walk-in');
    expect(await en.getByRole('button', { name: 'Finish' }).count()).toBe(1);
    await shot(en, 'hall-console-serving-en');

    await button(page, '办结').click();
    await button(page, '叫下一位').waitFor();
    const done = (await tickets()).find((t) => t.number === citizenTicket)!;
    expect(done.status).toBe('done');
    expect(done.doneAt).not.toBeNull();
    // Nobody else waits for counter 1: the transferred ticket waits at counter 4.
    await button(page, '叫下一位').click();
    await page.locator('.ant-message-notice', { hasText: '当前没有等候的号' }).waitFor();
    await shot(page, 'hall-console-done-zh-CN');
  });
});

async function boardPage(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: inject('e2e').baseUrl,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
  });
  contexts.push(context);
  await context.addInitScript(`localStorage.setItem('odmv.lang', 'zh-CN')`);
  return context.newPage();
}

/** The board is exactly one screen: the viewport only. */
function viewportShot(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
