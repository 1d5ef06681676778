import type { FastifyRequest } from 'fastify';

/** A query-parameter name worth keeping in a log line; anything else (a bare value, odd bytes) becomes `*`. */
const PLAIN_NAME = /^[A-Za-z_][\w.[\]-]{0,39}$/;

/**
 * The URL with every query-string value replaced by `*`, parameter names kept:
 * `/api/v1/registry/search?q=110105…&x=1` → `/api/v1/registry/search?q=*&x=*`. A search puts an ID
 * number, a plate or a VIN in the query string; none of them belongs in the request log.
 */
export function redactQueryValues(url: string): string {
  const at = url.search(/[?#]/);
  if (at < 0) return url;
  const query = url.slice(at + 1).split('#')[0] ?? '';
  if (url[at] === '#' || query === '') return url.slice(0, at);
  const params = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    return PLAIN_NAME.test(name) ? `${name}=*` : '*';
  });
  return `${url.slice(0, at)}?${params.join('&')}`;
}

/**
 * What the request log says about a request: no headers, no body, no query-string values. Reads
 * defensively: a framework error can hand the serializer a bare Node request.
 */
export function serializeRequest(req: FastifyRequest) {
  const r = req as Partial<FastifyRequest>;
  return {
    id: r.id,
    method: r.method,
    url: redactQueryValues(r.url ?? ''),
    host: r.host ?? r.headers?.host,
    remoteAddress: r.ip ?? r.socket?.remoteAddress,
  };
}
