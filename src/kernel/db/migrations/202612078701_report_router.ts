import { sql, type Kysely } from 'kysely';

// The report router (issue 16): models learned from the municipality's own reports, and what they said.
// - router_models: each trained model (its id is its version), with the size of its training set, its
//   evaluation on a held-out part (top-1, top-3, macro-F1, per category, confusions, thresholds) and its
//   weights (sparse rows of a hashed-feature logistic regression; src/sistem48/domain/text-classifier.ts);
// - sistem48_settings.auto_route_threshold: the administrator's threshold of confidence at or above which a
//   report in the catch-all category is categorised and routed without the dispatcher;
// - problem_reports.router_*: the model's suggestions for the report, kept for the dispatcher.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table router_models (
      id serial primary key,
      trained_at timestamptz not null,
      training_size integer not null,
      held_out_size integer not null,
      categories text[] not null,
      feature_bits integer not null,
      temperature real not null,
      weights bytea not null,
      evaluation jsonb not null
    );
    alter table sistem48_settings add column auto_route_threshold real not null default 0.7
      check (auto_route_threshold > 0 and auto_route_threshold <= 1);
    alter table problem_reports add column router_model_version integer references router_models(id);
    alter table problem_reports add column router_confidence real;
    alter table problem_reports add column router_suggestions jsonb;
  `.execute(db);
}

export async function down(): Promise<void> {}
