import { sql, type Kysely } from 'kysely';

// Which process claimed a message for sending, and when each process was last alive: the replay of
// stuck messages takes only those whose sender has stopped, never one still waiting its turn in a live one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_senders (
      id uuid primary key,
      seen_at timestamptz not null
    );
    alter table notification_messages add column sending_by uuid;
  `.execute(db);
}

export async function down(): Promise<void> {}
