/**
 * The raw reference for registration: what POST /api/v1/cases writes, done by PostgreSQL alone in
 * one statement (one round trip, one transaction): take the next number of the series, insert the
 * party, the case, the case-party link and the first event with its chained hash (computed as
 * src/cases/domain/event-chain.ts does). Parameters are filled by bench/load.ts.
 *
 * $1 series key  $2 seq padding  $3 case type id  $4 subject  $5 description  $6 tracking code
 * $7 registry unit id  $8 actor id  $9 registered at  $10 resolution days  $11 party name  $12 phone
 * $13 e-mail  $14 actor name  $15 actor role  $16 case type code
 */
/** A timestamp as JSON text, the way JSON.stringify writes a Date (for hashing as the app does). */
export const iso = (e: string) => `to_json(to_char((${e}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`;

/** The next number of series $1 (the same upsert as insertCase in src/cases/repositories/case-repository.ts), as CTE `s`. */
export const NEXT_NUMBER_CTE = `s as (
  insert into number_series (series_key, last_seq) values ($1::text, 1)
  on conflict (series_key) do update set last_seq = number_series.last_seq + 1
  returning last_seq
)`;

export const RAW_REGISTER_SQL = `
with ${NEXT_NUMBER_CTE}, v as (
  select gen_random_uuid() as case_id, gen_random_uuid() as party_id, $9::timestamptz as at,
    $9::timestamptz + make_interval(days => $10::int) as due_at,
    replace($1::text, '{seq}', lpad(s.last_seq::text, greatest($2::int, length(s.last_seq::text)), '0')) as number
  from s
), d as (
  select v.*, '{"caseType":' || to_json($16::text)::text || ',"channel":"counter","dueAt":' || coalesce(${iso('v.due_at')}, 'null')
    || ',"number":' || to_json(v.number)::text || ',"registeredAt":' || ${iso('v.at')} || ',"registryUnitId":' || to_json($7::uuid::text)::text || '}' as data
  from v
), h as (
  select d.*, encode(sha256(convert_to(repeat('0', 64) || E'\\n' || '{"actorId":' || to_json($8::uuid::text)::text || ',"actorName":' || to_json($14::text)::text
    || ',"caseId":' || to_json(d.case_id::text)::text || ',"data":' || d.data || ',"note":null,"occurredAt":' || ${iso('d.at')}
    || ',"seq":1,"type":"case.registered","visibility":"public"}', 'UTF8')), 'hex') as hash
  from d
), p as (
  insert into parties (id, kind, name, phone, email, search_key)
  select party_id, 'person', $11::text, $12::text, $13::text, lower($11::text) from v
), c as (
  insert into cases (id, number, case_type_id, subject, description, channel, tracking_code, status, status_changed_at,
    registry_unit_id, unit_id, registered_by, registered_at, due_at, search_key, last_event_seq, last_event_hash, updated_at)
  select case_id, number, $3::int, $4::text, $5::text, 'counter', $6::text, 'received', at, $7::uuid, $7::uuid, $8::uuid, at, due_at,
    lower(number || ' ' || $4::text || ' ' || $11::text), 1, hash, at
  from h
), cp as (
  insert into case_parties (case_id, party_id, role) select case_id, party_id, 'applicant' from v
), e as (
  insert into case_events (case_id, seq, type, actor_id, actor_name, actor_role, occurred_at, visibility, data, note, prev_hash, hash)
  select case_id, 1, 'case.registered', $8::uuid, $14::text, $15::text, at, 'public', data::jsonb, null, repeat('0', 64), hash from h
)
select number from v`;
