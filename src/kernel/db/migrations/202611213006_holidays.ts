import { sql, type Kysely } from 'kysely';

// Public holidays: the working-hours SLA clock does not run on them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table holidays (
      day date primary key,
      name text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
