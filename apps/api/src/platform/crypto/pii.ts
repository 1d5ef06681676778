import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal data (ID numbers, phones, TOTP secrets): AES-256-GCM with a
 * random 96-bit IV, and an HMAC-SHA-256 "blind index" for exact-match lookup. Both keys derive
 * from one master key by HKDF so the lookup key never decrypts anything.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash for equality lookup; deterministic for one master key. */
  lookupHash(value: string): string;
  /**
   * A 32-byte key for another purpose, derived from the master key by HKDF under `label` (the default
   * payment-gateway key, the e-licence signing seed): nothing else to store or rotate separately.
   */
  deriveKey(label: string): Buffer;
}

const VERSION = 'v1';

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes (base64 of 32 random bytes)');
  const encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'opendmv/pii-enc', 32));
  const macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'opendmv/pii-lookup', 32));
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${VERSION}:${iv.toString('base64')}:${tag.toString('base64')}:${ct.toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, iv, tag, ct] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || ct === undefined)
        throw new Error('Unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    },
    lookupHash(value) {
      return crypto.createHmac('sha256', macKey).update(value).digest('base64url');
    },
    deriveKey(label) {
      if (label.startsWith('opendmv/pii-')) throw new Error('reserved key label');
      return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), label, 32));
    },
  };
}

/**
 * The master key: DATA_KEY when given; otherwise DATA_DIR/secret.key, created (mode 0600) on
 * first start — the embedded default. A server deployment sets DATA_KEY from its secret store.
 */
export function loadMasterKey(dataKey: string | undefined, dataDir: string): Buffer {
  if (dataKey) {
    const key = Buffer.from(dataKey, 'base64');
    if (key.length !== 32) throw new Error('DATA_KEY must be base64 of exactly 32 bytes');
    return key;
  }
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

export const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');
