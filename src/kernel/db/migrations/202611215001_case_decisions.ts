import { sql, type Kysely } from 'kysely';

// The first time each case reached a decision status (approved, rejected, dismissed, suspended,
// resolved): "time to resolution" is measured to it. Kept by the reports module's outbox writer in
// the transaction of the deciding event, so the reports never search the 10-million-row event log;
// filled here from the log for the cases decided before this table existed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_decisions (
      case_id uuid primary key references cases(id),
      decided_at timestamptz not null,
      status text not null check (status in ('approved','rejected','dismissed','suspended','resolved')),
      event_id bigint not null
    );
    insert into case_decisions (case_id, decided_at, status, event_id)
      select distinct on (case_id) case_id, occurred_at, data->>'to', id
      from case_events
      where data->>'to' in ('approved','rejected','dismissed','suspended','resolved')
      order by case_id, occurred_at, id;
    create index case_decisions_at on case_decisions (decided_at);
  `.execute(db);
}

export async function down(): Promise<void> {}
