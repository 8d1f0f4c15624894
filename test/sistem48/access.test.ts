/**
 * Who may see and change which problem report, checked systematically against the product rules:
 * every Sistem 48 staff route that takes a report, photo or unit id, for every fixture user and a
 * signed-in citizen; the public routes for personal data; leadership and the administrator changing
 * nothing; and every change that touches personal data naming its actor.
 *
 * Expected outcomes come from src/sistem48/policy.ts and src/cases/policy.ts (visibility is
 * checked first: out of scope → 404 with the body of a random uuid; in scope but the role may not
 * act → 403), except where a comment says the product rules decide it.
 *
 * Mismatches are collected and asserted at the end of each test, so one run lists every broken rule.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import sharp from 'sharp';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import type { Ctx } from '../../src/kernel/context.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';
import { insertUser } from '../../src/organisation/repositories/org-repository.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { addReportPhoto } from '../../src/sistem48/commands/add-report-photo.ts';
import { recordReportCost } from '../../src/sistem48/commands/record-report-cost.ts';
import { checkSlaThreshold } from '../../src/sistem48/commands/check-sla-threshold.ts';
import { preparePhoto } from '../../src/sistem48/photos.ts';
import { QUEUE_BUCKETS } from '../../src/sistem48/repositories/report-repository.ts';
import { WEB_FORM_ACTOR } from '../../src/sistem48/http/routes.ts';
import { CENTRE, OUTSKIRTS, multipart, seedSistem48 } from './helpers.ts';

const P = '/api/v1/sistem48';
const HOUR = 3_600_000;
const STAFF = ['admin', 'registry', 'clerkA', 'clerkB', 'headA', 'headAdm', 'operator', 'leader'] as const;
type Staff = (typeof STAFF)[number];
/**
 * Besides the fixture users and a citizen: the Open311 client's API tokens (an operator of the
 * registry) — readToken has only cases:read, open311Token only open311. Neither may change a report
 * (no cases:write); readToken reads what an operator reads; open311Token reads no case.
 */
type Who = Staff | 'citizen' | 'readToken' | 'open311Token';
const EVERYONE: readonly Who[] = [...STAFF, 'citizen', 'readToken', 'open311Token'];
/**
 * A: a pothole at CENTRE, routed to unit A, filed on the web form.
 * J: a pothole at OUTSKIRTS, routed to the public enterprise (JKP), filed on the web form.
 * K: a pothole at CENTRE (unit A) that clerkB took on the phone: its registry unit is B, not the
 *    registry office, so by the product rules the registry and the operators do not handle it.
 */
type Target = 'A' | 'J' | 'K';
const TARGETS: readonly Target[] = ['A', 'J', 'K'];

/** Who sees which report (case-policy caseReadScope; administrators read no citizen's case). */
const VISIBLE: Record<Target, ReadonlySet<Who>> = {
  A: new Set<Who>(['registry', 'operator', 'clerkA', 'headA', 'headAdm', 'leader', 'readToken']),
  J: new Set<Who>(['registry', 'operator', 'leader', 'readToken']),
  K: new Set<Who>(['clerkA', 'headA', 'headAdm', 'leader']),
};

interface Report {
  target: Target;
  caseId: string;
  reportNo: string;
  trackingCode: string;
  photoId: string;
  name: string;
  phone: string;
  email: string;
}

let t: TestApp;
let auth: Record<Who, { as?: Session; bearer?: string }>;
let s48: Awaited<ReturnType<typeof seedSistem48>>;
let shared: Record<Target, Report>;
let partner: Record<Target, Report>;
let secondReporter: { name: string; phone: string; email: string };
const SECRET_NOTE = 'TAJNA-BELEŠKA interna';
const SECRET_COST = 'TAJNI-TROŠAK materijal';
const CONTRACTOR = 'Izvođač Tajnović doo';
const at = (ctx: Ctx, now: Date): Ctx => ({ ...ctx, now: () => now });
const uid = (w: Staff) => t.m.users[w]!.id;

let seq = 0;
/** Every report made here, for the public sweeps. */
const made: Report[] = [];
async function newPhoto() {
  seq++;
  const png = await sharp({ create: { width: 32 + (seq % 50), height: 24, channels: 3, background: { r: seq % 256, g: (seq * 7) % 256, b: 90 } } })
    .png()
    .toBuffer();
  return preparePhoto(png, { maxBytes: 5_000_000, maxDimension: 2000 });
}

