import path from 'node:path';
import lockfile from 'proper-lockfile';

export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(dir: string) {
    super(
      `The embedded database in ${dir} is already open in another OpenDMV process. ` +
        'PGlite allows one process per data directory: stop the other process, point DATA_DIR elsewhere, ' +
        'or set DATABASE_URL to use a PostgreSQL server for several processes.',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * One process per embedded data directory. The lock is a directory created atomically and
 * refreshed every few seconds, so a crashed process's lock goes stale and is taken over.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, '.opendmv.lock'),
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised: (err) => {
        // Another process took the lock over (ours went stale): stop rather than corrupt the data.
        console.error(`FATAL: lost the lock on ${dataDir}: ${err.message}`);
        process.exit(70);
      },
    });
    return { release: () => release().catch(() => {}) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw err;
  }
}
