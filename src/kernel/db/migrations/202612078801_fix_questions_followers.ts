import { sql, type Kysely } from 'kysely';

// "Is it fixed?" is asked of a report's proven followers too (issue 14): a question is for exactly one
// person, either a party of the case (reporter, applicant) or a follower of the public report (who is
// no party: a proven phone or e-mail address). At most two rounds per person and case, as for parties.
// (Exactly one of the two is checked; the existing unique (case_id, party_id, round) lets the
// follower rows, whose party_id is null, through, and the new one holds them to one per round.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table fix_questions
      alter column party_id drop not null,
      add column follower_id uuid references report_followers(id),
      add constraint fix_questions_one_person check ((party_id is null) <> (follower_id is null)),
      add constraint fix_questions_follower_round unique (case_id, follower_id, round);
    create index fix_questions_follower on fix_questions (follower_id, asked_at desc) where follower_id is not null;
    -- A reply from a follower's phone finds their questions by the address they proved.
    create index report_followers_address on report_followers (address) where verified_at is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