/** A report of the target's kind, with a reporter (name, phone, e-mail, consent) and an unapproved citizen photo. */
async function makeReport(target: Target): Promise<Report> {
  const n = ++seq;
  const contact = { name: `Milena Tajnović ${n}`, phone: `0641${String(100000 + n).slice(-6)}`, email: `milena.${n}@tajno.example`, consent: true };
  const where = target === 'J' ? OUTSKIRTS : CENTRE;
  const base = { category: { code: 'pothole' }, lat: where.lat, lon: where.lon, description: 'Rupa na kolovozu', contact };
  const r =
    target === 'K'
      ? await fileReport(t.ctx, t.m.users.clerkB!.actor, { via: 'staff', channel: 'phone', ...base })
      : await fileReport(t.ctx, WEB_FORM_ACTOR, { via: 'web', channel: 'web', ...base });
  const photo = await addReportPhoto(t.ctx, SYSTEM_ACTOR, { caseId: r.caseId, photo: await newPhoto(), source: 'citizen' });
  made.push({
    target,
    caseId: r.caseId,
    reportNo: r.reportNo,
    trackingCode: r.trackingCode,
    photoId: photo.id,
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
  });
  return {
    target,
    caseId: r.caseId,
    reportNo: r.reportNo,
    trackingCode: r.trackingCode,
    photoId: photo.id,
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
  };
}

async function snapshot(caseId: string) {
  const db = t.ctx.db;
  return {
    events: await db.selectFrom('case_events').select(['seq', 'type', 'actor_id']).where('case_id', '=', caseId).orderBy('seq').execute(),
    case: await db.selectFrom('cases').select(['status', 'unit_id', 'clerk_id', 'is_open', 'due_at']).where('id', '=', caseId).executeTakeFirstOrThrow(),
    report: await db.selectFrom('problem_reports').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow(),
    parties: (await db.selectFrom('case_parties').select('party_id').where('case_id', '=', caseId).execute()).map((p) => p.party_id).sort(),
    costs: (await db.selectFrom('report_costs').select('id').where('case_id', '=', caseId).execute()).length,
    photos: await db.selectFrom('report_photos').select(['id', 'approved_at']).where('case_id', '=', caseId).orderBy('id').execute(),
  };
}

before(async () => {
  t = await startTestApp();
  s48 = await seedSistem48(t.ctx, t.m);
  const staffSessions = await Promise.all(STAFF.map((u) => t.login(u)));
  shared = { A: await makeReport('A'), J: await makeReport('J'), K: await makeReport('K') };
  partner = { A: await makeReport('A'), J: await makeReport('J'), K: await makeReport('K') };
  const sess = Object.fromEntries(STAFF.map((u, i) => [u, staffSessions[i]!])) as Record<Staff, Session>;

  // An escalation on each shared report: the 75 % warning, run with the clock moved on.
  for (const r of Object.values(shared)) await checkSlaThreshold(at(t.ctx, new Date(Date.now() + 37 * HOUR)), { caseId: r.caseId, level: 'warning' });
  // A second reporter on A (added by the operator), an internal note and a cost on each, A assigned to clerkA (a staff name on it).
  secondReporter = { name: 'Stevan Tajnović', phone: '0657770011', email: 'stevan@tajno.example' };
  const add = await t.call({
    method: 'POST',
    url: `${P}/reports/${shared.A.caseId}/reporters`,
    as: sess.operator,
    payload: { contact: { ...secondReporter, consent: true } },
  });
  assert.equal(add.statusCode, 201, add.body);
  for (const [r, who] of [
    [shared.A, 'clerkA'],
    [shared.J, 'registry'],
    [shared.K, 'clerkA'],
  ] as const) {
    const note = await t.call({
      method: 'POST',
      url: `/api/v1/cases/${r.caseId}/notes`,
      as: sess[who],
      payload: { text: SECRET_NOTE, visibility: 'internal' },
    });
    assert.equal(note.statusCode, 201, note.body);
    await recordReportCost(t.ctx, SYSTEM_ACTOR, {
      caseId: r.caseId,
      labourHours: 2,
      materials: 1234.5,
      contractor: 10,
      contractorName: CONTRACTOR,
      note: SECRET_COST,
    });
  }
  const assign = await t.call({
    method: 'POST',
    url: `${P}/reports/bulk-assignment`,
    as: sess.headA,
    payload: { caseIds: [shared.A.caseId], clerkId: uid('clerkA') },
  });
  assert.equal(assign.statusCode, 200, assign.body);
  assert.ok((await t.ctx.db.selectFrom('sla_escalations').select('id').where('case_id', '=', shared.A.caseId).execute()).length >= 1, 'A has an escalation');
  for (const r of Object.values(shared)) {
    const p = await t.ctx.db.selectFrom('report_photos').select('approved_at').where('id', '=', r.photoId).executeTakeFirstOrThrow();
    assert.equal(p.approved_at, null, 'the citizen photo waits for approval');
  }

  // A citizen: the portal account of A's first reporter (as test/citizen-scope.test.ts makes one).
  const partyId = (await t.ctx.db.selectFrom('case_parties').select('party_id').where('case_id', '=', shared.A.caseId).orderBy('party_id').execute()).map(
    (p) => p.party_id,
  );
  const own = await t.ctx.db.selectFrom('parties').select('id').where('id', 'in', partyId).where('name', '=', shared.A.name).executeTakeFirstOrThrow();
  await t.ctx.db.transaction().execute(async (tx) =>
    insertUser(tx, {
      username: 'milena',
      displayName: shared.A.name,
      passwordHash: await hash('citizen-pass-9'),
      role: 'citizen',
      unitId: null,
      partyId: own.id,
    }),
  );
  auth = {
    ...(Object.fromEntries(STAFF.map((u) => [u, { as: sess[u] }])) as Record<Staff, { as: Session }>),
    citizen: { as: await t.login('milena', 'citizen-pass-9') },
    readToken: { bearer: s48.wrongScopeKey },
    open311Token: { bearer: s48.apiKey },
  };
});
after(async () => {
  await t?.close();
});

