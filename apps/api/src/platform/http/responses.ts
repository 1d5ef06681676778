import { errorBodySchema } from '@opendmv/contracts';

/**
 * The error responses any /api/v1 route can give, for its OpenAPI schema: bad input (400), no or
 * wrong session (401), role or scope (403), missing record (404), state conflict (409), locked
 * account (423), rate limit (429). All share one shape.
 */
export const ERROR_RESPONSES = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  423: errorBodySchema,
  429: errorBodySchema,
} as const;
