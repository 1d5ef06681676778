import { buildApp } from './app.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { openConfiguredDatabase } from './platform/db/open.ts';

/** Start: open and migrate the database, load the demo city on first start, listen; stop cleanly on a signal. */
async function main() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const app = await buildApp({ config, database });
  await bootstrapDatabase(app.ctx, app.log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`OpenDMV on http://localhost:${config.port} (database: ${database.kind})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
