import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigserial primary key,
      actor_id uuid references users(id),
      actor_name text not null,
      action text not null,
      entity text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      at timestamptz not null default now()
    );
    create index audit_log_entity on audit_log (entity, entity_id);
    create index audit_log_at on audit_log (at desc);
  `.execute(db);
}

export async function down(): Promise<void> {}
