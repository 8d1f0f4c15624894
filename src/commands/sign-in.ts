/**
 * Password sign-in with throttling per username and per address, and sign-out. A failed sign-in
 * answers the same whether the username exists or not, and takes about as long.
 */
import { verify } from '@node-rs/argon2';
import { AppError } from '../lib/errors.ts';
import { randomToken, sha256 } from '../lib/secrets.ts';
import { clearFailures, deleteSession, insertSession, recordFailure, throttleState } from '../repositories/auth-repository.ts';
import { findUserByUsername, touchLastLogin } from '../repositories/org-repository.ts';
import { hashPassword } from './create-staff-user.ts';
import type { Ctx } from './context.ts';

const WINDOW_MS = 15 * 60_000;
const USER_LIMIT = 5;
const IP_LIMIT = 30;
const LOCK_MS = 15 * 60_000;
let dummyHash: Promise<string> | undefined;

export async function signIn(ctx: Ctx, input: { username: string; password: string; ip: string; userAgent: string | null }) {
  const now = ctx.now();
  const keys = [`user:${input.username.toLowerCase()}`, `ip:${input.ip}`];
  for (const key of keys) {
    const s = await throttleState(ctx.db, key);
    if (s?.locked_until && new Date(s.locked_until) > now) {
      throw new AppError('too_many_requests', { seconds: Math.ceil((new Date(s.locked_until).getTime() - now.getTime()) / 1000) });
    }
  }
  const user = await findUserByUsername(ctx.db, input.username);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = user?.password_hash && user.active
    ? await verify(user.password_hash, input.password)
    : (await verify(await dummyHash, input.password), false);
  if (!ok || !user) {
    await recordFailure(ctx.db, keys[0]!, now, WINDOW_MS, USER_LIMIT, LOCK_MS);
    await recordFailure(ctx.db, keys[1]!, now, WINDOW_MS, IP_LIMIT, LOCK_MS);
    throw new AppError('login_failed');
  }
  await clearFailures(ctx.db, keys[0]!);
  const sessionId = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await insertSession(ctx.db, { idHash: sha256(sessionId), userId: user.id, csrfToken, expiresAt, ip: input.ip, userAgent: input.userAgent });
  await touchLastLogin(ctx.db, user.id, now);
  return { sessionId, csrfToken, expiresAt, user: { id: user.id, displayName: user.display_name, role: user.role, unitId: user.unit_id, locale: user.locale } };
}

export async function signOut(ctx: Ctx, sessionId: string) {
  await deleteSession(ctx.db, sha256(sessionId));
}
