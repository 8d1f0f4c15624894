import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, canonicalJson, eventHash, verifyChain, type ChainedEvent } from './event-chain.ts';

function chain(n: number) {
  let prev = GENESIS_HASH;
  const out: (ChainedEvent & { prevHash: string; hash: string })[] = [];
  for (let i = 1; i <= n; i++) {
    const e: ChainedEvent = {
      caseId: 'c1',
      seq: i,
      type: 'case.status_changed',
      actorId: 'u1',
      actorName: 'Ana',
      occurredAt: new Date(1_700_000_000_000 + i),
      visibility: 'public',
      data: { to: `s${i}`, n: i },
      note: null,
    };
    const hash = eventHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

test('canonical JSON does not depend on key order', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
});

test('an untouched chain verifies', () => {
  assert.deepEqual(verifyChain(chain(5)), { ok: true, events: 5 });
});

test('changing the content of an event is detected at that event', () => {
  const c = chain(5);
  c[2]!.data = { to: 'approved', n: 3 };
  const v = verifyChain(c);
  assert.equal(v.ok, false);
  assert.equal(!v.ok && v.brokenAtSeq, 3);
});

test('deleting an event is detected', () => {
  const c = chain(5);
  c.splice(1, 1);
  const v = verifyChain(c);
  assert.equal(v.ok, false);
  assert.equal(!v.ok && v.brokenAtSeq, 3);
});

test('rewriting an event together with its hash still breaks the link of the next one', () => {
  const c = chain(4);
  c[1]!.note = 'forged';
  c[1]!.hash = eventHash(c[1]!.prevHash, c[1]!);
  const v = verifyChain(c);
  assert.equal(v.ok, false);
  assert.equal(!v.ok && v.brokenAtSeq, 3);
});
