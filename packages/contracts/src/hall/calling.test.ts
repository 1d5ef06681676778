import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterCall,
  type CallingPolicy,
  type CallingState,
  estimateWait,
  isLateArrival,
  nextTicket,
  nextTicketStatus,
  percentile,
  ticketNumber,
  type WaitingTicket,
} from './calling.ts';

const MIN = 60_000;
const policy: CallingPolicy = { priorityRun: 2, maxNormalWaitMinutes: 30 };
const t = (
  id: string,
  queuedMin: number,
  priority = false,
  category = 'licence',
  extra = {},
): WaitingTicket => ({
  id,
  category,
  priority,
  queuedAt: queuedMin * MIN,
  ...extra,
});

describe('nextTicket (table)', () => {
  const cases: {
    name: string;
    waiting: WaitingTicket[];
    categories?: string[];
    streak?: number;
    now: number;
    expected: [string, string] | null;
  }[] = [
    { name: 'nothing waits', waiting: [], now: 0, expected: null },
    {
      name: 'oldest normal when no priority',
      waiting: [t('n2', 5), t('n1', 3)],
      now: 10,
      expected: ['n1', 'normal'],
    },
    {
      name: 'priority ahead of an older normal',
      waiting: [t('n1', 1), t('p1', 5, true)],
      now: 10,
      expected: ['p1', 'priority'],
    },
    {
      name: 'after a full priority run, the oldest normal',
      waiting: [t('n1', 1), t('p1', 5, true)],
      streak: 2,
      now: 10,
      expected: ['n1', 'run-limit'],
    },
    {
      name: 'priority only: the run limit does not hold back a priority ticket',
      waiting: [t('p1', 5, true)],
      streak: 9,
      now: 10,
      expected: ['p1', 'priority-only'],
    },
    {
      name: 'a normal ticket past the bound goes first',
      waiting: [t('n1', 0), t('p1', 5, true)],
      now: 30,
      expected: ['n1', 'starved'],
    },
    {
      name: 'just under the bound: priority still first',
      waiting: [t('n1', 1), t('p1', 5, true)],
      now: 30,
      expected: ['p1', 'priority'],
    },
    {
      name: 'a ticket transferred here beats everyone',
      waiting: [t('n1', 0), t('p1', 1, true), t('x', 20, false, 'licence', { transferredHere: true })],
      now: 40,
      expected: ['x', 'transfer'],
    },
    {
      name: 'only the categories the counter serves',
      waiting: [t('v1', 0, true, 'vehicle'), t('n1', 5)],
      categories: ['licence'],
      now: 10,
      expected: ['n1', 'normal'],
    },
    {
      name: 'none for this counter',
      waiting: [t('v1', 0, false, 'vehicle')],
      categories: ['licence'],
      now: 10,
      expected: null,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const d = nextTicket(
        c.waiting,
        c.categories ?? ['licence', 'vehicle'],
        { priorityStreak: c.streak ?? 0 },
        policy,
        c.now * MIN,
      );
      expect(d ? [d.ticket.id, d.reason] : null).toEqual(c.expected);
    });
});

