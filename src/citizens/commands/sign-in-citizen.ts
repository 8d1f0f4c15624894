/**
 * Signing a citizen in: with the code sent by SMS (which also creates the account on sign-up),
 * with a link (the activation SMS from the counter, or the e-mail link), or with a password. Every
 * failure answers alike ("login_failed"), wrong guesses are counted per code, per address and per
 * account, and a code or link works once.
 */
import { verify } from '@node-rs/argon2';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/types.ts';
import { hashPassword } from '../../organisation/commands/create-staff-user.ts';
import { audit } from '../../kernel/audit.ts';
import { isLocale } from '../../i18n/index.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { AppError, invalidAs } from '../../kernel/lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import { clearFailures } from '../../kernel/repositories/auth-repository.ts';
import { insertParty } from '../../cases/repositories/party-repository.ts';
import { checkCode, hashLinkToken, normaliseCode, type CodePurpose } from '../domain/one-time-code.ts';
import {
  findAccountByEmail,
  findAccountById,
  findAccountByPhone,
  insertAccount,
  markVerified,
  setPasswordHash,
  type AccountRow,
} from '../repositories/account-repository.ts';
import { countAttempt, lockLatestCode, lockLink, markUsed } from '../repositories/code-repository.ts';
import { openSession, type CitizenSession } from './open-session.ts';
import { count, refuseIfLocked } from '../../kernel/throttle.ts';
import { guessesPerIp, guessesPerLogin } from './throttle.ts';

export interface Client {
  ip: string;
  userAgent: string | null;
}

export const MIN_PASSWORD = 10;

const failed = () => new AppError('login_failed');

/** A new citizen (sign-up): their party and account, in the caller's transaction. */
async function createAccount(tx: Tx, a: { name: string; phone: string | null; email: string | null; locale: string | null }): Promise<AccountRow> {
  const party = await insertParty(tx, { kind: 'person', name: a.name, phone: a.phone, email: a.email, locale: a.locale }, searchKey(a.name));
  const id = await insertAccount(tx, { displayName: a.name, partyId: party.id, phone: a.phone, email: a.email, locale: a.locale });
  const account = id ? await findAccountById(tx, id) : undefined;
  if (!account) throw new AppError('conflict');
  await audit(tx, { kind: 'citizen', userId: account.id, name: a.name, partyId: party.id, locale: a.locale }, 'sign_up', 'user', account.id, null, {
    phone: a.phone,
    email: a.email,
  });
  return account;
}

export async function signInWithCode(ctx: Ctx, input: { phone: string; code: string } & Client): Promise<CitizenSession> {
  const now = ctx.now();
  await refuseIfLocked(ctx.db, [guessesPerIp(input.ip).key], now);
  const phone = normalisePhone(input.phone, ctx.config.phoneCountryCode);
  const code = normaliseCode(input.code);
  const outcome =
    phone && code
      ? await ctx.db.transaction().execute(async (tx) => {
          const row = await lockLatestCode(tx, ['sign_in', 'sign_up'], phone);
          if (!row) return null;
          const check = checkCode({ ...row, purpose: row.purpose as CodePurpose }, code, now);
          if (check !== 'ok') {
            if (check === 'wrong') await countAttempt(tx, row.id);
            return null;
          }
          await markUsed(tx, row.id, now);
          let account = await findAccountByPhone(tx, phone);
          if (!account) {
            const data = row.data as { name?: string; locale?: string };
            if (row.purpose !== 'sign_up' || !data.name) return null;
            account = await createAccount(tx, { name: data.name, phone, email: null, locale: isLocale(data.locale) ? data.locale : null });
          }
          if (!account.active) return null;
          await markVerified(tx, account.id, 'phone', now);
          return openSession(tx, ctx, account, input);
        })
      : null;
  if (!outcome) {
    await count(ctx.db, [guessesPerIp(input.ip)], now);
    throw failed();
  }
  return outcome;
}

/** The activation link from the counter's SMS, or the e-mail link; a password may be set in the same step. */
export async function signInWithLink(ctx: Ctx, input: { token: string; password?: string } & Client): Promise<CitizenSession> {
  const now = ctx.now();
  await refuseIfLocked(ctx.db, [guessesPerIp(input.ip).key], now);
  if (input.password !== undefined && input.password.length < MIN_PASSWORD) throw invalidAs('detail.password_too_short', { limit: MIN_PASSWORD }, 'password');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const row = await lockLink(tx, hashLinkToken(input.token.trim()));
    if (!row || row.used_at || new Date(row.expires_at) <= now || !['activation', 'email_link'].includes(row.purpose)) return null;
    await markUsed(tx, row.id, now);
    let account: AccountRow | undefined;
    if (row.purpose === 'activation') {
      account = row.user_id ? await findAccountById(tx, row.user_id) : undefined;
      if (account) await markVerified(tx, account.id, 'phone', now);
    } else {
      account = await findAccountByEmail(tx, row.target);
      const data = row.data as { name?: string; locale?: string };
      if (!account && data.name)
        account = await createAccount(tx, { name: data.name, phone: null, email: row.target, locale: isLocale(data.locale) ? data.locale : null });
      if (account) await markVerified(tx, account.id, 'email', now);
    }
    if (!account || !account.active) return null;
    if (passwordHash) {
      await setPasswordHash(tx, account.id, passwordHash);
      account = { ...account, password_hash: passwordHash };
    }
    return openSession(tx, ctx, account, input);
  });
  if (!outcome) {
    await count(ctx.db, [guessesPerIp(input.ip)], now);
    throw failed();
  }
  return outcome;
}

let dummyHash: Promise<string> | undefined;

/** Password sign-in by mobile number or e-mail address. */
export async function signInWithPassword(ctx: Ctx, input: { login: string; password: string } & Client): Promise<CitizenSession> {
  const now = ctx.now();
  const login = input.login.includes('@') ? normaliseEmail(input.login) : normalisePhone(input.login, ctx.config.phoneCountryCode);
  const limits = [guessesPerLogin(login ?? input.login.trim().toLowerCase()), guessesPerIp(input.ip)];
  await refuseIfLocked(
    ctx.db,
    limits.map((l) => l.key),
    now,
  );
  const account = !login ? undefined : login.includes('@') ? await findAccountByEmail(ctx.db, login) : await findAccountByPhone(ctx.db, login);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok =
    account?.password_hash && account.active ? await verify(account.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
  if (!ok || !account) {
    await count(ctx.db, limits, now);
    throw failed();
  }
  await clearFailures(ctx.db, limits[0]!.key);
  return ctx.db.transaction().execute((tx) => openSession(tx, ctx, account, input));
}

/** A signed-in citizen sets (or changes) the password for the next sign-in. */
export async function setCitizenPassword(ctx: Ctx, actor: Actor, password: string): Promise<{ ok: true }> {
  if (actor.kind !== 'citizen') throw new AppError('forbidden');
  if (password.length < MIN_PASSWORD) throw invalidAs('detail.password_too_short', { limit: MIN_PASSWORD }, 'password');
  const hash = await hashPassword(password);
  const userId = actor.userId;
  await ctx.db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, userId, hash);
    await audit(tx, actor, 'set_password', 'user', userId);
  });
  return { ok: true };
}
