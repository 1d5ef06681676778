import { can, type Role } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';
import { type Caller, callers } from './support/route-fixtures.ts';

let t: TestApp;
let agents: Record<Caller, Agent>;
let doc: { paths: Record<string, Record<string, OpenApiOp>> };

interface OpenApiOp {
  operationId?: string;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: { in: string; name: string }[];
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  $ref?: string;
}

beforeAll(async () => {
  t = await startTestApp();
  agents = await callers(t);
  doc = (await t.anonymous().get('/api/openapi.json')).json();
});
afterAll(() => t?.close());

const WEIRD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  ' ',
  'x'.repeat(20_000),
  '\u0000',
  '💩'.repeat(50),
  [],
  [1, 2],
  {},
  { $gt: '' },
  '1; DROP TABLE persons;--',
  "' OR '1'='1",
];
const WEIRD_PARAMS = [
  'not-a-uuid',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(2000),
  '%F0%9F%92%A9',
  "1'--",
];
const WEIRD_QUERIES = [
  'limit=-1',
  'limit=abc',
  'offset=1e309',
  'limit=1&limit=2',
  'q[]=a&q[]=b',
  `q=${'A'.repeat(5000)}`,
  'q=%00%00',
  'plate=%E4%BA%AC',
  'status=nope',
  'entityId=%27%20or%201%3D1',
];
const RAW_BODIES: [string, string][] = [
  ['application/json', '{"unterminated'],
  ['application/json', '[]'],
  ['application/json', '123'],
  ['application/json', 'null'],
  ['application/json', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  ['application/json', JSON.stringify({ a: JSON.parse('['.repeat(500) + ']'.repeat(500)) })],
  ['text/plain', 'hello'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
];

/** Resolve a $ref of the document's components. */
const deref = (s: JsonSchema | undefined): JsonSchema | undefined => {
  if (!s?.$ref) return s;
  const name = s.$ref.split('/').pop()!;
  return (doc as unknown as { components: { schemas: Record<string, JsonSchema> } }).components.schemas[name];
};

/** Someone who may call the route, so the request reaches validation and the handler. */
function allowedAgent(method: string, path: string): Agent {
  const route = t.app.routeAccess.find((r) => r.method === method && r.url === path);
  if (!route || route.isPublic) return agents.anonymous;
  if (route.anyUser) return agents.citizen;
  for (const c of ['officer', 'admin', 'supervisor', 'citizen', 'partner', 'kiosk'] as Caller[]) {
    if (can(c as Role, route.permission as never)) return agents[c];
  }
  return agents.anonymous;
}

function operations() {
  const ops: { method: string; path: string; op: OpenApiOp }[] = [];
  for (const [oaPath, methods] of Object.entries(doc.paths)) {
    if (!oaPath.startsWith('/api/v1/') || oaPath.endsWith('/logout')) continue;
    for (const [method, op] of Object.entries(methods))
      ops.push({ method: method.toUpperCase(), path: oaPath.replace(/\{(\w+)\}/g, ':$1'), op });
  }
  return ops;
}

const expectClientError = (res: { statusCode: number; json(): unknown }, what: string) => {
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = res.json() as { code?: string; message?: string };
    expect(typeof body.code, what).toBe('string');
    expect(typeof body.message, what).toBe('string');
  }
};

describe('malformed input never produces a 5xx', () => {
  it('covers every operation of the OpenAPI document', () => {
    expect(operations().length).toBeGreaterThan(10);
    for (const { op, path, method } of operations()) expect(op.operationId, `${method} ${path}`).toBeTruthy();
  });

  it('survives weird path parameters', async () => {
    for (const { method, path } of operations().filter((o) => o.path.includes(':'))) {
      for (const p of WEIRD_PARAMS) {
        const url = path.replace(/:[a-zA-Z]+/g, p);
        const res = await allowedAgent(method, path).request(
          method as 'GET',
          url,
          method === 'GET' ? undefined : {},
        );
        expectClientError(res, `${method} ${url}`);
      }
    }
  });

  it('survives weird query strings', async () => {
    for (const { method, path } of operations().filter((o) => o.method === 'GET')) {
      for (const q of WEIRD_QUERIES) {
        const url = `${path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000')}?${q}`;
        expectClientError(await allowedAgent(method, path).get(url), `GET ${url}`);
      }
    }
  });

  it('survives raw garbage bodies and every field set to a value of the wrong kind', async () => {
    for (const { method, path, op } of operations().filter((o) => o.method !== 'GET')) {
      const agent = allowedAgent(method, path);
      const url = path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      for (const [type, raw] of RAW_BODIES) {
        expectClientError(
          await agent.request(method as 'POST', url, raw, { 'content-type': type }),
          `${method} ${url} ${type} ${raw.slice(0, 30)}`,
        );
      }
      const schema = deref(op.requestBody?.content['application/json']?.schema);
      for (const field of Object.keys(schema?.properties ?? {})) {
        for (const value of WEIRD_VALUES) {
          const res = await agent.request(method as 'POST', url, { [field]: value });
          expectClientError(res, `${method} ${url} ${field}=${JSON.stringify(value)?.slice(0, 30)}`);
          if (res.statusCode === 400)
            expect((res.json() as { fields?: unknown[] }).fields?.length ?? 1).toBeGreaterThan(0);
        }
      }
    }
  });
});
