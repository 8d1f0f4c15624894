import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type Session } from './helpers/app.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { PASSWORD } from './helpers/fixtures.ts';
import { buildApp } from '../src/http/app.ts';
import { httpParts } from '../src/modules.ts';

let t: TestApp;
let admin: Session;
const SYSTEM = { kind: 'system', name: 'test' } as const;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(async () => {
  await t.close();
});

async function audit(query: string) {
  const r = await t.call({ method: 'GET', url: `/api/v1/audit?${query}`, as: admin });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as {
    items: {
      id: string;
      at: string;
      action: string;
      entity: string;
      entity_id: string;
      actor_id: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      ip: string | null;
      user_agent: string | null;
    }[];
    nextBeforeId: string | null;
  };
}

test('an administrator edits a user: name, e-mail, role and unit; only what changed is audited, before and after; the new role applies at once', async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, {
    username: 'edited1',
    displayName: 'Old Name',
    password: PASSWORD,
    role: 'case_officer',
    unitId: t.m.units.a.id,
    email: 'old@opstina.test',
  });
  const session = await t.login('edited1');
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: session })).json().role, 'case_officer');

  const r = await t.call({
    method: 'PATCH',
    url: `/api/v1/users/${u.id}`,
    as: admin,
    payload: { displayName: 'New Name', email: 'new@opstina.test', role: 'unit_head', unitId: t.m.units.b.id, locale: 'en' },
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().display_name, 'New Name');
  assert.equal(r.json().unit_id, t.m.units.b.id);
  const me = (await t.call({ method: 'GET', url: '/api/v1/auth/me', as: session })).json();
  assert.equal(me.role, 'unit_head');
  assert.equal(me.unitId, t.m.units.b.id);

  const [row] = (await audit(`entity=user&entityId=${u.id}&action=update`)).items;
  assert.ok(row);
  assert.equal(row.actor_id, t.m.users.admin!.id);
  assert.deepEqual(row.before, { display_name: 'Old Name', email: 'old@opstina.test', role: 'case_officer', unit_id: t.m.units.a.id, locale: null });
  assert.deepEqual(row.after, { display_name: 'New Name', email: 'new@opstina.test', role: 'unit_head', unit_id: t.m.units.b.id, locale: 'en' });

  // Saving the same values again changes nothing and adds no audit row.
  const again = await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: admin, payload: { displayName: 'New Name' } });
  assert.equal(again.statusCode, 200);
  assert.equal((await audit(`entity=user&entityId=${u.id}&action=update`)).items.length, 1);
});

test('a clerk, a unit head or leadership cannot edit users; bad edits are refused with a reason and change nothing', async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, {
    username: 'edited2',
    displayName: 'Kept Name',
    password: PASSWORD,
    role: 'case_officer',
    unitId: t.m.units.a.id,
  });
  for (const who of ['clerkA', 'headA', 'leader']) {
    const s = await t.login(who);
    const r = await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: s, payload: { displayName: 'Hacked' } });
    assert.equal(r.statusCode, 403, `${who}: ${r.body}`);
  }
  const noUnit = await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: admin, payload: { unitId: null } });
  assert.equal(noUnit.statusCode, 400, noUnit.body);
  const outside = await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: admin, payload: { unitId: t.m.units.institution.id } });
  assert.equal(outside.statusCode, 400, outside.body);
  const ownRole = await t.call({ method: 'PATCH', url: `/api/v1/users/${t.m.users.admin!.id}`, as: admin, payload: { role: 'case_officer' } });
  assert.equal(ownRole.statusCode, 409, ownRole.body);
  const users = (await t.call({ method: 'GET', url: '/api/v1/users', as: admin })).json().items as { id: string; display_name: string; unit_id: string }[];
  const kept = users.find((x) => x.id === u.id)!;
  assert.equal(kept.display_name, 'Kept Name');
  assert.equal(kept.unit_id, t.m.units.a.id);
  assert.equal((await audit(`entity=user&entityId=${u.id}&action=update`)).items.length, 0);
});

