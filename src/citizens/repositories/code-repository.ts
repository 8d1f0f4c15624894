/** SQL for one-time codes and links. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { CodePurpose } from '../domain/one-time-code.ts';

export interface NewCode {
  purpose: CodePurpose;
  target: string;
  userId: string | null;
  codeHash: string;
  salt: string;
  data: Record<string, unknown>;
  maxAttempts: number;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertCode(tx: Tx, c: NewCode) {
  return tx
    .insertInto('citizen_codes')
    .values({
      purpose: c.purpose,
      target: c.target,
      user_id: c.userId,
      code_hash: c.codeHash,
      salt: c.salt,
      data: JSON.stringify(c.data),
      max_attempts: c.maxAttempts,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** The newest code for a purpose and target, locked: only the latest one sent counts. */
export async function lockLatestCode(tx: Tx, purposes: readonly CodePurpose[], target: string) {
  return tx
    .selectFrom('citizen_codes')
    .selectAll()
    .where('purpose', 'in', purposes)
    .where('target', '=', target)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockLink(tx: Tx, codeHash: string) {
  return tx.selectFrom('citizen_codes').selectAll().where('code_hash', '=', codeHash).where('salt', '=', '').forUpdate().executeTakeFirst();
}

export async function countAttempt(db: DbOrTx, id: string) {
  await db
    .updateTable('citizen_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markUsed(tx: Tx, id: string, at: Date) {
  await tx.updateTable('citizen_codes').set({ used_at: at }).where('id', '=', id).execute();
}

/** Earlier codes of the same kind stop working when a new one is sent. */
export async function retireCodes(tx: Tx, purposes: readonly CodePurpose[], target: string, at: Date) {
  await tx
    .updateTable('citizen_codes')
    .set({ used_at: at })
    .where('purpose', 'in', purposes)
    .where('target', '=', target)
    .where('used_at', 'is', null)
    .execute();
}

export async function lastLinkSentTo(db: DbOrTx, userId: string, purpose: CodePurpose) {
  return db
    .selectFrom('citizen_codes')
    .select(['created_at', 'expires_at', 'used_at'])
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function deleteCodesExpiredBefore(db: DbOrTx, before: Date): Promise<number> {
  const r = await db.deleteFrom('citizen_codes').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The newest unused code of a purpose sent for an account, locked (a contact change: one at a time per account). */
export async function lockPendingCodeOfUser(tx: Tx, userId: string, purpose: CodePurpose) {
  return tx
    .selectFrom('citizen_codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** An account's earlier codes of a purpose stop working when a new one is sent. */
export async function retireCodesOfUser(tx: Tx, userId: string, purpose: CodePurpose, at: Date) {
  await tx
    .updateTable('citizen_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