// ── The id routes ─────────────────────────────────────────────────────────────────────────────

interface Spec {
  name: string;
  method: 'GET' | 'POST';
  url: (id: string) => string;
  /** The id the route takes for a report. */
  id: (r: Report) => string;
  payload?: (target: Target) => unknown;
  multipart?: boolean;
  /** Roles that may act on a report they see. */
  roles: ReadonlySet<Who>;
  /** The role is checked before the report is looked up (the same 403 for any id, so nothing leaks). */
  roleFirst?: boolean;
  ok: number;
  write: boolean;
}

const ALL_STAFF = new Set<Who>([...STAFF, 'readToken', 'open311Token']);
/** canReroute / canMerge / canModeratePhotos: the dispatcher (operators, registry) and the units. */
const DISPATCH = new Set<Who>(['registry', 'operator', 'clerkA', 'clerkB', 'headA', 'headAdm']);
/** canWorkOnReport: the unit that does the work. */
const WORK = new Set<Who>(['clerkA', 'clerkB', 'headA', 'headAdm']);
const planned = () => new Date(Date.now() + 5 * 86_400_000).toISOString();

const SPECS: Spec[] = [
  { name: 'GET reports/:id', method: 'GET', url: (id) => `${P}/reports/${id}`, id: (r) => r.caseId, roles: ALL_STAFF, ok: 200, write: false },
  { name: 'GET photos/:id', method: 'GET', url: (id) => `${P}/photos/${id}`, id: (r) => r.photoId, roles: ALL_STAFF, ok: 200, write: false },
  {
    name: 'POST reroute',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/reroute`,
    id: (r) => r.caseId,
    payload: () => ({ unitId: t.m.units.b.id, reason: 'Test' }),
    roles: DISPATCH,
    ok: 200,
    write: true,
  },
  {
    name: 'POST merge',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/merge`,
    id: (r) => r.caseId,
    payload: (tg) => ({ intoCaseId: partner[tg].caseId, note: 'Isto' }),
    roles: DISPATCH,
    ok: 200,
    write: true,
  },
  {
    name: 'POST response',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/response`,
    id: (r) => r.caseId,
    payload: () => ({ status: 'in_progress', plannedResolutionAt: planned(), note: 'Izlazimo' }),
    roles: WORK,
    ok: 200,
    write: true,
  },
  // Adding a caller is for the people who take calls (canLookUpCallers) — but by the product rules only
  // on a report they may see: a report out of the registry's scope must answer 404 like a missing one.
  {
    name: 'POST reporters',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/reporters`,
    id: (r) => r.caseId,
    payload: () => ({ contact: { name: 'Novi Tajnović', phone: '0697770001', email: 'novi@tajno.example', consent: true } }),
    roles: new Set<Who>(['registry', 'operator']),
    roleFirst: true,
    ok: 201,
    write: true,
  },
  {
    name: 'POST field-result',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/field-result`,
    id: (r) => r.caseId,
    payload: () => ({ note: 'Zakrpljeno' }),
    roles: WORK,
    ok: 201,
    write: true,
  },
  {
    name: 'POST costs',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/costs`,
    id: (r) => r.caseId,
    payload: () => ({ labourHours: 1, note: 'Sat rada' }),
    roles: WORK,
    ok: 201,
    write: true,
  },
  {
    name: 'POST photos (field)',
    method: 'POST',
    url: (id) => `${P}/reports/${id}/photos`,
    id: (r) => r.caseId,
    multipart: true,
    roles: DISPATCH,
    roleFirst: true,
    ok: 201,
    write: true,
  },
  { name: 'POST photos/:id/approval', method: 'POST', url: (id) => `${P}/photos/${id}/approval`, id: (r) => r.photoId, roles: DISPATCH, ok: 200, write: true },
  // canAssignReports: unit heads, registry clerks, case officers (operators may not assign).
  {
    name: 'POST bulk-assignment',
    method: 'POST',
    url: () => `${P}/reports/bulk-assignment`,
    id: (r) => r.caseId,
    payload: (tg) => ({ clerkId: tg === 'J' ? null : uid('clerkA') }),
    roles: new Set<Who>(['registry', 'clerkA', 'clerkB', 'headA', 'headAdm']),
    roleFirst: true,
    ok: 200,
    write: true,
  },
];

