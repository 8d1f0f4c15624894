import { sql, type Kysely } from 'kysely';

// Whether a staff session was opened with a second factor (or the factor was enrolled in it): when the
// municipality requires one of administrators, an administrator's session without it is refused at once.
// Sessions from before are taken as opened without one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column second_factor boolean not null default false`.execute(db);
}

export async function down(): Promise<void> {}
