import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { SmtpChannel, classifySmtpError } from './smtp-channel.ts';
import { startSmtpSink } from '../peers/smtp-sink.ts';
import type { SmtpSinkOptions } from '../peers/smtp-sink.ts';

async function setup(t: TestContext, sinkOptions: SmtpSinkOptions = {}) {
  const sink = await startSmtpSink(sinkOptions);
  const channel = new SmtpChannel({
    host: sink.host,
    port: sink.port,
    from: 'Opština Tivat <obavjestenja@tivat.test>',
    messageIdDomain: 'glas.tivat.test',
    connectionTimeoutMs: 3000,
  });
  t.after(async () => {
    await channel.close();
    await sink.close();
  });
  return { sink, channel };
}

test('an e-mail arrives with text, html, our Message-ID and the one-click List-Unsubscribe headers', async (t) => {
  const { sink, channel } = await setup(t);
  const result = await channel.send({
    messageId: 'n-42',
    to: 'gradjanin@example.test',
    subject: 'Vaš predmet 12/2024 je riješen',
    text: 'Poštovani, Vaš predmet je riješen.',
    html: '<p>Poštovani, Vaš predmet je <b>riješen</b>.</p>',
    listUnsubscribeUrl: 'https://glas.tivat.test/odjava/abc123',
    locale: 'sr-Latn-ME',
  });
  assert.deepEqual(result, { kind: 'sent', providerMessageId: 'n-42@glas.tivat.test' });
  const mail = await sink.waitFor((m) => m.messageId === 'n-42@glas.tivat.test');
  assert.deepEqual(mail.envelopeTo, ['gradjanin@example.test']);
  assert.equal(mail.from, 'obavjestenja@tivat.test');
  assert.equal(mail.subject, 'Vaš predmet 12/2024 je riješen');
  assert.equal(mail.text?.trim(), 'Poštovani, Vaš predmet je riješen.');
  assert.equal(mail.html, '<p>Poštovani, Vaš predmet je <b>riješen</b>.</p>');
  assert.equal(mail.headers['list-unsubscribe'], '<https://glas.tivat.test/odjava/abc123>');
  assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  assert.equal(mail.headers['content-language'], 'sr-Latn-ME');
  assert.equal(mail.headers['auto-submitted'], 'auto-generated');
});

test('without an unsubscribe URL no List-Unsubscribe headers are sent', async (t) => {
  const { sink, channel } = await setup(t);
  await channel.send({ messageId: 'n-1', to: 'a@example.test', subject: 'S', text: 'T' });
  const mail = await sink.waitFor();
  assert.equal('list-unsubscribe' in mail.headers, false);
  assert.equal('list-unsubscribe-post' in mail.headers, false);
});

test('a recipient refused with 550 is a permanent failure', async (t) => {
  const { sink, channel } = await setup(t, { rejectRecipient: (a) => a.startsWith('nepostoji@') });
  const result = await channel.send({ messageId: 'n-2', to: 'nepostoji@example.test', subject: 'S', text: 'T' });
  assert.equal(result.kind, 'permanent');
  assert.match(result.kind === 'permanent' ? result.reason : '', /550/);
  assert.equal(sink.received().length, 0);
});

test('a recipient refused with 451 is retryable', async (t) => {
  const { channel } = await setup(t, { rejectRecipient: () => ({ code: 451, message: 'Greylisted, try again later' }) });
  const result = await channel.send({ messageId: 'n-3', to: 'a@example.test', subject: 'S', text: 'T' });
  assert.equal(result.kind, 'retryable');
  assert.match(result.kind === 'retryable' ? result.reason : '', /451/);
});

test('a closed SMTP server is retryable', async (t) => {
  const { sink, channel } = await setup(t);
  await sink.close();
  const result = await channel.send({ messageId: 'n-4', to: 'a@example.test', subject: 'S', text: 'T' });
  assert.equal(result.kind, 'retryable');
});

test('a malformed address or unsubscribe URL is permanent without contacting the server', async (t) => {
  const { sink, channel } = await setup(t);
  assert.equal((await channel.send({ messageId: 'n-5', to: 'not an address', text: 'T' })).kind, 'permanent');
  assert.equal(
    (await channel.send({ messageId: 'n-6', to: 'a@example.test', text: 'T', listUnsubscribeUrl: 'https://x.test/\r\nBcc: evil@x.test' })).kind,
    'permanent',
  );
  assert.equal(sink.received().length, 0);
});

test('classifySmtpError: 5xx permanent except 503; 4xx and connection errors retryable', () => {
  assert.equal(classifySmtpError({ responseCode: 550, response: '550 no such user' }).kind, 'permanent');
  assert.equal(classifySmtpError({ responseCode: 503, response: '503 bad sequence' }).kind, 'retryable');
  assert.equal(classifySmtpError({ responseCode: 421, response: '421 try later' }).kind, 'retryable');
  assert.equal(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).kind, 'retryable');
  assert.equal(classifySmtpError({ code: 'ETIMEDOUT', message: 'timeout' }).kind, 'retryable');
  assert.equal(classifySmtpError({ code: 'EENVELOPE', message: 'No recipients defined' }).kind, 'permanent');
});