function expected(spec: Spec, who: Who, target: Target): number {
  if (who === 'citizen') return 403; // staff routes refuse citizens, whoever's report it is (and for any id)
  if (spec.roleFirst && !spec.roles.has(who)) return 403;
  if (!VISIBLE[target].has(who)) return 404;
  if (!spec.roles.has(who)) return 403;
  return spec.ok;
}

async function callSpec(spec: Spec, who: Who, id: string, target: Target) {
  const url = spec.url(id);
  if (spec.multipart) {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: 'green' } })
      .png()
      .toBuffer();
    return t.call({ method: spec.method, url, ...auth[who], ...multipart({}, [{ name: 'photo', filename: 'teren.png', type: 'image/png', data: png }]) });
  }
  let payload = spec.payload?.(target);
  if (spec.name === 'POST bulk-assignment') payload = { caseIds: [id], ...(payload as object) };
  return t.call({ method: spec.method, url, ...auth[who], payload: payload as Record<string, unknown> | undefined });
}

test('every id route, every user, every report: allowed, refused (403) or invisible (404 exactly like a random id); refusals change nothing', async () => {
  const ids = [...Object.values(shared), ...Object.values(partner)].map((r) => r.caseId);
  const before = await Promise.all(ids.map(snapshot));
  const wrong: string[] = [];
  for (const spec of SPECS) {
    for (const who of EVERYONE) {
      for (const target of TARGETS) {
        const exp = expected(spec, who, target);
        if (spec.write && exp < 300) continue; // successful changes run on fresh reports (next tests)
        const r = await callSpec(spec, who, spec.id(shared[target]), target);
        if (r.statusCode !== exp) {
          wrong.push(`${spec.name} on ${target} as ${who}: expected ${exp}, got ${r.statusCode} ${r.body.slice(0, 160)}`);
          continue;
        }
        if (exp === 404) {
          const random = await callSpec(spec, who, randomUUID(), target);
          if (random.statusCode !== 404 || random.body !== r.body)
            wrong.push(`${spec.name} on ${target} as ${who}: 404 body differs from a random id's (${random.statusCode} ${random.body} vs ${r.body})`);
        }
        if (spec.name === 'GET reports/:id' && exp === 200 && r.json().caseId !== shared[target].caseId)
          wrong.push(`${spec.name} on ${target} as ${who}: wrong report`);
      }
    }
  }
  // Merging a report one sees into one one does not see is as invisible as merging into a random id.
  for (const [who, from, into] of [
    ['clerkA', 'A', 'J'],
    ['registry', 'J', 'K'],
    ['operator', 'A', 'K'],
    ['headAdm', 'K', 'J'],
  ] as const) {
    const hidden = await t.call({
      method: 'POST',
      url: `${P}/reports/${shared[from].caseId}/merge`,
      ...auth[who],
      payload: { intoCaseId: shared[into].caseId },
    });
    const random = await t.call({ method: 'POST', url: `${P}/reports/${shared[from].caseId}/merge`, ...auth[who], payload: { intoCaseId: randomUUID() } });
    if (hidden.statusCode !== 404 || hidden.body !== random.body)
      wrong.push(
        `POST merge ${from} into ${into} as ${who}: expected 404 like a random id, got ${hidden.statusCode} ${hidden.body.slice(0, 160)} (random: ${random.statusCode})`,
      );
  }
  // Bulk assignment is all or nothing: one report out of scope among visible ones answers like a random id.
  for (const [who, seen, hidden] of [
    ['headA', 'A', 'J'],
    ['registry', 'A', 'K'],
    ['clerkA', 'K', 'J'],
  ] as const) {
    const mixed = await t.call({
      method: 'POST',
      url: `${P}/reports/bulk-assignment`,
      ...auth[who],
      payload: { caseIds: [shared[seen].caseId, shared[hidden].caseId], clerkId: uid('clerkA') },
    });
    const random = await t.call({
      method: 'POST',
      url: `${P}/reports/bulk-assignment`,
      ...auth[who],
      payload: { caseIds: [shared[seen].caseId, randomUUID()], clerkId: uid('clerkA') },
    });
    if (mixed.statusCode !== 404 || mixed.body !== random.body)
      wrong.push(
        `POST bulk-assignment [${seen}, ${hidden}] as ${who}: expected 404 like a random id, got ${mixed.statusCode} ${mixed.body.slice(0, 160)} (random: ${random.statusCode})`,
      );
  }
  const afterwards = await Promise.all(ids.map(snapshot));
  ids.forEach((id, i) => {
    try {
      assert.deepEqual(afterwards[i], before[i]);
    } catch {
      wrong.push(`refused or invisible calls changed report ${id} (${[...Object.values(shared), ...Object.values(partner)][i]!.target})`);
    }
  });
  assert.deepEqual(wrong, []);
});

