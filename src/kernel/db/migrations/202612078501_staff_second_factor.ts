import { sql, type Kysely } from 'kysely';

// An optional second factor for staff: a TOTP secret per user (confirmed once a code from it was typed; the last
// accepted time step, so a code works once), recovery codes kept only as SHA-256, the half-done sign-ins waiting
// for their second step (only the hash of the step's token), and the municipality's switch that makes the
// second factor compulsory for administrators.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_second_factors (
      user_id uuid primary key references users(id),
      secret text not null,
      confirmed_at timestamptz,
      last_step bigint,
      created_at timestamptz not null default now()
    );
    create table staff_recovery_codes (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      code_hash text not null,
      used_at timestamptz
    );
    create index staff_recovery_codes_user on staff_recovery_codes (user_id) where used_at is null;
    create table sign_in_challenges (
      id_hash text primary key,
      user_id uuid not null references users(id),
      kind text not null check (kind in ('totp', 'enrol')),
      expires_at timestamptz not null,
      attempts integer not null default 0
    );
    create index sign_in_challenges_expiry on sign_in_challenges (expires_at);
    create table security_settings (
      id boolean primary key default true check (id),
      admin_second_factor_required boolean not null default false
    );
    insert into security_settings default values;
  `.execute(db);
}

export async function down(): Promise<void> {}
