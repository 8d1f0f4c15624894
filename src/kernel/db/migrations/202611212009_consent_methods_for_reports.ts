import { sql, type Kysely } from 'kysely';

// A problem report carries the reporter's consent to updates: ticked on the public web form, or
// given aloud on a call to the operator. Both are recorded like any other consent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table notification_consents drop constraint notification_consents_method_check;
    alter table notification_consents add constraint notification_consents_method_check
      check (method in ('counter_signed','written_application','portal','viber_subscription','viber_unsubscribed','web_form','phone_call'));
  `.execute(db);
}
