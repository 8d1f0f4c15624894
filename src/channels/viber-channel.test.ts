import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { DeliveryReport } from './channel.ts';
import { ViberApiError, ViberChannel, getViberAccountInfo, setViberWebhook } from './viber-channel.ts';
import type { ViberChannelOptions } from './viber-channel.ts';
import type { ViberCallback } from './viber-callback.ts';
import { verifyViberSignature } from './viber-signature.ts';
import { startViberApiServer } from '../peers/viber-api-server.ts';
import type { ViberApiServerOptions } from '../peers/viber-api-server.ts';
import { Recorder } from '../peers/recorder.ts';

const TOKEN = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';

/** Our side: a webhook route that hands raw body and signature to the channel, as the HTTP layer will. */
async function setup(t: TestContext, apiOptions: Partial<ViberApiServerOptions> = {}, channelOptions: Partial<ViberChannelOptions> = {}) {
  const api = await startViberApiServer({ authToken: TOKEN, ...apiOptions });
  const reports = new Recorder<DeliveryReport>('a Viber report');
  const events = new Recorder<ViberCallback>('a Viber event');
  const channel = new ViberChannel({
    authToken: TOKEN,
    senderName: 'Općina Stari Grad',
    baseUrl: api.url,
    timeoutMs: 3000,
    onReport: (r) => reports.push(r),
    onEvent: (e) => events.push(e),
    ...channelOptions,
  });
  const webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void channel.handleCallback(Buffer.concat(chunks), req.headers['x-viber-content-signature']).then((outcome) => {
        res.writeHead(outcome.httpStatus).end();
      });
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const address = webhook.address();
  const webhookUrl = `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}/webhooks/viber`;
  t.after(async () => {
    await channel.close();
    await api.close();
    await new Promise<void>((resolve) => {
      webhook.close(() => resolve());
      webhook.closeAllConnections();
    });
    reports.close();
    events.close();
  });
  return { api, channel, reports, events, webhookUrl };
}

const msg = (to: string, text = 'Vaš predmet UP-12/2024 je zaprimljen.') => ({ messageId: 'n-9', to, text });

test("setViberWebhook registers the URL after Viber's signed probe is answered with 200", async (t) => {
  const { api, webhookUrl } = await setup(t);
  const result = await setViberWebhook({ baseUrl: api.url, authToken: TOKEN, url: webhookUrl });
  assert.ok(result.eventTypes.includes('delivered'));
  assert.equal(api.webhookUrl(), webhookUrl);
  const probe = await api.waitForCallback((c) => c.event === 'webhook');
  assert.equal(probe.status, 200);
  const info = await getViberAccountInfo({ baseUrl: api.url, authToken: TOKEN });
  assert.equal(info.webhook, webhookUrl);
});

test('a webhook that does not answer 200 is refused like Viber does', async (t) => {
  const { api } = await setup(t);
  // The stand-in itself answers 404 on this path.
  await assert.rejects(
    setViberWebhook({ baseUrl: api.url, authToken: TOKEN, url: `${api.url}/not-a-webhook` }),
    (e: unknown) => e instanceof ViberApiError && e.status === 1,
  );
  assert.equal((await api.waitForCallback((c) => c.event === 'webhook')).status, 404);
  assert.equal(api.webhookUrl(), null);
});

test('send returns sent with the exact 64-bit message_token and the API got the Bot API body', async (t) => {
  const { api, channel } = await setup(t);
  const result = await channel.send(msg('01234567890A='));
  assert.equal(result.kind, 'sent');
  const got = await api.waitFor();
  assert.equal(result.kind === 'sent' && result.providerMessageId, got.messageToken);
  // Above 2^53: a plain JSON.parse would have rounded it.
  assert.ok(BigInt(got.messageToken) > BigInt(Number.MAX_SAFE_INTEGER));
  assert.deepEqual(
    { receiver: got.receiver, senderName: got.senderName, type: got.type, text: got.text, trackingData: got.trackingData, minApiVersion: got.minApiVersion },
    {
      receiver: '01234567890A=',
      senderName: 'Općina Stari Grad',
      type: 'text',
      text: 'Vaš predmet UP-12/2024 je zaprimljen.',
      trackingData: 'n-9',
      minApiVersion: 1,
    },
  );
});

test('an unsubscribed receiver is a permanent failure', async (t) => {
  const { channel } = await setup(t, { unsubscribed: ['gone='] });
  assert.deepEqual(await channel.send(msg('gone=')), { kind: 'permanent', reason: 'Viber receiverNotSubscribed (6)' });
});

