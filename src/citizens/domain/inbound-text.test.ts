import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBotText, classifySms, looksLikeCaseNumber, looksLikePhone, reportableText, statusQuery } from './inbound-text.ts';

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

test('a message asking for a status, in other words than "status <number>", is a status query; a report naming a pole or the state of a street is not', () => {
  const q = (s: string) => statusQuery(s);
  assert.deepEqual(q('Status IN-8/2026'), { kind: 'status', number: 'IN-8/2026', code: null });
  assert.deepEqual(q('Poštovani,\n\nkoji je status mog predmeta IN-8/2026?\n\nDragana Kovač'), { kind: 'status', number: 'IN-8/2026', code: null });
  assert.deepEqual(q('Стање предмета ИН-8/2026'), { kind: 'status', number: 'IN-8/2026', code: null });
  assert.deepEqual(q('IN-8/2026\n\nDragana Kovač'), { kind: 'status', number: 'IN-8/2026', code: null }, 'only a number and a signed name');
  assert.deepEqual(q('Dokle je stigla moja prijava S48-00001/26'), { kind: 'status', number: 'S48-00001/26', code: null });
  assert.deepEqual(q('kod 69ev-n3xs-rrp7'), { kind: 'status', number: null, code: '69EV-N3XS-RRP7' });
  for (const s of ['Stanje predmeta', 'Status', 'статус', 'Koji je status moje prijave?', 'What is the status of my request?'])
    assert.deepEqual(q(s), { kind: 'status', number: null, code: null }, s);
  for (const s of [
    'Stub JR-77 ne radi',
    'Stanje kolovoza u ulici Glavna je loše, stub JR-77 ne radi',
    'Rupa na putu kod broja 5',
    'Status semafora: ne radi već tri dana u centru grada, opasno je za pešake',
    'Od 21.11.2026. ne radi rasveta',
  ]) {
    assert.equal(q(s), null, s);
  }
});

test('an SMS or a chatbot message asking for a status in a sentence is answered, not filed', () => {
  assert.deepEqual(classifySms('Koji je status predmeta S48-00001/26?'), { kind: 'status', number: 'S48-00001/26' });
  assert.deepEqual(classifySms('69EV-N3XS-RRP7'), { kind: 'track', code: '69EV-N3XS-RRP7' });
  assert.deepEqual(classifySms('Stanje predmeta'), { kind: 'status_help' });
  assert.deepEqual(classifyBotText('stanje predmeta S48-00001/26'), { kind: 'status', number: 'S48-00001/26' });
  assert.deepEqual(classifyBotText('Status 69EV-N3XS-RRP7'), { kind: 'track', code: '69EV-N3XS-RRP7' });
  assert.deepEqual(classifyBotText('Stanje predmeta'), { kind: 'cases' });
});

test('a tracking code drawn from letters alone (about one in 36) is recognised like any other, alone or in a sentence', () => {
  assert.deepEqual(classifyBotText('kmnp-qrst-uvwx'), { kind: 'track', code: 'KMNP-QRST-UVWX' });
  assert.deepEqual(classifySms('KMNP-QRST-UVWX'), { kind: 'track', code: 'KMNP-QRST-UVWX' });
  assert.deepEqual(classifyBotText('Koji je status predmeta sa kodom kmnp-qrst-uvwx?'), { kind: 'track', code: 'KMNP-QRST-UVWX' });
  assert.equal(statusQuery('Stanje predmeta sa kodom KMNP-QRST-UVWX')?.code, 'KMNP-QRST-UVWX');
  // Twelve digits in threes of four are not a code.
  assert.notEqual(classifySms('2345-6789-2345').kind, 'track');
});

test("the chatbot's report buttons are read exactly, and only a few words with some letters are offered as a report", () => {
  assert.deepEqual(classifyBotText('report:yes'), { kind: 'report_yes' });
  assert.deepEqual(classifyBotText('report:no'), { kind: 'report_no' });
  assert.deepEqual(classifyBotText('report: yes please'), { kind: 'other' }, 'typed text is not a button');
  for (const s of ['Rupa na putu u Njegoševoj 5', 'Контејнер није испражњен већ недељу дана', 'Street light out on Main Street'])
    assert.ok(reportableText(s), s);
  for (const s of ['hvala', 'Hvala puno!', 'dobar dan', 'ok ok ok', '1 2 3 4 5 6', '!!! ??? ...']) assert.ok(!reportableText(s), s);
});