describe('nextTicket (property: any arrivals, any counter schedule)', () => {
  const CATS = ['licence', 'vehicle', 'violation'];
  const arrival = fc.record({
    at: fc.integer({ min: 0, max: 180 }),
    category: fc.constantFrom(...CATS),
    priority: fc.boolean(),
  });
  const counter = fc.subarray(CATS, { minLength: 1 });
  const scenario = fc.record({
    arrivals: fc.array(arrival, { maxLength: 60 }),
    counters: fc.array(counter, { minLength: 1, maxLength: 3 }),
    calls: fc.array(fc.record({ at: fc.integer({ min: 0, max: 300 }), counter: fc.nat(2) }), {
      maxLength: 80,
    }),
    policy: fc.record({
      priorityRun: fc.integer({ min: 1, max: 4 }),
      maxNormalWaitMinutes: fc.integer({ min: 5, max: 60 }),
    }),
  });

  it('priority is called earlier, but never past the run limit or over a starved normal ticket', () => {
    fc.assert(
      fc.property(scenario, ({ arrivals, counters, calls, policy }) => {
        const tickets = arrivals.map((a, i) => ({
          id: `t${String(i).padStart(3, '0')}`,
          category: a.category,
          priority: a.priority,
          queuedAt: a.at * MIN,
        }));
        const called = new Set<string>();
        const state: CallingState[] = counters.map(() => ({ priorityStreak: 0 }));
        /** Priority calls in a row made while a normal ticket the counter serves was waiting. */
        const heldRun = counters.map(() => 0);
        const bound = policy.maxNormalWaitMinutes * MIN;
        for (const call of [...calls].sort((a, b) => a.at - b.at)) {
          const c = call.counter % counters.length;
          const now = call.at * MIN;
          const cats = counters[c]!;
          const waiting = tickets.filter((x) => x.queuedAt <= now && !called.has(x.id));
          const eligible = waiting.filter((x) => cats.includes(x.category));
          const normals = eligible.filter((x) => !x.priority);
          const priorities = eligible.filter((x) => x.priority);
          const d = nextTicket(waiting, cats, state[c]!, policy, now);
          if (!d) {
            expect(eligible).toEqual([]);
            continue;
          }
          const got = d.ticket;
          expect(cats).toContain(got.category);
          const oldestOf = (list: typeof tickets) => Math.min(...list.map((x) => x.queuedAt));
          if (got.priority) {
            // (b) in minutes: no priority ticket is called while a normal one this counter serves has
            // waited the bound.
            for (const n of normals) expect(now - n.queuedAt).toBeLessThan(bound);
            // (b) in calls: at most priorityRun priority calls in a row while a normal ticket waits.
            if (normals.length > 0) {
              heldRun[c]! += 1;
              expect(heldRun[c]).toBeLessThanOrEqual(policy.priorityRun);
            }
            // The priority lane is first come, first served.
            expect(got.queuedAt).toBe(oldestOf(priorities));
          } else {
            heldRun[c] = 0;
            // Normal tickets are first come, first served.
            expect(got.queuedAt).toBe(oldestOf(normals));
            // (a) a normal ticket goes while a priority ticket waits (earlier or not) only when a rule
            // forced it: the run limit or starvation, each checked against the state, not the reason.
            if (priorities.length > 0) {
              expect(['starved', 'run-limit']).toContain(d.reason);
              if (d.reason === 'starved') expect(now - got.queuedAt).toBeGreaterThanOrEqual(bound);
              if (d.reason === 'run-limit')
                expect(state[c]!.priorityStreak).toBeGreaterThanOrEqual(policy.priorityRun);
            }
          }
          called.add(got.id);
          state[c] = afterCall(state[c]!, got.priority);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('with one counter calling every few minutes, a normal ticket waits no longer than the bound plus the calls needed for the normal tickets queued before it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 120 }), priority: fc.boolean() }), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 5 }),
        (arrivals, gap) => {
          const tickets = arrivals.map((a, i) => ({
            id: `t${String(i).padStart(3, '0')}`,
            category: 'licence',
            priority: a.priority,
            queuedAt: a.at * MIN,
          }));
          const calledAt = new Map<string, number>();
          let state: CallingState = { priorityStreak: 0 };
          for (let now = 0; calledAt.size < tickets.length; now += gap * MIN) {
            const waiting = tickets.filter((x) => x.queuedAt <= now && !calledAt.has(x.id));
            const d = nextTicket(waiting, ['licence'], state, policy, now);
            if (!d) continue;
            calledAt.set(d.ticket.id, now);
            state = afterCall(state, d.ticket.priority);
          }
          for (const n of tickets.filter((x) => !x.priority)) {
            const before = tickets.filter((x) => !x.priority && x.queuedAt <= n.queuedAt).length;
            // Each normal ticket ahead (and itself) costs at most priorityRun + 1 calls, or it is starved.
            const callsBound = before * (policy.priorityRun + 1) * gap * MIN;
            expect(calledAt.get(n.id)! - n.queuedAt).toBeLessThanOrEqual(
              Math.max(callsBound, policy.maxNormalWaitMinutes * MIN + before * gap * MIN) + gap * MIN,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('estimateWait', () => {
  const cases: [string, number, number[], number, number][] = [
    ['nobody ahead', 0, [300], 2, 0],
    ['median of recent services, one counter', 3, [100, 200, 900], 1, 600],
    ['two counters halve it', 4, [120, 120], 2, 240],
    ['no history: the default service time', 2, [], 1, 600],
    ['no open counter: as if one opened', 2, [60], 0, 120],
  ];
  for (const [name, ahead, recent, open, expected] of cases)
    it(name, () => expect(estimateWait(ahead, recent, open)).toBe(expected));
});

describe('hall rules', () => {
  it('late after 15 minutes past the slot start, not at 15', () => {
    const slot = new Date('2026-11-21T01:00:00Z');
    expect(isLateArrival(slot, new Date('2026-11-21T01:15:00Z'))).toBe(false);
    expect(isLateArrival(slot, new Date('2026-11-21T01:15:01Z'))).toBe(true);
    expect(isLateArrival(slot, new Date('2026-11-21T00:30:00Z'))).toBe(false);
  });
  it('numbers and percentiles', () => {
    expect(ticketNumber('A', 7)).toBe('A007');
    expect(ticketNumber('B', 1234)).toBe('B1234');
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
  it('ticket transitions', () => {
    expect(nextTicketStatus('waiting', 'call')).toBe('called');
    expect(nextTicketStatus('called', 'skip')).toBe('no-show');
    expect(nextTicketStatus('done', 'recall')).toBeNull();
    expect(nextTicketStatus('serving', 'transfer')).toBe('waiting');
  });
});
