/** SQL for the administrator's notification settings: levels per kind and versioned templates. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { NotificationLevel } from '../domain/kinds.ts';
import type { TemplateChannel } from '../domain/template.ts';

export async function listKindSettings(db: DbOrTx) {
  return db.selectFrom('notification_kind_settings').selectAll().execute();
}

export async function findKindSetting(db: DbOrTx, kind: string) {
  return db.selectFrom('notification_kind_settings').selectAll().where('kind', '=', kind).executeTakeFirst();
}

export async function upsertKindSetting(tx: Tx, s: { kind: string; level: NotificationLevel; by: string | null; byName: string; at: Date }) {
  await tx
    .insertInto('notification_kind_settings')
    .values({ kind: s.kind, level: s.level, updated_by: s.by, updated_by_name: s.byName, updated_at: s.at })
    .onConflict((oc) => oc.column('kind').doUpdateSet({ level: s.level, updated_by: s.by, updated_by_name: s.byName, updated_at: s.at }))
    .execute();
}

/** The newest saved version of each requested (channel, locale) of one kind. */
export async function latestTemplates(db: DbOrTx, kind: string, channels: readonly TemplateChannel[], locales: readonly string[]) {
  if (!channels.length || !locales.length) return [];
  return db
    .selectFrom('notification_templates')
    .select(['channel', 'locale', 'version', 'body'])
    .distinctOn(['channel', 'locale'])
    .where('kind', '=', kind)
    .where('channel', 'in', channels)
    .where('locale', 'in', locales)
    .orderBy('channel')
    .orderBy('locale')
    .orderBy('version', 'desc')
    .execute();
}

/** Every kind/channel/locale with a saved version, newest version each (for the administrator's list). */
export async function latestTemplatesAll(db: DbOrTx, f: { kind?: string; channel?: TemplateChannel; locale?: string }) {
  let q = db
    .selectFrom('notification_templates')
    .select(['kind', 'channel', 'locale', 'version', 'body', 'created_at', 'created_by_name'])
    .distinctOn(['kind', 'channel', 'locale']);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.locale) q = q.where('locale', '=', f.locale);
  return q.orderBy('kind').orderBy('channel').orderBy('locale').orderBy('version', 'desc').execute();
}

export async function templateVersions(db: DbOrTx, kind: string, channel: TemplateChannel, locale: string) {
  return db
    .selectFrom('notification_templates')
    .select(['version', 'body', 'created_at', 'created_by_name'])
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .where('locale', '=', locale)
    .orderBy('version', 'desc')
    .execute();
}

/** Saves the next version; concurrent saves of the same template are serialised so versions never collide. */
export async function insertTemplateVersion(
  tx: Tx,
  t: { kind: string; channel: TemplateChannel; locale: string; body: string; by: string | null; byName: string },
) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`template:${t.kind}:${t.channel}:${t.locale}`}, 0))`.execute(tx);
  const { max } = await tx
    .selectFrom('notification_templates')
    .select((eb) => eb.fn.max<number>('version').as('max'))
    .where('kind', '=', t.kind)
    .where('channel', '=', t.channel)
    .where('locale', '=', t.locale)
    .executeTakeFirstOrThrow();
  return tx
    .insertInto('notification_templates')
    .values({
      kind: t.kind,
      channel: t.channel,
      locale: t.locale,
      version: (max ?? 0) + 1,
      body: t.body,
      created_by: t.by,
      created_by_name: t.byName,
    })
    .returning(['version', 'created_at'])
    .executeTakeFirstOrThrow();
}
