/**
 * The raw reference for an Open311 POST requests: the rows one filed report consists of, written by
 * PostgreSQL alone in one statement (one round trip, one transaction): the next number of the
 * series, the reporter, the case (already delivered to the routed unit), the case-party link, the
 * two first events (registered, delivered) with their chained hashes computed as
 * src/cases/domain/event-chain.ts does, the problem report (its trigger keeps report_facts), and the two
 * SLA timer jobs. No validation, routing, settings or category look-ups: that is what the API adds.
 * Parameters are filled by bench/load.ts.
 *
 * $1 series key  $2 seq padding  $3 case type id  $4 subject  $5 description  $6 tracking code
 * $7 dispatcher (registry) unit id  $8 actor id  $9 registered at  $10 reporter name  $11 e-mail
 * $12 actor name  $13 actor role  $14 case type code  $15 routed unit id  $16 routed unit name
 * $17 category id  $18 lat  $19 lon  $20 SLA hours  $21 warning percent  $22 external client
 */
import { iso, NEXT_NUMBER_CTE } from './raw-register.ts';

const str = (e: string) => `to_json(${e})::text`;

/** The canonical JSON of one event (keys sorted, as canonicalJson writes it) after its `data`. */
const eventBody = (seq: number, type: string, data: string, caseId: string, at: string) =>
  `'{"actorId":' || ${str('$8::uuid::text')} || ',"actorName":' || ${str('$12::text')} || ',"caseId":' || ${str(`${caseId}::text`)}
    || ',"data":' || ${data} || ',"note":null,"occurredAt":' || ${iso(at)} || ',"seq":${seq},"type":"${type}","visibility":"public"}'`;

export const RAW_OPEN311_SQL = `
with ${NEXT_NUMBER_CTE}, v as (
  select gen_random_uuid() as case_id, gen_random_uuid() as party_id, $9::timestamptz as at,
    replace($1::text, '{seq}', lpad(s.last_seq::text, greatest($2::int, length(s.last_seq::text)), '0')) as number
  from s
), d as (
  select v.*,
    '{"caseType":' || ${str('$14::text')} || ',"channel":"api","dueAt":null,"number":' || ${str('v.number')}
      || ',"registeredAt":' || ${iso('v.at')} || ',"registryUnitId":' || ${str('$7::uuid::text')} || '}' as data1,
    '{"from":"received","to":"delivered","unitId":' || ${str('$15::uuid::text')} || ',"unitName":' || ${str('$16::text')} || '}' as data2
  from v
), h1 as (
  select d.*, encode(sha256(convert_to(repeat('0', 64) || E'\\n' || ${eventBody(1, 'case.registered', 'd.data1', 'd.case_id', 'd.at')}, 'UTF8')), 'hex') as hash1
  from d
), h as (
  select h1.*, encode(sha256(convert_to(h1.hash1 || E'\\n' || ${eventBody(2, 'case.delivered', 'h1.data2', 'h1.case_id', 'h1.at')}, 'UTF8')), 'hex') as hash2
  from h1
), p as (
  insert into parties (id, kind, name, email, search_key)
  select party_id, 'person', $10::text, $11::text, lower($10::text) from v
), c as (
  insert into cases (id, number, case_type_id, subject, description, channel, tracking_code, status, status_changed_at,
    registry_unit_id, unit_id, registered_by, registered_at, due_at, search_key, last_event_seq, last_event_hash, updated_at)
  select case_id, number, $3::int, $4::text, $5::text, 'api', $6::text, 'delivered', at, $7::uuid, $15::uuid, $8::uuid, at, null,
    lower(number || ' ' || $4::text || ' ' || $10::text), 2, hash2, at
  from h
), cp as (
  insert into case_parties (case_id, party_id, role) select case_id, party_id, 'reporter' from v
), e as (
  insert into case_events (case_id, seq, type, actor_id, actor_name, actor_role, occurred_at, visibility, data, note, prev_hash, hash)
  select case_id, 1, 'case.registered', $8::uuid, $12::text, $13::text, at, 'public', data1::jsonb, null, repeat('0', 64), hash1 from h
  union all
  select case_id, 2, 'case.delivered', $8::uuid, $12::text, $13::text, at, 'public', data2::jsonb, null, hash1, hash2 from h
), r as (
  insert into problem_reports (case_id, category_id, lat, lon, location_source, routed_by, contact_consent, sla_hours, sla_clock,
    first_response_due_at, first_response_warn_at, external_client, created_at)
  select case_id, $17::int, $18::float8, $19::float8, 'given', 'rule', true, $20::int, 'calendar',
    at + make_interval(hours => $20::int), at + make_interval(secs => $20::int * 36 * $21::int), $22::text, at
  from v
  returning report_no
), j as (
  -- Both timers in one add_jobs call, as src/kernel/jobs.ts enqueues them (add_job is add_jobs with one spec).
  select graphile_worker.add_jobs(array(
    select row('sistem48.sla_threshold', json_build_object('caseId', v.case_id, 'level', l.level), null,
      v.at + make_interval(secs => $20::int * 36 * (case when l.level = 'warning' then $21::int else 100 end)),
      10, 's48:' || v.case_id || ':' || l.level, null, null)::graphile_worker.job_spec
    from v cross join (values ('warning'), ('breach')) l(level)
  ))
)
-- j is a plain SELECT: PostgreSQL runs it only because the result refers to it.
select (select report_no from r) as report_no, (select count(*) from j) as jobs`;
