import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { parseBounce, parseDeliveryStatus } from './bounce.ts';
import { startSmtpSink } from '../peers/smtp-sink.ts';

function dsn(options: { action?: string; status?: string; returned?: 'message' | 'headers' | 'none'; envid?: string } = {}): string {
  const { action = 'failed', status = '5.1.1', returned = 'message', envid } = options;
  const original = [
    'From: obavjestenja@tivat.test',
    'To: nepostoji@example.test',
    'Subject: =?UTF-8?Q?Va=C5=A1_predmet?=',
    'Message-ID:',
    ' <n-123@glas.tivat.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ].join('\r\n');
  const parts = [
    'Content-Type: text/plain; charset=us-ascii\r\n\r\nThis is the mail system at host mx.example.test.\r\nYour message could not be delivered.\r\n',
    'Content-Type: message/delivery-status\r\n\r\n' +
      [
        'Reporting-MTA: dns; mx.example.test',
        ...(envid ? [`Original-Envelope-Id: ${envid}`] : []),
        'Arrival-Date: Tue, 12 Mar 2024 10:00:00 +0100',
        '',
        'Final-Recipient: rfc822; nepostoji@example.test',
        'Original-Recipient: rfc822;nepostoji@example.test',
        `Action: ${action}`,
        `Status: ${status}`,
        'Remote-MTA: dns; mail.example.test',
        'Diagnostic-Code: smtp; 550 5.1.1 <nepostoji@example.test>: Recipient address',
        '    rejected: User unknown',
        '',
      ].join('\r\n'),
  ];
  if (returned === 'message') parts.push(`Content-Type: message/rfc822\r\n\r\n${original}\r\n\r\nVas predmet je zaprimljen.\r\n`);
  if (returned === 'headers') parts.push(`Content-Type: text/rfc822-headers\r\n\r\n${original}\r\n`);
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.test>',
    'To: bounces@tivat.test',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 12 Mar 2024 10:00:05 +0100',
    'Message-ID: <20240312090005.ABC@mx.example.test>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B0UND"',
    '',
    ...parts.map((p) => `--B0UND\r\n${p}`),
    '--B0UND--',
    '',
  ].join('\r\n');
}

test('a DSN with the returned message gives a failed report keyed by the original Message-ID', async () => {
  const report = await parseBounce(dsn());
  assert.ok(report);
  assert.equal(report.channel, 'email');
  assert.equal(report.providerMessageId, 'n-123@glas.tivat.test');
  assert.equal(report.status, 'failed');
  assert.match(report.detail ?? '', /nepostoji@example\.test; status 5\.1\.1; 550 5\.1\.1 .*User unknown/);
  assert.equal(report.at.toISOString(), '2024-03-12T09:00:05.000Z');
});

test('a DSN that returns only the headers (text/rfc822-headers) is understood too', async () => {
  const report = await parseBounce(dsn({ returned: 'headers' }));
  assert.equal(report?.providerMessageId, 'n-123@glas.tivat.test');
  assert.equal(report?.status, 'failed');
});

test('without returned headers the Original-Envelope-Id (our ENVID) names the message', async () => {
  const report = await parseBounce(dsn({ returned: 'none', envid: 'n-777@glas.tivat.test' }));
  assert.equal(report?.providerMessageId, 'n-777@glas.tivat.test');
});

test('a delay notification is not a failure', async () => {
  assert.equal(await parseBounce(dsn({ action: 'delayed', status: '4.4.1' })), null);
});

test('an ordinary e-mail is not a bounce', async () => {
  const raw = 'From: a@example.test\r\nTo: b@example.test\r\nSubject: Hi\r\nMessage-ID: <x@y>\r\n\r\nHello\r\n';
  assert.equal(await parseBounce(raw), null);
});

test('parseDeliveryStatus splits per-message and per-recipient fields and unfolds long lines', () => {
  const status = parseDeliveryStatus(
    'Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nDiagnostic-Code: smtp; 550\r\n  no such user\r\n\r\nFinal-Recipient: rfc822; c@d\r\nAction: delayed\r\n',
  );
  assert.deepEqual(status.message, { 'reporting-mta': 'dns; mx' });
  assert.equal(status.recipients.length, 2);
  assert.equal(status.recipients[0]['diagnostic-code'], 'smtp; 550 no such user');
  assert.equal(status.recipients[1].action, 'delayed');
});

test('a DSN delivered over SMTP to the bounce mailbox parses from the raw message the sink kept', async (t) => {
  const sink = await startSmtpSink();
  const transport = nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false });
  t.after(async () => {
    transport.close();
    await sink.close();
  });
  await transport.sendMail({ envelope: { from: '', to: 'bounces@tivat.test' }, raw: dsn() });
  const mail = await sink.waitFor();
  const report = await parseBounce(mail.raw);
  assert.equal(report?.providerMessageId, 'n-123@glas.tivat.test');
  assert.equal(report?.status, 'failed');
});
