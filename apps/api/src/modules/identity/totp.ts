import * as OTPAuth from 'otpauth';

/** RFC 6238 TOTP (30 s, 6 digits, SHA-1: what every authenticator app reads). */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, username: string): string {
  return new OTPAuth.TOTP({
    issuer: 'OpenDMV',
    label: username,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).toString();
}

export function currentTotp(secret: string, at = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });
}

/** Accepts the current code and one step either side (clock drift). */
export function verifyTotp(secret: string, token: string, at = Date.now()): boolean {
  return (
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).validate({
      token,
      timestamp: at,
      window: 1,
    }) !== null
  );
}
