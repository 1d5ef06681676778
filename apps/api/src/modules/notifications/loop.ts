import type { AppContext } from '../../platform/context.ts';
import { dispatchDueNotifications } from './dispatcher.ts';
import { scanReminders } from './reminders.ts';

/** Reminders are looked for at most this often (they are about days, not minutes). */
export const REMINDER_SCAN_MS = 3_600_000;

/**
 * Every `intervalMs`: sends due deliveries (until none is left or a round's budget is spent), and scans
 * for reminders when the last scan is an hour old. A tick still running when the next is due is not
 * doubled. Errors are logged; the next tick retries. Returns a stop function that waits for a running tick.
 */
export function startNotificationLoop(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void },
  nodeId: string,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let lastScan: number | null = null;
  let stopped = false;
  const tick = async () => {
    const now = ctx.clock.now().getTime();
    if (lastScan === null || now - lastScan >= REMINDER_SCAN_MS) {
      lastScan = now;
      try {
        await scanReminders(ctx);
      } catch (err) {
        log.error({ err }, 'reminder scan failed');
      }
    }
    for (let round = 0; round < 10 && !stopped; round++) {
      const r = await dispatchDueNotifications(ctx, nodeId, 50);
      if (r.claimed < 50) break;
    }
  };
  const handle = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((err) => log.error({ err }, 'notification dispatch failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  handle.unref();
  return async () => {
    stopped = true;
    clearInterval(handle);
    await running;
  };
}
