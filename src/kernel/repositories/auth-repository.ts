/** SQL for sessions, API tokens and login throttling. */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';

/**
 * Announced at the commit of any change that takes access away or changes it (sessions, users, API tokens,
 * the second-factor requirement, units' places): by triggers (migration 202612079401_access_changes).
 */
export const ACCESS_CHANGED = 'glas_access_changed';

export async function insertSession(
  db: DbOrTx,
  s: { idHash: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null; secondFactor?: boolean },
) {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
      second_factor: s.secondFactor ?? false,
    })
    .execute();
}

/**
 * A live session with its user, whether it was opened with a second factor, and whether the municipality
 * requires one of administrators; sliding expiry is extended by the caller.
 */
export async function findSession(db: DbOrTx, idHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('org_units', 'org_units.id', 'users.unit_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as user_id',
      'users.display_name',
      'users.role',
      'users.unit_id',
      'users.party_id',
      'users.locale',
      'users.active',
      'org_units.path as unit_path',
      'users.phone',
      'users.phone_verified_at',
      'sessions.second_factor',
      (eb) => eb.selectFrom('security_settings').select('admin_second_factor_required').as('admin_second_factor_required'),
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function extendSession(db: DbOrTx, idHash: string, expiresAt: Date) {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: DbOrTx, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertApiToken(db: DbOrTx, t: { name: string; tokenHash: string; userId: string; scopes: string[]; createdBy: string | null }) {
  return db
    .insertInto('api_tokens')
    .values({ name: t.name, token_hash: t.tokenHash, user_id: t.userId, scopes: t.scopes, created_by: t.createdBy })
    .returning(['id', 'name', 'user_id', 'scopes', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function findApiToken(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('org_units', 'org_units.id', 'users.unit_id')
    .select([
      'api_tokens.id',
      'api_tokens.scopes',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.display_name',
      'users.role',
      'users.unit_id',
      'users.party_id',
      'users.locale',
      'users.active',
      'org_units.path as unit_path',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Recording every use would write on every request; once a minute is enough to tell a token is in use.
 * `lastUsedAt`, as just read with the token: nothing is sent while it is under a minute old.
 */
export async function touchApiToken(db: DbOrTx, id: string, now: Date, lastUsedAt?: Date | string | null) {
  if (lastUsedAt && now.getTime() - new Date(lastUsedAt).getTime() < 60_000) return;
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}

export async function listApiTokens(db: DbOrTx) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'user_id', 'scopes', 'created_by', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: DbOrTx, id: string, now: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'revoked_at'])
    .executeTakeFirst();
}

export async function throttleState(db: DbOrTx, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Counts a failed attempt in a sliding window and locks the key once the limit is reached. */
export async function recordFailure(db: DbOrTx, key: string, now: Date, windowMs: number, limit: number, lockMs: number) {
  const windowStart = new Date(now.getTime() - windowMs);
  // A limit of one is reached by the first attempt itself.
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: limit <= 1 ? new Date(now.getTime() + lockMs) : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end`,
        window_started_at: sql`case when login_throttle.window_started_at < ${windowStart} then ${now} else login_throttle.window_started_at end`,
        locked_until: sql`case when login_throttle.window_started_at >= ${windowStart} and login_throttle.failures + 1 >= ${limit} then ${new Date(now.getTime() + lockMs)} else login_throttle.locked_until end`,
      }),
    )
    .execute();
}

/** Deletes attempt counts whose window started before `windowStartedBefore` and that hold no lock any more. */
export async function deleteStaleThrottles(db: DbOrTx, windowStartedBefore: Date, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', windowStartedBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function clearFailures(db: DbOrTx, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Marks a user's session as one that passed a second factor (enrolled in it); false when it is not theirs. */
export async function markSessionSecondFactor(db: DbOrTx, idHash: string, userId: string): Promise<boolean> {
  const r = await db.updateTable('sessions').set({ second_factor: true }).where('id_hash', '=', idHash).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether a user's session passed a second factor (false also when it is not theirs or not there). */
export async function sessionHasSecondFactor(db: DbOrTx, idHash: string, userId: string): Promise<boolean> {
  const r = await db.selectFrom('sessions').select('second_factor').where('id_hash', '=', idHash).where('user_id', '=', userId).executeTakeFirst();
  return r?.second_factor ?? false;
}

/** A user who turned their second factor off: none of their sessions counts as opened with one any more. */
export async function clearSessionsSecondFactor(db: DbOrTx, userId: string) {
  await db.updateTable('sessions').set({ second_factor: false }).where('user_id', '=', userId).execute();
}

/** The administrators' live sessions opened without a second factor: refused once the municipality requires one. */
export async function countAdminSessionsWithoutSecondFactor(db: DbOrTx, now: Date): Promise<number> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sessions.second_factor', '=', false)
    .where('users.role', '=', 'admin')
    .where('sessions.expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ends every session of a user, or every one but `keepIdHash` (the session that changed the password). */
export async function deleteUserSessions(db: DbOrTx, userId: string, keepIdHash?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function revokeUserApiTokens(db: DbOrTx, userId: string, now: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .execute();
}

export async function insertPasswordReset(db: DbOrTx, r: { userId: string; tokenHash: string; createdBy: string | null; expiresAt: Date; now: Date }) {
  // An older link that was never used stops working once a new one is issued.
  await db.updateTable('password_resets').set({ used_at: r.now }).where('user_id', '=', r.userId).where('used_at', 'is', null).execute();
  return db
    .insertInto('password_resets')
    .values({ user_id: r.userId, token_hash: r.tokenHash, created_by: r.createdBy, expires_at: r.expiresAt })
    .returning(['id', 'user_id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** Marks a live reset link used and returns it, or nothing when it is unknown, used or expired; one statement, so a link works once. */
export async function usePasswordReset(db: DbOrTx, tokenHash: string, now: Date) {
  return db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'user_id'])
    .executeTakeFirst();
}

export async function deleteExpiredPasswordResets(db: DbOrTx, expiredBefore: Date): Promise<number> {
  const r = await db.deleteFrom('password_resets').where('expires_at', '<', expiredBefore).executeTakeFirst();
  return Number(r.numDeletedRows);
}
