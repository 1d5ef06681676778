import path from 'node:path';
import type { Config } from '../../config.ts';
import { type Database, openDatabase } from './client.ts';

/** PostgreSQL server when DATABASE_URL is set; otherwise embedded PGlite in DATA_DIR. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl)
    return openDatabase({ kind: 'postgres', url: config.databaseUrl, poolMax: config.dbPoolMax });
  return openDatabase({ kind: 'pglite', dataDir: path.resolve(config.dataDir) });
}
