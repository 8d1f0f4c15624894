import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImportRecord, checkImportRecords, columnName, datedSteps, parseChannel, parseImportDate, parseStatus } from './report-import.ts';
import { localTime } from '../../kernel/time.ts';
import { headerDelimiter, readReportFile } from '../import-file.ts';

const TZ = 'Europe/Belgrade';
const NOW = new Date('2026-06-01T00:00:00Z');
const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => localTime(y, mo, d, h * 60 + mi, TZ);

test('dates as municipalities write them are read on their clock', () => {
  assert.equal(parseImportDate('2025-03-10 08:15', TZ)?.getTime(), wall(2025, 3, 10, 8, 15).getTime());
  assert.equal(parseImportDate('2025-03-10T08:15:30', TZ)?.getTime(), wall(2025, 3, 10, 8, 15).getTime() + 30_000);
  assert.equal(parseImportDate('10.3.2025. 8:15', TZ)?.getTime(), wall(2025, 3, 10, 8, 15).getTime());
  assert.equal(parseImportDate('10/03/2025', TZ)?.getTime(), wall(2025, 3, 10).getTime());
  assert.equal(parseImportDate('2025-07-01', TZ)?.getTime(), wall(2025, 7, 1).getTime(), 'summer time: a date alone is the local midnight');
  assert.equal(parseImportDate('2025-03-10T08:15:00Z', TZ)?.toISOString(), '2025-03-10T08:15:00.000Z');
  assert.equal(parseImportDate('2025-03-10T08:15:00+02:00', TZ)?.toISOString(), '2025-03-10T06:15:00.000Z');
  // A spreadsheet date cell: its UTC fields are the wall time.
  assert.equal(parseImportDate(new Date(Date.UTC(2024, 11, 31, 23, 30)), TZ)?.getTime(), wall(2024, 12, 31, 23, 30).getTime());
  // Around the clock changes (30 March and 26 October 2025 in Belgrade) the same as the time-zone module says.
  for (const [d, h, mi] of [
    [30, 1, 59],
    [30, 3, 0],
    [30, 3, 30],
    [26, 1, 30],
    [26, 2, 30],
    [26, 3, 15],
  ] as const) {
    const mo = d === 30 ? 3 : 10;
    assert.equal(
      parseImportDate(`2025-${mo}-${d} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`.replace(/-(\d)-/, '-0$1-'), TZ)?.getTime(),
      wall(2025, mo, d, h, mi).getTime(),
      `${d}.${mo}. ${h}:${mi}`,
    );
  }
  for (const bad of ['31.2.2025', '2025-13-01', 'juče', '2025-03-10 25:00', '', '1.1.25']) assert.equal(parseImportDate(bad, TZ), null, bad);
});

test('statuses and channels in the languages of the region, either script, with or without diacritics', () => {
  assert.equal(parseStatus('Rešeno'), 'resolved');
  assert.equal(parseStatus('РИЈЕШЕНО'), 'resolved');
  assert.equal(parseStatus('u radu'), 'in_progress');
  assert.equal(parseStatus('in_progress'), 'in_progress');
  assert.equal(parseStatus('received'), 'delivered');
  assert.equal(parseStatus('zavrnjeno'), 'rejected');
  assert.equal(parseStatus('možda'), null);
  assert.equal(parseChannel('Telefon'), 'phone');
  assert.equal(parseChannel('E-mail'), 'email');
  assert.equal(parseChannel('šalter'), 'counter');
  assert.equal(parseChannel('golub'), null);
});

test('headers and delimiters', () => {
  assert.equal(columnName('\uFEFF Received at '), 'received_at');
  assert.equal(columnName('External-ID'), 'external_id');
  assert.equal(headerDelimiter('a;b;"c,d,e"\n1,2,3'), ';');
  assert.equal(headerDelimiter('a,b,c'), ',');
});

test('a row is checked whole; its key is its external_id, or its content', () => {
  const r = (values: Record<string, unknown>, line = 2) => checkImportRecord({ line, values }, TZ, NOW);
  const ok = r({ received_at: '2025-03-10 08:15', category: 'pothole', text: 'Rupa', lat: '45,1', lon: '19.8' });
  assert.ok('row' in ok);
  assert.equal(ok.row.lat, 45.1);
  assert.equal(ok.row.status, 'delivered');
  assert.match(ok.row.key, /^row:[0-9a-f]{64}$/);
  const same = r({ received_at: '10.3.2025 8:15', category: 'pothole', text: 'Rupa', lat: '45.1', lon: '19,8' }, 9);
  assert.ok('row' in same);
  assert.equal(same.row.key, ok.row.key, 'the same content written differently is the same row');
  const ext = r({ received_at: '2025-03-10', category: 'x', text: 'y', external_id: 'A-1' });
  assert.ok('row' in ext && ext.row.key === 'ext:A-1');
  const bad = r({ received_at: '2025-03-10', category: 'x', text: 'y', answered_at: '2025-03-09', status: 'rešeno' });
  assert.ok('problems' in bad);
  assert.deepEqual(
    bad.problems.map((p) => [p.code, p.column]),
    [
      ['date_order', 'answered_at'],
      ['closed_needs_date', 'closed_at'],
    ],
  );
});

test('a repeated row is left out; an external_id repeated with other content is a problem', () => {
  const row = { received_at: '2025-03-10', category: 'x', text: 'y', external_id: 'A' };
  const out = checkImportRecords(
    [
      { line: 2, values: row },
      { line: 3, values: row },
      { line: 4, values: { ...row, text: 'z' } },
    ],
    TZ,
    NOW,
  );
  assert.equal(out.rows.length, 1);
  assert.equal(out.repeats, 1);
  assert.deepEqual(
    out.problems.map((p) => [p.line, p.code, p.value]),
    [[4, 'duplicate_external_id', '2']],
  );
});

test('the steps to a status are dated at the answer and the closing', () => {
  const row = { receivedAt: wall(2025, 1, 1), answeredAt: wall(2025, 1, 2), closedAt: wall(2025, 1, 5) };
  assert.deepEqual(datedSteps(['accepted', 'resolved'], row), [
    { to: 'accepted', at: row.answeredAt },
    { to: 'resolved', at: row.closedAt },
  ]);
  assert.deepEqual(datedSteps(['accepted', 'in_progress'], { ...row, answeredAt: null, closedAt: null }), [
    { to: 'accepted', at: row.receivedAt },
    { to: 'in_progress', at: row.receivedAt },
  ]);
});

test('each record keeps the line it starts on: LF or CRLF, blank lines, quoted line breaks, a BOM', async () => {
  for (const text of ['h,text\n1,a\n\n2,"b\nc"\n3,d\n', '\uFEFFh;text\r\n1;a\r\n\r\n2;"b\r\nc"\r\n3;d']) {
    const read = await readReportFile(new TextEncoder().encode(text));
    assert.ok(read.ok);
    assert.deepEqual(read.headers, ['h', 'text']);
    assert.deepEqual(
      read.records.map((r) => [r.line, r.values.h]),
      [
        [2, '1'],
        [4, '2'],
        [6, '3'],
      ],
      JSON.stringify(text),
    );
  }
});
