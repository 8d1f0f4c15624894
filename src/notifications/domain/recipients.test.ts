import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextChannel, usableChannels, wantsLevel, type ConsentState, type PartyPreferences } from './recipients.ts';

const prefs = (over: Partial<PartyPreferences> = {}): PartyPreferences => ({
  channelOrder: ['viber', 'sms', 'email'],
  scope: 'all',
  quietFrom: null,
  quietTo: null,
  ...over,
});
const contacts = { phone: '+381641234567', email: 'a@example.org', viberUserId: 'v1' };
const all = new Set(['sms', 'email', 'viber'] as const);
const given = (channel: ConsentState['channel'], id = channel): ConsentState => ({ id, channel, action: 'given' });

test("channels follow the party's order and need both consent and a contact", () => {
  const u = usableChannels(prefs(), { ...contacts, viberUserId: null }, [given('viber'), given('sms'), given('email')], all);
  assert.deepEqual(
    u.map((c) => c.channel),
    ['sms', 'email'],
  );
  assert.equal(u[0]!.address, '+381641234567');
});

test('a withdrawn consent is never used, whatever the level', () => {
  const u = usableChannels(prefs(), contacts, [{ id: '1', channel: 'sms', action: 'withdrawn' }], all);
  assert.deepEqual(u, []);
});

test('channels the installation does not run, or the party left out of its order, are skipped', () => {
  assert.deepEqual(
    usableChannels(prefs(), contacts, [given('viber'), given('sms')], new Set(['sms'] as const)).map((c) => c.channel),
    ['sms'],
  );
  assert.deepEqual(
    usableChannels(prefs({ channelOrder: ['sms'] }), contacts, [given('viber'), given('sms')], all).map((c) => c.channel),
    ['sms'],
  );
});

test('key-only parties get key events, not the others; internal reaches nobody', () => {
  assert.equal(wantsLevel('key', 'key'), true);
  assert.equal(wantsLevel('notifiable', 'key'), false);
  assert.equal(wantsLevel('notifiable', 'all'), true);
  assert.equal(wantsLevel('internal', 'all'), false);
});

test('fallback takes the next channel not tried yet', () => {
  const u = usableChannels(prefs(), contacts, [given('viber'), given('sms')], all);
  assert.equal(nextChannel(u, ['viber'])?.channel, 'sms');
  assert.equal(nextChannel(u, ['viber', 'sms']), null);
});
