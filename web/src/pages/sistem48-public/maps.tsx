/**
 * The Leaflet maps of the public screens, in their own chunk: the form's pin map and the map of
 * reported problems. Both work with no tiles at all (an offline machine, a poor connection): the
 * map still takes taps and keys, and every screen has a way to do the same without the map.
 */
import { useEffect, useRef } from 'react';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useI18n } from '../../i18n.ts';
import { navigate } from '../../router.tsx';
import type { MapSettings, ReportFeature } from './s48-public-api.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

// Used when the municipality has no boundary yet: somewhere sensible in the region Glas serves.
const FALLBACK_CENTRE: LatLon = { lat: 44.8, lon: 20.46 };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function createMap(el: HTMLElement, settings: MapSettings, label: string): L.Map {
  const centre = settings.centre ?? FALLBACK_CENTRE;
  // No built-in zoom control: its buttons say "Zoom in/out" in English; useZoomControl adds one in the screen's language.
  const map = L.map(el, { center: [centre.lat, centre.lon], zoom: 14, keyboard: true, attributionControl: true, zoomControl: false });
  if (settings.bounds) {
    const [w, s, e, n] = settings.bounds;
    map.fitBounds([
      [s, w],
      [n, e],
    ]);
  }
  // The attribution is configuration text, not markup: Leaflet would read it as HTML.
  L.tileLayer(settings.tileUrl, { attribution: escapeHtml(settings.attribution), maxZoom: 19 }).addTo(map);
  el.setAttribute('aria-label', label);
  el.setAttribute('role', 'region');
  return map;
}

/** The zoom buttons, titled (and named for screen readers) from the catalogue, replaced when the language changes. */
function useZoomControl(map: { current: L.Map | null }, settings: MapSettings) {
  const { t } = useI18n();
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const control = L.control.zoom({ zoomInTitle: t('s48p.zoom_in'), zoomOutTitle: t('s48p.zoom_out') }).addTo(m);
    return () => {
      if (map.current === m) control.remove();
    };
  }, [map, settings, t]);
}

// A CSS pin, not Leaflet's image icon, whose image paths do not survive bundling.
const pinIcon = () => L.divIcon({ className: 's48-pin', html: '<span></span>', iconSize: [28, 28], iconAnchor: [14, 28] });

/** The form's map: a tap or a click places the pin, which can then be dragged; `place` puts it at the centre. */
export function PickMap({
  settings,
  point,
  onPick,
  placeAtCentre,
}: {
  settings: MapSettings;
  point: LatLon | null;
  onPick: (p: LatLon) => void;
  placeAtCentre: number;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  // The map's handlers are bound once; they call the latest onPick through this ref.
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });

  useEffect(() => {
    const m = createMap(el.current!, settings, t('s48p.map_label'));
    m.on('click', (e: L.LeafletMouseEvent) => pick.current({ lat: e.latlng.lat, lon: e.latlng.lng }));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
    // The map is made once per settings; the label follows the language below.
  }, [settings]);

  useZoomControl(map, settings);
  useEffect(() => {
    el.current?.setAttribute('aria-label', t('s48p.map_label'));
  }, [t]);

  useEffect(() => {
    if (placeAtCentre && map.current) {
      const c = map.current.getCenter();
      pick.current({ lat: c.lat, lon: c.lng });
    }
  }, [placeAtCentre]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!point) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (!marker.current) {
      marker.current = L.marker([point.lat, point.lon], { draggable: true, icon: pinIcon(), keyboard: false, title: t('s48p.location') }).addTo(m);
      marker.current.on('dragend', () => {
        const p = marker.current!.getLatLng();
        pick.current({ lat: p.lat, lon: p.lng });
      });
    } else marker.current.setLatLng([point.lat, point.lon]);
    if (!m.getBounds().contains([point.lat, point.lon])) m.panTo([point.lat, point.lon]);
  }, [point, t]);

  return <div ref={el} className="s48-map s48-pick-map" data-testid="pick-map" />;
}

/** The map of reported problems; each dot opens its report. The list beside it carries the same reports. */
export function ReportsMap({
  settings,
  features,
  onBounds,
}: {
  settings: MapSettings;
  features: ReportFeature[];
  /** The area in view ([west, south, east, north]) whenever it changes: an alert can watch it. */
  onBounds?: (bbox: [number, number, number, number]) => void;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.FeatureGroup | null>(null);
  const bounds = useRef(onBounds);
  useEffect(() => {
    bounds.current = onBounds;
  });

  useEffect(() => {
    const m = createMap(el.current!, settings, t('s48p.reports_map_label'));
    map.current = m;
    layer.current = L.featureGroup().addTo(m);
    const tell = () => {
      const b = m.getBounds();
      bounds.current?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    m.on('moveend', tell);
    tell();
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, [settings]);

  useZoomControl(map, settings);
  useEffect(() => {
    el.current?.setAttribute('aria-label', t('s48p.reports_map_label'));
  }, [t]);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const dot = L.circleMarker([lat, lon], { radius: 8, weight: 2, color: '#fff', fillOpacity: 0.9, fillColor: f.properties.open ? '#b3261e' : '#2e7d32' });
      const link = document.createElement('a');
      link.href = `/problems/${f.id}`;
      link.textContent = `${f.properties.number}: ${f.properties.categoryName}`;
      link.addEventListener('click', (e) => {
        e.preventDefault();
        navigate(`/problems/${f.id}`);
      });
      const box = document.createElement('div');
      box.append(link, document.createElement('br'), f.properties.statusLabel);
      dot.bindPopup(box);
      dot.addTo(group);
    }
    // Show where the reports are, not the whole municipality with them as specks in its middle.
    if (features.length) map.current?.fitBounds(group.getBounds(), { maxZoom: 16, padding: [24, 24] });
  }, [features]);

  return <div ref={el} className="s48-map s48-reports-map" data-testid="reports-map" />;
}

/** One report's place: its dot, centred; a picture of what the address beside it already says. */
export function ReportMap({ settings, point, open }: { settings: MapSettings; point: LatLon; open: boolean }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);

  useEffect(() => {
    const m = createMap(el.current!, settings, t('door.report_map'));
    m.setView([point.lat, point.lon], 17);
    L.circleMarker([point.lat, point.lon], { radius: 10, weight: 2, color: '#fff', fillOpacity: 0.9, fillColor: open ? '#b3261e' : '#2e7d32' }).addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [settings, point.lat, point.lon, open]);

  useZoomControl(map, settings);
  useEffect(() => {
    el.current?.setAttribute('aria-label', t('door.report_map'));
  }, [t]);

  return <div ref={el} className="s48-map s48-report-map" data-testid="report-map" />;
}
