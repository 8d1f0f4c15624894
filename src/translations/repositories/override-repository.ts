/** SQL for an installation's own wording of the catalogue's messages (message_overrides, versioned). */
import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/database.ts';

/** Announced by every new version, at its commit: every Glas process on the database then reloads the wording in force. */
export const WORDING_CHANGED = 'glas_wording_changed';

export async function insertOverrideVersion(tx: Tx, o: { key: string; locale: string; text: string | null; by: string | null; byName: string }) {
  // One writer per message and language at a time, so versions count up without gaps or clashes.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`message:${o.key}:${o.locale}`}, 0))`.execute(tx);
  const { max } = await tx
    .selectFrom('message_overrides')
    .select((eb) => eb.fn.max<number>('version').as('max'))
    .where('key', '=', o.key)
    .where('locale', '=', o.locale)
    .executeTakeFirstOrThrow();
  // PostgreSQL sends one notice per transaction however many versions it adds (an imported language file).
  await sql`select pg_notify(${WORDING_CHANGED}, '')`.execute(tx);
  return tx
    .insertInto('message_overrides')
    .values({ key: o.key, locale: o.locale, version: (max ?? 0) + 1, text: o.text, created_by: o.by, created_by_name: o.byName })
    .returning(['key', 'locale', 'version', 'text', 'created_by_name', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** The version in force of every overridden message (the latest one, when it has a text). */
export async function overridesInForce(db: Db | Tx): Promise<{ key: string; locale: string; text: string; version: number }[]> {
  const rows = await db
    .selectFrom('message_overrides')
    .distinctOn(['key', 'locale'])
    .select(['key', 'locale', 'text', 'version'])
    .orderBy('key')
    .orderBy('locale')
    .orderBy('version', 'desc')
    .execute();
  return rows.filter((r): r is typeof r & { text: string } => r.text !== null);
}

export async function overrideVersions(db: Db, key: string) {
  return db
    .selectFrom('message_overrides')
    .select(['locale', 'version', 'text', 'created_by_name', 'created_at'])
    .where('key', '=', key)
    .orderBy('locale')
    .orderBy('version', 'desc')
    .execute();
}
