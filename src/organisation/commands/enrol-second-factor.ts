/**
 * A signed-in staff user enrols a second factor: Glas makes a secret (shown as a QR code and as text), and
 * the factor counts only once a code from the app was typed back, which proves the app holds the secret.
 * Confirming hands out ten recovery codes, shown once and kept only as hashes.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { findUser } from '../repositories/org-repository.ts';
import { confirmSecondFactor, findSecondFactor, replaceRecoveryCodes, savePendingSecret, totpSecretOf } from '../repositories/second-factor-repository.ts';
import { matchTotp, newRecoveryCode, newTotpSecret, RECOVERY_CODE_COUNT, recoveryCodeHash, totpUri } from '../domain/totp.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { audit } from '../../kernel/audit.ts';
import { markSessionSecondFactor } from '../../kernel/repositories/auth-repository.ts';

function ownAccount(actor: Actor) {
  // A session of the person themselves; an API token cannot enrol a factor for anyone.
  if (actor.kind !== 'staff' || actor.scopes) throw forbidden();
  return actor;
}

export async function startSecondFactorEnrolment(ctx: Ctx, actor: Actor) {
  const me = ownAccount(actor);
  const user = await findUser(ctx.db, me.userId);
  if (!user) throw forbidden();
  const existing = await findSecondFactor(ctx.db, me.userId);
  // Enrolling again over a working factor would let an open session replace it; it is removed first (with the password).
  if (existing?.confirmed_at) throw new AppError('conflict');
  const secret = newTotpSecret();
  await savePendingSecret(ctx.db, ctx.config.secretKey, me.userId, secret);
  return { secret, uri: totpUri(secret, ctx.config.municipalityName, user.username ?? user.id) };
}

/**
 * `sessionIdHash`: the session enrolling, which from now on counts as one that passed the second factor (the
 * code typed proves the phone is at hand), so an administrator who enrols keeps working when it becomes required.
 */
export async function confirmSecondFactorEnrolment(ctx: Ctx, actor: Actor, code: string, sessionIdHash: string | null) {
  const me = ownAccount(actor);
  return ctx.db.transaction().execute(async (tx) => {
    const recoveryCodes = await confirmPending(ctx, tx, me.userId, code);
    if (sessionIdHash) await markSessionSecondFactor(tx, sessionIdHash, me.userId);
    await audit(tx, actor, 'enable_second_factor', 'user', me.userId);
    return { recoveryCodes };
  });
}

/** Confirms a pending secret with a code from it and issues new recovery codes (also the sign-in step of a required enrolment). */
export async function confirmPending(ctx: Ctx, tx: Tx, userId: string, code: string): Promise<string[]> {
  const pending = await findSecondFactor(tx, userId);
  if (!pending || pending.confirmed_at) throw new AppError('conflict');
  const step = matchTotp(totpSecretOf(ctx.config, pending), code, ctx.now());
  if (step === null) throw new AppError('second_factor_code', {}, { field: 'code' });
  await confirmSecondFactor(tx, userId, ctx.now(), step);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(
    tx,
    userId,
    codes.map((c) => recoveryCodeHash(userId, c)),
  );
  return codes;
}
