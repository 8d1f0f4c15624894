/** SQL for staff second factors: TOTP secrets, recovery codes, pending sign-in steps and the municipality's switch. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export async function findSecondFactor(db: DbOrTx, userId: string) {
  return db.selectFrom('staff_second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Starts (or starts again) an enrolment: a new unconfirmed secret replaces any earlier unconfirmed one. */
export async function savePendingSecret(db: DbOrTx, userId: string, secret: string) {
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
