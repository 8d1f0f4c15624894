import { sql, type Kysely } from 'kysely';

// Moderation of what the public reads of a report. The citizen's text stays as written (cases.description,
// case_events.note) for staff; the moderated public version lives beside it:
// - problem_reports.public_description: the description as the public reads it, when a moderator edited
//   or redacted it (null: as written, with contacts masked);
// - problem_reports.awaiting_review: the category asks for review before publishing and no moderator has
//   approved the report yet (the public sees neither text nor photos);
// - public_update_moderations: the same for one public update (an Open311 / citizen note) of a report,
//   which a moderator may also hide.
// problem_categories.review_required is the administrator's choice per category.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table problem_categories add column review_required boolean not null default false;
    alter table problem_reports add column public_description text;
    alter table problem_reports add column awaiting_review boolean not null default false;
    create table public_update_moderations (
      event_id bigint primary key references case_events(id),
      case_id uuid not null references cases(id),
      public_note text,
      hidden boolean not null default false,
      awaiting_review boolean not null default false,
      updated_at timestamptz not null
    );
    create index public_update_moderations_case on public_update_moderations (case_id);
    create index problem_reports_awaiting_review on problem_reports (case_id) where awaiting_review;
  `.execute(db);
}

export async function down(): Promise<void> {}
