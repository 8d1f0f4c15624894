/**
 * Plain geometry for routing areas and the municipality boundary: GeoJSON Polygon and
 * MultiPolygon (with holes), their bounding boxes, and great-circle distance. Coordinates are
 * GeoJSON's [longitude, latitude].
 */
export interface Point {
  lat: number;
  lon: number;
}
export interface BBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}
type Ring = [number, number][];
export type Area = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

const EARTH_RADIUS_M = 6_371_008.8;

/** Checks that a value is a usable GeoJSON Polygon or MultiPolygon (a Feature wrapping one is unwrapped); returns a reason when not. */
export function parseArea(value: unknown): { ok: true; area: Area } | { ok: false; reason: string } {
  let v = value as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  if (v && typeof v === 'object' && v.type === 'Feature') v = v.geometry as typeof v;
  if (!v || typeof v !== 'object') return { ok: false, reason: 'the area must be a GeoJSON Polygon or MultiPolygon' };
  const polygons: unknown[] = v.type === 'Polygon' ? [v.coordinates] : v.type === 'MultiPolygon' && Array.isArray(v.coordinates) ? v.coordinates : [];
  if (v.type !== 'Polygon' && v.type !== 'MultiPolygon') return { ok: false, reason: 'the area must be a GeoJSON Polygon or MultiPolygon' };
  if (!polygons.length) return { ok: false, reason: 'the area has no polygons' };
  for (const poly of polygons) {
    if (!Array.isArray(poly) || !poly.length) return { ok: false, reason: 'a polygon needs at least one ring' };
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) return { ok: false, reason: 'a ring needs at least four positions (the first repeated last)' };
      for (const pos of ring) {
        if (!Array.isArray(pos) || pos.length < 2 || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1]))
          return { ok: false, reason: 'a position must be [longitude, latitude]' };
        if (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90) return { ok: false, reason: 'a position is outside the range of longitude/latitude' };
      }
    }
  }
  const clean = (ring: unknown[]): Ring => ring.map((p) => [Number((p as number[])[0]), Number((p as number[])[1])]);
  return v.type === 'Polygon'
    ? { ok: true, area: { type: 'Polygon', coordinates: (v.coordinates as unknown[][]).map(clean) } }
    : { ok: true, area: { type: 'MultiPolygon', coordinates: (v.coordinates as unknown[][][]).map((p) => p.map(clean)) } };
}

/** A bounding box written as [minLon, minLat, maxLon, maxLat] becomes a one-ring polygon. */
export function bboxToArea(b: [number, number, number, number]): Area {
  const [w, s, e, n] = b;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

export function bboxOf(area: Area): BBox {
  const box: BBox = { minLat: Infinity, maxLat: -Infinity, minLon: Infinity, maxLon: -Infinity };
  const polys = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  for (const poly of polys) {
    for (const [lon, lat] of poly[0] ?? []) {
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
    }
  }
  return box;
}

export function inBBox(p: Point, b: BBox): boolean {
  return p.lat >= b.minLat && p.lat <= b.maxLat && p.lon >= b.minLon && p.lon <= b.maxLon;
}

// Ray casting; a point exactly on an edge may fall either way, which is fine at metre precision.
function inRing(p: Point, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: Point, poly: Ring[]): boolean {
  if (!poly[0] || !inRing(p, poly[0])) return false;
  return !poly.slice(1).some((hole) => inRing(p, hole));
}

export function contains(area: Area, p: Point): boolean {
  return area.type === 'Polygon' ? inPolygon(p, area.coordinates) : area.coordinates.some((poly) => inPolygon(p, poly));
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isValidPoint(lat: unknown, lon: unknown): boolean {
  return typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}
