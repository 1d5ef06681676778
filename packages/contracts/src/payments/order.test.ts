import { describe, expect, it } from 'vitest';
import {
  formatYuan,
  nextOrderStatus,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  type OrderAction,
  type OrderStatus,
  orderExpiresAt,
} from './order.ts';
import { PAYMENT_PROVIDERS, providersFor } from './providers.ts';

describe('order transitions', () => {
  const allowed: [OrderStatus, OrderAction, OrderStatus][] = [
    ['pending', 'settle', 'paid'],
    ['pending', 'expire', 'expired'],
    ['pending', 'cancel', 'cancelled'],
    ['expired', 'settle', 'paid'],
    ['cancelled', 'settle', 'paid'],
    ['paid', 'refund', 'refund-pending'],
    ['refund-pending', 'refund-settle', 'refunded'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => expect(nextOrderStatus(from, action)).toBe(to));

  const refused = ORDER_STATUSES.flatMap((from) =>
    ORDER_ACTIONS.filter((a) => !allowed.some(([f, x]) => f === from && x === a)).map(
      (a) => [from, a] as [OrderStatus, OrderAction],
    ),
  );
  it.each(refused)('%s refuses %s', (from, action) => expect(nextOrderStatus(from, action)).toBeNull());

  it('a paid order can never be settled again', () => expect(nextOrderStatus('paid', 'settle')).toBeNull());
  it('a refunded order stays refunded', () => {
    for (const a of ORDER_ACTIONS) expect(nextOrderStatus('refunded', a)).toBeNull();
  });
});

describe('orderExpiresAt', () => {
  const endOfDay = new Date('2026-11-21T15:59:59.999Z');
  it.each([
    ['2026-11-21T02:00:00Z', '2026-11-21T02:30:00.000Z'],
    ['2026-11-21T15:40:00Z', '2026-11-21T15:59:59.999Z'],
    ['2026-11-21T15:29:59.999Z', '2026-11-21T15:59:59.999Z'],
  ])('made at %s expires at %s', (now, expected) =>
    expect(orderExpiresAt(new Date(now), endOfDay).toISOString()).toBe(expected),
  );
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [20_600, '206.00'],
    [-1_050, '-10.50'],
  ])('%i fen → %s', (fen, s) => expect(formatYuan(fen)).toBe(s));
});

describe('providers by channel', () => {
  it.each([
    ['online', ['unionpay', 'wechat', 'alipay']],
    ['window', ['unionpay', 'wechat', 'alipay', 'cash', 'pos']],
    ['kiosk', ['wechat', 'alipay', 'pos']],
  ] as const)('%s offers %j', (channel, list) => expect(providersFor(channel)).toEqual(list));
  it('cash is only taken at a window', () =>
    expect(PAYMENT_PROVIDERS.filter((p) => providersFor('online').includes(p))).not.toContain('cash'));
});
