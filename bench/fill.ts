/**
 * Prepares the benchmark database: the organisation through the real commands, then N cases with
 * parties and 1-3 chained events each, generated in SQL (generate_series), not through the API.
 * Event hashes are computed in SQL exactly as src/cases/domain/event-chain.ts does, so verify-chain holds
 * on filled cases too. A marker row records a finished fill; later runs reuse the database and only
 * remove what earlier benchmark runs registered.
 */
import pg from 'pg';
import type { Ctx } from '../src/kernel/context.ts';
import { searchKey } from '../src/i18n/search-key.ts';
import { eventTypeForTransition } from '../src/cases/domain/case-status.ts';
import { GENESIS_HASH } from '../src/cases/domain/event-chain.ts';
import { CASE_STATUSES, type CaseStatus } from '../src/kernel/types.ts';
import { CASE_TYPES, UNITS, createBenchOrg, type BenchOrg } from './org.ts';

/** Bump when the generated data changes shape, so an old bench database is rebuilt. */
export const FILL_VERSION = 3;

export interface FillMarker {
  version: number;
  cases: number;
  events: number;
  filledAt: Date;
  fillSeconds: number;
}

export async function readMarker(client: pg.Client): Promise<FillMarker | null> {
  const t = await client.query(`select to_regclass('bench.fill_marker') as t`);
  if (!t.rows[0].t) return null;
  const r = await client.query('select version, cases, events, filled_at, fill_seconds from bench.fill_marker limit 1');
  const row = r.rows[0];
  return row
    ? { version: row.version, cases: Number(row.cases), events: Number(row.events), filledAt: row.filled_at, fillSeconds: Number(row.fill_seconds) }
    : null;
}

/** Whether the database holds anything of Glas already (then an unmarked database cannot be filled safely). */
export async function hasGlasData(client: pg.Client): Promise<boolean> {
  const t = await client.query(`select to_regclass('public.cases') as t`);
  if (!t.rows[0].t) return false;
  const r = await client.query('select exists (select 1 from cases) or exists (select 1 from org_units) as any');
  return r.rows[0].any;
}