test('an administrator moves a unit under another parent (its sub-units follow) and refuses a move under its own sub-unit', async () => {
  const top = (await t.call({ method: 'POST', url: '/api/v1/org-units', as: admin, payload: { kind: 'department', code: 'TOP', name: 'Top' } })).json();
  const child = (
    await t.call({ method: 'POST', url: '/api/v1/org-units', as: admin, payload: { kind: 'department', code: 'CH', name: 'Child', parentId: top.id } })
  ).json();
  const moved = await t.call({
    method: 'PATCH',
    url: `/api/v1/org-units/${top.id}`,
    as: admin,
    payload: { parentId: t.m.units.jkp.id, name: 'Top renamed', email: 'top@opstina.test', headUserId: t.m.users.headA!.id },
  });
  assert.equal(moved.statusCode, 200, moved.body);
  const units = (await t.call({ method: 'GET', url: '/api/v1/org-units', as: admin })).json().items as { id: string; path: string; parent_id: string | null }[];
  assert.equal(units.find((u) => u.id === top.id)!.path, `${t.m.units.jkp.path}${top.id}/`);
  assert.equal(units.find((u) => u.id === child.id)!.path, `${t.m.units.jkp.path}${top.id}/${child.id}/`);

  const loop = await t.call({ method: 'PATCH', url: `/api/v1/org-units/${top.id}`, as: admin, payload: { parentId: child.id } });
  assert.equal(loop.statusCode, 400, loop.body);
  const self = await t.call({ method: 'PATCH', url: `/api/v1/org-units/${top.id}`, as: admin, payload: { parentId: top.id } });
  assert.equal(self.statusCode, 400, self.body);

  const [row] = (await audit(`entity=org_unit&entityId=${top.id}&action=update`)).items;
  assert.equal(row?.after.name, 'Top renamed');
  assert.equal(row?.before.parent_id, null);
  assert.equal(row?.after.parent_id, t.m.units.jkp.id);
  const clerk = await t.login('clerkA');
  assert.equal((await t.call({ method: 'PATCH', url: `/api/v1/org-units/${top.id}`, as: clerk, payload: { name: 'x' } })).statusCode, 403);
});

test('the audit trail filters by who, what, when and record, pages by id, and exports the same rows as CSV', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const u = await createStaffUser(t.ctx, SYSTEM, { username: `paged${i}`, displayName: `Paged ${i}`, password: PASSWORD, role: 'leadership' });
    ids.push(u.id);
    await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: admin, payload: { email: `paged${i}@opstina.test` } });
  }
  const adminId = t.m.users.admin!.id;
  const page1 = await audit(`actorId=${adminId}&action=update&entity=user&limit=3`);
  assert.equal(page1.items.length, 3);
  assert.ok(page1.items.every((i) => i.actor_id === adminId && i.action === 'update'));
  assert.ok(page1.nextBeforeId);
  const page2 = await audit(`actorId=${adminId}&action=update&entity=user&limit=3&beforeId=${page1.nextBeforeId}`);
  assert.ok(page2.items.every((i) => BigInt(i.id) < BigInt(page1.nextBeforeId!)));
  assert.deepEqual(
    [...page1.items, ...page2.items].filter((i) => ids.includes(i.entity_id)).map((i) => i.entity_id),
    [...ids].reverse(),
  );

  // "When" is checked against the database's own timestamps, so the test holds at any date.
  const newest = page1.items[0]!;
  const at = new Date(newest.at).getTime();
  const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
  assert.equal((await audit(`actorId=${adminId}&action=update&from=${iso(at + 1)}`)).items.length, 0, 'nothing after the newest change');
  assert.equal((await audit(`entityId=${newest.entity_id}&action=update&to=${iso(at)}`)).items.length, 0, 'the end is exclusive');
  assert.equal((await audit(`entityId=${newest.entity_id}&action=update&from=${iso(at)}&to=${iso(at + 1)}`)).items.length, 1);

  const csv = await t.call({ method: 'GET', url: `/api/v1/audit/export.csv?actorId=${adminId}&entity=user&action=update`, as: admin });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'id,at,actor_id,actor_name,action,entity,entity_id,before,after,ip,user_agent');
  for (const id of ids)
    assert.ok(
      lines.some((l) => l.includes(id) && l.includes(`paged${ids.indexOf(id)}@opstina.test`)),
      id,
    );
  assert.ok(lines.slice(1).every((l) => l.includes(',update,user,')));

  const vocab = (await t.call({ method: 'GET', url: '/api/v1/audit/vocabulary', as: admin })).json();
  assert.ok(vocab.actions.includes('update') && vocab.entities.includes('user'));

  assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit?from=yesterday', as: admin })).statusCode, 400);
});

