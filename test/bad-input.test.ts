import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { loadConfig } from '../src/config.ts';
import { serverTimeouts } from '../src/http/errors.ts';
import { startTestApp, newCaseBody, type TestApp, type Session } from './helpers/app.ts';

let t: TestApp;
let registry: Session;
let caseId: string;

async function caseCount(): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
async function eventCount(): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

before(async () => {
  t = await startTestApp();
  registry = await t.login('registry');
  const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) });
  caseId = r.json().id;
});
after(async () => {
  await t.close();
});

const BAD_REGISTRATIONS: [string, (b: Record<string, unknown>) => unknown, number, RegExp][] = [
  ['a missing subject', (b) => ({ ...b, subject: undefined }), 400, /subject/],
  ['a subject of the wrong type', (b) => ({ ...b, subject: 42 }), 400, /subject/],
  ['an unknown channel', (b) => ({ ...b, channel: 'pigeon' }), 400, /channel/],
  ['no parties', (b) => ({ ...b, parties: [] }), 400, /parties/],
  ['an unknown field', (b) => ({ ...b, colour: 'red' }), 400, /colour/],
  ['an unknown case type', (b) => ({ ...b, caseTypeId: 9999 }), 400, /./],
  ['an invalid phone number', (b) => ({ ...b, parties: [{ name: 'Ana', phone: 'call me maybe' }] }), 400, /call me maybe/],
  [
    'a phone number of the wrong type (the error names the phone, not the other shape of a party)',
    (b) => ({ ...b, parties: [{ name: 'Ana', phone: 641234567 }] }),
    400,
    /phone/,
  ],
  ['an invalid e-mail', (b) => ({ ...b, parties: [{ name: 'Ana', email: 'ana@' }] }), 400, /ana@/],
  ['an unknown party id', (b) => ({ ...b, parties: [{ partyId: '00000000-0000-4000-8000-000000000000' }] }), 400, /party/],
  ['an unknown deciding body', (b) => ({ ...b, deliverToUnitId: '00000000-0000-4000-8000-000000000000' }), 400, /./],
  ['a string where an id belongs', (b) => ({ ...b, deliverToUnitId: 'unit-a' }), 400, /deliverToUnitId/],
];

for (const [what, mutate, status, message] of BAD_REGISTRATIONS) {
  test(`registering a case with ${what} answers ${status} with a readable message and writes nothing`, async () => {
    const before = [await caseCount(), await eventCount()];
    const body = JSON.parse(JSON.stringify(mutate(newCaseBody(t.m))));
    const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: body, headers: { 'accept-language': 'en' } });
    assert.equal(r.statusCode, status, r.body);
    const err = r.json().error;
    assert.equal(typeof err.code, 'string');
    assert.match(err.message, message);
    assert.deepEqual([await caseCount(), await eventCount()], before);
  });
}

test('malformed JSON answers 400 malformed_json, in the language asked for', async () => {
  const r = await t.call({
    method: 'POST',
    url: '/api/v1/cases',
    as: registry,
    payload: '{"subject": ',
    headers: { 'content-type': 'application/json', 'accept-language': 'sl' },
  });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.code, 'malformed_json');
  const en = await t.call({
    method: 'POST',
    url: '/api/v1/cases',
    as: registry,
    payload: '{"subject": ',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
  });
  assert.notEqual(r.json().error.message, en.json().error.message);
});

test('a body that is not JSON answers 415', async () => {
  const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: 'subject=x', headers: { 'content-type': 'text/plain' } });
  assert.equal(r.statusCode, 415);
});

test('unknown and malformed ids answer 404 and 400, never 500', async () => {
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases/00000000-0000-4000-8000-000000000000', as: registry })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases/not-a-uuid', as: registry })).statusCode, 400);
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/cases/not-a-uuid/transitions', as: registry, payload: { to: 'delivered' } })).statusCode, 400);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/no-such-route', as: registry })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases?cursor=garbage', as: registry })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases?limit=5000', as: registry })).statusCode, 400);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases?status=flying', as: registry })).statusCode, 400);
});

