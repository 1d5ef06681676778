/**
 * Which waiting ticket a counter calls next: the priority lane (aged 70+, disabled, military) as a
 * weighted round-robin (the Qmatic work-profile pattern), never strict priority, so the normal queue
 * never starves. Pure: the API feeds it the waiting tickets it has locked and the counter's recent
 * calls; the property test in calling.test.ts feeds it arbitrary arrivals and counter schedules.
 */

/** The calling policy, as data. */
export interface CallingPolicy {
  /**
   * At most this many priority tickets in a row at one counter while a normal ticket it serves waits;
   * the next call then takes the oldest normal ticket.
   */
  priorityRun: number;
  /**
   * A normal ticket that has queued this long (minutes since its queue time) is called before any
   * priority ticket, oldest first (anti-starvation).
   */
  maxNormalWaitMinutes: number;
}

export const DEFAULT_CALLING_POLICY: CallingPolicy = { priorityRun: 2, maxNormalWaitMinutes: 30 };

/** Hall rules as data: lateness, the fallback service time, the window of recent services. */
export const HALL_RULES = {
  /** More than this many minutes after the slot start, an appointment queues as a walk-in. */
  lateAfterMinutes: 15,
  /** Service time assumed for a category with no recent service on record. */
  defaultServiceSeconds: 300,
  /** How many recent services per category the wait estimate looks at. */
  recentServices: 20,
  /** How many recent calls the board shows. */
  boardRecentCalls: 8,
} as const;

export interface WaitingTicket {
  id: string;
  category: string;
  priority: boolean;
  /**
   * The ticket's place in the queue (ms since epoch): the issue time, or for an on-time appointment
   * its slot start (appointments keep their booked place, Qmatic's fair queuing).
   */
  queuedAt: number;
  /** Transferred to this counter: called first, ahead of everyone it serves. */
  transferredHere?: boolean;
}

/** What the counter did lately: priority tickets it called since its last normal call. */
export interface CallingState {
  priorityStreak: number;
}

export type CallReason =
  /** a ticket transferred to this counter */
  | 'transfer'
  /** a normal ticket waited past the bound */
  | 'starved'
  /** the priority lane's turn */
  | 'priority'
  /** the priority run reached its limit: a normal ticket's turn */
  | 'run-limit'
  /** no priority ticket waiting (or none for this counter): the oldest normal one */
  | 'normal'
  /** priority ticket called because no normal ticket waits for this counter */
  | 'priority-only';

export interface CallDecision<T extends WaitingTicket = WaitingTicket> {
  ticket: T;
  reason: CallReason;
}

const oldest = <T extends WaitingTicket>(list: T[]): T | undefined =>
  list.reduce<T | undefined>(
    (best, t) =>
      !best || t.queuedAt < best.queuedAt || (t.queuedAt === best.queuedAt && t.id < best.id) ? t : best,
    undefined,
  );

/**
 * Guarantees (the property tests in calling.test.ts check them over arbitrary arrivals and counter
 * schedules): (a) a normal ticket is called while an eligible priority ticket waits only when forced, by
 * the run limit (the counter's streak reached `priorityRun`) or by starvation; (b) no priority ticket is
 * called while a normal ticket the counter serves has queued `maxNormalWaitMinutes` or more, and a counter
 * never makes more than `priorityRun` priority calls in a row while a normal ticket it serves waits. Within
 * each lane, first come, first served.
 *
 * The next ticket for a counter serving `counterCategories`, or null when none waits for it. Order:
 * a ticket transferred here; a normal ticket past the wait bound (oldest); the priority lane while its
 * run is below `priorityRun`; the oldest normal ticket; a priority ticket when no normal one waits.
 */
export function nextTicket<T extends WaitingTicket>(
  waiting: readonly T[],
  counterCategories: readonly string[],
  state: CallingState,
  policy: CallingPolicy,
  now: number,
): CallDecision<T> | null {
  const mine = waiting.filter((t) => counterCategories.includes(t.category));
  const transferred = oldest(mine.filter((t) => t.transferredHere));
  if (transferred) return { ticket: transferred, reason: 'transfer' };
  const normal = oldest(mine.filter((t) => !t.priority));
  const priority = oldest(mine.filter((t) => t.priority));
  const bound = policy.maxNormalWaitMinutes * 60_000;
  if (normal && now - normal.queuedAt >= bound) return { ticket: normal, reason: 'starved' };
  if (priority && !normal) return { ticket: priority, reason: 'priority-only' };
  if (priority && state.priorityStreak < policy.priorityRun) return { ticket: priority, reason: 'priority' };
  if (normal) return { ticket: normal, reason: priority ? 'run-limit' : 'normal' };
  return null;
}

/** The counter's state after a call: the priority run grows, a normal call ends it. */
export const afterCall = (state: CallingState, calledPriority: boolean): CallingState => ({
  priorityStreak: calledPriority ? state.priorityStreak + 1 : 0,
});

/**
 * Estimated wait (seconds) for someone with `ahead` people before them: each open counter serving the
 * category takes one at a time, each taking the median of the recent service times (or the default).
 * With no counter open yet, as if one opened.
 */
export function estimateWait(
  ahead: number,
  recentServiceSeconds: readonly number[],
  openCounters: number,
  defaultServiceSeconds: number = HALL_RULES.defaultServiceSeconds,
): number {
  const service = recentServiceSeconds.length > 0 ? median(recentServiceSeconds) : defaultServiceSeconds;
  return Math.round((Math.max(0, ahead) * service) / Math.max(1, openCounters));
}

/** The p-th percentile (0..100) by nearest rank, or null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50) ?? 0;

/** An appointment checked in more than `lateAfterMinutes` after its slot start queues as a walk-in. */
export const isLateArrival = (
  slotStartsAt: Date,
  checkInAt: Date,
  lateAfterMinutes: number = HALL_RULES.lateAfterMinutes,
): boolean => checkInAt.getTime() - slotStartsAt.getTime() > lateAfterMinutes * 60_000;

/** The ticket number shown on the board: the class letter and a 3-digit running number (A007). */
export const ticketNumber = (letter: string, n: number): string => `${letter}${String(n).padStart(3, '0')}`;

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no-show'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketAction = 'call' | 'recall' | 'skip' | 'transfer' | 'serve' | 'finish';

const TRANSITIONS: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  call: { waiting: 'called' },
  recall: { called: 'called' },
  skip: { called: 'no-show' },
  transfer: { called: 'waiting', serving: 'waiting' },
  serve: { called: 'serving' },
  finish: { serving: 'done', called: 'done' },
};

/** The ticket's status after an action, or null when the action is not allowed from that status. */
export const nextTicketStatus = (from: string, action: TicketAction): TicketStatus | null =>
  TRANSITIONS[action][from as TicketStatus] ?? null;
