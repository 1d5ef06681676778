import crypto from 'node:crypto';
import {
  PAYMENT_PROVIDERS,
  type PaymentProvider,
  PROVIDER_INFO,
  type ProviderNotification,
  type StatementLine,
  todayInShanghai,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { providerKey, signBody, verifyBody } from '../../platform/crypto/signing.ts';

export interface PaymentGatewayOptions {
  secret: Buffer;
  /** Where notifications go (the platform's base URL), as a merchant registers it with a provider. */
  platformUrl?: string;
  /** First retry after this many ms; doubles each time up to `maxRetryMs` (default 1 s → 30 s). */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** The providers' clock (transaction times and statement days). Default: the system clock. */
  now?: () => Date;
}

export interface Intent {
  provider: PaymentProvider;
  providerRef: string;
  orderNumber: string;
  amountFen: number;
  description: string;
  returnUrl: string | null;
  status: 'open' | 'paid' | 'closed';
  transactionId: string | null;
  paidAt: string | null;
  refund: { refundId: string; transactionId: string; amountFen: number; at: string } | null;
}

export interface QueuedNotification {
  provider: PaymentProvider;
  body: ProviderNotification;
  attempts: number;
  nextAt: number;
  delivered: boolean;
  /** HTTP statuses of every attempt (0 = no connection). */
  statuses: number[];
}

const isProvider = (p: string): p is PaymentProvider => (PAYMENT_PROVIDERS as readonly string[]).includes(p);
const id = (prefix: string) => `${prefix}${crypto.randomBytes(10).toString('hex')}`;
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Five payment providers in one simulator, each with its own signing key. It keeps intents, takes the
 * payer's confirmation (cashier page, QR scan or counter device), and tells the platform with a signed
 * notification that it retries with backoff until answered 2xx — possibly more than once, as real
 * providers do. Its statement per day is what reconciliation compares the platform's ledger with.
 */
export class PaymentGatewaySim {
  readonly intents = new Map<string, Intent>();
  readonly queue: QueuedNotification[] = [];
  private readonly byOrder = new Map<string, string>();
  private ownUrl = '';
  private platformUrl: string | undefined;
  private readonly retryBaseMs: number;
  private readonly maxRetryMs: number;
  private readonly now: () => Date;
  private ticker: NodeJS.Timeout | undefined;
  private sending = false;
  /** While true, notifications stay queued (a provider outage, or a test holding them back). */
  hold = false;

  constructor(private readonly opts: PaymentGatewayOptions) {
    this.platformUrl = opts.platformUrl;
    this.retryBaseMs = opts.retryBaseMs ?? 1000;
    this.maxRetryMs = opts.maxRetryMs ?? 30_000;
    this.now = opts.now ?? (() => new Date());
    this.ticker = setInterval(() => void this.deliverDue(), Math.min(this.retryBaseMs, 250));
    this.ticker.unref();
  }

  setOwnUrl(url: string): void {
    this.ownUrl = url;
  }
  setPlatformUrl(url: string): void {
    this.platformUrl = url;
  }
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  key(provider: PaymentProvider): Buffer {
    return providerKey(this.opts.secret, provider);
  }

  /** Opens (or returns the open) intent for an order. */
  createIntent(
    provider: PaymentProvider,
    input: { orderNumber: string; amountFen: number; description: string; returnUrl?: string | null },
  ): Intent {
    const existing = this.byOrder.get(`${provider}:${input.orderNumber}`);
    if (existing) {
      const i = this.intents.get(existing)!;
      if (i.status !== 'closed') return i;
    }
    const intent: Intent = {
      provider,
      providerRef: id(`${provider.slice(0, 2).toUpperCase()}`),
      orderNumber: input.orderNumber,
      amountFen: input.amountFen,
      description: input.description,
      returnUrl: input.returnUrl ?? null,
      status: 'open',
      transactionId: null,
      paidAt: null,
      refund: null,
    };
    this.intents.set(intent.providerRef, intent);
    this.byOrder.set(`${provider}:${input.orderNumber}`, intent.providerRef);
    return intent;
  }

  payUrlOf(intent: Intent): string {
    return `${this.ownUrl}/cashier/${intent.provider}/${intent.providerRef}`;
  }

  /** The payer confirms: the money is taken, the statement gets a line, a notification is queued. */
  pay(providerRef: string): Intent {
    const intent = this.intents.get(providerRef);
    if (!intent) throw new Error(`no intent ${providerRef}`);
    if (intent.status === 'paid') return intent;
    if (intent.status === 'closed') throw new Error('intent closed');
    intent.status = 'paid';
    intent.transactionId = id('T');
    intent.paidAt = this.now().toISOString();
    this.enqueue(intent.provider, {
      notificationId: id('N'),
      event: 'payment.succeeded',
      orderNumber: intent.orderNumber,
      providerRef: intent.providerRef,
      transactionId: intent.transactionId,
      amountFen: intent.amountFen,
      at: intent.paidAt,
    });
    return intent;
  }

  refund(providerRef: string, refundId: string, amountFen: number): Intent {
    const intent = this.intents.get(providerRef);
    if (intent?.status !== 'paid') throw new Error('not paid');
    if (amountFen !== intent.amountFen) throw new Error('only full refunds');
    if (intent.refund) return intent;
    intent.refund = { refundId, transactionId: id('F'), amountFen, at: this.now().toISOString() };
    this.enqueue(intent.provider, {
      notificationId: id('N'),
      event: 'refund.succeeded',
      orderNumber: intent.orderNumber,
      providerRef: intent.providerRef,
      transactionId: intent.refund.transactionId,
      amountFen,
      at: intent.refund.at,
    });
    return intent;
  }

  /** One provider's statement for a day (Asia/Shanghai): every payment and refund it made. */
  statement(provider: PaymentProvider, date: string): StatementLine[] {
    const lines: StatementLine[] = [];
    for (const i of this.intents.values()) {
      if (i.provider !== provider) continue;
      if (i.paidAt && todayInShanghai(new Date(i.paidAt)) === date)
        lines.push({
          transactionId: i.transactionId!,
          orderNumber: i.orderNumber,
          kind: 'payment',
          amountFen: i.amountFen,
          at: i.paidAt,
        });
      if (i.refund && todayInShanghai(new Date(i.refund.at)) === date)
        lines.push({
          transactionId: i.refund.transactionId,
          orderNumber: i.orderNumber,
          kind: 'refund',
          amountFen: -i.refund.amountFen,
          at: i.refund.at,
        });
    }
    return lines;
  }

  private enqueue(provider: PaymentProvider, body: ProviderNotification): void {
    this.queue.push({ provider, body, attempts: 0, nextAt: Date.now(), delivered: false, statuses: [] });
    void this.deliverDue();
  }

  /** Sends one notification now, signed afresh; returns the platform's HTTP status (0: unreachable). */
  async send(provider: PaymentProvider, body: ProviderNotification): Promise<number> {
    if (!this.platformUrl) return 0;
    const raw = JSON.stringify(body);
    try {
      const res = await fetch(`${this.platformUrl}/api/v1/payments/notify/${provider}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signBody(this.key(provider), raw) },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  /** Delivers every due notification; a failed one waits retryBase × 2^attempts (capped) before the next try. */
  async deliverDue(): Promise<void> {
    if (this.sending || this.hold || !this.platformUrl) return;
    this.sending = true;
    try {
      const due = this.queue.filter((n) => !n.delivered && n.nextAt <= Date.now());
      await Promise.all(
        due.map(async (n) => {
          const status = await this.send(n.provider, n.body);
          n.attempts += 1;
          n.statuses.push(status);
          if (status >= 200 && status < 300) n.delivered = true;
          else n.nextAt = Date.now() + Math.min(this.retryBaseMs * 2 ** (n.attempts - 1), this.maxRetryMs);
        }),
      );
    } finally {
      this.sending = false;
    }
  }

  /** Resolves when every queued notification has been answered 2xx, or rejects after `timeoutMs`. */
  async drain(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.some((n) => !n.delivered)) {
      if (Date.now() > deadline) throw new Error('notifications not delivered in time');
      await this.deliverDue();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  register(app: FastifyInstance): void {
    const provider = (req: FastifyRequest, reply: FastifyReply): PaymentProvider | null => {
      const p = (req.params as { provider: string }).provider;
      if (!isProvider(p)) {
        void reply.code(404).send({ error: 'unknown provider' });
        return null;
      }
      return p;
    };
    /** Merchant calls are signed like notifications: a GET signs its path. */
    const signed = (req: FastifyRequest, reply: FastifyReply, p: PaymentProvider): boolean => {
      const raw = req.method === 'GET' ? req.url : ((req as unknown as { rawBody?: string }).rawBody ?? '');
      const v = verifyBody(this.key(p), req.headers, raw);
      if (!v.ok) void reply.code(401).send({ error: v.reason });
      return v.ok;
    };

    app.post('/gw/:provider/payments', async (req, reply) => {
      const p = provider(req, reply);
      if (!p || !signed(req, reply, p)) return reply;
      const b = req.body as {
        orderNumber?: string;
        amountFen?: number;
        description?: string;
        returnUrl?: string;
      };
      if (!b.orderNumber || !Number.isInteger(b.amountFen) || (b.amountFen ?? 0) <= 0)
        return reply.code(400).send({ error: 'orderNumber and a positive integer amountFen are required' });
      const intent = this.createIntent(p, {
        orderNumber: b.orderNumber,
        amountFen: b.amountFen!,
        description: b.description ?? '',
        returnUrl: b.returnUrl ?? null,
      });
      const payUrl = this.payUrlOf(intent);
      return {
        providerRef: intent.providerRef,
        status: intent.status,
        payUrl,
        qrContent: PROVIDER_INFO[p].method === 'qr' ? `${payUrl}?scan=1` : null,
      };
    });

    app.get('/gw/:provider/payments/:ref', async (req, reply) => {
      const p = provider(req, reply);
      if (!p || !signed(req, reply, p)) return reply;
      const i = this.intents.get((req.params as { ref: string }).ref);
      if (!i || i.provider !== p) return reply.code(404).send({ error: 'no such payment' });
      return {
        status: i.status,
        transactionId: i.transactionId,
        amountFen: i.amountFen,
        paidAt: i.paidAt,
        orderNumber: i.orderNumber,
      };
    });

    app.post('/gw/:provider/payments/:ref/close', async (req, reply) => {
      const p = provider(req, reply);
      if (!p || !signed(req, reply, p)) return reply;
      const i = this.intents.get((req.params as { ref: string }).ref);
      if (!i || i.provider !== p) return reply.code(404).send({ error: 'no such payment' });
      if (i.status === 'open') i.status = 'closed';
      return { status: i.status, transactionId: i.transactionId, paidAt: i.paidAt };
    });

    /** The counter's device (cash till, POS, a QR scanned at the window) confirms the payment. */
    app.post('/gw/:provider/payments/:ref/device', async (req, reply) => {
      const p = provider(req, reply);
      if (!p || !signed(req, reply, p)) return reply;
      const i = this.intents.get((req.params as { ref: string }).ref);
      if (!i || i.provider !== p) return reply.code(404).send({ error: 'no such payment' });
      if (i.status === 'closed') return reply.code(409).send({ error: 'payment closed' });
      this.pay(i.providerRef);
      return { status: i.status, transactionId: i.transactionId };
    });

    app.post('/gw/:provider/refunds', async (req, reply) => {
      const p = provider(req, reply);
      if (!p || !signed(req, reply, p)) return reply;
      const b = req.body as { providerRef?: string; refundId?: string; amountFen?: number };
      const i = b.providerRef ? this.intents.get(b.providerRef) : undefined;
      if (!i || i.provider !== p || !b.refundId || !Number.isInteger(b.amountFen))
        return reply.code(400).send({ error: 'providerRef, refundId and amountFen are required' });
      try {
        this.refund(i.providerRef, b.refundId, b.amountFen!);
      } catch (err) {
        return reply.code(409).send({ error: (err as Error).message });
      }
      return { refundTransactionId: i.refund!.transactionId, status: 'accepted' };
    });

    app.get('/gw/:provider/statement', async (req, reply) => {
      const p = provider(req, reply);
      if (!p || !signed(req, reply, p)) return reply;
      const date = (req.query as { date?: string }).date ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return reply.code(400).send({ error: 'date=YYYY-MM-DD' });
      return { provider: p, date, lines: this.statement(p, date) };
    });

    // The payer's side: the provider's cashier page (a different site from the platform's).
    app.get('/cashier/:provider/:ref', async (req, reply) => {
      const p = provider(req, reply);
      if (!p) return reply;
      const i = this.intents.get((req.params as { ref: string }).ref);
      if (!i || i.provider !== p) return reply.code(404).type('text/html').send('<p>No such payment</p>');
      return reply.type('text/html; charset=utf-8').send(this.cashierPage(i));
    });

    app.post('/cashier/:provider/:ref', async (req, reply) => {
      const p = provider(req, reply);
      if (!p) return reply;
      const i = this.intents.get((req.params as { ref: string }).ref);
      if (!i || i.provider !== p) return reply.code(404).type('text/html').send('<p>No such payment</p>');
      if (i.status === 'closed')
        return reply.code(409).type('text/html; charset=utf-8').send(this.cashierPage(i));
      this.pay(i.providerRef);
      if (i.returnUrl) return reply.redirect(i.returnUrl, 303);
      return reply.type('text/html; charset=utf-8').send(this.cashierPage(i));
    });
  }

  private cashierPage(i: Intent): string {
    const info = PROVIDER_INFO[i.provider];
    const yuan = `¥${Math.floor(i.amountFen / 100)}.${String(i.amountFen % 100).padStart(2, '0')}`;
    const state =
      i.status === 'paid'
        ? `<p class="ok" data-testid="cashier-paid">支付成功 Paid · ${escapeHtml(i.transactionId!)}</p>`
        : i.status === 'closed'
          ? '<p class="bad" data-testid="cashier-closed">订单已关闭 This payment has been closed</p>'
          : `<form method="post"><button data-testid="cashier-pay" type="submit">${
              info.method === 'qr' ? '模拟扫码支付 Scan and pay' : '确认支付 Pay'
            } ${yuan}</button></form>`;
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.name.zh)} · 模拟收银台</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#222}
.card{border:1px solid #ddd;border-radius:12px;padding:20px}.amt{font-size:32px;font-weight:600;margin:8px 0}
button{width:100%;padding:14px;font-size:18px;border:0;border-radius:8px;background:#1677ff;color:#fff}
.sim{font-size:12px;color:#888}.ok{color:#389e0d;font-weight:600}.bad{color:#cf1322}</style></head>
<body><div class="card"><div class="sim">模拟器 Simulator — ${escapeHtml(info.name.zh)} / ${escapeHtml(info.name.en)}</div>
<h2>${escapeHtml(i.description || i.orderNumber)}</h2><div class="amt" data-testid="cashier-amount">${yuan}</div>
<div class="sim">订单 Order ${escapeHtml(i.orderNumber)}</div>${state}
${i.returnUrl && i.status !== 'open' ? `<p><a data-testid="cashier-return" href="${escapeHtml(i.returnUrl)}">返回 Return</a></p>` : ''}
</div></body></html>`;
  }
}