const SUBJECTS_ADM = [
  'Zahtev za izdavanje građevinske dozvole',
  'Zahtev za izdavanje lokacijskih uslova',
  'Zahtev za legalizaciju pomoćnog objekta',
  'Zahtev za upis prava svojine',
  'Zahtev za izdavanje uverenja o državljanstvu',
  'Zahtev za povraćaj više plaćenog poreza na imovinu',
  'Žalba na rešenje o porezu na imovinu',
  'Zahtev za sufinansiranje energetske sanacije',
  'Zahtev za jednokratnu novčanu pomoć',
  'Zahtev za izdavanje izvoda iz matične knjige rođenih',
  'Zahtev za informacije o urbanističkom planu',
  'Zahtev za eksproprijaciju zemljišta',
  'Захтев за издавање локацијских услова',
  'Захтев за упис у матичну књигу венчаних',
  'Prijava obavljanja delatnosti',
  'Zahtev za izdavanje upotrebne dozvole',
  'Zahtev za postavljanje privremenog objekta',
  'Pritužba na rad službenika na šalteru',
  'Zahtev za dodelu stipendije',
  'Zahtev za promenu namene poljoprivrednog zemljišta',
];
const SUBJECTS_PR = [
  'Oštećen kolovoz u ulici Njegoševoj',
  'Ne radi ulična rasvjeta u naselju Centar',
  'Prijava divlje deponije kod mosta',
  'Curenje vode iz hidranta',
  'Zapušena kanalizacija u Ulici kralja Petra',
  'Oboreno drvo na trotoaru',
  'Nepropisno parkirano vozilo na zelenoj površini',
  'Rupa na pešačkom prelazu kod škole',
  'Neodneseno smeće u Bulevaru oslobođenja',
  'Oštećena klupa u gradskom parku',
  'Пукла водоводна цев у улици Војводе Мишића',
  'Ne radi semafor na raskrsnici',
  'Buka iz ugostiteljskog objekta posle 23 časa',
  'Napušteni pas u dvorištu škole',
  'Zahtjev za postavljanje ležećeg policajca',
  'Izlivanje otpadnih voda u potok',
];
const FIRST = [
  'Đorđe',
  'Milica',
  'Marko',
  'Jelena',
  'Nikola',
  'Ana',
  'Stefan',
  'Ivana',
  'Miloš',
  'Jovana',
  'Luka',
  'Teodora',
  'Dragan',
  'Snežana',
  'Zoran',
  'Vesna',
  'Nenad',
  'Gordana',
  'Aleksandar',
  'Marija',
  'Dušan',
  'Tijana',
  'Vladimir',
  'Katarina',
  'Amra',
  'Emir',
  'Ivan',
  'Jana',
  'Љубиша',
  'Јелисавета',
  'Živko',
  'Čedomir',
  'Ljiljana',
  'Njegoš',
  'Bojana',
  'Predrag',
];
const LAST = [
  'Đorđević',
  'Petrović',
  'Jovanović',
  'Nikolić',
  'Marković',
  'Ilić',
  'Stojanović',
  'Pavlović',
  'Simić',
  'Popović',
  'Lukić',
  'Kostić',
  'Stanković',
  'Živković',
  'Todorović',
  'Milošević',
  'Hodžić',
  'Horvat',
  'Novak',
  'Mitrović',
  'Ristić',
  'Šarić',
  'Čolić',
  'Јовановић',
  'Петровић',
  'Radovanović',
  'Vasić',
  'Obradović',
  'Filipović',
  'Milenković',
  'Tomić',
  'Savić',
  'Nedeljković',
  'Zorić',
];
const COMPANIES = [
  'Građevina d.o.o.',
  'Komunalni servis d.o.o.',
  'Agro Morava d.o.o.',
  'Stambena zajednica Njegoševa 12',
  'Mlekara Zlatibor a.d.',
  'Udruženje građana Zelena ulica',
  'Трговина Београд д.о.о.',
  'Pekara Đurić',
  'IT Konsalting d.o.o.',
  'Auto škola Šampion',
];
const DESCRIPTIONS = [
  'Podnosilac navodi detalje zahteva u priloženom obrascu i prilaže dokaz o uplati administrativne takse.',
  'Građanin prijavljuje problem telefonom; traži da ga obavestimo kada problem bude rešen. Lokacija je opisana u prijavi.',
  'Stranka je lično predala zahtev na šalteru pisarnice, uz kopiju lične karte i izvod iz katastra nepokretnosti.',
  'Zahtev je stigao poštom; uz zahtev su priložena ovlašćenja za zastupanje i skica parcele.',
];

// Status mix by age of the case, in days: new cases are mostly open, old ones mostly decided or archived.
const STATUS_BY_AGE: [number, [CaseStatus, number][]][] = [
  [
    3,
    [
      ['received', 15],
      ['delivered', 35],
      ['accepted', 25],
      ['in_progress', 20],
      ['resolved', 5],
    ],
  ],
  [
    30,
    [
      ['delivered', 5],
      ['accepted', 15],
      ['in_progress', 35],
      ['awaiting_opinion', 8],
      ['incomplete', 7],
      ['approved', 10],
      ['rejected', 3],
      ['resolved', 15],
      ['dismissed', 2],
    ],
  ],
  [
    120,
    [
      ['in_progress', 15],
      ['awaiting_opinion', 6],
      ['incomplete', 4],
      ['appeal_received', 2],
      ['approved', 30],
      ['rejected', 8],
      ['resolved', 25],
      ['dismissed', 4],
      ['suspended', 1],
      ['archived', 5],
    ],
  ],
  [
    Infinity,
    [
      ['in_progress', 2.5],
      ['awaiting_opinion', 1.5],
      ['incomplete', 1],
      ['appeal_received', 0.5],
      ['approved', 30],
      ['rejected', 8],
      ['resolved', 25],
      ['dismissed', 4],
      ['suspended', 1.5],
      ['archived', 26],
    ],
  ],
];
const CLOSED: CaseStatus[] = ['approved', 'rejected', 'dismissed', 'suspended', 'resolved', 'archived'];

