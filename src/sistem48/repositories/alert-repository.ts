/** SQL for e-mail alerts of new public reports (the daily digest). */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export interface NewAlert {
  email: string;
  locale: string;
  categoryCodes: string[] | null;
  street: string | null;
  streetKey: string | null;
  bbox: number[] | null;
  token: string;
  createdAt: Date;
}

export async function insertAlert(tx: Tx, a: NewAlert) {
  await tx
    .insertInto('report_alerts')
    .values({
      email: a.email,
      locale: a.locale,
      category_codes: a.categoryCodes,
      street: a.street,
      street_key: a.streetKey,
      bbox: a.bbox,
      token: a.token,
      created_at: a.createdAt,
    })
    .execute();
}

/** The link opened: the alert counts from now (its first digest covers what comes after). */
export async function confirmAlert(tx: Tx, token: string, at: Date, consentTextVersion: string) {
  return tx
    .updateTable('report_alerts')
    .set({ confirmed_at: at, covered_until: at, consent_text_version: consentTextVersion })
    .where('token', '=', token)
    .where('confirmed_at', 'is', null)
    .where('stopped_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
}

export async function stopAlert(tx: Tx, token: string, at: Date) {
  return tx
    .updateTable('report_alerts')
    .set({ stopped_at: at })
    .where('token', '=', token)
    .where('stopped_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
}

/** Confirmed alerts whose last digest ended before `until`, locked so that two workers never send the same digest. */
export async function lockDueAlerts(tx: Tx, until: Date, limit: number) {
  return tx
    .selectFrom('report_alerts')
    .selectAll()
    .where('confirmed_at', 'is not', null)
    .where('stopped_at', 'is', null)
    .where('covered_until', '<', until)
    .orderBy('covered_until')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markCovered(db: DbOrTx, id: string, until: Date) {
  await db.updateTable('report_alerts').set({ covered_until: until }).where('id', '=', id).execute();
}
