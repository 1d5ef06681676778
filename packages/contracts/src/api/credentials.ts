import { z } from 'zod';
import { LIVE_LICENCE_STATUSES } from '../credentials/status.ts';
import { licenceClassSchema } from '../registry/licence-class.ts';

export const liveLicenceStatusSchema = z.enum(LIVE_LICENCE_STATUSES);
export const qrColourSchema = z.enum(['normal', 'abnormal']);

/** The holder's own e-licence: the card, and a short-lived signed QR that opens the public verify page. */
export const eLicenceSchema = z
  .object({
    licence: z.object({
      id: z.uuid(),
      fileNumber: z.string(),
      holderName: z.string(),
      classes: z.array(licenceClassSchema),
      validFrom: z.iso.date(),
      validUntil: z.iso.date().nullable(),
      validityTier: z.enum(['6y', '10y', 'long']),
      points: z.number().int(),
      status: liveLicenceStatusSchema,
      colour: qrColourSchema,
    }),
    token: z.string(),
    verifyUrl: z.string(),
    /** The QR of `verifyUrl` as an SVG document, drawn in the status colour. */
    qrSvg: z.string(),
    issuedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    /** Fetch a new QR after this many seconds. */
    refreshInSeconds: z.number().int().nonnegative(),
  })
  .meta({ id: 'ELicence' });
export type ELicenceDto = z.infer<typeof eLicenceSchema>;

/** The public verification key(s) as a JWK set (RFC 8037: OKP / Ed25519). */
export const eLicenceKeysSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string(),
        kid: z.string(),
        alg: z.literal('EdDSA'),
        use: z.literal('sig'),
      }),
    ),
  })
  .meta({ id: 'ELicenceKeys' });
export type ELicenceKeys = z.infer<typeof eLicenceKeysSchema>;

export const verifyLicenceBodySchema = z.object({ token: z.string().trim().min(1).max(1000) });

/** What anyone scanning the QR sees: live status and colour, masked name, classes, validity. Nothing else. */
export const licenceVerificationSchema = z
  .object({
    status: liveLicenceStatusSchema,
    colour: qrColourSchema,
    holderName: z.string().meta({ description: 'Masked: 张**' }),
    classes: z.array(licenceClassSchema),
    validUntil: z.iso.date().nullable(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'LicenceVerification' });
export type LicenceVerification = z.infer<typeof licenceVerificationSchema>;

export const createShareCodeBodySchema = z.object({
  /** Who it is for, in the holder's words (e.g. 某某租车). */
  purpose: z.string().trim().min(1).max(60).optional(),
});

export const shareCodeCreatedSchema = z
  .object({
    id: z.uuid(),
    /** Shown once, as XXXX-XXXX: only its hash is kept. */
    code: z.string(),
    purpose: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ShareCodeCreated' });
export type ShareCodeCreated = z.infer<typeof shareCodeCreatedSchema>;

export const shareCodeStateSchema = z.enum(['active', 'used', 'revoked', 'expired']);

export const shareCodeItemSchema = z.object({
  id: z.uuid(),
  purpose: z.string().nullable(),
  state: shareCodeStateSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().nullable(),
  /** Who used it, as they named themselves. */
  usedBy: z.string().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ShareCodeItem = z.infer<typeof shareCodeItemSchema>;

export const shareCodeListSchema = z
  .object({ items: z.array(shareCodeItemSchema) })
  .meta({ id: 'ShareCodeList' });
export type ShareCodeList = z.infer<typeof shareCodeListSchema>;

export const shareCheckBodySchema = z.object({
  /** As typed: case, spaces and the hyphen do not matter. */
  code: z.string().trim().min(1).max(32),
  /** Who is checking (the firm's name); recorded and shown to the holder. */
  checker: z.string().trim().min(2).max(80),
});

/** What a share code shows, once: status, classes, points, masked name, validity. Nothing else. */
export const shareCheckResultSchema = z
  .object({
    holderName: z.string().meta({ description: 'Masked: 张**' }),
    status: liveLicenceStatusSchema,
    classes: z.array(licenceClassSchema),
    points: z.number().int(),
    validUntil: z.iso.date().nullable(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'ShareCheckResult' });
export type ShareCheckResult = z.infer<typeof shareCheckResultSchema>;
