import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseViberCallback, parseViberJson } from './viber-callback.ts';
import { viberSignature, verifyViberSignature } from './viber-signature.ts';

test('parseViberJson keeps message_token values above 2^53 exact', () => {
  const parsed = parseViberJson('{"status":0,"message_token":5741311803571721087,"count":3}') as Record<string, unknown>;
  assert.equal(parsed.message_token, '5741311803571721087');
  assert.equal(parsed.count, 3);
  assert.notEqual(String(JSON.parse('{"t":5741311803571721087}').t), '5741311803571721087');
});

test('delivered, seen and failed become delivery reports keyed by the message token', () => {
  const delivered = parseViberCallback(
    '{"event":"delivered","timestamp":1457764197627,"chat_hostname":"SN-1","message_token":5098034272017990001,"user_id":"01234567890A="}',
  );
  assert.deepEqual(delivered, {
    event: 'delivered',
    report: { channel: 'viber', providerMessageId: '5098034272017990001', status: 'delivered', at: new Date(1457764197627) },
    userId: '01234567890A=',
    messageToken: '5098034272017990001',
    timestamp: new Date(1457764197627),
    description: undefined,
  });
  const seen = parseViberCallback('{"event":"seen","timestamp":1,"message_token":7,"user_id":"u"}');
  assert.ok(seen.event === 'seen' && seen.report.status === 'seen');
  const failed = parseViberCallback('{"event":"failed","timestamp":1,"message_token":8,"user_id":"u","desc":"failure description"}');
  assert.ok(failed.event === 'failed');
  assert.equal(failed.report.status, 'failed');
  assert.equal(failed.report.detail, 'failure description');
});

test('subscribed, unsubscribed, conversation_started, message and webhook are typed', () => {
  const user = { id: '01234567890A=', name: 'John McClane', avatar: 'http://avatar.example.com', country: 'UK', language: 'en', api_version: 1 };
  const sub = parseViberCallback({ event: 'subscribed', timestamp: 1, user, message_token: 4 });
  assert.ok(sub.event === 'subscribed' && sub.user.name === 'John McClane' && sub.user.apiVersion === 1);
  const unsub = parseViberCallback({ event: 'unsubscribed', timestamp: 1, user_id: 'u', message_token: 4 });
  assert.ok(unsub.event === 'unsubscribed' && unsub.userId === 'u');
  const started = parseViberCallback({ event: 'conversation_started', timestamp: 1, message_token: 4, type: 'open', context: 'web', user, subscribed: false });
  assert.ok(started.event === 'conversation_started' && started.context === 'web' && started.subscribed === false);
  const message = parseViberCallback({
    event: 'message',
    timestamp: 1,
    message_token: 4,
    sender: user,
    message: { type: 'location', location: { lat: 42.43, lon: 18.69 }, tracking_data: 'n-1' },
  });
  assert.ok(message.event === 'message');
  assert.deepEqual(message.message.location, { lat: 42.43, lon: 18.69 });
  assert.equal(message.message.trackingData, 'n-1');
  assert.equal(parseViberCallback({ event: 'webhook', timestamp: 1, message_token: 4 }).event, 'webhook');
});

test('an unknown event is kept as unknown; a body without event is an error', () => {
  const unknown = parseViberCallback({ event: 'client_status', timestamp: 1 });
  assert.ok(unknown.event === 'unknown' && unknown.name === 'client_status');
  assert.throws(() => parseViberCallback('{"timestamp":1}'), /no "event"/);
  assert.throws(() => parseViberCallback('[1,2]'), /not a JSON object/);
  assert.throws(() => parseViberCallback('not json'));
});

test('viberSignature is the hex HMAC-SHA256 of the raw body keyed by the auth token', () => {
  const body = '{"event":"webhook","timestamp":1457764197627,"message_token":241256543215}';
  const sig = viberSignature('token', body);
  assert.match(sig, /^[0-9a-f]{64}$/);
  assert.equal(verifyViberSignature('token', body, sig), true);
  assert.equal(verifyViberSignature('token', Buffer.from(body), sig.toUpperCase()), true);
});

test('verifyViberSignature rejects missing, short, non-hex and repeated headers without throwing', () => {
  const body = '{}';
  const sig = viberSignature('token', body);
  assert.equal(verifyViberSignature('token', body, undefined), false);
  assert.equal(verifyViberSignature('token', body, null), false);
  assert.equal(verifyViberSignature('token', body, ''), false);
  assert.equal(verifyViberSignature('token', body, sig.slice(0, 62)), false);
  assert.equal(verifyViberSignature('token', body, sig.slice(0, 63) + 'z'), false);
  assert.equal(verifyViberSignature('token', body, [sig, sig]), false);
  assert.equal(verifyViberSignature('token', body + ' ', sig), false);
});
