/**
 * Partner simulators: one outside system per data source (hospital, insurer, inspection station, tax
 * bureau, post, dealer, point-reduction education platform). Each reads the database read-only to pick
 * realistic subjects and writes only through the partner API with its own token.
 */
import fs from 'node:fs';
import type { PartnerSource } from '@opendmv/contracts';
import { dealerTick } from './dealer.ts';
import { educationTick } from './education.ts';
import { hospitalTick } from './hospital.ts';
import { type PartnerClient, partnerClient } from './http.ts';
import { inspectionTick } from './inspection.ts';
import { insurerTick } from './insurer.ts';
import { postTick } from './post.ts';
import { taxTick } from './tax.ts';
import { randomInt, type SimulatorWorld, type Tick, type TickResult } from './world.ts';

export { newVin, saleRecord, simulateVehicleSale } from './dealer.ts';
export { examRecord, simulateExamResult } from './education.ts';
export { medicalRecord, simulateMedicalExam } from './hospital.ts';
export { PartnerApiError, type PartnerClient, partnerClient } from './http.ts';
export { inspectionRecord, simulateInspection } from './inspection.ts';
export { policyRecord, simulateInsurancePolicy } from './insurer.ts';
export { deliveryRecord, simulateDelivery, trackingNumberOf } from './post.ts';
export { simulateTaxPayment, taxRecord } from './tax.ts';
export type { SimulatorWorld, Tick, TickResult } from './world.ts';

/** The partners by the name the CLI takes, in the order a round runs them (sales first: the insurer and
 * the tax bureau then find the new cars). */
export const SIMULATORS = {
  dealer: { source: 'dealer-sale', tick: dealerTick },
  insurer: { source: 'insurer-policy', tick: insurerTick },
  tax: { source: 'tax-payment', tick: taxTick },
  inspection: { source: 'inspection-result', tick: inspectionTick },
  hospital: { source: 'hospital-medical', tick: hospitalTick },
  education: { source: 'study-exam', tick: educationTick },
  post: { source: 'post-delivery', tick: postTick },
} as const satisfies Record<string, { source: PartnerSource; tick: Tick }>;
export type PartnerName = keyof typeof SIMULATORS;
export const PARTNER_NAMES = Object.keys(SIMULATORS) as PartnerName[];

interface AccountsFileTokens {
  apiTokens?: { kind: string; partnerSource?: string; secret: string }[];
}

/** One client per partner source with a token in the demo accounts file (DATA_DIR/demo-accounts.json). */
export function loadPartnerClients(
  baseUrl: string,
  accountsFile: string,
): Partial<Record<PartnerSource, PartnerClient>> {
  const body = JSON.parse(fs.readFileSync(accountsFile, 'utf8')) as AccountsFileTokens;
  const out: Partial<Record<PartnerSource, PartnerClient>> = {};
  for (const t of body.apiTokens ?? []) {
    if (t.kind !== 'partner' || !t.partnerSource) continue;
    const source = t.partnerSource as PartnerSource;
    out[source] ??= partnerClient(baseUrl, t.secret, source);
  }
  return out;
}

/** One round: each partner with a token posts a small batch. Errors are reported per partner, not thrown. */
export async function runRound(
  clients: Partial<Record<PartnerSource, PartnerClient>>,
  world: SimulatorWorld,
  count: (name: PartnerName) => number,
  names: readonly PartnerName[] = PARTNER_NAMES,
): Promise<Record<string, TickResult | { error: string }>> {
  const out: Record<string, TickResult | { error: string }> = {};
  for (const name of names) {
    const { source, tick } = SIMULATORS[name];
    const client = clients[source];
    if (!client) {
      out[name] = { error: `no partner token for ${source} in the accounts file` };
      continue;
    }
    try {
      out[name] = await tick(client, world, count(name));
    } catch (err) {
      out[name] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  return out;
}

export interface SimulatorLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The demo's background partners: every `intervalMs` (60 s by default) each posts one to three records
 * through the API at `baseUrl`. Returns a stop function that waits for a round in progress.
 */
export function startSimulators(
  baseUrl: string,
  accountsFile: string,
  log: SimulatorLog,
  intervalMs: number,
  world: SimulatorWorld,
): { stop(): Promise<void> } {
  if (!fs.existsSync(accountsFile)) {
    log.warn({ accountsFile }, 'partner simulators not started: no demo accounts file');
    return { stop: async () => {} };
  }
  const clients = loadPartnerClients(baseUrl, accountsFile);
  const missing = Object.values(SIMULATORS)
    .map((s) => s.source)
    .filter((s) => !clients[s]);
  if (missing.length > 0)
    log.warn(
      { missing },
      'some partner simulators have no token with a partner source (demo data older than them?)',
    );
  const names = PARTNER_NAMES.filter((n) => clients[SIMULATORS[n].source]);
  let running: Promise<void> | null = null;
  const round = async () => {
    const results = await runRound(clients, world, () => randomInt(1, 3), names);
    const summary = Object.fromEntries(
      Object.entries(results).map(([n, r]) => [n, 'error' in r ? `error: ${r.error}` : r.posted]),
    );
    const failed = Object.values(results).some((r) => 'error' in r);
    (failed ? log.warn : log.info).call(log, { partners: summary }, 'partner simulators posted');
  };
  const timer = setInterval(() => {
    if (running) return; // a slow round is not stacked on
    running = round().finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  log.info({ intervalMs, partners: names }, 'partner simulators started');
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
