/**
 * Encrypts the TOTP secrets a Glas from before encryption stored as plaintext, at start: each row once, under
 * the server's key. Safe beside other processes doing the same (a row is replaced only while still plain), and
 * a secret not yet sealed is still read as it is (second-factor-repository.ts), so nobody is locked out meanwhile.
 */
import type { Ctx } from '../../kernel/context.ts';
import { isSealed } from '../../kernel/lib/secrets.ts';
import { listStoredSecrets, sealSecretInPlace, totpSecretOf } from '../repositories/second-factor-repository.ts';

export async function sealPlainTotpSecrets(ctx: Ctx): Promise<number> {
  let sealed = 0;
  for (const row of await listStoredSecrets(ctx.db))
    if (!isSealed(row.secret) && (await sealSecretInPlace(ctx.db, ctx.config.secretKey, row.user_id, row.secret, row.secret))) sealed++;
  return sealed;
}

/**
 * While GLAS_SECRET_KEY is being changed (GLAS_SECRET_KEY_PREVIOUS set): encrypts again under the new key each
 * TOTP secret still sealed under the previous one, at start. Safe beside other processes doing the same, and
 * beside processes not yet restarted that still seal under the previous key: the next start takes those.
 * Answers how many were sealed again, and how many open under neither key (those users need their second
 * factor reset).
 */
export async function resealTotpSecrets(ctx: Ctx): Promise<{ resealed: number; unreadable: number }> {
  const out = { resealed: 0, unreadable: 0 };
  const { secretKey, previousSecretKey } = ctx.config;
  if (!previousSecretKey) return out;
  for (const row of await listStoredSecrets(ctx.db)) {
    if (!isSealed(row.secret) || opensWith(secretKey, row)) continue;
    let plain: string;
    try {
      plain = totpSecretOf(ctx.config, row);
    } catch {
      out.unreadable++;
      continue;
    }
    if (await sealSecretInPlace(ctx.db, secretKey, row.user_id, row.secret, plain)) out.resealed++;
  }
  return out;
}

/** Whether a sealed secret opens under this key alone. */
function opensWith(key: Buffer | undefined, row: { user_id: string; secret: string }): boolean {
  try {
    totpSecretOf({ secretKey: key }, row);
    return true;
  } catch {
    return false;
  }
}
