import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './app.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { startAppointmentLoop } from './modules/appointments/index.ts';
import { startTimerLoop } from './modules/cases/index.ts';
import { startNotificationLoop } from './modules/notifications/index.ts';
import { startPaymentLoop } from './modules/payments/index.ts';
import { createPiiCipher, loadMasterKey } from './platform/crypto/pii.ts';
import { openConfiguredDatabase } from './platform/db/open.ts';
import { type OutsideWorld, startOutsideWorld } from './simulators/gateway/server.ts';
import { startSimulators } from './simulators/index.ts';

/** Start: open and migrate the database, load the demo city on first start, listen; stop cleanly on a signal. */
async function main() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  // No GATEWAY_URL: the payment providers and the SMS gateway are the simulators, on a port of their own.
  let world: OutsideWorld | undefined;
  if (!config.gatewayUrl) {
    world = await startOutsideWorld({
      secret: createPiiCipher(loadMasterKey(config.dataKey, config.dataDir)).deriveKey('opendmv/gateway'),
      port: config.gatewayPort,
      host: config.host,
    });
    config.gatewayUrl = world.url;
  }
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
    await stopPayments();
    await stopNotify();
    await stopAppointments();
    await world?.close();
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
  // Unpaid orders expire, lost notifications are recovered from the provider, refunds go out.
  const stopPayments =
    config.paymentSweepMs > 0
      ? startPaymentLoop(app.ctx, app.log, nodeId, config.paymentSweepMs)
      : async () => {};
  // The outbox: due SMS and in-app messages go out; reminders are scanned now and then.
  const stopNotify =
    config.notifyScanMs > 0
      ? startNotificationLoop(app.ctx, app.log, nodeId, config.notifyScanMs)
      : async () => {};
  // Holds past their time give their seats back.
  const stopAppointments =
    config.appointmentSweepMs > 0
      ? startAppointmentLoop(app.ctx, app.log, nodeId, config.appointmentSweepMs)
      : async () => {};
  const { address, port } = app.server.address() as AddressInfo;
  const selfHost = ['0.0.0.0', '::'].includes(address)
    ? '127.0.0.1'
    : address.includes(':')
      ? `[${address}]`
      : address;
  world?.payments.setPlatformUrl(`http://${selfHost}:${port}`);
  app.log.info(`OpenDMV on http://localhost:${config.port} (database: ${database.kind})`);
  if (world) app.log.info(`payment and SMS gateway simulators on ${world.url}`);
  if (config.demoSimulators && !stopping) {
    // The demo's partner systems call this server over HTTP, as any outside system would.
    simulators = startSimulators(
      `http://${selfHost}:${port}`,
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
