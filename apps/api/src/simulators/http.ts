import {
  PARTNER_ROUTE_SEGMENTS,
  type PartnerIngestResult,
  type PartnerRecordBySource,
  type PartnerSource,
} from '@opendmv/contracts';

/** What the API answered when it refused a request. */
export class PartnerApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`partner API answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
    this.name = 'PartnerApiError';
  }
}

/** A partner system's connection to OpenDMV: its base URL and its API token, nothing else. */
export interface PartnerClient {
  readonly baseUrl: string;
  readonly source: PartnerSource;
  send<S extends PartnerSource>(source: S, records: PartnerRecordBySource[S][]): Promise<PartnerIngestResult>;
}

/** A tiny client: `fetch` with `Authorization: Bearer <secret>`. Refusals throw a PartnerApiError. */
export function partnerClient(baseUrl: string, secret: string, source: PartnerSource): PartnerClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: base,
    source,
    async send(to, records) {
      const res = await fetch(`${base}/api/v1/partner/${PARTNER_ROUTE_SEGMENTS[to]}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          'accept-language': 'en',
        },
        body: JSON.stringify({ records }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json().catch(() => null)) as unknown;
      if (!res.ok) throw new PartnerApiError(res.status, body);
      return body as PartnerIngestResult;
    },
  };
}
