import crypto from 'node:crypto';
import type { ELicenceDto, ELicenceKeys, LicenceDto, LicenceVerification } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../src/platform/crypto/pii.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { movableClock } from '../support/cases.ts';
import { TEST_MASTER_KEY, TEST_NOW } from '../support/constants.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/** The e-licence QR: signed, short-lived, verified against the live registry, every check audited. */
const clock = movableClock();
let t: TestApp;
let citizen: Agent;
let licence: LicenceDto;

beforeAll(async () => {
  t = await startTestApp({ clock });
  citizen = await t.login('citizen3');
  licence = ((await citizen.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence;
});
afterAll(() => t?.close());

const eLicence = async () => {
  const res = await citizen.get('/api/v1/me/e-licence');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ELicenceDto;
};
const verify = (token: string, lang = 'zh-CN') =>
  t.anonymous().post('/api/v1/public/e-licence/verify', { token }, { 'accept-language': lang });
const setLicence = (set: { points?: number; status?: string }) =>
  t.app.ctx.db.execute(
    sql`UPDATE driving_licences SET points = coalesce(${set.points ?? null}::smallint, points),
        status = coalesce(${set.status ?? null}, status) WHERE id = ${licence.id}`,
  );
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
/** A token signed with the real key, as the server would (for an unknown licence). */
function signWithServerKey(payload: Record<string, unknown>) {
  const seed = createPiiCipher(TEST_MASTER_KEY).deriveKey('opendmv/e-licence-ed25519');
  const key = crypto.createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const head = b64(payload);
  return `${head}.${crypto.sign(null, Buffer.from(head), key).toString('base64url')}`;
}

describe('the holder’s e-licence', () => {
  it('shows the card and a QR of the verify link, signed for 3 minutes', async () => {
    const res = await citizen.get('/api/v1/me/e-licence');
    expect(res.headers['cache-control']).toBe('no-store');
    const e = res.json() as ELicenceDto;
    expect(e.licence).toMatchObject({
      id: licence.id,
      classes: licence.classes,
      validUntil: licence.validUntil,
      points: licence.points,
      status: 'valid',
      colour: 'normal',
    });
    expect(e.verifyUrl).toBe(`http://localhost:80/verify/licence?t=${encodeURIComponent(e.token)}`);
    expect(e.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(e.qrSvg).toContain('#000000');
    expect(Date.parse(e.expiresAt) - Date.parse(e.issuedAt)).toBe(180_000);
    expect(e.issuedAt).toBe(TEST_NOW);
    expect(e.refreshInSeconds).toBe(150);
  });

  it('the published JWK verifies the token with node:crypto alone; the payload holds no personal data', async () => {
    const { token } = await eLicence();
    const keys = (await t.anonymous().get('/api/v1/public/e-licence/keys')).json() as ELicenceKeys;
    expect(keys.keys).toHaveLength(1);
    const jwk = keys.keys[0]!;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    const [head, sig] = token.split('.') as [string, string];
    const publicKey = crypto.createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      format: 'jwk',
    });
    expect(crypto.verify(null, Buffer.from(head), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(crypto.verify(null, Buffer.from(`${head}x`), publicKey, Buffer.from(sig, 'base64url'))).toBe(
      false,
    );
    const payload = payloadOf(token);
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'kid', 'lid', 'v']);
    expect(payload).toMatchObject({ v: 1, kid: jwk.kid, lid: licence.id });
    expect((payload.exp as number) - (payload.iat as number)).toBe(180);
  });
});

describe('public verification of the QR', () => {
  it('shows live status, colour, masked name, classes and validity — nothing else', async () => {
    const { token, licence: card } = await eLicence();
    const res = await verify(token);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as LicenceVerification;
    expect(Object.keys(v).sort()).toEqual([
      'checkedAt',
      'classes',
      'colour',
      'holderName',
      'status',
      'validUntil',
    ]);
    expect(v).toMatchObject({ status: 'valid', colour: 'normal', classes: licence.classes });
    expect(v.validUntil).toBe(licence.validUntil);
    expect(Array.from(v.holderName)[0]).toBe(Array.from(card.holderName)[0]);
    expect(v.holderName).toMatch(/^.\*+$/u);
    expect(v.holderName).not.toBe(card.holderName);
    expect(res.body).not.toContain(card.fileNumber);
  });

  it('follows the registry: the same QR turns red at 12 points and when suspended', async () => {
    const { token } = await eLicence();
    try {
      await setLicence({ points: 12 });
      expect((await verify(token)).json()).toMatchObject({ status: 'full-score', colour: 'abnormal' });
      const red = await eLicence();
      expect(red.licence).toMatchObject({ status: 'full-score', colour: 'abnormal' });
      expect(red.qrSvg).toContain('#cf1322');
      await setLicence({ points: 0, status: 'suspended' });
      expect((await verify(token)).json()).toMatchObject({ status: 'suspended', colour: 'abnormal' });
      await setLicence({ status: 'valid' });
      expect((await verify(token)).json()).toMatchObject({ status: 'valid', colour: 'normal' });
    } finally {
      await setLicence({ points: licence.points, status: licence.status });
    }
  });

  it('refuses a tampered, forged or garbled token with 400 and the reason on body.token', async () => {
    const { token } = await eLicence();
    const [head, sig] = token.split('.') as [string, string];
    const other = (
      await queryRows<{ id: string }>(
        t.app.ctx.db,
        sql`SELECT id FROM driving_licences WHERE id <> ${licence.id} LIMIT 1`,
      )
    )[0]!.id;
    const swapped = `${b64({ ...payloadOf(token), lid: other })}.${sig}`;
    const longer = `${b64({ ...payloadOf(token), exp: (payloadOf(token).exp as number) + 86_400 })}.${sig}`;
    const flipped = Buffer.from(sig, 'base64url');
    flipped[0]! ^= 1;
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const forged = `${head}.${crypto.sign(null, Buffer.from(head), privateKey).toString('base64url')}`;
    for (const [bad, reason] of [
      [swapped, /签名/],
      [longer, /签名/],
      [`${head}.${flipped.toString('base64url')}`, /签名/],
      [forged, /签名/],
      ['not-a-token', /无法识别/],
      [`${head}.${sig}.x`, /无法识别/],
      [`${b64({ v: 2 })}.${sig}`, /无法识别/],
    ] as const) {
      const res = await verify(bad);
      expect(res.statusCode, bad).toBe(400);
      const body = res.json() as { code: string; fields: { field: string; message: string }[] };
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.fields[0]!.field).toBe('body.token');
      expect(body.fields[0]!.message).toMatch(reason);
    }
  });

  it('refuses an expired QR (after 3 minutes), saying so', async () => {
    const { token } = await eLicence();
    try {
      clock.set(new Date(Date.parse(TEST_NOW) + 179_000).toISOString());
      expect((await verify(token)).statusCode).toBe(200);
      clock.set(new Date(Date.parse(TEST_NOW) + 180_000).toISOString());
      const res = await verify(token, 'en');
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].message).toMatch(/expired/i);
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it('a correctly signed token for a licence that does not exist is 404', async () => {
    const iat = Math.floor(Date.parse(TEST_NOW) / 1000);
    const keys = (await t.anonymous().get('/api/v1/public/e-licence/keys')).json() as ELicenceKeys;
    const token = signWithServerKey({
      v: 1,
      kid: keys.keys[0]!.kid,
      lid: crypto.randomUUID(),
      iat,
      exp: iat + 60,
    });
    expect((await verify(token)).statusCode).toBe(404);
  });

  it('answers a bad body with 400 and the field path', async () => {
    for (const body of [{}, { token: '' }, { token: 5 }]) {
      const res = await t.anonymous().post('/api/v1/public/e-licence/verify', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(['body.token']);
    }
  });

  it('audits every verification, the refused ones too, with who asked', async () => {
    const rows = await queryRows<{
      outcome: string;
      entity_id: string | null;
      actor_kind: string;
      details: unknown;
    }>(
      t.app.ctx.db,
      sql`SELECT outcome, entity_id, actor_kind, details FROM audit_log WHERE action = 'licence.verified' ORDER BY seq`,
    );
    const ok = rows.filter((r) => r.outcome === 'success');
    const failed = rows.filter((r) => r.outcome === 'failure');
    expect(ok).toHaveLength(5);
    expect(failed).toHaveLength(9); // a body without a token (400 from the schema) is no verification
    expect(ok.every((r) => r.entity_id === licence.id && r.actor_kind === 'anonymous')).toBe(true);
    expect(failed.map((r) => (r.details as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['bad-signature', 'malformed', 'expired', 'unknown-licence']),
    );
    expect(ok.map((r) => (r.details as { status: string }).status)).toEqual(
      expect.arrayContaining(['valid', 'full-score', 'suspended']),
    );
  });
});

describe('access', () => {
  it('the holder’s routes are for citizens only; the public ones need no sign-in', async () => {
    const officer = await t.login('officer1');
    expect((await officer.get('/api/v1/me/e-licence')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/me/e-licence')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/v1/public/e-licence/keys')).statusCode).toBe(200);
  });
});
