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

/** A signed-in API session (cookie + CSRF token) for fixtures that change data. */
export async function apiSession(username: string) {
  const base = inject('e2e').baseUrl;
  const a = demoAccount(username);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: a.username, password: a.password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
  };
}

/** The full ID number of a citizen, read the way a window officer does (reveal, with a purpose). */
export async function citizenIdNumber(username: string): Promise<string> {
  const { id } = await apiAs<{ id: string }>(username, '/api/v1/me/person');
  const officer = await apiSession('officer1');
  const p = await officer.post<{ idNumber: string }>(`/api/v1/persons/${id}/reveal`, {
    purpose: '端到端测试：窗口受理核对申请人身份',
  });
  return p.idNumber;
}
