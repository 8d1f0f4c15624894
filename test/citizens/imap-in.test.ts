/**
 * The IMAP poller against a real IMAP4rev1 server on loopback (hoodiecrow-imap, an in-memory
 * mailbox): unseen mail becomes reports exactly once, mail over the size limit is marked seen
 * without being read, mail already seen is left alone, and a failed poll rejects without harm.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ImapFlow } from 'imapflow';
import type { AddressInfo } from 'node:net';
import { startCitizenHarness, type CitizenHarness } from './harness.ts';
import { startImapPoller, type ImapPoller } from '../../src/citizens/mail/imap-poller.ts';
import type { Ctx } from '../../src/kernel/context.ts';

interface StoredMessage {
  raw: string;
  flags?: string[];
}
interface ImapServer {
  listen(port: number, host: string, cb: () => void): void;
  close(cb?: () => void): void;
  server: { address(): AddressInfo; getConnections(cb: (e: Error | null, n: number) => void): void };
  storage: { INBOX: { messages: StoredMessage[] } };
}
const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as (o: unknown) => ImapServer;

let h: CitizenHarness;
let imap: ImapServer;
let port = 0;
const pollers: ImapPoller[] = [];

// Mail as a client sends it: 7-bit on the wire, the UTF-8 text base64-encoded (the mailbox stores bytes).
const mail = (from: string, subject: string, body: string, id: string) =>
  `From: ${from}\r\nTo: prijave@glas.test\r\nSubject: ${subject}\r\nMessage-Id: <${id}>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0100\r\n` +
  `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(body).toString('base64')}\r\n`;

before(async () => {
  h = await startCitizenHarness({ env: { GLAS_INBOUND_PER_HOUR: '50' } });
  imap = hoodiecrow({
    plugins: ['ID', 'NAMESPACE', 'ENABLE', 'UNSELECT'],
    storage: {
      INBOX: {
        messages: [
          {
            raw: mail(
              '=?UTF-8?B?' + Buffer.from('Jelena Jovanović').toString('base64') + '?= <jelena@example.org>',
              'Ne radi semafor',
              'Semafor kod škole ne radi od jutros.',
              'imap-1@example.org',
            ),
          },
          { raw: mail('old@example.org', 'Stara poruka', 'Već pročitano.', 'imap-2@example.org'), flags: ['\\Seen'] },
          { raw: mail('big@example.org', 'Velika poruka', 'x'.repeat(4000), 'imap-3@example.org') },
        ],
      },
    },
  });
  await new Promise<void>((resolve) => imap.listen(0, '127.0.0.1', resolve));
  port = imap.server.address().port;
});
after(async () => {
  for (const p of pollers) await p.close();
  await new Promise<void>((resolve) => imap.close(() => resolve()));
  await h.close();
});

function poller(overrides: Partial<Ctx['config']>): ImapPoller {
  const ctx: Ctx = {
    ...h.ctx,
    config: {
      ...h.ctx.config,
      imapHost: '127.0.0.1',
      imapPort: port,
      imapTls: false,
      imapUser: 'testuser',
      imapPassword: 'testpass',
      imapMailbox: 'INBOX',
      imapPollSeconds: 3600,
      mailInMaxBytes: 2000,
      ...overrides,
    },
  };
  const p = startImapPoller(ctx)!;
  pollers.push(p);
  return p;
}

const seen = (i: number) => (imap.storage.INBOX.messages[i]!.flags ?? []).includes('\\Seen');
const logOf = (sender: string) => h.ctx.db.selectFrom('inbound_messages').select(['outcome', 'case_id']).where('sender', '=', sender).execute();

test('unseen mail in the mailbox becomes a report once and is marked seen; mail over the limit is marked seen unread; seen mail is left alone', async () => {
  const p = poller({});
  assert.equal(await p.pollOnce(), 1);
  const [entry] = await logOf('jelena@example.org');
  assert.equal(entry?.outcome, 'report');
  const c = await h.ctx.db.selectFrom('cases').select(['channel', 'description', 'number']).where('id', '=', entry!.case_id!).executeTakeFirstOrThrow();
  assert.equal(c.channel, 'email');
  assert.match(c.description, /Ne radi semafor\n\nSemafor kod škole/);
  const reply = await h.smtp.waitFor((m) => m.to.includes('jelena@example.org') && `${m.subject} ${m.text}`.includes(c.number), 8000);
  assert.ok(reply);
  assert.deepEqual([seen(0), seen(1), seen(2)], [true, true, true]);
  assert.deepEqual(await logOf('old@example.org'), [], 'mail seen before is not read');
  assert.deepEqual(await logOf('big@example.org'), [], 'mail over the limit is not read');
  // The next poll finds nothing new: no second report.
  assert.equal(await p.pollOnce(), 0);
  assert.equal((await logOf('jelena@example.org')).length, 1);
});

test('a poll that cannot sign in rejects, and leaves the mailbox as it was', async () => {
  // New mail arrives the way a mail server delivers it into the mailbox: IMAP APPEND.
  const delivery = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'testuser', pass: 'testpass' }, logger: false });
  await delivery.connect();
  await delivery.append('INBOX', mail('later@example.org', 'Kasnije', 'Poruka posle.', 'imap-4@example.org'));
  await delivery.logout();
  const p = poller({ imapPassword: 'wrong-password' });
  await assert.rejects(p.pollOnce());
  // The refused session is closed, not left open on the server.
  let connections = -1;
  for (let i = 0; i < 40 && connections !== 0; i++) {
    connections = await new Promise<number>((resolve) => imap.server.getConnections((_e, n) => resolve(n)));
    if (connections) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(connections, 0, 'no IMAP connection left open after a failed poll');
  assert.equal(seen(3), false);
  assert.deepEqual(await logOf('later@example.org'), []);
  // With the right password the same mail is taken.
  assert.equal(await poller({}).pollOnce(), 1);
  assert.equal(seen(3), true);
});
