/**
 * SQL for staff second factors: TOTP secrets, recovery codes, pending sign-in steps and the municipality's switch.
 * A TOTP secret is stored encrypted under the server's key (kernel/lib/secrets.ts, bound to its user) and
 * handed out only through `totpSecretOf`.
 */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import { isSealed, openSecret, sealSecret } from '../../kernel/lib/secrets.ts';

/** The key that encrypts TOTP secrets; set at start (GLAS_SECRET_KEY or the data folder's), so missing is a fault of the caller's set-up. */
function keyOf(key: Buffer | undefined): Buffer {
  if (!key) throw new Error('no secret key: GLAS_SECRET_KEY is not set and none was loaded from the data folder');
  return key;
}
const boundTo = (userId: string) => `staff_second_factors:${userId}`;

export async function findSecondFactor(db: DbOrTx, userId: string) {
  return db.selectFrom('staff_second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The server's key and, while it is being changed, the one it replaces (GLAS_SECRET_KEY, GLAS_SECRET_KEY_PREVIOUS). */
export interface SecretKeys {
  secretKey?: Buffer | undefined;
  previousSecretKey?: Buffer | undefined;
}

/**
 * The base32 secret of a stored factor. A secret stored before encryption is still read as it is, until it is sealed
 * at start; one still sealed under the previous key is read with it, until it is sealed again at start (or while a
 * process not yet restarted keeps sealing new ones under it).
 */
export function totpSecretOf(keys: SecretKeys, row: { user_id: string; secret: string }): string {
  if (!isSealed(row.secret)) return row.secret;
  try {
    return openSecret(keyOf(keys.secretKey), row.secret, boundTo(row.user_id));
  } catch (e) {
    if (keys.previousSecretKey) {
      try {
        return openSecret(keys.previousSecretKey, row.secret, boundTo(row.user_id));
      } catch {
        // Neither key: said below.
      }
    }
    // The operator's fault, not the user's: said plainly in the log rather than as a wrong code.
    throw new Error(`the second factor of user ${row.user_id} does not open with this server's key (was GLAS_SECRET_KEY changed?)`, { cause: e });
  }
}

/** Starts (or starts again) an enrolment: a new unconfirmed secret replaces any earlier unconfirmed one. */
export async function savePendingSecret(db: DbOrTx, key: Buffer | undefined, userId: string, plainSecret: string) {
  const secret = sealSecret(keyOf(key), plainSecret, boundTo(userId));
  await db
    .insertInto('staff_second_factors')
    .values({ user_id: userId, secret, confirmed_at: null, last_step: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, confirmed_at: null, last_step: null }))
    .execute();
}

export async function confirmSecondFactor(tx: Tx, userId: string, at: Date, step: number) {
  await tx.updateTable('staff_second_factors').set({ confirmed_at: at, last_step: step }).where('user_id', '=', userId).execute();
}

/** Takes a time step as used, only if it is later than the last one: false when the code was already used. */
export async function useStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('staff_second_factors')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSecondFactor(tx: Tx, userId: string): Promise<boolean> {
  await tx.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
  const r = await tx.deleteFrom('staff_second_factors').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]) {
  await tx.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
  await tx
    .insertInto('staff_recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Uses up a recovery code: true when it was there and unused. */
export async function useRecoveryCode(db: DbOrTx, userId: string, hash: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const r = await db
    .selectFrom('staff_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertChallenge(db: DbOrTx, c: { idHash: string; userId: string; kind: 'totp' | 'enrol'; expiresAt: Date }) {
  await db.insertInto('sign_in_challenges').values({ id_hash: c.idHash, user_id: c.userId, kind: c.kind, expires_at: c.expiresAt }).execute();
}

/** A live challenge, its attempt counted in the same statement, so parallel guesses cannot pass the limit. */
export async function takeChallengeAttempt(db: DbOrTx, idHash: string, now: Date, maxAttempts: number) {
  return db
    .updateTable('sign_in_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteChallenge(db: DbOrTx, idHash: string) {
  await db.deleteFrom('sign_in_challenges').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredChallenges(db: DbOrTx, now: Date): Promise<number> {
  const r = await db.deleteFrom('sign_in_challenges').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function readSecuritySettings(db: DbOrTx) {
  const r = await db.selectFrom('security_settings').selectAll().executeTakeFirst();
  return { adminSecondFactorRequired: r?.admin_second_factor_required ?? false };
}

export async function writeSecuritySettings(tx: Tx, s: { adminSecondFactorRequired: boolean }) {
  await tx.updateTable('security_settings').set({ admin_second_factor_required: s.adminSecondFactorRequired }).execute();
}

/** Every stored TOTP secret, sealed (kernel/lib/secrets.ts isSealed) or, from before encryption, plaintext. */
export async function listStoredSecrets(db: DbOrTx) {
  return db.selectFrom('staff_second_factors').select(['user_id', 'secret']).execute();
}

/**
 * Stores a secret encrypted under the server's key in place of `stored`, only if the stored value is still that one
 * (another process may have done it, or the user enrolled anew meanwhile): a plaintext secret from before encryption
 * (`stored` is the secret itself), or one sealed under the previous key while the key changes.
 */
export async function sealSecretInPlace(db: DbOrTx, key: Buffer | undefined, userId: string, stored: string, plainSecret: string): Promise<boolean> {
  const r = await db
    .updateTable('staff_second_factors')
    .set({ secret: sealSecret(keyOf(key), plainSecret, boundTo(userId)) })
    .where('user_id', '=', userId)
    .where('secret', '=', stored)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
