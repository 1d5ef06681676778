/**
 * Verify the audit log's hash chain: `npm run audit:verify` (the same database settings as the
 * server: DATABASE_URL, or the embedded database in DATA_DIR). Prints the report as JSON and exits
 * 0 when the chain is intact, 1 when a record was changed, deleted or reordered, 2 on an error.
 * With the embedded database, stop the server first (PGlite allows one process per data dir).
 */
import { loadConfig } from '../config.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const t0 = Date.now();
    const report = await verifyAuditChain(database.db);
    console.log(JSON.stringify({ ...report, database: database.kind, ms: Date.now() - t0 }, null, 2));
    if (!report.ok && report.firstBroken) {
      console.error(`audit chain BROKEN at seq ${report.firstBroken.seq}: ${report.firstBroken.reason}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
