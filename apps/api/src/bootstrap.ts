import type { FastifyBaseLogger } from 'fastify';
import { seedDemo } from '../db/seed/index.ts';
import { seedDemoCases } from './modules/cases/index.ts';
import { seedCatalog } from './modules/catalog/index.ts';
import { seedDemoCounters } from './modules/hall/index.ts';
import { offices } from './modules/offices/schema.ts';
import type { AppContext } from './platform/context.ts';

/** Migrate, then load the `small` demo city into an empty database (DEMO_DATA=none skips it). */
export async function bootstrapDatabase(ctx: AppContext, log: FastifyBaseLogger): Promise<void> {
  const t0 = Date.now();
  await ctx.database.migrate();
  log.info({ ms: Date.now() - t0 }, 'database migrated');
  const added = await seedCatalog(ctx);
  if (added > 0) log.info({ items: added }, 'built-in business items loaded into the catalog');
  if (ctx.config.demoData === 'none') return;
  if ((await ctx.db.$count(offices)) > 0) return;
  const t1 = Date.now();
  const summary = await seedDemo(ctx, {
    size: 'small',
    accountsFile: `${ctx.config.dataDir}/demo-accounts.json`,
  });
  log.info({ ms: Date.now() - t1, ...summary.counts }, 'demo city loaded');
  log.info({ cases: await seedDemoCases(ctx) }, 'demo cases opened');
  log.info({ counters: await seedDemoCounters(ctx) }, 'demo hall counters set up');
}