/** The columns of the staged cases that the final inserts use. */
const CHAIN_COLUMNS = [
  'case_id',
  'party_id',
  'legal',
  'party_name',
  'name_key',
  'id_number',
  'phone',
  'email',
  'registered_at',
  'delivered_at',
  'changed_at',
  'number',
  'series_key',
  'seq',
  'type_id',
  'grp',
  'subject',
  'subj_key',
  'description',
  'channel',
  'tracking_code',
  'status',
  'registry_id',
  'unit_id',
  'clerk_id',
  'clerk_name',
  'awaiting_id',
  'intake_id',
  'intake_name',
  'intake_role',
  'due_at',
  'd1',
  'd2',
  'd3',
  't3',
];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A CASE expression picking one of the values by a uniform random column and the weights. */
function pick(col: string, dist: [string, number][]): string {
  const total = dist.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const whens = dist.slice(0, -1).map(([v, w]) => {
    acc += w / total;
    return `when ${col} < ${acc.toFixed(6)} then ${lit(v)}`;
  });
  return `case ${whens.join(' ')} else ${lit(dist.at(-1)![0])} end`;
}

function statusExpr(ageCol: string, rCol: string): string {
  const parts = STATUS_BY_AGE.map(([limit, dist]) =>
    Number.isFinite(limit) ? `when ${ageCol} < ${limit} then ${pick(rCol, dist)}` : `else ${pick(rCol, dist)}`,
  );
  return `case ${parts.join(' ')} end`;
}

/** Parses `{seq:N}` out of a pattern: the series-key template (as src/organisation/domain/case-number.ts builds it) and the padding. */
function seriesTemplate(pattern: string): { template: string; pad: number } {
  const m = /\{seq(?::(\d+))?\}/.exec(pattern)!;
  return { template: pattern.replace(m[0], '{seq}'), pad: m[1] ? Number(m[1]) : 1 };
}

