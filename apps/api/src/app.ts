import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { SESSION_COOKIE } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { abuseGuard, openRedis } from './modules/appointments/abuse.ts';
import { startHallListener } from './modules/hall/live.ts';
import { resolvePrincipal } from './modules/identity/service.ts';
import { registerModules } from './modules/index.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import { type AppContext, type Clock, systemClock } from './platform/context.ts';
import { createPiiCipher, loadMasterKey } from './platform/crypto/pii.ts';
import type { Database } from './platform/db/client.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { serializeRequest } from './platform/http/request-log.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Master key bytes; default: DATA_KEY or DATA_DIR/secret.key. */
  masterKey?: Buffer;
  logger?: boolean;
  /** Where the log goes (default stdout); tests capture it here. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the whole application from platform and modules. Does not listen: tests inject into it. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization'],
            // Method, URL without query-string values (a search URL holds an ID number), id, host, address.
            serializers: { req: serializeRequest },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    trustProxy:
      config.trustProxyHops > 0 ? (_addr: string, hop: number) => hop < config.trustProxyHops : false,
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
  });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    pii: createPiiCipher(opts.masterKey ?? loadMasterKey(config.dataKey, config.dataDir)),
    clock: opts.clock ?? systemClock,
  };
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  registerErrorHandler(app, { spaFallback: hasWeb });

  await app.register(cookie);
  const redis = config.redisUrl ? openRedis(config.redisUrl) : null;
  await app.register(rateLimit, {
    ...(redis ? { redis, skipOnError: true } : {}),
    global: config.rateLimitPerMinute > 0,
    max: config.rateLimitPerMinute || 1_000_000,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
  });
  await registerOpenApi(app);
  await app.register(authPlugin, { resolvePrincipal: (req) => resolvePrincipal(ctx, req, SESSION_COOKIE) });

  app.get('/api/health', { config: { isPublic: true }, schema: { hide: true } }, async () => {
    await database.db.execute(sql`select 1`);
    return { status: 'ok', database: database.kind, time: ctx.clock.now().toISOString() };
  });

  await app.register(abuseGuard, { redis, limits: config.bookingRateLimits });
  await registerModules(app);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: ['index.html'] });
  } else {
    app.get('/', { config: { isPublic: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('OpenDMV API is running. Build the web app with `npm run build:web`.'),
    );
  }
  // This node's listener for hall changes made on any node (live boards and phones); one per app.
  const hallLive = await startHallListener(ctx, app.log);
  app.decorate('hallLive', hallLive);
  app.addHook('onClose', async () => hallLive.stop());
  return app;
}