test('a wrong auth token is a permanent failure', async (t) => {
  const { channel } = await setup(t, {}, { authToken: 'wrong' });
  assert.deepEqual(await channel.send(msg('u=')), { kind: 'permanent', reason: 'Viber invalidAuthToken (2)' });
});

test('HTTP 500 from the API is retryable, and sending works again when it recovers', async (t) => {
  const { api, channel } = await setup(t);
  api.fail(true);
  assert.deepEqual(await channel.send(msg('u=')), { kind: 'retryable', reason: 'Viber API HTTP 500' });
  api.fail(false);
  assert.equal((await channel.send(msg('u='))).kind, 'sent');
});

test('an unreachable API is retryable', async (t) => {
  const { api, channel } = await setup(t);
  await api.close();
  assert.equal((await channel.send(msg('u='))).kind, 'retryable');
});

test('the delivered callback is signed over the raw body; tampering or a wrong signature is rejected', async (t) => {
  const { api, channel, reports, webhookUrl } = await setup(t);
  await setViberWebhook({ baseUrl: api.url, authToken: TOKEN, url: webhookUrl });
  const result = await channel.send(msg('01234567890A='));
  const token = result.kind === 'sent' ? result.providerMessageId : '';
  const report = await reports.waitFor((r) => r.providerMessageId === token);
  assert.equal(report.status, 'delivered');
  assert.equal(report.channel, 'viber');

  const delivered = await api.waitForCallback((c) => c.event === 'delivered');
  assert.equal(delivered.status, 200);
  assert.equal(verifyViberSignature(TOKEN, delivered.body, delivered.signature), true);
  const tampered = delivered.body.replace('"delivered"', '"failed"');
  assert.equal(verifyViberSignature(TOKEN, tampered, delivered.signature), false);
  assert.equal(
    verifyViberSignature(
      TOKEN,
      delivered.body,
      delivered.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    ),
    false,
  );
  assert.equal(verifyViberSignature('another-token', delivered.body, delivered.signature), false);
  assert.equal((await channel.handleCallback(tampered, delivered.signature)).httpStatus, 403);
  assert.equal((await channel.handleCallback(delivered.body, undefined)).httpStatus, 403);
});

test('a failing receiver gets a failed report, and seen follows delivered when enabled', async (t) => {
  const { api, channel, reports, webhookUrl } = await setup(t, { failing: ['broken='], autoSeen: true });
  await setViberWebhook({ baseUrl: api.url, authToken: TOKEN, url: webhookUrl });
  const failed = await channel.send(msg('broken='));
  const ok = await channel.send(msg('fine='));
  const failedReport = await reports.waitFor((r) => failed.kind === 'sent' && r.providerMessageId === failed.providerMessageId);
  assert.equal(failedReport.status, 'failed');
  assert.match(failedReport.detail ?? '', /failed to deliver/);
  const seen = await reports.waitFor((r) => ok.kind === 'sent' && r.providerMessageId === ok.providerMessageId && r.status === 'seen');
  assert.equal(seen.channel, 'viber');
});

test("a citizen's message and a subscription reach onEvent, typed", async (t) => {
  const { api, events, webhookUrl } = await setup(t);
  await setViberWebhook({ baseUrl: api.url, authToken: TOKEN, url: webhookUrl });
  const delivery = await api.sendUserEvent({
    event: 'message',
    sender: { id: 'citizen=', name: 'Amra', language: 'bs', country: 'BA', api_version: 10 },
    message: { type: 'text', text: 'Status predmeta UP-12/2024?', tracking_data: 'n-9' },
  });
  assert.equal(delivery.status, 200);
  const message = await events.waitFor((e) => e.event === 'message');
  assert.ok(message.event === 'message');
  assert.equal(message.sender.id, 'citizen=');
  assert.equal(message.message.text, 'Status predmeta UP-12/2024?');
  assert.equal(message.message.trackingData, 'n-9');
  await api.sendUserEvent({ event: 'subscribed', user: { id: 'citizen=', name: 'Amra' } });
  const subscribed = await events.waitFor((e) => e.event === 'subscribed');
  assert.ok(subscribed.event === 'subscribed' && subscribed.user.id === 'citizen=');
});

test('a webhook handler failure answers 500 so that Viber sends the callback again', async (t) => {
  const { api, webhookUrl } = await setup(
    t,
    {},
    {
      onReport: () => {
        throw new Error('database down');
      },
    },
  );
  await setViberWebhook({ baseUrl: api.url, authToken: TOKEN, url: webhookUrl });
  const delivery = await api.sendUserEvent({ event: 'delivered', user_id: 'u=' });
  assert.equal(delivery.status, 500);
});
