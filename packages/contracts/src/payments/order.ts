/**
 * A payment order's life. `pending` until a provider's verified notification settles it (`paid`); an
 * order never paid `expired`s (its amount held only for the day it was made: a fine's surcharge grows at
 * midnight); a paid order is refunded when its case is rejected or withdrawn. A payment that arrives for
 * an expired order is still money received: it settles the order when nothing else paid for the same
 * thing, and is refunded otherwise.
 */
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'expired',
  'cancelled',
  'refund-pending',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['settle', 'expire', 'cancel', 'refund', 'refund-settle'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const ORDER_TRANSITIONS = {
  pending: { settle: 'paid', expire: 'expired', cancel: 'cancelled' },
  expired: { settle: 'paid' },
  // Money that still arrives for a cancelled order is taken in (then refunded): never lost, never refused.
  cancelled: { settle: 'paid' },
  paid: { refund: 'refund-pending' },
  'refund-pending': { 'refund-settle': 'refunded' },
  refunded: {},
} as const satisfies Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>>;

export function nextOrderStatus(from: OrderStatus, action: OrderAction): OrderStatus | null {
  return (ORDER_TRANSITIONS[from] as Partial<Record<OrderAction, OrderStatus>>)[action] ?? null;
}

export const ORDER_KINDS = ['fine', 'fee'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** How long a payer has to pay an order: 30 minutes, and never past the end of the day it was made. */
export const ORDER_TTL_MINUTES = 30;

/** The moment an order made at `now` expires; `endOfDay` is the end of that day in Asia/Shanghai. */
export function orderExpiresAt(now: Date, endOfDay: Date, ttlMinutes = ORDER_TTL_MINUTES): Date {
  const ttl = new Date(now.getTime() + ttlMinutes * 60_000);
  return ttl < endOfDay ? ttl : endOfDay;
}

/** Yuan with two decimals from integer fen, for documents and messages (no floating point). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
