// An archived case is closed for good: the API refuses assignment and document upload with 409 in the user's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, newCaseBody, type TestApp, type Session } from './helpers/app.ts';

let t: TestApp;
let registry: Session;
let clerkA: Session;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

function multipart(filename: string, type: string, content: Buffer) {
  const boundary = `----glas${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

before(async () => {
  t = await startTestApp();
  registry = await t.login('registry');
  clerkA = await t.login('clerkA');
});
after(async () => {
  await t.close();
});

/** A case delivered to unit A and taken to `to` along the lifecycle. */
async function caseIn(to: 'returned_to_registry' | 'archived') {
  const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) });
  assert.equal(r.statusCode, 201, r.body);
  const id = r.json().id as string;
  const steps: [Session, string][] = [
    [registry, 'delivered'],
    [clerkA, 'accepted'],
    [clerkA, 'in_progress'],
    [clerkA, 'approved'],
    [clerkA, 'returned_to_registry'],
  ];
  if (to === 'archived') steps.push([registry, 'archived']);
  for (const [who, status] of steps) {
    const payload = status === 'delivered' ? { to: status, unitId: t.m.units.a.id } : { to: status };
    const s = await t.call({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, as: who, payload });
    assert.equal(s.statusCode, 200, `${status}: ${s.body}`);
  }
  return id;
}

test('assigning an archived case answers 409 in the user language and changes nothing', async () => {
  const before = await caseIn('returned_to_registry');
  // The same request by the registry office on a case not yet archived works, so the refusal below is about the archive.
  const ok = await t.call({
    method: 'POST',
    url: `/api/v1/cases/${before}/assignment`,
    as: registry,
    payload: { unitId: t.m.units.a.id, clerkId: t.m.users.clerkA!.id },
  });
  assert.equal(ok.statusCode, 200, ok.body);

  const id = await caseIn('archived');
  for (const [lang, words] of [
    ['en', /archived/],
    ['sr-Latn', /arhiviran/],
    ['sl', /arhivirana/],
  ] as const) {
    const r = await t.call({
      method: 'POST',
      url: `/api/v1/cases/${id}/assignment`,
      as: registry,
      payload: { unitId: t.m.units.a.id, clerkId: t.m.users.clerkA!.id },
      headers: { 'accept-language': lang },
    });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(r.json().error.code, 'case_archived');
    assert.match(r.json().error.message, words);
  }
  const got = (await t.call({ method: 'GET', url: `/api/v1/cases/${id}`, as: registry })).json();
  assert.equal(got.clerk_id ?? null, null);
  const events = (await t.call({ method: 'GET', url: `/api/v1/cases/${id}/events`, as: registry })).json().items as { type: string }[];
  assert.equal(events.filter((e) => e.type === 'case.assigned').length, 0);
});

test('uploading a document to an archived case answers 409 and leaves no document', async () => {
  const before = await caseIn('returned_to_registry');
  const ok = await t.call({ method: 'POST', url: `/api/v1/cases/${before}/documents`, as: registry, ...multipart('a.pdf', 'application/pdf', PDF) });
  assert.equal(ok.statusCode, 201, ok.body);

  const id = await caseIn('archived');
  const up = multipart('b.pdf', 'application/pdf', PDF);
  const r = await t.call({
    method: 'POST',
    url: `/api/v1/cases/${id}/documents`,
    as: registry,
    payload: up.payload,
    headers: { ...up.headers, 'accept-language': 'en' },
  });
  assert.equal(r.statusCode, 409, r.body);
  assert.equal(r.json().error.code, 'case_archived');
  assert.match(r.json().error.message, /archived/);
  const list = await t.call({ method: 'GET', url: `/api/v1/cases/${id}/documents`, as: registry });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(list.json().items, []);
});
