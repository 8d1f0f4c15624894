import { sql, type Kysely } from 'kysely';

// Events posted by an external registry (VOPI/OBVO): the primary key makes a repeated post a no-op.
// External party ids map to our parties so contacts and consent follow the same person.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table external_registry_events (
      external_system text not null,
      external_event_id text not null,
      case_id uuid not null references cases(id),
      case_event_id bigint references case_events(id),
      received_at timestamptz not null default now(),
      primary key (external_system, external_event_id)
    );
    create table external_parties (
      external_system text not null,
      external_party_id text not null,
      party_id uuid not null references parties(id),
      primary key (external_system, external_party_id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