test('a transition to an unknown status or without the body it needs is refused without an event', async () => {
  const before = await eventCount();
  assert.equal((await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/transitions`, as: registry, payload: { to: 'teleported' } })).statusCode, 400);
  const r = await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/transitions`, as: registry, payload: { to: 'delivered' } });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.code, 'unknown_unit');
  assert.equal(await eventCount(), before);
});

test('state-changing requests with a session cookie but no CSRF token are refused', async () => {
  const r = await t.call({ method: 'POST', url: '/api/v1/cases', payload: newCaseBody(t.m), headers: { cookie: registry.cookie } });
  assert.equal(r.statusCode, 403);
  assert.equal(r.json().error.code, 'csrf');
});

test('without credentials staff routes answer 401; a wrong bearer token too', async () => {
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases' })).statusCode, 401);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', bearer: 'glas_nope' })).statusCode, 401);
});

// ── Slow clients: a connection that sends too little, too slowly, is cut off ──────────────────────
// A server with one-second limits on loopback; each test waits for the server to close the socket
// (the event, not a sleep), and the test's own timeout bounds the wait should it never come.
async function slowClient(send: (socket: net.Socket) => void): Promise<string> {
  const slow = await startTestApp({
    GLAS_HEADERS_TIMEOUT_SECONDS: '1',
    GLAS_REQUEST_TIMEOUT_SECONDS: '1',
    GLAS_IDLE_TIMEOUT_SECONDS: '2',
    GLAS_KEEP_ALIVE_SECONDS: '1',
  });
  try {
    await slow.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = slow.app.server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    const closed = once(socket, 'close');
    send(socket);
    await closed;
    return received;
  } finally {
    await slow.close();
  }
}

test('a body shorter than its declared length is answered 408 and the connection closed', { timeout: 30_000 }, async () => {
  const received = await slowClient((s) =>
    s.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: glas\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":'),
  );
  assert.match(received, /^HTTP\/1\.1 408 /);
});

test('headers that never end are answered 408 and the connection closed', { timeout: 30_000 }, async () => {
  const received = await slowClient((s) => s.write('GET /api/v1/healthz HTTP/1.1\r\nHost: glas\r\nX-Slow: '));
  assert.match(received, /^HTTP\/1\.1 408 /);
});

test('an idle keep-alive connection is closed after its last answer', { timeout: 30_000 }, async () => {
  const received = await slowClient((s) => s.write('GET /api/v1/no-such-route HTTP/1.1\r\nHost: glas\r\nConnection: keep-alive\r\n\r\n'));
  assert.match(received, /^HTTP\/1\.1 404 /);
});

test("the timeouts are configuration: Node's server gets them, and headers may not outlast the request", () => {
  assert.deepEqual(serverTimeouts({ headersTimeoutSeconds: 20, requestTimeoutSeconds: 120, idleTimeoutSeconds: 60, keepAliveSeconds: 72 }), {
    requestTimeout: 120_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 72_000,
    http: { headersTimeout: 20_000, requestTimeout: 120_000, connectionsCheckingInterval: 5_000 },
  });
  assert.equal(t.app.server.requestTimeout, t.ctx.config.requestTimeoutSeconds * 1000);
  assert.equal(t.app.server.headersTimeout, t.ctx.config.headersTimeoutSeconds * 1000);
  assert.equal(t.app.server.keepAliveTimeout, t.ctx.config.keepAliveSeconds * 1000);
  assert.throws(() => loadConfig({ GLAS_HEADERS_TIMEOUT_SECONDS: '30', GLAS_REQUEST_TIMEOUT_SECONDS: '10' }), /GLAS_HEADERS_TIMEOUT_SECONDS/);
});