async function loadLookupTables(c: pg.Client, org: BenchOrg) {
  await c.query(`
    create table bench.units_pick (grp text, code text, unit_id uuid, name text, lo float8, hi float8, officers int);
    create table bench.officers (unit_code text, k int, user_id uuid, name text);
    create table bench.types_pick (code text, type_id int, lo float8, hi float8, template text, pad int, days int, grp text,
      registry_code text, registry_id uuid, intake_id uuid, intake_name text, intake_role text);
    create table bench.words (kind text, k int, word text, skey text);
    create table bench.status_events (status text, event_type text);
  `);
  const unitsRows: unknown[] = [];
  for (const grp of ['adm', 'pr'] as const) {
    let lo = 0;
    for (const u of UNITS.filter((x) => x.group === grp)) {
      unitsRows.push({ grp, code: u.code, unit_id: org.units[u.code]!.id, name: org.units[u.code]!.name, lo, hi: lo + u.share, officers: u.officers });
      lo += u.share;
    }
    (unitsRows.at(-1) as { hi: number }).hi = 1.0000001;
  }
  await c.query(
    `insert into bench.units_pick select * from json_to_recordset($1) as x(grp text, code text, unit_id uuid, name text, lo float8, hi float8, officers int)`,
    [JSON.stringify(unitsRows)],
  );
  const officers = org.users.filter((u) => u.role === 'case_officer').map((u) => ({ unit_code: u.unit, user_id: u.id, name: u.name }));
  const byUnit = new Map<string, number>();
  const offRows = officers.map((o) => {
    const k = byUnit.get(o.unit_code!) ?? 0;
    byUnit.set(o.unit_code!, k + 1);
    return { ...o, k };
  });
  await c.query(`insert into bench.officers select * from json_to_recordset($1) as x(unit_code text, k int, user_id uuid, name text)`, [
    JSON.stringify(offRows),
  ]);
  const intake = { PIS: org.users.find((u) => u.username === 'bench.pis1')!, CC: org.users.find((u) => u.username === 'bench.cc1')! };
  let lo = 0;
  const typeRows = CASE_TYPES.map((t, i) => {
    const { template, pad } = seriesTemplate(t.pattern);
    const row = {
      code: t.code,
      type_id: org.types[t.code]!.id,
      lo,
      hi: i === CASE_TYPES.length - 1 ? 1.0000001 : lo + t.share,
      template,
      pad,
      days: t.days,
      grp: t.problemReport ? 'pr' : 'adm',
      registry_code: t.registry,
      registry_id: org.units[t.registry]!.id,
      intake_id: intake[t.registry].id,
      intake_name: intake[t.registry].name,
      intake_role: intake[t.registry].role,
    };
    lo += t.share;
    return row;
  });
  await c.query(
    `insert into bench.types_pick select * from json_to_recordset($1) as x(code text, type_id int, lo float8, hi float8, template text, pad int, days int, grp text,
    registry_code text, registry_id uuid, intake_id uuid, intake_name text, intake_role text)`,
    [JSON.stringify(typeRows)],
  );
  const words = [
    ...SUBJECTS_ADM.map((w, k) => ({ kind: 'subject_adm', k, word: w, skey: searchKey(w) })),
    ...SUBJECTS_PR.map((w, k) => ({ kind: 'subject_pr', k, word: w, skey: searchKey(w) })),
    ...FIRST.map((w, k) => ({ kind: 'first', k, word: w, skey: searchKey(w) })),
    ...LAST.map((w, k) => ({ kind: 'last', k, word: w, skey: searchKey(w) })),
    ...COMPANIES.map((w, k) => ({ kind: 'company', k, word: w, skey: searchKey(w) })),
    ...DESCRIPTIONS.map((w, k) => ({ kind: 'description', k, word: w, skey: '' })),
  ];
  await c.query(`insert into bench.words select * from json_to_recordset($1) as x(kind text, k int, word text, skey text)`, [JSON.stringify(words)]);
  await c.query(`insert into bench.status_events select * from json_to_recordset($1) as x(status text, event_type text)`, [
    JSON.stringify(CASE_STATUSES.map((s) => ({ status: s, event_type: eventTypeForTransition('delivered', s) }))),
  ]);
  // Helpers that mirror canonicalJson and eventHash (src/cases/domain/event-chain.ts) for plain strings.
  // Declared STABLE like the to_json/to_char they call, so the planner inlines them (an IMMUTABLE
  // wrapper around a stable function is called row by row, several times slower).
  await c.query(`
    create function bench.j(text) returns text language sql stable as $$ select coalesce(to_json($1)::text, 'null') $$;
    create function bench.iso(timestamptz) returns text language sql stable as $$ select to_char($1 at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
    create function bench.h(prev text, body text) returns text language sql stable as $$ select encode(sha256(convert_to(prev || E'\\n' || body, 'UTF8')), 'hex') $$;
    create function bench.body(actor_id uuid, actor_name text, case_id uuid, data text, at timestamptz, seq int, type text) returns text language sql stable as $$
      select '{"actorId":' || bench.j(actor_id::text) || ',"actorName":' || bench.j(actor_name) || ',"caseId":' || bench.j(case_id::text)
        || ',"data":' || data || ',"note":null,"occurredAt":' || bench.j(bench.iso(at)) || ',"seq":' || seq || ',"type":' || bench.j(type)
        || ',"visibility":"public"}'
    $$;
  `);
}

