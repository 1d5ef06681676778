import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env. Parsed once at start; a bad value stops the process with a clear message. */
/** An empty variable (`DATABASE_URL=` in an env file) means unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  /** 32-byte key, base64. Unset: the embedded default keeps one in DATA_DIR/secret.key. */
  DATA_KEY: optional(z.string()),
  /** small | none: the demo data loaded into an empty database on first start. */
  DEMO_DATA: z.enum(['small', 'none']).default('small'),
  /** on | off: partner simulators post a few records through the API now and then (default: on with demo
   * data, except under NODE_ENV=test, where tests start them themselves). */
  DEMO_SIMULATORS: optional(z.enum(['on', 'off'])),
  DEMO_SIMULATORS_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(72).default(8),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Trust X-Forwarded-For from this many proxy hops (0 = none: the socket address is the client). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  WEB_DIST: optional(z.string()),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** How often this node scans for due legal-clock timers (0 = never: another node does it). */
  TIMER_SCAN_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  /** Base URL of the payment and SMS gateways. Unset: the server starts the simulators next to itself. */
  GATEWAY_URL: optional(z.url({ protocol: /^https?$/ })),
  /** Shared signing secret with the gateways (base64, ≥ 32 bytes). Unset: derived from the master key. */
  GATEWAY_SECRET: optional(z.string().min(43)),
  /** Port of the embedded gateway simulators (0 = any free port). */
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** How often this node expires unpaid orders, sends refunds and reconciles (0 = never). */
  PAYMENT_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(20),
  /** How often this node releases expired appointment holds and draws closed scarce releases (0 = never). */
  APPOINTMENT_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(20),
  /** How often this node sends due notifications and scans for reminders (0 = never). */
  NOTIFY_SCAN_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Redis shared by the API nodes for rate limits (unset: each node counts in its own memory). */
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  /** Booking and scarce-release requests per minute, e.g. `identity=20,device=30,ip=60` (unset: those;
   * off when RATE_LIMIT_PER_MINUTE=0 unless set). */
  BOOKING_RATE_LIMITS: optional(z.string().regex(/^(identity|device|ip)=\d+(,(identity|device|ip)=\d+)*$/)),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dataKey: string | undefined;
  demoData: 'small' | 'none';
  demoSimulators: boolean;
  demoSimulatorsIntervalMs: number;
  logLevel: string;
  sessionTtlHours: number;
  cookieSecure: boolean | 'auto';
  loginMaxFailures: number;
  loginLockMinutes: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  trustProxyHops: number;
  webDist: string;
  dbPoolMax: number;
  timerScanMs: number;
  gatewayUrl: string | undefined;
  gatewaySecret: string | undefined;
  gatewayPort: number;
  paymentSweepMs: number;
  notifyScanMs: number;
  appointmentSweepMs: number;
  redisUrl: string | undefined;
  /** null: booking limits off (RATE_LIMIT_PER_MINUTE=0 and no BOOKING_RATE_LIMITS). */
  bookingRateLimits: { identity: number; device: number; ip: number } | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dataKey: e.DATA_KEY,
    demoData: e.DEMO_DATA,
    demoSimulators: e.DEMO_SIMULATORS
      ? e.DEMO_SIMULATORS === 'on'
      : e.DEMO_DATA !== 'none' && e.NODE_ENV !== 'test',
    demoSimulatorsIntervalMs: e.DEMO_SIMULATORS_INTERVAL_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    webDist: path.resolve(e.WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    dbPoolMax: e.DB_POOL_MAX,
    timerScanMs: e.TIMER_SCAN_SECONDS * 1000,
    gatewayUrl: e.GATEWAY_URL,
    gatewaySecret: e.GATEWAY_SECRET,
    gatewayPort: e.GATEWAY_PORT,
    paymentSweepMs: e.PAYMENT_SWEEP_SECONDS * 1000,
    notifyScanMs: e.NOTIFY_SCAN_SECONDS * 1000,
    appointmentSweepMs: e.APPOINTMENT_SWEEP_SECONDS * 1000,
    redisUrl: e.REDIS_URL,
    bookingRateLimits:
      e.RATE_LIMIT_PER_MINUTE === 0 && !e.BOOKING_RATE_LIMITS
        ? null
        : {
            identity: 20,
            device: 30,
            ip: 60,
            ...Object.fromEntries(
              (e.BOOKING_RATE_LIMITS ?? '')
                .split(',')
                .filter(Boolean)
                .map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]),
            ),
          },
    ...overrides,
  };
}
