/**
 * Encrypts the TOTP secrets a Glas from before encryption stored as plaintext, at start: each row once, under
 * the server's key. Safe beside other processes doing the same (a row is replaced only while still plain), and
 * a secret not yet sealed is still read as it is (second-factor-repository.ts), so nobody is locked out meanwhile.
 */
import type { Ctx } from '../../kernel/context.ts';
import { listPlainSecrets, sealPlainSecret } from '../repositories/second-factor-repository.ts';

export async function sealPlainTotpSecrets(ctx: Ctx): Promise<number> {
  let sealed = 0;
  for (const row of await listPlainSecrets(ctx.db)) if (await sealPlainSecret(ctx.db, ctx.config.secretKey, row.user_id, row.secret)) sealed++;
  return sealed;
}
