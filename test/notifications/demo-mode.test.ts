import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Logger, run } from 'graphile-worker';
import { startTestApp } from '../helpers/app.ts';
import { notificationsModule } from '../../src/notifications/module.ts';
import { currentService } from '../../src/notifications/service.ts';
import { taskList } from '../../src/modules.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

test('in demo mode the module runs its own SMS centre, mail sink and Viber API, and shows what they received', async () => {
  const port = await freePort();
  const t = await startTestApp({
    GLAS_DEMO: '1',
    GLAS_DEMO_SMPP_PORT: '0',
    GLAS_DEMO_SMTP_PORT: '0',
    GLAS_DEMO_VIBER_PORT: '0',
    GLAS_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  await notificationsModule.start!(t.ctx);
  const worker = await run({
    pgPool: t.handle.pool,
    taskList: taskList(t.ctx),
    concurrency: 4,
    pollInterval: 100,
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
  });
  try {
    await t.app.listen({ host: '127.0.0.1', port });
    const peers = currentService()!.peers!;
    assert.ok(peers.smsc.port > 0 && peers.smtp.port > 0 && peers.viber.port > 0);
    // The webhook is registered in the background once the server answers Viber's probe.
    for (let i = 0; i < 100 && !peers.viber.webhookUrl(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(peers.viber.webhookUrl(), `http://127.0.0.1:${port}/api/v1/notifications/viber/webhook`);

    const clerk = await t.login('registry');
    const r = await t.call({
      method: 'POST',
      url: '/api/v1/notifications/registrations',
      as: clerk,
      payload: {
        caseTypeId: t.m.caseType.id,
        subject: 'Zahtjev',
        channel: 'counter',
        parties: [
          { name: 'Amra Hodžić', phone: '+38761222333', locale: 'bs', viberUserId: 'demo-viber-1', consent: { channels: ['viber', 'sms'] } },
          { name: 'Ivan Horvat', email: 'ivan@example.org', locale: 'hr', role: 'co_applicant', consent: { channels: ['email'] } },
        ],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const number = r.json().number as string;
    await peers.viber.waitFor((m) => m.receiver === 'demo-viber-1', 5000);
    await peers.smtp.waitFor((m) => m.to.includes('ivan@example.org'), 5000);
    const shown = (await t.call({ method: 'GET', url: '/api/v1/demo/messages' })).json();
    assert.ok(shown.viber[0].text.includes(number));
    assert.ok(shown.email[0].subject.includes(number));
    const page = await t.call({ method: 'GET', url: '/demo/messages' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.ok(page.body.includes(number));
    // Delivered callbacks come back through the webhook, signed, and are applied.
    for (let i = 0; i < 100; i++) {
      const row = await t.ctx.db.selectFrom('notification_messages').select('status').where('channel', '=', 'viber').executeTakeFirst();
      if (row?.status === 'delivered') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const viber = await t.ctx.db.selectFrom('notification_messages').select(['status', 'seen_at']).where('channel', '=', 'viber').executeTakeFirstOrThrow();
    assert.equal(viber.status, 'delivered');
  } finally {
    await worker.stop();
    await notificationsModule.stop!();
    await t.close();
  }
});

test('outside demo mode the peer pages do not exist', async () => {
  const t = await startTestApp();
  try {
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/demo/messages' })).statusCode, 404);
    assert.equal((await t.call({ method: 'GET', url: '/demo/messages' })).statusCode, 404);
  } finally {
    await t.close();
  }
});
