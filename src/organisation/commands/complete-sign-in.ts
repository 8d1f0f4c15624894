/**
 * The second step of a sign-in: the code from the authenticator app (or one recovery code) for the step
 * the password opened. A step lives five minutes and takes five tries; a TOTP code works once.
 */
import { AppError } from '../../kernel/lib/errors.ts';
import type { Actor, StaffRole } from '../../kernel/types.ts';
import { sha256 } from '../../kernel/lib/secrets.ts';
import { findUser } from '../repositories/org-repository.ts';
import { deleteChallenge, findSecondFactor, takeChallengeAttempt, totpSecretOf, useRecoveryCode, useStep } from '../repositories/second-factor-repository.ts';
import { matchTotp, recoveryCodeHash } from '../domain/totp.ts';
import { confirmPending } from './enrol-second-factor.ts';
import { openStaffSession, type SignInResult } from './sign-in.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

const MAX_ATTEMPTS = 5;

export async function completeSignIn(
  ctx: Ctx,
  input: { challenge: string; code: string; ip: string; userAgent: string | null },
): Promise<SignInResult & { step: 'session'; recoveryCodes?: string[] }> {
  const now = ctx.now();
  const idHash = sha256(input.challenge);
  const challenge = await takeChallengeAttempt(ctx.db, idHash, now, MAX_ATTEMPTS);
  if (!challenge) throw new AppError('sign_in_step_expired');
  const user = await findUser(ctx.db, challenge.user_id);
  if (!user?.active) throw new AppError('sign_in_step_expired');
  // The trail names the person signing in as the one who acted.
  const actor: Actor = {
    kind: 'staff',
    userId: user.id,
    name: user.display_name,
    role: user.role as StaffRole,
    unitId: user.unit_id,
    unitPath: null,
    locale: user.locale,
    scopes: null,
  };

  return ctx.db.transaction().execute(async (tx) => {
    let recoveryCodes: string[] | undefined;
    if (challenge.kind === 'enrol') {
      recoveryCodes = await confirmPending(ctx, tx, user.id, input.code);
      await audit(tx, actor, 'enable_second_factor', 'user', user.id, undefined, { atSignIn: true });
    } else {
      const factor = await findSecondFactor(tx, user.id);
      if (!factor?.confirmed_at) throw new AppError('sign_in_step_expired');
      const step = matchTotp(totpSecretOf(ctx.config, factor), input.code, now);
      if (step !== null) {
        if (!(await useStep(tx, user.id, step))) throw new AppError('second_factor_code', {}, { field: 'code' });
      } else if (await useRecoveryCode(tx, user.id, recoveryCodeHash(user.id, input.code), now)) {
        await audit(tx, actor, 'use_recovery_code', 'user', user.id);
      } else {
        throw new AppError('second_factor_code', {}, { field: 'code' });
      }
    }
    await deleteChallenge(tx, idHash);
    const session = await openStaffSession(ctx, tx, user, { ip: input.ip, userAgent: input.userAgent, secondFactor: true });
    return recoveryCodes ? { ...session, recoveryCodes } : session;
  });
}
