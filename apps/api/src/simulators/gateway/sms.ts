import type { FastifyInstance } from 'fastify';

/** One text message the SMS gateway accepted. */
export interface SentSms {
  messageId: string;
  /** The sender's idempotency key (the platform's delivery id). */
  clientRef: string;
  phone: string;
  text: string;
  at: string;
}

/**
 * Placeholder of the SMS gateway simulator (filled in by the notifications work): accepts messages over
 * signed HTTP, idempotent on the sender's reference, and keeps what it "sent".
 */
export class SmsGatewaySim {
  readonly sent: SentSms[] = [];
  constructor(readonly secret: Buffer) {}
  register(_app: FastifyInstance): void {}
}
