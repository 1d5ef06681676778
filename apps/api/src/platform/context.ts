import { todayInShanghai } from '@opendmv/contracts';
import type { Config } from '../config.ts';
import type { PiiCipher } from './crypto/pii.ts';
import type { Database, Db } from './db/client.ts';

export interface Clock {
  now(): Date;
  /** Today's civil date in Asia/Shanghai, YYYY-MM-DD: the date every legal clock counts in. */
  today(): string;
}

/** China has had no daylight saving time since 1991: a fixed +08:00 offset (no Intl on the hot path). */
export const shanghaiDate = (d: Date): string => todayInShanghai(d);

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => shanghaiDate(new Date()),
};

export const fixedClock = (iso: string): Clock => ({
  now: () => new Date(iso),
  today: () => shanghaiDate(new Date(iso)),
});

/** What every module's service needs, handed over explicitly (no container). */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  pii: PiiCipher;
  clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
