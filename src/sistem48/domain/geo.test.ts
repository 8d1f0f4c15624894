import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bboxToArea, contains, distanceM, parseArea } from './geo.ts';
import { addressOnStreet, streetKey } from './streets.ts';
import { chooseRoute, type RoutingRule } from './routing.ts';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [19.0, 45.0],
      [20.0, 45.0],
      [20.0, 46.0],
      [19.0, 46.0],
      [19.0, 45.0],
    ],
    [
      [19.4, 45.4],
      [19.6, 45.4],
      [19.6, 45.6],
      [19.4, 45.6],
      [19.4, 45.4],
    ],
  ],
};

test('a polygon contains points inside it but not in its hole or outside', () => {
  const p = parseArea(square);
  assert.ok(p.ok);
  assert.equal(contains(p.area, { lat: 45.2, lon: 19.2 }), true);
  assert.equal(contains(p.area, { lat: 45.5, lon: 19.5 }), false);
  assert.equal(contains(p.area, { lat: 44.9, lon: 19.5 }), false);
  assert.equal(contains(bboxToArea([19, 45, 20, 46]), { lat: 45.5, lon: 19.5 }), true);
});

test('malformed areas are refused with a reason', () => {
  assert.equal(parseArea({ type: 'Point', coordinates: [19, 45] }).ok, false);
  assert.equal(
    parseArea({
      type: 'Polygon',
      coordinates: [
        [
          [19, 45],
          [20, 45],
        ],
      ],
    }).ok,
    false,
  );
  assert.equal(
    parseArea({
      type: 'Polygon',
      coordinates: [
        [
          [19, 45],
          [200, 45],
          [20, 46],
          [19, 45],
        ],
      ],
    }).ok,
    false,
  );
  assert.ok(parseArea({ type: 'Feature', geometry: square }).ok);
});

test('distance: one thousandth of a degree of latitude is about 111 m', () => {
  assert.ok(Math.abs(distanceM({ lat: 45, lon: 19 }, { lat: 45.001, lon: 19 }) - 111.2) < 0.5);
});

test('streets match whole words regardless of script, case and diacritics', () => {
  const keys = ['Njegoševa', 'Kralja Petra I'].map(streetKey);
  assert.equal(addressOnStreet(streetKey('NJEGOSEVA 12, Temerin'), keys), true);
  assert.equal(addressOnStreet(streetKey('Његошева бб'), keys), true);
  assert.equal(addressOnStreet(streetKey('Kralja Petra I 8'), keys), true);
  assert.equal(addressOnStreet(streetKey('Njegoševac 3'), keys), false);
  assert.equal(addressOnStreet('', keys), false);
});

test('routing tries rules by priority, area and street, and falls back to the dispatcher', () => {
  const area = parseArea(square);
  assert.ok(area.ok);
  const rules: RoutingRule[] = [
    { id: 1, categoryId: 7, unitId: 'general', area: null, bbox: null, streetKeys: [], priority: 100 },
    { id: 2, categoryId: 7, unitId: 'centre', area: area.area, bbox: { minLat: 45, maxLat: 46, minLon: 19, maxLon: 20 }, streetKeys: [], priority: 10 },
    { id: 3, categoryId: 7, unitId: 'market', area: null, bbox: null, streetKeys: [streetKey('Pijačna')], priority: 5 },
    { id: 4, categoryId: 8, unitId: 'other', area: null, bbox: null, streetKeys: [], priority: 1 },
  ];
  const at = (lat: number, lon: number, address: string | null = null) => ({ point: { lat, lon }, addressKey: address ? streetKey(address) : null });
  assert.deepEqual(chooseRoute(rules, 7, at(45.2, 19.2), 'disp'), { routedBy: 'rule', unitId: 'centre', ruleId: 2 });
  assert.deepEqual(chooseRoute(rules, 7, at(47, 19.2), 'disp'), { routedBy: 'rule', unitId: 'general', ruleId: 1 });
  assert.deepEqual(chooseRoute(rules, 7, at(45.2, 19.2, 'Pijačna 3'), 'disp'), { routedBy: 'rule', unitId: 'market', ruleId: 3 });
  assert.deepEqual(chooseRoute(rules, 9, at(45.2, 19.2), 'disp'), { routedBy: 'fallback', unitId: 'disp', ruleId: null });
  assert.deepEqual(chooseRoute(rules, 9, at(45.2, 19.2), null), { routedBy: 'none', unitId: null, ruleId: null });
  // An area rule cannot match a report given by address alone.
  assert.deepEqual(
    chooseRoute(
      rules.filter((r) => r.id !== 1),
      7,
      { point: null, addressKey: streetKey('Glavna 1') },
      'disp',
    ).routedBy,
    'fallback',
  );
});
