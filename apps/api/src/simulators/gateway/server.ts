import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { type PaymentGatewayOptions, PaymentGatewaySim } from './payments.ts';
import { SmsGatewaySim } from './sms.ts';

/**
 * The outside world the platform talks to over HTTP: the payment providers (bank card, WeChat-style,
 * Alipay-style, the window's cash till, the POS terminal) and the SMS gateway. One small HTTP server of
 * its own; the demo starts it next to the API, tests start it on a free port, and a deployment points
 * GATEWAY_URL at the real gateways instead.
 */
export interface OutsideWorld {
  url: string;
  payments: PaymentGatewaySim;
  sms: SmsGatewaySim;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface OutsideWorldOptions extends Omit<PaymentGatewayOptions, 'secret'> {
  secret: Buffer;
  port?: number;
  host?: string;
}

export async function startOutsideWorld(opts: OutsideWorldOptions): Promise<OutsideWorld> {
  const app = Fastify({ logger: false, bodyLimit: 262_144 });
  // Signatures are over the exact bytes received: keep the raw body next to the parsed one.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    (req as unknown as { rawBody: string }).rawBody = body as string;
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const payments = new PaymentGatewaySim({ ...opts, secret: opts.secret });
  const sms = new SmsGatewaySim(opts.secret);
  payments.register(app);
  sms.register(app);
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const host = opts.host && !['0.0.0.0', '::'].includes(opts.host) ? opts.host : '127.0.0.1';
  const url = `http://${host}:${port}`;
  payments.setOwnUrl(url);
  return {
    url,
    payments,
    sms,
    app,
    close: async () => {
      payments.stop();
      await app.close();
    },
  };
}
