/** The HTTP app on a fresh test database, with helpers to sign in as a fixture user and call it in-process. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { httpParts } from '../../src/modules.ts';
import { createTestDatabase, type TestDb } from './db.ts';
import { seedMunicipality, PASSWORD, type Municipality } from './fixtures.ts';

export interface Session {
  cookie: string;
  csrf: string;
}
export interface TestApp extends TestDb {
  app: FastifyInstance;
  m: Municipality;
  login(username: string, password?: string): Promise<Session>;
  call(opts: InjectOptions & { as?: Session; bearer?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const tdb = await createTestDatabase(env);
  const m = await seedMunicipality(tdb.ctx);
  const app = await buildApp(tdb.ctx, { ...httpParts(), logger: false });
  await app.ready();
  const call: TestApp['call'] = ({ as, bearer, headers, ...rest }) =>
    app.inject({
      ...rest,
      headers: {
        ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(headers ?? {}),
      },
    });
  return {
    ...tdb,
    app,
    m,
    call,
    async login(username, password = PASSWORD) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
      const cookie = r.cookies.find((c) => c.name === 'glas_session')!;
      return { cookie: `glas_session=${cookie.value}`, csrf: r.json().csrfToken };
    },
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** A minimal valid registration body for the fixture case type. */
export function newCaseBody(m: Municipality, over: Record<string, unknown> = {}) {
  return {
    caseTypeId: m.caseType.id,
    subject: 'Zahtev za građevinsku dozvolu',
    description: 'Opis',
    channel: 'counter',
    parties: [{ name: 'Đorđe Đorđević', phone: '064 123 4567', email: 'djordje@example.org' }],
    ...over,
  };
}