test('unit queues, caller lookup, duplicates and statistics: each user gets what the role allows and no report out of scope', async () => {
  const wrong: string[] = [];
  const unitOf: Record<Target, string> = { A: t.m.units.a.id, J: t.m.units.jkp.id, K: t.m.units.a.id };
  // A queue of a unit outside one's scope: decided from the product rules, not the policy files — a list
  // applies the scope like every list, so it answers 200 with no item and all counts 0 (unit names are not secret).
  for (const who of EVERYONE) {
    for (const unitId of [t.m.units.a.id, t.m.units.jkp.id]) {
      const seen = new Set<string>();
      let total = 0;
      for (const bucket of QUEUE_BUCKETS) {
        const r = await t.call({ method: 'GET', url: `${P}/queues/${unitId}?bucket=${bucket}&pageSize=200`, ...auth[who] });
        if (who === 'citizen') {
          if (r.statusCode !== 403) wrong.push(`GET queues as citizen: expected 403, got ${r.statusCode}`);
          continue;
        }
        if (r.statusCode !== 200) {
          wrong.push(`GET queues/${unitId} ${bucket} as ${who}: expected 200, got ${r.statusCode} ${r.body.slice(0, 120)}`);
          continue;
        }
        const body = r.json();
        for (const i of body.items as { caseId: string }[]) seen.add(i.caseId);
        if (bucket === 'new') total = Object.values(body.counts as Record<string, number>).reduce((a, b) => a + Number(b), 0);
      }
      if (who === 'citizen') continue;
      const reports = [...Object.values(shared), ...Object.values(partner)].filter((r) => unitOf[r.target] === unitId);
      for (const r of reports) {
        if (seen.has(r.caseId) !== VISIBLE[r.target].has(who))
          wrong.push(
            `GET queues/${unitId === t.m.units.a.id ? 'A' : 'JKP'} as ${who}: report ${r.target} ${seen.has(r.caseId) ? 'listed but out of scope' : 'missing though in scope'}`,
          );
      }
      if (!reports.some((r) => VISIBLE[r.target].has(who)) && total !== 0)
        wrong.push(`GET queues/${unitId === t.m.units.a.id ? 'A' : 'JKP'} as ${who}: counts reveal ${total} reports out of scope`);
    }
  }

  // Caller lookup: operators and the registry only; and (product rules) only reports the registry handles.
  for (const who of EVERYONE) {
    for (const target of TARGETS) {
      const r = await t.call({ method: 'GET', url: `${P}/callers?phone=${encodeURIComponent(shared[target].phone)}`, ...auth[who] });
      const exp = who === 'registry' || who === 'operator' ? 200 : 403;
      if (r.statusCode !== exp) {
        wrong.push(`GET callers (${target}'s reporter) as ${who}: expected ${exp}, got ${r.statusCode}`);
        continue;
      }
      if (exp !== 200) continue;
      const listed = (r.json().reports as { caseId: string }[]).some((x) => x.caseId === shared[target].caseId);
      if (listed !== VISIBLE[target].has(who))
        wrong.push(`GET callers (${target}'s reporter) as ${who}: report ${target} ${listed ? 'listed, but it is out of scope (registry unit B)' : 'missing'}`);
    }
  }

  // Staff duplicate suggestions carry no personal data (the public gets the same without caseId): every staff role, no citizen.
  for (const who of EVERYONE) {
    const r = await t.call({ method: 'GET', url: `${P}/duplicates?category=pothole&lat=${CENTRE.lat}&lon=${CENTRE.lon}`, ...auth[who] });
    const exp = who === 'citizen' ? 403 : 200;
    if (r.statusCode !== exp) wrong.push(`GET duplicates as ${who}: expected ${exp}, got ${r.statusCode}`);
    if (r.statusCode === 200 && /Tajnovi|tajno\.example|TAJN/.test(r.body))
      wrong.push(`GET duplicates as ${who}: personal data or internal text in ${r.body.slice(0, 200)}`);
  }

  // Aggregates (canReadReports): leadership, unit heads, administrators. No names in them.
  for (const url of [`${P}/stats/routing`, `${P}/stats/costs`, `${P}/stats/costs?unitId=${t.m.units.a.id}`]) {
    for (const who of EVERYONE) {
      const r = await t.call({ method: 'GET', url, ...auth[who] });
      const exp = (['leader', 'headA', 'headAdm', 'admin'] as Who[]).includes(who) ? 200 : 403;
      if (r.statusCode !== exp) wrong.push(`GET ${url.slice(P.length)} as ${who}: expected ${exp}, got ${r.statusCode}`);
      if (r.statusCode === 200 && /Tajnovi|tajno\.example|TAJN|User /.test(r.body))
        wrong.push(`GET ${url.slice(P.length)} as ${who}: personal data in ${r.body.slice(0, 200)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

/** What the public routes show that they must not, over the given reports. */
async function publicLeaks(reports: readonly Report[]): Promise<string[]> {
  const wrong: string[] = [];
  // Photos still unapproved now (staff may have approved some since they were made).
  const unapproved = new Set((await t.ctx.db.selectFrom('report_photos').select('id').where('approved_at', 'is', null).execute()).map((p) => p.id));
  const urls = [
    `${P}/public/reports?pageSize=5000`,
    `${P}/public/reports.geojson?pageSize=5000`,
    `${P}/public/duplicates?category=pothole&lat=${CENTRE.lat}&lon=${CENTRE.lon}`,
    `${P}/public/duplicates?category=pothole&lat=${OUTSKIRTS.lat}&lon=${OUTSKIRTS.lon}`,
    ...reports.flatMap((r) => [
      `${P}/public/reports/${r.reportNo}`,
      `${P}/public/track/${r.trackingCode}`,
      `/open311/v2/requests/${r.reportNo}.json`,
      `/open311/v2/requests/${r.reportNo}.xml`,
    ]),
    '/open311/v2/requests.json',
    '/open311/v2/requests.xml',
  ];
  const secrets: [string, RegExp | string][] = [
    ['reporter name', 'Tajnović'],
    ['reporter e-mail', 'tajno.example'],
    ['internal note', 'TAJNA-BELEŠKA'],
    ['cost note', 'TAJNI-TROŠAK'],
    ['contractor', 'Izvođač'],
    ['cost note', 'Sat rada'],
    ['cost figures', /"(labour_?[hH]ours|materials|contractor)"|<(labour_?hours|materials|contractor)>/],
    ['escalation', /escalat/i],
    ['staff name', /User (admin|registry|clerkA|clerkB|headA|headAdm|operator|leader)\b/],
    ...reports.flatMap((r): [string, string][] => [
      [`reporter phone of ${r.target}`, r.phone.slice(-8)],
      ...(unapproved.has(r.photoId) ? [[`unapproved photo of ${r.target}`, r.photoId] as [string, string]] : []),
    ]),
    ['second reporter phone', secondReporter.phone.slice(-8)],
  ];
  for (const url of urls) {
    const r = await t.call({ method: 'GET', url });
    if (r.statusCode !== 200) {
      wrong.push(`GET ${url}: ${r.statusCode} ${r.body.slice(0, 120)}`);
      continue;
    }
    for (const [what, s] of secrets) if (typeof s === 'string' ? r.body.includes(s) : s.test(r.body)) wrong.push(`GET ${url}: shows ${what}`);
  }
  for (const r of reports.filter((x) => unapproved.has(x.photoId))) {
    const photo = await t.call({ method: 'GET', url: `${P}/public/photos/${r.photoId}` });
    const random = await t.call({ method: 'GET', url: `${P}/public/photos/${randomUUID()}` });
    if (photo.statusCode !== 404 || photo.body !== random.body)
      wrong.push(`GET public/photos (unapproved, ${r.target}): expected 404 like a random id, got ${photo.statusCode}`);
  }
  return wrong;
}

test('the public routes never show personal data, staff names, internal notes, costs, escalations or unapproved photos', async () => {
  // The secrets are really there for staff (so their absence on the public routes means something).
  const staffView = (await t.call({ method: 'GET', url: `${P}/reports/${shared.A.caseId}`, ...auth.headA })).json();
  assert.equal(staffView.clerkName, 'User clerkA');
  assert.ok(staffView.escalations.length >= 1 && staffView.costs.length >= 1);
  assert.ok(staffView.photos.some((p: { id: string; approved: boolean }) => p.id === shared.A.photoId && !p.approved));
  const callers = (await t.call({ method: 'GET', url: `${P}/callers?phone=${secondReporter.phone}`, ...auth.operator })).body;
  assert.ok(callers.includes(secondReporter.name) && callers.includes(secondReporter.email));
  const internal = await t.ctx.db
    .selectFrom('case_events')
    .select('note')
    .where('case_id', '=', shared.J.caseId)
    .where('visibility', '=', 'internal')
    .execute();
  assert.ok(internal.some((e) => e.note === SECRET_NOTE));
  assert.deepEqual(await publicLeaks([...Object.values(shared), ...Object.values(partner)]), []);
});

test('leadership and the administrator change nothing; leadership cannot configure', async () => {
  // The report routes are covered above (leadership 403, administrator 404); here: configuration, and
  // the core case routes on a report, which must not be a side door.
  const wrong: string[] = [];
  const settingsBefore = await t.ctx.db.selectFrom('sistem48_settings').selectAll().executeTakeFirstOrThrow();
  const rulesBefore = await t.ctx.db.selectFrom('routing_rules').selectAll().orderBy('id').execute();
  const categoriesBefore = await t.ctx.db.selectFrom('problem_categories').selectAll().orderBy('id').execute();
  for (const [method, url, payload] of [
    ['PATCH', `${P}/settings`, { duplicateRadiusM: 77 }],
    ['POST', `${P}/categories`, { code: 'leader_cat', caseTypeId: s48.type.id, name: { en: 'X', 'sr-Latn': 'X', bs: 'X', hr: 'X', cnr: 'X', sl: 'X' } }],
    ['PATCH', `${P}/categories/${s48.cat.pothole.id}`, { slaHours: 1 }],
    ['POST', `${P}/routing-rules`, { categoryId: s48.cat.pothole.id, unitId: t.m.units.b.id, priority: 1 }],
    ['PUT', `${P}/holidays/2031-01-01`, { name: 'Leader day' }],
  ] as const) {
    const r = await t.call({ method, url, ...auth.leader, payload });
    if (r.statusCode !== 403) wrong.push(`${method} ${url.slice(P.length)} as leader: expected 403, got ${r.statusCode}`);
  }
  assert.deepEqual(await t.ctx.db.selectFrom('sistem48_settings').selectAll().executeTakeFirstOrThrow(), settingsBefore);
  assert.deepEqual(await t.ctx.db.selectFrom('routing_rules').selectAll().orderBy('id').execute(), rulesBefore);
  assert.deepEqual(await t.ctx.db.selectFrom('problem_categories').selectAll().orderBy('id').execute(), categoriesBefore);
  assert.equal((await t.ctx.db.selectFrom('holidays').select('day').where('name', '=', 'Leader day').execute()).length, 0);

  const snaps = await Promise.all(Object.values(shared).map((r) => snapshot(r.caseId)));
  for (const r of Object.values(shared)) {
    for (const who of ['leader', 'admin'] as const) {
      for (const [url, payload] of [
        [`/api/v1/cases/${r.caseId}/notes`, { text: 'x', visibility: 'internal' }],
        [`/api/v1/cases/${r.caseId}/transitions`, { to: 'accepted' }],
        [`/api/v1/cases/${r.caseId}/assignment`, { unitId: t.m.units.b.id }],
      ] as const) {
        const res = await t.call({ method: 'POST', url, ...auth[who], payload });
        // leadership sees every case: 403; the administrator sees none: 404 (or a route-level 403).
        const ok = who === 'leader' ? res.statusCode === 403 : res.statusCode === 404 || res.statusCode === 403;
        if (!ok) wrong.push(`POST ${url.replace(r.caseId, r.target)} as ${who}: got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
  }
  const after = await Promise.all(Object.values(shared).map((r) => snapshot(r.caseId)));
  try {
    assert.deepEqual(after, snaps);
  } catch {
    wrong.push('leadership or administrator calls on core case routes changed a report');
  }

  // The administrator configures, and that is audited by name.
  const cfg = await t.call({ method: 'PUT', url: `${P}/holidays/2031-01-02`, ...auth.admin, payload: { name: 'Admin day' } });
  assert.equal(cfg.statusCode, 200, cfg.body);
  assert.ok(
    (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('entity', '=', 'holiday')
        .where('entity_id', '=', '2031-01-02')
        .where('actor_id', '=', uid('admin'))
        .execute()
    ).length === 1,
  );
  assert.deepEqual(wrong, []);
});

test('every allowed change succeeds on a report in scope and leaves an event (and, for personal data, an audit row) naming the actor', async () => {
  const wrong: string[] = [];
  let ran = 0;
  for (const spec of SPECS.filter((s) => s.write)) {
    for (const who of STAFF) {
      for (const target of TARGETS) {
        if (expected(spec, who, target) >= 300) continue;
        const fresh = await makeReport(target);
        if (spec.name === 'POST merge') partner[target] = await makeReport(target);
        const since =
          (
            await t.ctx.db
              .selectFrom('case_events')
              .select((eb) => eb.fn.max('seq').as('m'))
              .where('case_id', '=', fresh.caseId)
              .executeTakeFirstOrThrow()
          ).m ?? 0;
        const auditSince =
          (
            await t.ctx.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.max('id').as('m'))
              .executeTakeFirstOrThrow()
          ).m ?? '0';
        const r = await callSpec(spec, who, spec.id(fresh), target);
        ran++;
        if (r.statusCode !== spec.ok) {
          wrong.push(`${spec.name} on ${target} as ${who}: expected ${spec.ok}, got ${r.statusCode} ${r.body.slice(0, 160)}`);
          continue;
        }
        if (spec.name === 'POST bulk-assignment' && r.json().changed === 0) continue; // nothing to record
        const events = await t.ctx.db
          .selectFrom('case_events')
          .select(['type', 'actor_id'])
          .where('case_id', '=', fresh.caseId)
          .where('seq', '>', Number(since))
          .execute();
        if (!events.some((e) => e.actor_id === uid(who)))
          wrong.push(`${spec.name} on ${target} as ${who}: no event naming the actor (${JSON.stringify(events)})`);
        if (spec.name === 'POST reporters') {
          const partyId = r.json().partyId as string;
          const rows = await t.ctx.db
            .selectFrom('audit_log')
            .select(['action', 'actor_id'])
            .where('id', '>', String(auditSince))
            .where('entity', '=', 'party')
            .where('entity_id', '=', partyId)
            .execute();
          if (!rows.some((a) => a.actor_id === uid(who) && a.action === 'consent_given'))
            wrong.push(`${spec.name} on ${target} as ${who}: consent not in the audit trail under the actor (${JSON.stringify(rows)})`);
          if (!events.some((e) => e.type === 'case.party_added' && e.actor_id === uid(who)))
            wrong.push(`${spec.name} on ${target} as ${who}: no case.party_added by the actor`);
        }
        if (spec.name === 'POST merge') {
          const into = await t.ctx.db
            .selectFrom('case_events')
            .select(['type', 'actor_id'])
            .where('case_id', '=', partner[target].caseId)
            .where('type', '=', 'case.merged')
            .execute();
          if (!into.some((e) => e.actor_id === uid(who)))
            wrong.push(`${spec.name} on ${target} as ${who}: the surviving report (which gained reporters) has no case.merged naming the actor`);
        }
      }
    }
  }
  assert.ok(ran >= 60, `only ${ran} allowed changes tried`);
  // After all that work (reporters added, merges, costs, responses, photos), the public still sees no personal data.
  wrong.push(...(await publicLeaks(made)).map((w) => `after the changes: ${w}`));
  assert.deepEqual(wrong, []);
});
