import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** Session ids and API tokens are long random strings, so a plain SHA-256 is enough to store them safely. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/*
 * Secrets Glas must read back (a staff user's TOTP secret) are kept encrypted under the server's key
 * (GLAS_SECRET_KEY, or the key generated into the data folder): AES-256-GCM, a fresh 96-bit nonce each time,
 * and the row's identity as additional data, so a value copied onto another row does not open. Stored as
 * `v1.<nonce>.<tag>.<ciphertext>` in base64url; the version leaves room for another key or cipher later.
 */
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

/** Whether a stored value is encrypted (values from before encryption are plain, and are read as they are). */
export const isSealed = (stored: string) => SEALED.test(stored);

export function sealSecret(key: Buffer, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
}

/** The plaintext of a sealed value; throws when the key or the row is not the one it was sealed with. */
export function openSecret(key: Buffer, stored: string, boundTo: string): string {
  const m = SEALED.exec(stored);
  if (!m) throw new Error('not an encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(m[1]!, 'base64url'));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(m[2]!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(m[3]!, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * The key kept in the data folder when GLAS_SECRET_KEY is not set (the embedded database, the demo): made once,
 * readable only by Glas's user, like the embedded database's password beside it. Created exclusively, so two
 * processes starting at once end up with the same key.
 */
export function dataFolderSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // Written whole under another name, then linked into place: a process starting beside this one reads
    // either no file or the whole key, and a link that finds the file already there keeps the other's key.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64`);
  return key;
}
