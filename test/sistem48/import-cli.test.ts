/**
 * `npm run glas -- import-reports <file> [--create-categories]` as an operator runs it: a refused file
 * (every problem by line, exit 1, nothing written), the import (exit 0), and the same file again (adds nothing).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestDatabase, type TestDb } from '../helpers/db.ts';
import { seedMunicipality } from '../helpers/fixtures.ts';
import { seedSistem48 } from './helpers.ts';

let db: TestDb;
before(async () => {
  db = await createTestDatabase();
  await seedSistem48(db.ctx, await seedMunicipality(db.ctx));
});
after(async () => {
  await db?.drop();
});

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATABASE_URL: db.url, GLAS_DATA_DIR: db.config.dataDir, GLAS_LOG_LEVEL: 'silent', GLAS_DEMO: '0', GLAS_WORKER: '0' };
    const child = spawn(process.execPath, ['src/cli.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
const imported = async () => Number((await sql<{ n: string }>`select count(*)::text as n from imported_reports`.execute(db.ctx.db)).rows[0]!.n);

test('the command refuses a bad file with each problem by line, imports a good one, and adds nothing the second time', async () => {
  const bad = path.join(db.config.dataDir, 'bad.csv');
  await writeFile(bad, 'received_at,category,text\n2025-01-10 10:00,pothole,Rupa\n2025-01-11,Klupe,Klupa\n2025-13-01,pothole,Loš datum\n');
  const refused = await cli('import-reports', bad);
  assert.equal(refused.code, 1, refused.err);
  assert.match(refused.out, /^Categories that do not exist: Klupe\./m);
  assert.match(refused.out, /^line 4: received_at: "2025-13-01" is not a date/m);
  assert.match(refused.out, /^The file was not imported and nothing was written\. Problems: 2\.$/m);
  assert.equal(await imported(), 0);

  const good = path.join(db.config.dataDir, 'good.csv');
  await writeFile(good, 'received_at,category,text\n2025-01-10 10:00,pothole,Rupa\n2025-01-11,Klupe,Klupa\n');
  const first = await cli('import-reports', good, '--create-categories');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^New categories \(routed to the dispatcher until an administrator sets their unit\): klupe$/m);
  assert.match(first.out, /^Reports imported: 2\. Imported before: 0\./m);
  const again = await cli('import-reports', good);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /^Reports imported: 0\. Imported before: 2\./m);
  assert.equal(await imported(), 2);
  assert.equal((await cli('import-reports')).code, 2, 'no file: the usage');
});
