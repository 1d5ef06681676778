/**
 * Partner systems on demand: post a few realistic records through the partner API, as the hospital, the
 * insurer, the inspection station, the tax bureau, the post, the dealer or the education platform would.
 *
 *   npm run simulate -- <partner|all> [--base http://localhost:3000] [--count N] [--subject KEY]
 *
 * Tokens come from DATA_DIR/demo-accounts.json. Subjects are picked from the database, read-only
 * (DATABASE_URL, or PGlite in DATA_DIR when no server holds it). `--subject` names one instead and needs no
 * database: an ID number (hospital, education, dealer: the buyer), a VIN (insurer, inspection, tax) or a
 * case number (post: the parcel's whole course up to delivery).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { systemClock } from '../platform/context.ts';
import { createPiiCipher, loadMasterKey } from '../platform/crypto/pii.ts';
import { type Database, openDatabase } from '../platform/db/client.ts';
import { DataDirInUseError } from '../platform/db/lock.ts';
import {
  loadPartnerClients,
  PARTNER_NAMES,
  type PartnerClient,
  type PartnerName,
  runRound,
  SIMULATORS,
  simulateDelivery,
  simulateExamResult,
  simulateInspection,
  simulateInsurancePolicy,
  simulateMedicalExam,
  simulateTaxPayment,
  simulateVehicleSale,
} from '../simulators/index.ts';

const USAGE = `usage: npm run simulate -- <${PARTNER_NAMES.join('|')}|all> [--base URL] [--count N] [--subject KEY]`;

const BY_SUBJECT: Record<PartnerName, (client: PartnerClient, subject: string) => Promise<unknown>> = {
  hospital: (c, s) => simulateMedicalExam(c, { idNumber: s }),
  education: (c, s) => simulateExamResult(c, { idNumber: s }),
  dealer: (c, s) => simulateVehicleSale(c, { buyerIdNumber: s }),
  insurer: (c, s) => simulateInsurancePolicy(c, { vin: s }),
  inspection: (c, s) => simulateInspection(c, { vin: s }),
  tax: (c, s) => simulateTaxPayment(c, { vin: s }),
  post: (c, s) => simulateDelivery(c, { caseNumber: s }),
};

/** The configured database, opened for reading only. */
async function openReadOnly(config: ReturnType<typeof loadConfig>): Promise<Database> {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    url.searchParams.set('options', '-c default_transaction_read_only=on');
    return openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 2 });
  }
  return openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      count: { type: 'string', default: '3' },
      subject: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const which = positionals[0];
  const names = which === 'all' ? PARTNER_NAMES : PARTNER_NAMES.filter((n) => n === which);
  const count = Number(values.count);
  if (
    values.help ||
    names.length === 0 ||
    positionals.length > 1 ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > 500
  ) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const base = values.base ?? `http://localhost:${config.port}`;
  const accountsFile = path.join(config.dataDir, 'demo-accounts.json');
  const clients = loadPartnerClients(base, accountsFile);

  if (values.subject !== undefined) {
    if (names.length !== 1) {
      console.error(`--subject needs one partner, not all\n${USAGE}`);
      return 2;
    }
    const name = names[0]!;
    const client = clients[SIMULATORS[name].source];
    if (!client) {
      console.error(`no ${SIMULATORS[name].source} token in ${accountsFile}`);
      return 1;
    }
    console.log(JSON.stringify({ [name]: await BY_SUBJECT[name](client, values.subject.trim()) }, null, 2));
    return 0;
  }

  let database: Database;
  try {
    database = await openReadOnly(config);
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    console.error(
      'The embedded database is held by the running server, so subjects cannot be picked from here.\n' +
        'The server runs these simulators itself (DEMO_SIMULATORS=on, the default with demo data); or use\n' +
        'a PostgreSQL server (DATABASE_URL), or name a subject with --subject.',
    );
    return 2;
  }
  try {
    const world = {
      db: database.db,
      pii: createPiiCipher(loadMasterKey(config.dataKey, config.dataDir)),
      clock: systemClock,
    };
    const results = await runRound(clients, world, () => count, names);
    console.log(JSON.stringify(results, null, 2));
    return Object.values(results).some((r) => 'error' in r) ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
