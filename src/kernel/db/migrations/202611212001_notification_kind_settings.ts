import { sql, type Kysely } from 'kysely';

// The administrator's choice per notification kind (internal, notifiable or key). Only overrides are
// stored: a kind without a row uses the default from src/notifications/domain/kinds.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_kind_settings (
      kind text primary key,
      level text not null check (level in ('internal','notifiable','key')),
      updated_by uuid references users(id),
      updated_by_name text not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
