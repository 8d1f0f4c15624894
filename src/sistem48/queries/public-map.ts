/** Read side of the public form's map: tiles and boundary for the browser, and address suggestions. */
import type { Ctx } from '../../kernel/context.ts';
import { invalidAs } from '../../kernel/lib/errors.ts';
import { bboxOf } from '../domain/geo.ts';
import { streetKey } from '../domain/streets.ts';
import { loadSettings } from '../settings.ts';
import { reportAddresses, routedUnits, routingRuleStreets } from '../repositories/map-repository.ts';

/**
 * What the public pages need to draw the map and check the form before sending: the tile server,
 * the municipality's boundary and centre, the duplicate radius, the photo limits and the units
 * reports go to. Nothing here is about a person.
 */
export async function publicMapSettings(ctx: Ctx) {
  const settings = await loadSettings(ctx.db);
  const box = settings.boundary ? bboxOf(settings.boundary) : null;
  return {
    tileUrl: ctx.config.mapTileUrl,
    attribution: ctx.config.mapAttribution,
    boundary: settings.boundary,
    bounds: box ? ([box.minLon, box.minLat, box.maxLon, box.maxLat] as [number, number, number, number]) : null,
    centre: box ? { lat: (box.minLat + box.maxLat) / 2, lon: (box.minLon + box.maxLon) / 2 } : null,
    duplicateRadiusM: settings.duplicateRadiusM,
    photoMaxCount: settings.photoMaxCount,
    photoMaxBytes: settings.photoMaxBytes,
    units: await routedUnits(ctx.db, settings.dispatcherUnitId),
    // Dates typed in the web app are days in the municipality, not in whatever zone the browser runs.
    timeZone: ctx.config.timezone,
  };
}

export interface AddressSuggestion {
  label: string;
  source: 'street' | 'report';
  lat: number | null;
  lon: number | null;
}

const MAX_SUGGESTIONS = 10;

/**
 * Streets and addresses Glas knows that match what the citizen is typing, whatever the script,
 * case or diacritics ("njegos", "Његош" and "NJEGOŠ" all find "Njegoševa"): streets of the
 * routing rules first, then addresses of earlier reports, which carry a position when they had one.
 */
export async function suggestAddresses(ctx: Ctx, q: string): Promise<{ items: AddressSuggestion[] }> {
  // Control characters (a NUL byte above all, which PostgreSQL cannot take) are never part of an address.
  if (/\p{Cc}/u.test(q)) throw invalidAs('detail.search_control_chars', {}, 'q');
  const key = streetKey(q);
  if (key.length < 2) return { items: [] };
  const padded = (k: string) => ` ${k}`;
  const streets = (await routingRuleStreets(ctx.db))
    .map((s) => ({ s, k: streetKey(s) }))
    .filter(({ k }) => k && padded(k).includes(padded(key)))
    .sort((a, b) => Number(!a.k.startsWith(key)) - Number(!b.k.startsWith(key)) || a.k.localeCompare(b.k))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ s }): AddressSuggestion => ({ label: s, source: 'street', lat: null, lon: null }));
  const seen = new Set(streets.map((s) => streetKey(s.label)));
  const addresses = (await reportAddresses(ctx.db, key, MAX_SUGGESTIONS))
    .filter((r) => !seen.has(r.address_key!))
    .map(
      (r): AddressSuggestion => ({
        label: r.address,
        source: 'report',
        lat: r.lat === null ? null : Math.round(Number(r.lat) * 1e6) / 1e6,
        lon: r.lon === null ? null : Math.round(Number(r.lon) * 1e6) / 1e6,
      }),
    );
  return { items: [...streets, ...addresses].slice(0, MAX_SUGGESTIONS) };
}
