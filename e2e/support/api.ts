import { inject } from 'vitest';
import { demoAccount } from './browser.ts';

/** Reads through the real API (for test fixtures: which plate to search, etc.). */
export async function apiAs<T>(username: string, path: string): Promise<T> {
  const base = inject('e2e').baseUrl;
  const a = demoAccount(username);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: a.username, password: a.password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}
