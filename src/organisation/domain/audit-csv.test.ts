import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditCsvHeader, auditCsvLine, csvCell } from './audit-csv.ts';

test('cells with commas, quotes and line breaks are quoted; formulas are defused', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell(null), '');
});

test('an audit row becomes one CSV line with its before and after as JSON', () => {
  const line = auditCsvLine({
    id: '7',
    at: new Date('2026-03-01T10:00:00Z'),
    actor_id: null,
    actor_name: 'Ana',
    action: 'update',
    entity: 'user',
    entity_id: 'u1',
    before: { email: 'a@x.rs' },
    after: { email: 'b@x.rs' },
    ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
  });
  assert.equal(
    line,
    '7,2026-03-01T10:00:00.000Z,,Ana,update,user,u1,"{""email"":""a@x.rs""}","{""email"":""b@x.rs""}",203.0.113.7,Mozilla/5.0 (X11; Linux x86_64)\r\n',
  );
  assert.equal(auditCsvHeader().split(',').length, 11);
});
