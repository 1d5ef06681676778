/**
 * How a provider signs what it sends the platform (and the platform what it sends a provider): the
 * string `timestamp\nnonce\nbody\n` (the shape WeChat Pay v3 uses), signed with HMAC-SHA256 under the
 * provider's key. A notification older than the window is refused, so a captured one cannot be replayed
 * later; the same notification re-sent by the provider carries a fresh timestamp and signature.
 */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-pay-timestamp',
  nonce: 'x-pay-nonce',
  signature: 'x-pay-signature',
} as const;

export const SIGNATURE_WINDOW_SECONDS = 300;

export const signatureBase = (timestamp: string, nonce: string, body: string): string =>
  `${timestamp}\n${nonce}\n${body}\n`;
