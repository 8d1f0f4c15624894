import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  concatenationUdh,
  decodeGsm7,
  decodeUcs2,
  encodeGsm7,
  encodeUcs2,
  foldToGsm7,
  gsmSeptets,
  isGsm7,
  planSms,
  smsCost,
  splitSms,
} from './sms-encoding.ts';

test('isGsm7 accepts the basic table including @ $ _ and the extension characters', () => {
  assert.equal(isGsm7('Predmet 12/2024 @ $ _ £ ¥ è é Ä Ö Ñ Ü § ¿ ¡ Δ Ω'), true);
  assert.equal(isGsm7('€ [ ] { } ^ ~ \\ |'), true);
  assert.equal(gsmSeptets('€'), 2);
  assert.equal(gsmSeptets('@'), 1);
});

test('isGsm7 rejects our diacritics, Cyrillic, emoji and the bare escape code', () => {
  for (const s of ['č', 'ć', 'š', 'ž', 'đ', 'Ж', '😀', '\x1B', '’']) assert.equal(isGsm7(s), false, s);
});

test('encodeGsm7 puts @ at septet 0, $ at 2 and _ at 0x11, and escapes extension characters', () => {
  assert.deepEqual([...encodeGsm7('@$_')], [0x00, 0x02, 0x11]);
  assert.deepEqual([...encodeGsm7('€[')], [0x1b, 0x65, 0x1b, 0x3c]);
  assert.throws(() => encodeGsm7('č'), RangeError);
  assert.equal(decodeGsm7(encodeGsm7('a@b$c_d€{}')), 'a@b$c_d€{}');
});

test('encodeUcs2 and decodeUcs2 round-trip Cyrillic and surrogate pairs', () => {
  const s = 'Љубиша 😀';
  assert.equal(encodeUcs2(s).length, s.length * 2);
  assert.equal(decodeUcs2(encodeUcs2(s)), s);
});

test('160 GSM septets fit one part; 161 need two', () => {
  assert.deepEqual(planSms('a'.repeat(160), 'unicode'), { text: 'a'.repeat(160), encoding: 'GSM-7', dataCoding: 0, parts: 1, unitsUsed: 160 });
  assert.equal(planSms('a'.repeat(161), 'unicode').parts, 2);
});

test('153 septets per part in a multipart GSM message: 306 is two parts, 307 three', () => {
  assert.equal(planSms('a'.repeat(306), 'unicode').parts, 2);
  assert.equal(planSms('a'.repeat(307), 'unicode').parts, 3);
});

test('70 UCS-2 characters fit one part; 71 need two; 134 two and 135 three', () => {
  const plan = planSms('ж'.repeat(70), 'unicode');
  assert.equal(plan.encoding, 'UCS-2');
  assert.equal(plan.dataCoding, 8);
  assert.equal(plan.parts, 1);
  assert.equal(planSms('ж'.repeat(71), 'unicode').parts, 2);
  assert.equal(planSms('ж'.repeat(134), 'unicode').parts, 2);
  assert.equal(planSms('ж'.repeat(135), 'unicode').parts, 3);
});

test('extension characters count two septets: 80 euro signs fill one part, 81 do not', () => {
  assert.equal(planSms('€'.repeat(80), 'unicode').unitsUsed, 160);
  assert.equal(planSms('€'.repeat(80), 'unicode').parts, 1);
  assert.equal(planSms('€'.repeat(81), 'unicode').parts, 2);
});

test('an extension character is never split across parts', () => {
  // 152 basic septets then a euro: 154 septets would straddle the 153 boundary, so the euro moves to part 2.
  const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
  const parts = splitSms(planSms(text, 'unicode'));
  assert.equal(parts.length, 2);
  assert.equal(parts[0].text, 'a'.repeat(152));
  assert.equal(parts[0].payload.length, 152);
  assert.equal(parts[1].text, '€' + 'b'.repeat(10));
  assert.deepEqual([...parts[1].payload.subarray(0, 2)], [0x1b, 0x65]);
  for (const p of parts) assert.ok(p.payload.length <= 153);
  assert.equal(parts.map((p) => decodeGsm7(p.payload)).join(''), text);
});

test('a UCS-2 surrogate pair is never split across parts', () => {
  const text = 'ж'.repeat(66) + '😀' + 'ж'.repeat(10);
  const parts = splitSms(planSms(text, 'unicode'));
  assert.equal(parts.length, 2);
  assert.equal(parts[0].text, 'ж'.repeat(66));
  assert.equal(parts[1].text.startsWith('😀'), true);
  for (const p of parts) assert.ok(p.payload.length <= 134);
  assert.equal(parts.map((p) => decodeUcs2(p.payload)).join(''), text);
});

test('foldToGsm7 folds Serbian Latin diacritics', () => {
  assert.equal(foldToGsm7('Đorđe Čačak Šabac Žabljak'), 'Djordje Cacak Sabac Zabljak');
  assert.equal(foldToGsm7('ĐURĐEVDAN'), 'DJURDJEVDAN');
});

test('foldToGsm7 transliterates Serbian Cyrillic before folding', () => {
  assert.equal(foldToGsm7('Љубиша Ђорђевић'), 'Ljubisa Djordjevic');
  assert.equal(foldToGsm7('Његош, Џаковица, Ћуприја, Шабац'), 'Njegos, Dzakovica, Cuprija, Sabac');
  assert.equal(foldToGsm7('ЉУБИША ЏАМБИЋ'), 'LJUBISA DZAMBIC');
});

test('foldToGsm7 keeps GSM characters, maps typography to ASCII and unknowns to ?', () => {
  assert.equal(foldToGsm7('Café @ 5€ – “ok” …'), 'Café @ 5€ - "ok" ...');
  assert.equal(foldToGsm7('Zürich ő 😀'), 'Zürich o ?');
});

test('the gsm7-fold policy always gives GSM-7 at data_coding 0', () => {
  const plan = planSms('Поштовани, Ваш предмет је решен.', 'gsm7-fold');
  assert.deepEqual(plan, { text: 'Postovani, Vas predmet je resen.', encoding: 'GSM-7', dataCoding: 0, parts: 1, unitsUsed: 32 });
});

test('the unicode policy keeps diacritics and sends UCS-2', () => {
  const plan = planSms('Vaš predmet je riješen.', 'unicode');
  assert.equal(plan.encoding, 'UCS-2');
  assert.equal(plan.text, 'Vaš predmet je riješen.');
});

test('concatenationUdh uses IEI 0 with an 8-bit reference', () => {
  assert.deepEqual([...concatenationUdh(0x1ff, 3, 2)], [5, 0, 3, 0xff, 3, 2]);
});

test('smsCost multiplies parts by price without floating-point noise', () => {
  assert.equal(smsCost(3, 0.1), 0.3);
  assert.equal(smsCost(0, 5), 0);
  assert.throws(() => smsCost(-1, 1), RangeError);
  assert.throws(() => smsCost(1.5, 1), RangeError);
});
