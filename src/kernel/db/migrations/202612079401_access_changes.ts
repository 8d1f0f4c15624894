import { sql, type Kysely } from 'kysely';

// Every Glas process keeps who a session or API token is for a few seconds (src/http/auth.ts), so that a
// request does not read them each time. A change that takes access away or changes it (a sign-out, a
// deactivation, a new role or unit, a revoked token, the second-factor requirement) is announced at its
// commit on glas_access_changed, and every process forgets what it kept (kernel/db/changes.ts): it then
// holds on every process at once, whichever process or operator command made it. Triggers, not the
// commands, announce it, so that no path that changes these rows can forget to.
// Statement-level, and only for the columns that decide access: a session's sliding expiry and a token's
// last use, written on the hot path, announce nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function glas_access_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('glas_access_changed', '');
      return null;
    end $$;
    create trigger access_changed after delete or update of second_factor on sessions
      for each statement execute function glas_access_changed();
    create trigger access_changed after update of active, role, unit_id, display_name, locale, party_id, phone, phone_verified_at, password_hash on users
      for each statement execute function glas_access_changed();
    create trigger access_changed after delete or update of scopes, revoked_at, user_id on api_tokens
      for each statement execute function glas_access_changed();
    create trigger access_changed after insert or update or delete on security_settings
      for each statement execute function glas_access_changed();
    create trigger access_changed after update of path on org_units
      for each statement execute function glas_access_changed();
  `.execute(db);
}
