import { sql, type Kysely } from 'kysely';

// Closing the loop with the citizen (issue 14, part A):
// - "Is it fixed?": how many days after resolution the reporter is asked (per problem category or case
//   type; null = the installation's default), and one row per question asked (at most two per person
//   and case), with the answer, the optional rating and comment, and whether it reopened the report.
// - Waiting for the citizen pauses the answer clock: while `paused_at` is set the case waits for the
//   citizen; `paused_ms` is the time spent waiting so far (the deadlines were moved on by it).
// - A citizen's reply is an unread update for staff until someone reads it (`citizen_update_at`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table problem_categories add column fix_question_days int check (fix_question_days between 0 and 365);
    alter table case_types add column fix_question_days int check (fix_question_days between 0 and 365);
    alter table cases
      add column paused_at timestamptz,
      add column paused_ms bigint not null default 0 check (paused_ms >= 0),
      add column citizen_update_at timestamptz;
    create index cases_citizen_update on cases (unit_id) where citizen_update_at is not null;

    create table fix_questions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      party_id uuid not null references parties(id),
      round int not null check (round in (1, 2)),
      token text not null unique,
      resolved_at timestamptz not null,
      ask_at timestamptz not null,
      asked_at timestamptz,
      channel text check (channel in ('sms', 'email', 'viber')),
      skipped text,
      answer text check (answer in ('fixed', 'not_fixed')),
      answered_at timestamptz,
      answered_via text check (answered_via in ('sms', 'email', 'viber', 'portal', 'web')),
      rating int check (rating between 1 and 5),
      comment text check (length(comment) <= 2000),
      reopened boolean not null default false,
      unit_id uuid,
      category_id int,
      created_at timestamptz not null,
      unique (case_id, party_id, round)
    );
    create index fix_questions_open on fix_questions (party_id, asked_at desc) where asked_at is not null and answer is null;
    create index fix_questions_answered on fix_questions (answered_at) include (unit_id, category_id, answer, rating, reopened) where answered_at is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
