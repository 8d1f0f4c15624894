import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, xmlDocument, xmlObject } from './xml.ts';

test('text is escaped and characters XML forbids are dropped', () => {
  assert.equal(escapeXml(`<script>alert("x") & 'y'</script>\u0001`), '&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;');
});

test('a list document repeats the item element; wrapped arrays get their container', () => {
  const xml = xmlDocument('services', 'service', [{ service_code: 'a', keywords: 'x,y', metadata: false, group: null }], {});
  assert.equal(
    xml,
    '<?xml version="1.0" encoding="utf-8"?><services><service><service_code>a</service_code><keywords>x,y</keywords><metadata>false</metadata><group/></service></services>',
  );
  const def = xmlObject(
    'service_definition',
    { service_code: 'a', attributes: [{ code: 'size', values: [{ key: 's', name: 'Small' }] }] },
    { attributes: 'attribute', values: 'value' },
  );
  assert.equal(
    def,
    '<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>a</service_code><attributes><attribute><code>size</code><values><value><key>s</key><name>Small</name></value></values></attribute></attributes></service_definition>',
  );
});

test('dates are written in ISO 8601 and element names are checked', () => {
  assert.match(xmlDocument('r', 'i', [{ at: new Date('2026-01-01T00:00:00Z') }]), /<at>2026-01-01T00:00:00.000Z<\/at>/);
  assert.throws(() => xmlDocument('r', 'i', [{ '1bad': 'x' }]));
});
