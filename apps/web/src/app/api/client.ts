import { CSRF_HEADER, ERROR_CODES, ERROR_MESSAGES, type ErrorCode, type Locale } from '@opendmv/contracts';

/** One API error, as the server sends it (`{code, message, fields?}`), plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: { field: string; message: string }[];
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    fields: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** The request never got an HTTP answer. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
let locale: Locale = 'zh-CN';

/** Remembers the CSRF token from the login and /auth/me answers. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const setApiLocale = (l: Locale) => {
  locale = l;
};

const localMessage = (code: ErrorCode) =>
  locale === 'en' ? ERROR_MESSAGES[code].en : ERROR_MESSAGES[code].zh;
const isErrorCode = (c: unknown): c is ErrorCode =>
  typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c);

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's HTML page): fall back to the status
  }
  if (body && typeof body === 'object') {
    const b = body as { code?: unknown; message?: unknown; fields?: unknown };
    const code = isErrorCode(b.code) ? b.code : codeForStatus(res.status);
    const message = typeof b.message === 'string' && b.message ? b.message : localMessage(code);
    const fields = Array.isArray(b.fields)
      ? b.fields.filter(
          (f): f is { field: string; message: string } =>
            typeof f?.field === 'string' && typeof f?.message === 'string',
        )
      : [];
    return new ApiError(res.status, code, message, fields);
  }
  const code = codeForStatus(res.status);
  return new ApiError(res.status, code, localMessage(code));
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A random id kept per browser (`x-device-id`): booking rate limits and risk signals count per device. */
const DEVICE_KEY = 'opendmv.device';
function deviceId(): string | null {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID().replaceAll('-', '');
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return null; // storage disabled: the IP and identity limits still apply
  }
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const device = method !== 'GET' ? deviceId() : null;
  if (device) headers['x-device-id'] = device;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    // No answer at all (offline, DNS, proxy down): not an ApiError, so screens show their own
    // localized "network error" and TanStack Query retries.
    throw new NetworkError(cause);
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string) => request<T>('GET', path);
export const apiPost = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const apiPut = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

/** Builds `path?a=1&b=2`, skipping empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