test('only administrators read the audit trail (it holds personal data): leadership, a unit head and a clerk are refused its page, filters and CSV', async () => {
  const urls = ['/api/v1/audit', '/api/v1/audit/vocabulary', '/api/v1/audit/export.csv'];
  for (const url of urls) assert.equal((await t.call({ method: 'GET', url, as: admin })).statusCode, 200, `admin ${url}`);
  for (const who of ['leader', 'headA', 'clerkA']) {
    const s = await t.login(who);
    for (const url of urls) {
      const r = await t.call({ method: 'GET', url, as: s, headers: { 'accept-language': 'sr-Latn' } });
      assert.equal(r.statusCode, 403, `${who} ${url}`);
      assert.equal(r.json().error.message, 'Nemate ovlašćenje za ovu radnju.');
    }
  }
});

test("a change over HTTP is audited with the client's address and browser; X-Forwarded-For is believed only behind a trusted proxy", async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, { username: 'fromwhere', displayName: 'Odakle Je', password: PASSWORD, role: 'leadership' });
  const edit = (app: typeof t.app, email: string) =>
    app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      remoteAddress: '198.51.100.23',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'user-agent': 'Mozilla/5.0 (Opština test)', 'x-forwarded-for': '203.0.113.99' },
      payload: { email },
    });
  assert.equal((await edit(t.app, 'a@opstina.test')).statusCode, 200);
  const [direct] = (await audit(`entity=user&entityId=${u.id}&action=update`)).items;
  assert.equal(direct?.ip, '198.51.100.23', 'without GLAS_TRUST_PROXY the peer is the client, whatever the header says');
  assert.equal(direct?.user_agent, 'Mozilla/5.0 (Opština test)');

  const proxied = await buildApp({ ...t.ctx, config: { ...t.ctx.config, trustProxy: true } }, { ...httpParts(), logger: false });
  try {
    assert.equal((await edit(proxied, 'b@opstina.test')).statusCode, 200);
  } finally {
    await proxied.close();
  }
  const [viaProxy] = (await audit(`entity=user&entityId=${u.id}&action=update`)).items;
  assert.equal(viaProxy?.after.email, 'b@opstina.test');
  assert.equal(viaProxy?.ip, '203.0.113.99', 'behind a trusted proxy, the address it forwarded');

  // A change not made over HTTP (a command, a job) has no client.
  await createStaffUser(t.ctx, SYSTEM, { username: 'nowhere', displayName: 'Niotkud', password: PASSWORD, role: 'leadership' });
  const [created] = (await audit('entity=user&action=create')).items;
  assert.equal(created?.ip, null);
  assert.equal(created?.user_agent, null);

  const csv = await t.call({ method: 'GET', url: `/api/v1/audit/export.csv?entity=user&entityId=${u.id}&action=update`, as: admin });
  assert.ok(csv.body.includes(',198.51.100.23,Mozilla/5.0 (Opština test)\r\n'), csv.body);
});
