import type {
  CreateOrderInput,
  collectPaymentSchema,
  OrderStatus,
  PayIntentDto,
  PaymentOrderDto,
  PaymentProvider,
  ReconciliationDto,
} from '@opendmv/contracts';
import { can } from '@opendmv/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../app/api/client.ts';
import { useCurrentUser } from '../../app/auth/require-role.tsx';

const enc = encodeURIComponent;

export type CollectBody = (typeof collectPaymentSchema)['_input'];
type OrderList = { items: PaymentOrderDto[] };

/** How often an order is re-read while the provider's notification is awaited. */
export const POLL_MS = 1500;

/** An order still waiting for a provider: pending, or paid with its receipt not issued yet. */
export const isAwaiting = (o: PaymentOrderDto | undefined): boolean =>
  !!o && (o.status === 'pending' || o.status === 'refund-pending' || (o.status === 'paid' && !o.receiptId));

const pollWhileAwaiting = (q: { state: { data: PaymentOrderDto | undefined } }) =>
  isAwaiting(q.state.data) ? POLL_MS : false;

/** Where a receipt's PDF is served (the session cookie goes along), and its public verification page. */
export const receiptPdfUrl = (receiptId: string) => `/api/v1/documents/${enc(receiptId)}/pdf`;
export const receiptVerifyPath = (receiptId: string) => `/verify/${enc(receiptId)}`;
export const orderPath = (id: string) => `/citizen/payments/${id}`;

/**
 * Which of several orders for one thing tells where it stands: a paid (or refunded) one first, then an
 * open one, then the newest of the rest.
 */
export function currentOrder(orders: PaymentOrderDto[]): PaymentOrderDto | undefined {
  const rank: Record<OrderStatus, number> = {
    paid: 0,
    'refund-pending': 1,
    refunded: 2,
    pending: 3,
    expired: 4,
    cancelled: 5,
  };
  return [...orders].sort(
    (a, b) => rank[a.status] - rank[b.status] || b.createdAt.localeCompare(a.createdAt),
  )[0];
}

// ---------- the citizen: /api/v1/me/payment-orders ----------

export const useMyOrders = (caseId?: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ['payments', 'me', 'list', caseId ?? null],
    queryFn: () => apiGet<OrderList>(withQuery('/api/v1/me/payment-orders', { caseId })),
    refetchInterval: (q) => (q.state.data?.items.some((o) => isAwaiting(o)) ? POLL_MS * 2 : false),
  });

/** One of my orders; re-read every 1.5 s while a provider's notification (or the receipt) is awaited. */
export const useMyOrder = (id: string) =>
  useQuery({
    queryKey: ['payments', 'me', 'order', id],
    queryFn: () => apiGet<PaymentOrderDto>(`/api/v1/me/payment-orders/${enc(id)}`),
    refetchInterval: pollWhileAwaiting,
  });

/** Makes (or returns the open) order for a decided fine or a case's fee. */
export function useCreateMyOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrderInput) => apiPost<PaymentOrderDto>('/api/v1/me/payment-orders', body),
    onSuccess: (o) => {
      qc.setQueryData(['payments', 'me', 'order', o.id], o);
      void qc.invalidateQueries({ queryKey: ['payments', 'me', 'list'] });
    },
  });
}

/** Starts paying with a provider: the answer holds the provider's cashier page to go to. */
export function usePayOrder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (provider: PaymentProvider) =>
      apiPost<PayIntentDto>(`/api/v1/me/payment-orders/${enc(id)}/pay`, {
        provider,
        returnPath: orderPath(id),
      }),
    onSuccess: (intent) => qc.setQueryData(['payments', 'me', 'order', id], intent.order),
  });
}

// ---------- staff: /api/v1/payment-orders ----------

export interface OfficeOrdersQuery {
  caseId?: string;
  violationId?: string;
  status?: OrderStatus;
  date?: string;
}

/** The window's routes for officers, the supervisor's for supervisors (each needs its own permission). */
function useStaffBase(): string {
  const me = useCurrentUser();
  return can(me.role, 'payment:collect') ? '/api/v1/payment-orders' : '/api/v1/payments/orders';
}

export const useOfficeOrders = (query: OfficeOrdersQuery, enabled = true) => {
  const base = useStaffBase();
  return useQuery({
    queryKey: ['payments', 'office', 'list', base, query],
    queryFn: () => apiGet<OrderList>(withQuery(base, query as Record<string, string | undefined>)),
    placeholderData: keepPreviousData,
    enabled,
  });
};

/** One order at the window, re-read while the till or terminal has not confirmed it. */
export const useOfficeOrder = (id: string | null) => {
  const base = useStaffBase();
  return useQuery({
    queryKey: ['payments', 'office', 'order', base, id],
    queryFn: () => apiGet<PaymentOrderDto>(`${base}/${enc(id ?? '')}`),
    enabled: id !== null,
    refetchInterval: pollWhileAwaiting,
  });
};

/** The window takes a payment: the order (made, or the open one returned), then the collection. */
export function useCollectPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ order, body }: { order: CreateOrderInput; body: CollectBody }) => {
      const o = await apiPost<PaymentOrderDto>('/api/v1/payment-orders', order);
      return apiPost<PaymentOrderDto>(`/api/v1/payment-orders/${enc(o.id)}/collect`, body);
    },
    onSuccess: (o) => {
      qc.setQueryData(['payments', 'office', 'order', o.id], o);
      void qc.invalidateQueries({ queryKey: ['payments', 'office', 'list'] });
    },
  });
}

export const useReconciliations = (date: string) =>
  useQuery({
    queryKey: ['payments', 'reconciliations', date],
    queryFn: () =>
      apiGet<{ items: ReconciliationDto[] }>(withQuery('/api/v1/payments/reconciliations', { date })),
    placeholderData: keepPreviousData,
  });

/** Compares the day's ledger with every provider's statement now. */
export function useRunReconciliation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { date: string; provider?: PaymentProvider }) =>
      apiPost<{ items: ReconciliationDto[] }>('/api/v1/payments/reconciliations', body),
    onSuccess: (r, body) => {
      if (!body.provider) qc.setQueryData(['payments', 'reconciliations', body.date], r);
      void qc.invalidateQueries({ queryKey: ['payments', 'reconciliations', body.date] });
    },
  });
}
