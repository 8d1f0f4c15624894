/**
 * Password sign-in with throttling per username and per address, and sign-out. A failed sign-in
 * answers the same whether the username exists or not, and takes about as long. A user with a second
 * factor (or an administrator, when the municipality requires one and they have none yet) gets no
 * session from the password alone, but a short-lived sign-in step to finish (complete-sign-in.ts).
 */
import { verify } from '@node-rs/argon2';
import { AppError } from '../../kernel/lib/errors.ts';
import { randomToken, sha256 } from '../../kernel/lib/secrets.ts';
import { clearFailures, deleteSession, insertSession } from '../../kernel/repositories/auth-repository.ts';
import { findUserByUsername, touchLastLogin } from '../repositories/org-repository.ts';
import { findSecondFactor, insertChallenge, readSecuritySettings, savePendingSecret } from '../repositories/second-factor-repository.ts';
import { newTotpSecret, totpUri } from '../domain/totp.ts';
import { hashPassword } from './create-staff-user.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db/database.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';

const QUARTER_HOUR = 15 * 60_000;
/** How long the second step of a sign-in may wait for its code. */
export const SIGN_IN_STEP_MS = 5 * 60_000;
const perUsername = (username: string): Limit => ({ key: `user:${username.toLowerCase()}`, windowMs: QUARTER_HOUR, limit: 5, lockMs: QUARTER_HOUR });
const perAddress = (ip: string): Limit => ({ key: `ip:${ip}`, windowMs: QUARTER_HOUR, limit: 30, lockMs: QUARTER_HOUR });
let dummyHash: Promise<string> | undefined;

interface SignInUser {
  id: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  locale: string | null;
}

export type SignInResult =
  | {
      step: 'session';
      sessionId: string;
      csrfToken: string;
      expiresAt: Date;
      user: { id: string; displayName: string; role: string; unitId: string | null; locale: string | null };
    }
  | { step: 'totp'; challenge: string }
  | { step: 'enrol'; challenge: string; secret: string; uri: string };

export async function signIn(ctx: Ctx, input: { username: string; password: string; ip: string; userAgent: string | null }): Promise<SignInResult> {
  const now = ctx.now();
  const limits = [perUsername(input.username), perAddress(input.ip)];
  await refuseIfLocked(
    ctx.db,
    limits.map((l) => l.key),
    now,
  );
  const user = await findUserByUsername(ctx.db, input.username);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = user?.password_hash && user.active ? await verify(user.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
  if (!ok || !user) {
    await count(ctx.db, limits, now);
    throw new AppError('login_failed');
  }
  await clearFailures(ctx.db, limits[0]!.key);
  const factor = await findSecondFactor(ctx.db, user.id);
  if (factor?.confirmed_at) return { step: 'totp', challenge: await newChallenge(ctx, user.id, 'totp') };
  if (user.role === 'admin' && (await readSecuritySettings(ctx.db)).adminSecondFactorRequired) {
    // The administrator enrols now, before any session exists: nothing can be done as them without the factor.
    const secret = newTotpSecret();
    await savePendingSecret(ctx.db, ctx.config.secretKey, user.id, secret);
    return {
      step: 'enrol',
      challenge: await newChallenge(ctx, user.id, 'enrol'),
      secret,
      uri: totpUri(secret, ctx.config.municipalityName, user.username ?? user.id),
    };
  }
  return openStaffSession(ctx, ctx.db, user, { ...input, secondFactor: false });
}

async function newChallenge(ctx: Ctx, userId: string, kind: 'totp' | 'enrol') {
  const challenge = randomToken(32);
  await insertChallenge(ctx.db, { idHash: sha256(challenge), userId, kind, expiresAt: new Date(ctx.now().getTime() + SIGN_IN_STEP_MS) });
  return challenge;
}

/** The session itself, once every factor the user has was checked; `secondFactor`: one of them was a second factor. */
export async function openStaffSession(
  ctx: Ctx,
  db: DbOrTx,
  user: SignInUser,
  input: { ip: string; userAgent: string | null; secondFactor: boolean },
): Promise<SignInResult & { step: 'session' }> {
  const now = ctx.now();
  const sessionId = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await insertSession(db, {
    idHash: sha256(sessionId),
    userId: user.id,
    csrfToken,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent,
    secondFactor: input.secondFactor,
  });
  await touchLastLogin(db, user.id, now);
  return {
    step: 'session',
    sessionId,
    csrfToken,
    expiresAt,
    user: { id: user.id, displayName: user.display_name, role: user.role, unitId: user.unit_id, locale: user.locale },
  };
}

export async function signOut(ctx: Ctx, sessionId: string) {
  await deleteSession(ctx.db, sha256(sessionId));
}
