/**
 * Handlers get body, query and params typed from the JSON schemas that validate them (RouteApp in
 * src/http/schemas.ts), so no handler casts the request. The @ts-expect-error lines are checked by
 * `npm run typecheck`: if the types stopped coming from the schemas (any, unknown), they would fail it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { buildApp } from '../src/http/app.ts';
import { httpParts } from '../src/modules.ts';
import { idParams } from '../src/http/schemas.ts';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('no handler casts req.body, req.query or req.params', () => {
  const found: string[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/req\.(body|query|params) as\b/.test(line)) found.push(`${path.relative(src, file)}:${i + 1}`);
      });
  }
  assert.deepEqual(found, []);
});

test('a handler reads the types its schemas give, and the validator delivers them', async () => {
  const seen: unknown[] = [];
  const app = await buildApp(t.ctx, {
    ...httpParts(),
    logger: false,
    extraRoutes: [
      (r) => {
        r.post(
          '/api/v1/typed/:id',
          {
            config: { auth: 'public' },
            schema: {
              params: idParams,
              querystring: {
                type: 'object',
                additionalProperties: false,
                required: ['n'],
                properties: { n: { type: 'integer' }, flag: { type: 'boolean' } },
              } as const,
              body: {
                type: 'object',
                additionalProperties: false,
                required: ['kind'],
                properties: { kind: { type: 'string', enum: ['a', 'b'] }, note: { type: 'string' } },
              } as const,
            },
          },
          async (req) => {
            const n: number = req.query.n;
            const kind: 'a' | 'b' = req.body.kind;
            const id: string = req.params.id;
            // @ts-expect-error the schema makes n an integer, not a string
            const wrong: string = req.query.n;
            // @ts-expect-error note is optional in the schema
            const note: string = req.body.note;
            // @ts-expect-error the body schema has no such property (additionalProperties: false)
            void req.body.other;
            seen.push({ n, kind, id, flag: req.query.flag, types: [typeof n, typeof req.query.flag], wrong, note });
            return { ok: true };
          },
        );
      },
    ],
  });
  try {
    const id = '0b8f1c1e-3d5a-4c1e-9a57-2f1d3c4b5a69';
    const ok = await app.inject({ method: 'POST', url: `/api/v1/typed/${id}?n=42&flag=true`, payload: { kind: 'b' } });
    assert.equal(ok.statusCode, 200, ok.body);
    // The query string is coerced by the validator, so the number the type promises is a number at run time.
    assert.deepEqual(seen, [{ n: 42, kind: 'b', id, flag: true, types: ['number', 'boolean'], wrong: 42, note: undefined }]);
    const bad = await app.inject({ method: 'POST', url: `/api/v1/typed/${id}?n=4.5`, payload: { kind: 'c' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(seen.length, 1);
  } finally {
    await app.close();
  }
});
