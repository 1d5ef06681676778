import {
  ERROR_HTTP_STATUS,
  ERROR_MESSAGES,
  type ErrorBody,
  type ErrorCode,
  type Locale,
} from '@opendmv/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { localeOf } from './locale.ts';

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

type ValidationItem = {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
};

/** Re-render a zod issue in the caller's language (zod ships zh-CN and en messages). */
function localizeIssue(item: ValidationItem, locale: Locale): string {
  const issue = { ...(item.params ?? {}), code: item.keyword, path: [], message: item.message } as never;
  const out = zodLocales[locale].localeError(issue);
  const text = typeof out === 'string' ? out : out?.message;
  return text ?? item.message ?? 'invalid';
}

function fieldName(context: string | undefined, instancePath: string): string {
  const loc = context === 'querystring' ? 'query' : (context ?? 'body');
  const rest = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return rest ? `${loc}.${rest}` : loc;
}

function body(code: ErrorCode, locale: Locale, requestId: string, fields?: ErrorBody['fields']): ErrorBody {
  return {
    code,
    message: ERROR_MESSAGES[code][locale === 'zh-CN' ? 'zh' : 'en'],
    requestId,
    ...(fields ? { fields } : {}),
  };
}

/** A PostgreSQL SQLSTATE, on the error itself or on the driver error Drizzle wraps. */
function sqlStateOf(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 3;
    e = e.cause as typeof e, i++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Fastify's own client errors (bad JSON, wrong content type, too large…) → our codes. */
function codeOfFastifyError(err: FastifyError): ErrorCode | null {
  const sqlState = sqlStateOf(err);
  if (sqlState === '23505') return 'CONFLICT'; // unique violation: a race lost to another request
  if (sqlState?.startsWith('22')) return 'VALIDATION_FAILED'; // data exception (bad value for a column)
  const status = err.statusCode ?? 500;
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 400 && status < 500) return 'VALIDATION_FAILED';
  return null;
}

/** One JSON error shape for every error; never a stack trace or SQL text to the caller. */
export function registerErrorHandler(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const locale = localeOf(req.headers['accept-language']);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = (err.validation as ValidationItem[]).map((v) => ({
        field: fieldName(err.validationContext, v.instancePath),
        message: localizeIssue(v, locale),
      }));
      return reply.code(400).send(body('VALIDATION_FAILED', locale, req.id, fields));
    }
    if (err instanceof AppError) {
      return reply.code(ERROR_HTTP_STATUS[err.code]).send(body(err.code, locale, req.id, err.fields));
    }
    const code = codeOfFastifyError(err);
    if (code) {
      const fields = code === 'VALIDATION_FAILED' ? [{ field: 'body', message: err.message }] : undefined;
      return reply.code(ERROR_HTTP_STATUS[code]).send(body(code, locale, req.id, fields));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', locale, req.id));
  });

  app.setNotFoundHandler(async (req, reply) => {
    // Client-side routes of the web app (no /api prefix, no file extension) get index.html.
    const pathname = req.url.split('?')[0] ?? '';
    if (
      opts.spaFallback &&
      req.method === 'GET' &&
      !pathname.startsWith('/api') &&
      !/\.[a-z0-9]+$/i.test(pathname)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    const locale = localeOf(req.headers['accept-language']);
    return reply.code(404).send(body('NOT_FOUND', locale, req.id));
  });
}