async function step(log: (m: string) => void, label: string, f: () => Promise<unknown>) {
  const t0 = performance.now();
  await f();
  log(`  ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

/** Fills an empty, migrated database. `client` must be a dedicated connection (it changes session settings). */
export async function fillDatabase(ctx: Ctx, client: pg.Client, n: number, log: (m: string) => void): Promise<FillMarker> {
  const started = performance.now();
  const tz = ctx.config.timezone;
  log(`creating the benchmark organisation through the commands`);
  const org = await createBenchOrg(ctx);
  const c = client;
  const su = (await c.query(`select rolsuper from pg_roles where rolname = current_user`)).rows[0]?.rolsuper === true;
  await c.query(`set synchronous_commit = off; set maintenance_work_mem = '1GB'; set work_mem = '256MB'`);
  // Skips foreign-key triggers during the bulk insert: the generator only references rows it inserts.
  if (su) await c.query(`set session_replication_role = replica`);
  await c.query(`drop schema if exists bench cascade; create schema bench`);
  await loadLookupTables(c, org);
  const now = new Date(Date.now() - 60_000);
  const spanDays = 3 * 365;

  log(`generating ${n.toLocaleString('en')} cases in SQL`);
  await step(log, 'choices', () =>
    c.query(
      `
    create unlogged table bench.gen1 as
    with b as (
      select g as n, random() ra, random() rt, random() ru, random() rs, random() rk, random() rk2, random() rn1, random() rn2, random() rsub,
        random() rch, random() rd1, random() rd2, random() rp, random() rdesc
      from generate_series(1, $1::int) g
    ), a as (
      select b.*, $2::float8 * (1 - sqrt(ra)) as age_d from b
    )
    select a.n, gen_random_uuid() as case_id, gen_random_uuid() as party_id, a.age_d,
      date_trunc('milliseconds', $3::timestamptz - make_interval(secs => a.age_d * 86400)) as registered_at,
      ${statusExpr('a.age_d', 'a.rs')} as status,
      tp.code as type_code, tp.type_id, tp.template, tp.pad, tp.days, tp.grp, tp.registry_code, tp.registry_id, tp.intake_id, tp.intake_name, tp.intake_role,
      u.code as unit_code, u.unit_id, u.name as unit_name, u.officers, a.rk, a.rk2, a.rn1, a.rn2, a.rsub, a.rch, a.rd1, a.rd2, a.rp, a.rdesc
    from a
    join bench.types_pick tp on a.rt >= tp.lo and a.rt < tp.hi
    join bench.units_pick u on u.grp = tp.grp and a.ru >= u.lo and a.ru < u.hi
  `,
      [n, spanDays, now],
    ),
  );

  const tracking = Array.from({ length: 12 }, () => `substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + floor(random() * 31)::int, 1)`).join(' || ');
  const word = (arr: string, r: string) => `w.${arr}[1 + floor(${r} * array_length(w.${arr}, 1))::int]`;
  await step(log, 'cases, parties and numbers', () =>
    c.query(
      `
    create unlogged table bench.gen as
    with w as (
      select
        ${['subject_adm', 'subject_pr', 'first', 'last', 'company', 'description']
          .map(
            (k) => `
        (select array_agg(word order by k) from bench.words where kind = '${k}') as ${k}_w,
        (select array_agg(skey order by k) from bench.words where kind = '${k}') as ${k}_k`,
          )
          .join(',')},
        (select id from org_units where code = 'ZZS') as zzs_id, (select name from org_units where code = 'ZZS') as zzs_name,
        (select id from org_units where code = 'RGZ') as rgz_id, (select name from org_units where code = 'RGZ') as rgz_name
    ), x as (
      select g.*, extract(year from g.registered_at at time zone ${lit(tz)})::int as yr from bench.gen1 g
    ), s as (
      select x.*,
        replace(replace(replace(replace(x.template, '{unit}', x.registry_code), '{type}', x.type_code), '{yyyy}', x.yr::text), '{yy}', lpad((x.yr % 100)::text, 2, '0')) as series_key,
        row_number() over (partition by x.type_code, x.registry_code, x.yr order by x.registered_at, x.n) as seq
      from x
    ), t as (
      select s.*,
        replace(s.series_key, '{seq}', lpad(s.seq::text, greatest(s.pad, length(s.seq::text)), '0')) as number,
        case when s.days is null then null else s.registered_at + make_interval(days => s.days) end as due_at,
        case when s.status = 'received' then null else least($1::timestamptz, s.registered_at + make_interval(secs => 3600 + s.rd1 * 100000)) end as delivered_at,
        case when s.grp = 'pr' then ${pick('s.rch', [
          ['phone', 35],
          ['web', 25],
          ['sms', 15],
          ['email', 10],
          ['viber', 15],
        ])}
             else ${pick('s.rch', [
               ['counter', 60],
               ['post', 20],
               ['email', 10],
               ['web', 10],
             ])} end as channel,
        case when s.grp = 'pr' then ${word('subject_pr_w', 's.rsub')} else ${word('subject_adm_w', 's.rsub')} end as subject,
        case when s.grp = 'pr' then ${word('subject_pr_k', 's.rsub')} else ${word('subject_adm_k', 's.rsub')} end as subj_key,
        ${word('description_w', 's.rdesc')} as description,
        (s.rp < 0.12) as legal,
        case when s.rp < 0.12 then ${word('company_w', 's.rn1')} else ${word('first_w', 's.rn1')} || ' ' || ${word('last_w', 's.rn2')} end as party_name,
        case when s.rp < 0.12 then ${word('company_k', 's.rn1')} else ${word('first_k', 's.rn1')} || ' ' || ${word('last_k', 's.rn2')} end as name_key,
        case when s.rp < 0.12 then lpad((10000000 + s.n % 89999999)::text, 8, '0') when s.rp < 0.55 then lpad((s.n::bigint * 7919 % 9999999999999)::text, 13, '0') end as id_number,
        case when s.rk2 < 0.7 then '+3816' || (s.n % 10) || lpad((s.n::bigint * 48271 % 10000000)::text, 7, '0') end as phone,
        case when s.rd2 < 0.35 then 'gradjanin' || s.n || '@example.org' end as email,
        case when s.status = 'awaiting_opinion' then case when s.rk2 < 0.5 then w.zzs_id else w.rgz_id end end as awaiting_id,
        case when s.status = 'awaiting_opinion' then case when s.rk2 < 0.5 then w.zzs_name else w.rgz_name end end as awaiting_name,
        ${tracking} as tc
      from s cross join w
    )
    select t.*,
      substr(t.tc, 1, 4) || '-' || substr(t.tc, 5, 4) || '-' || substr(t.tc, 9, 4) as tracking_code,
      case when t.status in ('received', 'delivered') then null else o.user_id end as clerk_id,
      case when t.status in ('received', 'delivered') then null else o.name end as clerk_name,
      case when t.status in ('received', 'delivered') then null else
        least($1::timestamptz, greatest(t.delivered_at + interval '1 minute',
          t.registered_at + make_interval(secs => coalesce(t.days, 30) * 86400 * (0.2 + 1.1 * t.rd2)))) end as changed_at
    from t left join bench.officers o on o.unit_code = t.unit_code and o.k = floor(t.rk * t.officers)::int
  `,
      [now],
    ),
  );
  await c.query('drop table bench.gen1');

  await step(log, 'event bodies and hash chains', () =>
    c.query(`
    create unlogged table bench.chain as
    with d as (
      select g.*,
        '{"caseType":' || bench.j(g.type_code) || ',"channel":' || bench.j(g.channel) || ',"dueAt":' || bench.j(bench.iso(g.due_at))
          || ',"number":' || bench.j(g.number) || ',"registeredAt":' || bench.j(bench.iso(g.registered_at)) || ',"registryUnitId":' || bench.j(g.registry_id::text) || '}' as d1,
        '{"from":"received","to":"delivered","unitId":' || bench.j(g.unit_id::text) || ',"unitName":' || bench.j(g.unit_name) || '}' as d2,
        case g.status
          when 'accepted' then '{"clerkId":' || bench.j(g.clerk_id::text) || ',"clerkName":' || bench.j(g.clerk_name) || ',"from":"delivered","to":"accepted"}'
          when 'awaiting_opinion' then '{"from":"delivered","institutionId":' || bench.j(g.awaiting_id::text) || ',"institutionName":' || bench.j(g.awaiting_name) || ',"to":"awaiting_opinion"}'
          else '{"from":"delivered","to":' || bench.j(g.status) || '}' end as d3,
        (select se.event_type from bench.status_events se where se.status = g.status) as t3
      from bench.gen g
    ), e as (
      select d.*, bench.body(d.intake_id, d.intake_name, d.case_id, d.d1, d.registered_at, 1, 'case.registered') as b1 from d
    ), h1 as (
      select e.*, bench.h(${lit(GENESIS_HASH)}, e.b1) as h1,
        bench.body(e.intake_id, e.intake_name, e.case_id, e.d2, e.delivered_at, 2, 'case.delivered') as b2
      from e
    ), h2 as (
      select h1.*, case when h1.status <> 'received' then bench.h(h1.h1, h1.b2) end as h2,
        bench.body(h1.clerk_id, h1.clerk_name, h1.case_id, h1.d3, h1.changed_at, 3, h1.t3) as b3
      from h1
    )
    -- Only what the inserts below read: the event bodies are large and needed for their hashes only.
    select ${CHAIN_COLUMNS.map((col) => `h2.${col}`).join(', ')}, h2.h1, h2.h2,
      case when h2.status not in ('received', 'delivered') then bench.h(h2.h2, h2.b3) end as h3
    from h2
  `),
  );
  await c.query('drop table bench.gen');

  // Secondary indexes are dropped during the load and rebuilt afterwards: much faster than maintaining them row by row.
  const tables = ['cases', 'case_events', 'case_parties', 'parties'];
  const idx = await c.query(
    `
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relnamespace = 'public'::regnamespace and t.relname = any($1)
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [tables],
  );
  await c.query(`create table bench.dropped_indexes (name text, def text)`);
  for (const r of idx.rows) {
    await c.query('insert into bench.dropped_indexes values ($1, $2)', [r.name, r.def]);
    await c.query(`drop index ${r.name}`);
  }

  await step(log, 'parties', () =>
    c.query(`
    insert into parties (id, kind, name, id_number, phone, email, address, locale, search_key, created_at, updated_at)
    select party_id, case when legal then 'legal_entity' else 'person' end, party_name, id_number, phone, email, null, 'sr-Latn',
      name_key || case when id_number is not null then ' ' || id_number else '' end, registered_at, registered_at
    from bench.chain order by registered_at`),
  );
  await step(log, 'cases', () =>
    c.query(`
    insert into cases (id, number, case_type_id, subject, description, channel, classification_code, tracking_code, status, status_changed_at,
      registry_unit_id, unit_id, clerk_id, awaiting_unit_id, registered_by, registered_at, due_at, closed_at, search_key, last_event_seq, last_event_hash, updated_at)
    select case_id, number, type_id, subject, description, channel, null, tracking_code, status,
      coalesce(changed_at, delivered_at, registered_at),
      registry_id, case when status = 'received' then registry_id else unit_id end, clerk_id, awaiting_id, intake_id, registered_at, due_at,
      case when status in (${CLOSED.map(lit).join(',')}) then changed_at end,
      lower(number) || ' ' || subj_key || ' ' || name_key,
      case when status = 'received' then 1 when status = 'delivered' then 2 else 3 end, coalesce(h3, h2, h1),
      coalesce(changed_at, delivered_at, registered_at)
    from bench.chain order by registered_at`),
  );
  await step(log, 'case parties', () =>
    c.query(`
    insert into case_parties (case_id, party_id, role)
    select case_id, party_id, case when grp = 'pr' then 'reporter' else 'applicant' end from bench.chain order by registered_at`),
  );
  await step(log, 'events', () =>
    c.query(`
    insert into case_events (case_id, seq, type, actor_id, actor_name, actor_role, occurred_at, visibility, data, note, prev_hash, hash)
    select case_id, seq, type, actor_id, actor_name, actor_role, at, 'public', data::jsonb, null, prev, hash from (
      select case_id, 1 as seq, 'case.registered' as type, intake_id as actor_id, intake_name as actor_name, intake_role as actor_role, registered_at as at,
        d1 as data, ${lit(GENESIS_HASH)} as prev, h1 as hash from bench.chain
      union all
      select case_id, 2, 'case.delivered', intake_id, intake_name, intake_role, delivered_at, d2, h1, h2 from bench.chain where h2 is not null
      union all
      select case_id, 3, t3, clerk_id, clerk_name, 'case_officer', changed_at, d3, h2, h3 from bench.chain where h3 is not null
    ) e order by at`),
  );
  await step(log, 'number series', () =>
    c.query(`
    insert into number_series (series_key, last_seq)
    select series_key, max(seq) from bench.chain group by series_key
    on conflict (series_key) do update set last_seq = greatest(number_series.last_seq, excluded.last_seq)`),
  );
  await c.query('drop table bench.chain');
  if (su) await c.query(`set session_replication_role = origin`);

  for (const r of (await c.query('select name, def from bench.dropped_indexes')).rows) {
    await step(log, `index ${r.name}`, () => c.query(r.def));
  }
  await c.query('drop table bench.dropped_indexes');
  await step(log, 'vacuum (freeze, analyze)', () =>
    c.query('vacuum (freeze, analyze) parties, cases, case_parties, case_events, number_series, org_units, users'),
  );
  await c.query('checkpoint').catch(() => {});

  const counts = (await c.query(`select (select count(*) from cases)::int as cases, (select count(*) from case_events)::int as events`)).rows[0];
  const filledAt = new Date();
  const fillSeconds = (performance.now() - started) / 1000;
  await c.query('create table bench.fill_series as select * from number_series');
  await c.query(
    'create table bench.fill_marker (version int not null, cases int not null, events int not null, filled_at timestamptz not null, fill_seconds numeric not null)',
  );
  await c.query('insert into bench.fill_marker values ($1, $2, $3, $4, $5)', [FILL_VERSION, counts.cases, counts.events, filledAt, fillSeconds]);
  return { version: FILL_VERSION, cases: counts.cases, events: counts.events, filledAt, fillSeconds };
}

