import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAutomaticMail, ownText, referencedMessageIds, reportDescription } from './mail.ts';

const A = '0b8e7c2a-1111-4222-8333-444455556666';
const B = '9f0e7c2a-1111-4222-8333-444455556666';

test('a reply is matched to our message by In-Reply-To or References on our own domain only', () => {
  assert.deepEqual(referencedMessageIds(`<${A}@glas.test>`, undefined, 'glas.test'), [A]);
  assert.deepEqual(referencedMessageIds(undefined, [`<${B}@glas.test>`, `<x@other>`, `<${A}@glas.test>`], 'glas.test'), [A, B]);
  assert.deepEqual(referencedMessageIds(`<${A}@evil.example>`, undefined, 'glas.test'), []);
  assert.deepEqual(referencedMessageIds('<not-ours@glas.test>', undefined, 'glas.test'), []);
});

test('auto-replies, bounces and list mail are recognised as automatic', () => {
  assert.ok(isAutomaticMail({ 'auto-submitted': 'auto-replied' }, 'a@b.c'));
  assert.ok(isAutomaticMail({ precedence: 'bulk' }, 'a@b.c'));
  assert.ok(isAutomaticMail({}, ''));
  assert.ok(isAutomaticMail({}, 'MAILER-DAEMON@b.c'));
  assert.ok(!isAutomaticMail({ 'auto-submitted': 'no' }, 'a@b.c'));
});

test("the citizen's own words are kept, the quote and signature dropped, subject and body joined for a report", () => {
  const text = 'Dopuna: šaljem skicu.\n\nOn Mon, 1 Jun 2026 Glas wrote:\n> Predmet je primljen\n-- \nMarko';
  assert.equal(ownText(text), 'Dopuna: šaljem skicu.');
  assert.equal(reportDescription('Rupa na putu', 'Kod škole.\n> citat'), 'Rupa na putu\n\nKod škole.');
  assert.equal(reportDescription('', 'x'.repeat(6000)).length, 5000);
});
