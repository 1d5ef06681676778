import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './app.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { startTimerLoop } from './modules/cases/index.ts';
import { openConfiguredDatabase } from './platform/db/open.ts';
import { startSimulators } from './simulators/index.ts';

/** Start: open and migrate the database, load the demo city on first start, listen; stop cleanly on a signal. */
async function main() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const app = await buildApp({ config, database });
  await bootstrapDatabase(app.ctx, app.log);
  let stopping = false;
  let simulators: { stop(): Promise<void> } | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await simulators?.stop();
    await stopTimers();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  // Legal-clock timers: every node may scan; each timer still fires once (rows claimed with SKIP LOCKED).
  const nodeId = `${os.hostname()}:${process.pid}`;
  const stopTimers =
    config.timerScanMs > 0 ? startTimerLoop(app.ctx, app.log, nodeId, config.timerScanMs) : async () => {};
  app.log.info(`OpenDMV on http://localhost:${config.port} (database: ${database.kind})`);
  if (config.demoSimulators && !stopping) {
    // The demo's partner systems call this server over HTTP, as any outside system would.
    const { address, port } = app.server.address() as AddressInfo;
    const host = ['0.0.0.0', '::'].includes(address)
      ? '127.0.0.1'
      : address.includes(':')
        ? `[${address}]`
        : address;
    simulators = startSimulators(
      `http://${host}:${port}`,
      path.join(config.dataDir, 'demo-accounts.json'),
      app.log.child({ component: 'simulators' }),
      config.demoSimulatorsIntervalMs,
      app.ctx,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