/**
 * Removes what earlier benchmark runs registered (everything registered after the fill) and puts the
 * number series back, so every run starts from the same filled state. Needs a superuser to pass the
 * append-only trigger of the event log; without one the extra cases stay and are counted.
 */
export async function resetToFilled(client: pg.Client, marker: FillMarker, log: (m: string) => void): Promise<number> {
  const c = client;
  const extra = Number((await c.query('select count(*) from cases where registered_at > $1', [marker.filledAt])).rows[0].count);
  if (!extra) return 0;
  const su = (await c.query(`select rolsuper from pg_roles where rolname = current_user`)).rows[0]?.rolsuper === true;
  if (!su) {
    log(`${extra} cases from earlier runs stay (removing them needs a superuser)`);
    return extra;
  }
  log(`removing ${extra.toLocaleString('en')} cases registered by earlier benchmark runs`);
  await c.query('begin');
  await c.query('set local session_replication_role = replica');
  await c.query(`create temp table bench_extra on commit drop as select id from cases where registered_at > $1`, [marker.filledAt]);
  await c.query('delete from case_events where case_id in (select id from bench_extra)');
  await c.query('delete from documents where case_id in (select id from bench_extra)');
  await c.query('delete from case_parties where case_id in (select id from bench_extra)');
  await c.query('delete from cases where id in (select id from bench_extra)');
  await c.query(
    'delete from parties p where p.created_at > $1 and not exists (select 1 from case_parties cp where cp.party_id = p.id) and not exists (select 1 from users u where u.party_id = p.id)',
    [marker.filledAt],
  );
  await c.query('delete from number_series where series_key not in (select series_key from bench.fill_series)');
  await c.query('update number_series n set last_seq = f.last_seq from bench.fill_series f where f.series_key = n.series_key and n.last_seq <> f.last_seq');
  await c.query('commit');
  await c.query('vacuum (analyze) cases, case_events, case_parties, parties, number_series');
  return 0;
}
