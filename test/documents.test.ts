import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startTestApp, newCaseBody, type TestApp, type Session } from './helpers/app.ts';

let t: TestApp;
let registry: Session;
let caseId: string;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

function multipart(filename: string, type: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----glas' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function countFiles(): Promise<number> {
  const dir = path.join(t.config.dataDir, 'documents');
  const walk = async (d: string): Promise<number> => {
    let n = 0;
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) n += e.isDirectory() ? await walk(path.join(d, e.name)) : 1;
    return n;
  };
  return walk(dir);
}
const docRows = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  t = await startTestApp({ GLAS_MAX_UPLOAD_BYTES: '10000' });
  registry = await t.login('registry');
  caseId = (await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) })).json().id;
});
after(async () => {
  await t.close();
});

test('a PDF is stored, listed, recorded in the history and downloaded byte for byte', async () => {
  const up = await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, as: registry, ...multipart('zahtev č.pdf', 'application/pdf', PDF) });
  assert.equal(up.statusCode, 201, up.body);
  const doc = up.json();
  assert.equal(doc.content_type, 'application/pdf');
  const list = await t.call({ method: 'GET', url: `/api/v1/cases/${caseId}/documents`, as: registry });
  assert.equal(list.json().items.length, 1);
  const dl = await t.call({ method: 'GET', url: `/api/v1/cases/${caseId}/documents/${doc.id}`, as: registry });
  assert.equal(dl.statusCode, 200);
  assert.deepEqual(dl.rawPayload, PDF);
  const events = (await t.call({ method: 'GET', url: `/api/v1/cases/${caseId}/events`, as: registry })).json().items;
  assert.equal(events.at(-1).type, 'case.document_added');
});

test('an oversize file answers 413 and leaves neither a row nor a file', async () => {
  const [rows, files] = [await docRows(), await countFiles()];
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000, 0x20)]);
  const r = await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, as: registry, ...multipart('big.pdf', 'application/pdf', big) });
  assert.equal(r.statusCode, 413, r.body);
  assert.equal(await docRows(), rows);
  assert.equal(await countFiles(), files);
});

test('a file whose bytes are not an accepted type answers 415 whatever it claims to be', async () => {
  const [rows, files] = [await docRows(), await countFiles()];
  const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(100, 0)]);
  const r = await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, as: registry, ...multipart('invoice.pdf', 'application/pdf', exe) });
  assert.equal(r.statusCode, 415, r.body);
  assert.equal(await docRows(), rows);
  assert.equal(await countFiles(), files);
});

test('a request without a file part, or not multipart at all, is refused with 4xx', async () => {
  const r1 = await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, as: registry, payload: { a: 1 } });
  assert.ok(r1.statusCode >= 400 && r1.statusCode < 500, String(r1.statusCode));
  const boundary = 'xyz';
  const r2 = await t.call({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/documents`,
    as: registry,
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(r2.statusCode, 400, r2.body);
});

test('a clerk of another unit cannot upload to or download from the case', async () => {
  const clerkB = await t.login('clerkB');
  const up = await t.call({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, as: clerkB, ...multipart('x.pdf', 'application/pdf', PDF) });
  assert.equal(up.statusCode, 404);
});
