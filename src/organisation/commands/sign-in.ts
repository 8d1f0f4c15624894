/**
 * Password sign-in with throttling per username and per address, and sign-out. A failed sign-in
 * answers the same whether the username exists or not, and takes about as long.
 */
import { verify } from '@node-rs/argon2';
import { AppError } from '../../kernel/lib/errors.ts';
import { randomToken, sha256 } from '../../kernel/lib/secrets.ts';
import { clearFailures, deleteSession, insertSession } from '../../kernel/repositories/auth-repository.ts';
import { findUserByUsername, touchLastLogin } from '../repositories/org-repository.ts';
import { hashPassword } from './create-staff-user.ts';
import type { Ctx } from '../../kernel/context.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';

const QUARTER_HOUR = 15 * 60_000;
const perUsername = (username: string): Limit => ({ key: `user:${username.toLowerCase()}`, windowMs: QUARTER_HOUR, limit: 5, lockMs: QUARTER_HOUR });
const perAddress = (ip: string): Limit => ({ key: `ip:${ip}`, windowMs: QUARTER_HOUR, limit: 30, lockMs: QUARTER_HOUR });
let dummyHash: Promise<string> | undefined;

export async function signIn(ctx: Ctx, input: { username: string; password: string; ip: string; userAgent: string | null }) {
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
