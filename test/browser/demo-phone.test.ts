import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { Logger, run, type Runner } from 'graphile-worker';
import { buildApp } from '../../src/http/app.ts';
import { httpParts, taskList } from '../../src/modules.ts';
import { notificationsModule } from '../../src/notifications/module.ts';
import { citizensModule } from '../../src/citizens/module.ts';
import { currentService } from '../../src/notifications/service.ts';
import { createTestDatabase, type TestDb } from '../helpers/db.ts';
import { seedMunicipality, PASSWORD } from '../helpers/fixtures.ts';
import { CHROMIUM_ARGS, assertAccessibleAndFits } from './harness.ts';
import { seedSistem48 } from '../sistem48/helpers.ts';
import { freePort } from '../helpers/glas-process.ts';

// Issue 14, item 8: in demo mode the citizen's phone writes to Glas by SMS through the demo's own local SMS centre
// (real SMPP), and the reply comes back to the page. Demo peers on ports the system chooses.
let db: TestDb;
let app: FastifyInstance;
let worker: Runner;
let browser: Browser;
let base: string;
let caseNumber: string;

before(async () => {
  // The app's address is known before it starts, so the demo registers its Viber webhook there as it does in production.
  const port = await freePort();
  db = await createTestDatabase({
    GLAS_COOKIE_SECURE: '0',
    GLAS_DEMO: '1',
    GLAS_DEMO_SMPP_PORT: '0',
    GLAS_DEMO_SMTP_PORT: '0',
    GLAS_DEMO_VIBER_PORT: '0',
    GLAS_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const m = await seedMunicipality(db.ctx);
  // The category reports by SMS, e-mail and Viber are filed in (GLAS_INBOUND_CATEGORY, "other").
  await seedSistem48(db.ctx, m);
  await notificationsModule.start!(db.ctx);
  await currentService()!.sms!.waitUntilBound(5000);
  await citizensModule.start!(db.ctx);
  app = await buildApp(db.ctx, { ...httpParts(), logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  // Viber (the demo's local one) accepts the webhook once it answers the signed probe.
  await currentService()!.peers!.viber.waitForCallback((c) => c.event === 'webhook' && c.status === 200, 15_000);
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  worker = await run({
    pgPool: db.handle.pool,
    taskList: taskList(db.ctx),
    concurrency: 3,
    pollInterval: 100,
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'registry', password: PASSWORD } });
  const headers = { cookie: `glas_session=${login.cookies.find((c) => c.name === 'glas_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    headers,
    payload: {
      caseTypeId: m.caseType.id,
      subject: 'Zahtjev za dozvolu',
      channel: 'counter',
      parties: [{ name: 'Demo Građanka', phone: '065 555 0707', locale: 'en', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  caseNumber = r.json().number;
});
after(async () => {
  await browser?.close();
  await worker?.stop().catch(() => {});
  await citizensModule.stop?.().catch(() => {});
  await notificationsModule.stop?.().catch(() => {});
  await app?.close();
  await db?.drop();
});

test("the front door links to the citizen's phone in demo mode; a demo citizen asks the status of their case by SMS through the local SMS centre and reads Glas's reply", async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: "The citizen's phone (demo)" }).click();
    await page.getByRole('heading', { name: "The citizen's phone (demo)" }).waitFor();
    await page.getByLabel('Demo citizen').selectOption({ label: 'Demo Građanka (+381655550707)' });
    await page.getByLabel('Message').fill(caseNumber);
    await page.getByRole('button', { name: 'Send' }).click();
    const conversation = page.getByTestId('demo-conversation');
    await conversation.locator('[data-direction="in"]').filter({ hasText: caseNumber }).waitFor();
    // Glas's answer to the status question names the case and its status.
    await conversation
      .locator('[data-direction="out"]')
      .filter({ hasText: caseNumber })
      .filter({ hasText: /Received at the registry office/i })
      .last()
      .waitFor();
    await assertAccessibleAndFits(page, "the citizen's phone", 360);
  } finally {
    await context.close();
  }
});

test('on Viber a demo citizen links their number with the code sent by SMS, then describes a problem, taps the bot\'s "File the report" button and reads the new report\'s number', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(`${base}/demo/phone`);
    await page.getByLabel('Demo citizen').selectOption({ label: 'Demo Građanka (+381655550707)' });
    await page.getByRole('radio', { name: 'Viber' }).check();
    const conversation = page.getByTestId('demo-conversation');
    const say = async (text: string) => {
      await page.getByLabel('Message').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await conversation.locator('[data-direction="in"]').filter({ hasText: text }).last().waitFor();
    };
    await say('065 555 0707');
    // The code comes by SMS to the same phone, in the language Viber says the phone uses (Serbian, Cyrillic); the
    // bot speaks the citizen's own language (English) once linked.
    const codeLine = conversation
      .locator('[data-direction="out"]')
      .filter({ hasText: /\b\d{3} ?\d{3}\b/ })
      .filter({ hasText: /Вибер/ })
      .last();
    await codeLine.waitFor();
    const code = /\b(\d{3}) ?(\d{3})\b/.exec((await codeLine.textContent()) ?? '')!;
    await say(`${code[1]}${code[2]}`);
    // Linked: the bot's keyboard offers the citizen's case.
    await page
      .getByTestId('demo-viber-buttons')
      .getByRole('button', { name: new RegExp(caseNumber.replace(/[/]/g, '\\/')) })
      .waitFor();

    await say('The street light in front of number 12 has been out for a week');
    const buttons = page.getByTestId('demo-viber-buttons');
    await buttons.getByRole('button', { name: 'File the report' }).click();
    const filed = conversation
      .locator('[data-direction="out"]')
      .filter({ hasText: /Your report was received as S48-/ })
      .last();
    await filed.waitFor();
    const number = /S48-[\w/-]+/.exec((await filed.textContent()) ?? '')![0];
    const row = await db.ctx.db.selectFrom('cases').select(['channel', 'description']).where('number', '=', number).executeTakeFirstOrThrow();
    assert.deepEqual(row, { channel: 'viber', description: 'The street light in front of number 12 has been out for a week' });
    await assertAccessibleAndFits(page, "the citizen's phone with the bot's buttons", 360);
  } finally {
    await context.close();
  }
});

test('outside demo mode the phone answers 404', async () => {
  const plain = await createTestDatabase({ GLAS_COOKIE_SECURE: '0' });
  try {
    const a = await buildApp(plain.ctx, { ...httpParts(), logger: false });
    for (const [method, url] of [
      ['GET', '/api/v1/demo/phone/citizens'],
      ['GET', '/api/v1/demo/phone/conversation?phone=1'],
    ] as const) {
      assert.equal((await a.inject({ method, url })).statusCode, 404, url);
    }
    assert.equal((await a.inject({ method: 'POST', url: '/api/v1/demo/phone/messages', payload: { channel: 'sms', from: '1', text: 'x' } })).statusCode, 404);
    await a.close();
  } finally {
    await plain.drop();
  }
});
