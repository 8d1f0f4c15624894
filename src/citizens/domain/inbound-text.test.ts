import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBotText, classifySms, looksLikeCaseNumber, looksLikePhone } from './inbound-text.ts';

test('case numbers as printed on receipts are recognised, phone numbers and words are not', () => {
  for (const n of ['UP-I-PIS-001/2026', 'S48-00001/26', '01-352-17/2026', '123/2026', 'up-i-pis-001/2026']) assert.ok(looksLikeCaseNumber(n), n);
  for (const n of ['064 123 4567', '+381641234567', 'rupa', 'ulica 5', '2026']) assert.ok(!looksLikeCaseNumber(n), n);
  assert.ok(looksLikePhone('064/123-4567'));
  assert.ok(!looksLikePhone('064 12'));
});

test('an SMS is stop in any language or script, a status request by number, or else a report', () => {
  for (const s of ['STOP', 'stop', 'Odjava', 'СТОП', 'одјава', 'Stop.']) assert.deepEqual(classifySms(s), { kind: 'stop' }, s);
  assert.deepEqual(classifySms('UP-I-PIS-001/2026'), { kind: 'status', number: 'UP-I-PIS-001/2026' });
  assert.deepEqual(classifySms('status up-i-pis-001/2026'), { kind: 'status', number: 'UP-I-PIS-001/2026' });
  assert.deepEqual(classifySms('Статус S48-00001/26'), { kind: 'status', number: 'S48-00001/26' });
  assert.deepEqual(classifySms('УП-И-ПИС-001/2026'), { kind: 'status', number: 'UP-I-PIS-001/2026' }, 'a number typed in Cyrillic');
  assert.deepEqual(classifySms('  Rupa na putu u ulici Njegoševa 5  '), { kind: 'report', text: 'Rupa na putu u ulici Njegoševa 5' });
  assert.deepEqual(classifySms('   '), { kind: 'empty' });
});

test('a chatbot message is help, stop, my cases, a status request, a phone number, a code or a link token', () => {
  assert.deepEqual(classifyBotText('Pomoć'), { kind: 'help' });
  assert.deepEqual(classifyBotText('помоћ'), { kind: 'help' });
  assert.deepEqual(classifyBotText('stop'), { kind: 'stop' });
  assert.deepEqual(classifyBotText('Moji predmeti'), { kind: 'cases' });
  assert.deepEqual(classifyBotText('UP-I-PIS-001/2026'), { kind: 'status', number: 'UP-I-PIS-001/2026' });
  assert.deepEqual(classifyBotText('061 234 567'), { kind: 'phone', phone: '061 234 567' });
  assert.deepEqual(classifyBotText('123 456'), { kind: 'code', code: '123456' });
  assert.deepEqual(classifyBotText('AbCdEfGhIjKlMnOpQrStUv'), { kind: 'link', token: 'AbCdEfGhIjKlMnOpQrStUv' });
  assert.deepEqual(classifyBotText('kada će biti gotovo?'), { kind: 'other' });
});
