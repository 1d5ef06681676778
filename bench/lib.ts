import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '..');
export const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

export function startProcess(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [tsxCli, script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface Figures {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

/** The figures of one autocannon result. */
export function figuresOf(result: autocannon.Result): Figures {
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

/** Prints the Markdown table (each row as a ratio to the first, the bare baseline) and saves the JSON. */
export function report(
  name: string,
  opts: { connections: number; duration: number; unit: string },
  rows: { name: string; f: Figures }[],
): void {
  const bare = rows[0]!.f;
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  console.log(
    `\n${name}, ${opts.connections} connections, ${opts.duration ? `${opts.duration} s, ` : ''}${new Date().toISOString()}, node ${process.version}`,
  );
  console.log(line(['route', opts.unit, 'p50 ms', 'p99 ms', 'ratio to bare', 'non-2xx', 'errors']));
  console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const { name: route, f } of rows) {
    const ratio = `${((f.reqPerSec / bare.reqPerSec) * 100).toFixed(1)} %`;
    console.log(line([route, f.reqPerSec, f.p50, f.p99, ratio, f.non2xx, f.errors]));
  }
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, `bench/results/${name}.json`),
    JSON.stringify({ at: new Date().toISOString(), ...opts, rows }, null, 2),
  );
}

/** One bounded autocannon run against a loopback URL. */
export async function load(opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  paths?: string[];
}): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.duration,
    headers: opts.headers,
    requests: opts.paths
      ? [
          {
            setupRequest: (req: { path: string }) => {
              req.path = opts.paths![i++ % opts.paths!.length]!;
              return req;
            },
          },
        ]
      : undefined,
  } as autocannon.Options);
  return figuresOf(result);
}

/** The baseline in the same run: bench/bare-server.ts in its own process, measured by `measure`. */
export async function runBare(port: number, measure: (base: string) => Promise<Figures>): Promise<Figures> {
  const bare = startProcess('bench/bare-server.ts', { PORT: String(port) });
  try {
    await waitFor(`http://127.0.0.1:${port}/hello`, bare);
    return await measure(`http://127.0.0.1:${port}`);
  } finally {
    await stop(bare);
  }
}

/** Drops and creates the benchmark's PostgreSQL database (named by the URL's path), empty. */
export async function recreatePgDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
}
