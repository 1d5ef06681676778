import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { providerKey, verifyBody } from '../../platform/crypto/signing.ts';

/** One text message the SMS gateway accepted. */
export interface SentSms {
  messageId: string;
  /** The sender's idempotency key (the platform's delivery id). */
  clientRef: string;
  phone: string;
  text: string;
  at: string;
}

/** Every call to POST /sms/send, answered or not: what tests count to prove a message went out once. */
export interface SmsRequest {
  clientRef: string;
  status: number;
  /** True when the clientRef had been accepted before (a resend: the same messageId, nothing sent). */
  replay: boolean;
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The SMS gateway (短信网关) simulator: accepts messages over signed HTTP (the platform's `sms` key under
 * the gateway secret), idempotent on the sender's reference — a resend answers the same messageId and
 * sends nothing — and keeps what it "sent". Knobs for tests: `failNext(n)` answers 503 to the next n
 * calls (an outage), `loseReplyNext(n)` sends the message but answers 503 (the reply lost on the way).
 */
export class SmsGatewaySim {
  readonly sent: SentSms[] = [];
  readonly requests: SmsRequest[] = [];
  private readonly byRef = new Map<string, SentSms>();
  private failing = 0;
  private losingReplies = 0;

  constructor(readonly secret: Buffer) {}

  key(): Buffer {
    return providerKey(this.secret, 'sms');
  }

  /** The next `n` calls answer 503 without sending (the gateway is down). */
  failNext(n: number): void {
    this.failing = n;
  }

  /** The next `n` accepted messages are sent but their reply is lost (answered 503). */
  loseReplyNext(n: number): void {
    this.losingReplies = n;
  }

  /** Messages sent to a phone number, oldest first. */
  to(phone: string): SentSms[] {
    return this.sent.filter((m) => m.phone === phone);
  }

  register(app: FastifyInstance): void {
    app.post('/sms/send', async (req, reply) => {
      const raw = (req as unknown as { rawBody?: string }).rawBody ?? '';
      const v = verifyBody(this.key(), req.headers, raw);
      const b = (req.body ?? {}) as { clientRef?: unknown; phone?: unknown; text?: unknown };
      const clientRef = typeof b.clientRef === 'string' ? b.clientRef : '';
      const log = (status: number, replay = false) => this.requests.push({ clientRef, status, replay });
      if (!v.ok) {
        log(401);
        return reply.code(401).send({ error: v.reason });
      }
      if (this.failing > 0) {
        this.failing -= 1;
        log(503);
        return reply.code(503).send({ error: 'gateway unavailable' });
      }
      const existing = this.byRef.get(clientRef);
      if (existing) {
        log(200, true);
        return { messageId: existing.messageId, status: 'accepted', duplicate: true };
      }
      if (
        !clientRef ||
        clientRef.length > 64 ||
        typeof b.phone !== 'string' ||
        !MOBILE.test(b.phone) ||
        typeof b.text !== 'string' ||
        b.text.length === 0 ||
        b.text.length > 500
      ) {
        log(400);
        return reply.code(400).send({
          error: 'clientRef (≤ 64), phone (a mainland mobile number) and text (1–500) are required',
        });
      }
      const sms: SentSms = {
        messageId: `SM${crypto.randomBytes(10).toString('hex')}`,
        clientRef,
        phone: b.phone,
        text: b.text,
        at: new Date().toISOString(),
      };
      this.byRef.set(clientRef, sms);
      this.sent.push(sms);
      if (this.losingReplies > 0) {
        this.losingReplies -= 1;
        log(503);
        return reply.code(503).send({ error: 'upstream timeout' });
      }
      log(200);
      return { messageId: sms.messageId, status: 'accepted', duplicate: false };
    });
  }
}
