/**
 * SIGTERM while a client holds a request open (it declared a longer body than it sends): Glas waits
 * at most GLAS_SHUTDOWN_SECONDS, then stops its embedded PostgreSQL at once and exits; it never
 * leaves the database running without its owner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glasFolder, startGlasProcess, waitReady, processRunning, signInClerk } from './helpers/glas-process.ts';

test('SIGTERM with a request that never ends stops the embedded PostgreSQL all the same', { timeout: 120_000 }, async () => {
  const folder = await glasFolder('glas-shutdown-orphan-', {
    GLAS_SHUTDOWN_SECONDS: '3',
    GLAS_DEMO: '1',
    GLAS_DEMO_SMPP_PORT: '0',
    GLAS_DEMO_SMTP_PORT: '0',
    GLAS_DEMO_VIBER_PORT: '0',
    GLAS_MAIL_IN_PORT: '0',
    GLAS_VIBER_WEBHOOK: '0',
  });
  const socket = new net.Socket();
  try {
    const glas = startGlasProcess(folder);
    await waitReady(folder.url, glas);
    const clerk = await signInClerk(folder.url);
    const postmaster = folder.postmasterPid();
    // Half a request: the headers promise 10,000 bytes of body, a few arrive, the rest never does.
    await new Promise<void>((resolve, reject) => socket.connect(Number(folder.env.PORT), '127.0.0.1', resolve).once('error', reject));
    socket.on('error', () => {});
    socket.write(
      `POST /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10000\r\nCookie: ${clerk.cookie}\r\nX-CSRF-Token: ${clerk.csrf}\r\n\r\n{"subject":"`,
    );
    await new Promise((r) => setTimeout(r, 200)); // let the server read the headers (not a timing assertion)
    glas.child.kill('SIGTERM');
    const code = await glas.exited;
    assert.ok(code === 0 || code === 1, `exit code ${code}\n${glas.output()}`);
    assert.ok(!processRunning(postmaster), `PostgreSQL ${postmaster} left running after Glas exited:\n${glas.output()}`);
    assert.equal(folder.postmasterPid(), 0, 'no lock file of a running server');
    assert.ok(!existsSync(path.join(folder.dataDir, 'embedded-owner.json')));
  } finally {
    socket.destroy();
    folder.remove();
  }
});
