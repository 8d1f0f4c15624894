/**
 * Bar charts (Chart.js, only the parts a bar chart needs, so the chunk stays small) and the late
 * reports' map (Leaflet). A chart is a picture of a table that is always shown beside it: the canvas
 * is named for screen readers and points to its table.
 */
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { navigate } from '../../router.tsx';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLOURS = ['#1f5fa8', '#c0392b', '#2e8b57', '#b8860b'];

export function BarChart({
  label,
  tableId,
  labels,
  series,
  onPick,
  stacked = false,
}: {
  label: string;
  tableId: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  /** A click on a bar opens the reports behind it. */
  onPick?: (index: number, series: number) => void;
  stacked?: boolean;
}) {
  const el = useRef<HTMLCanvasElement>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  useEffect(() => {
    const chart = new Chart(el.current!, {
      type: 'bar',
      data: { labels, datasets: series.map((s, i) => ({ label: s.name, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_e, elements) => {
          const hit = elements[0];
          if (hit) pick.current?.(hit.index, hit.datasetIndex);
        },
      },
    });
    return () => chart.destroy();
  }, [labels, series, stacked]);
  return (
    <div className="dash-chart">
      <canvas ref={el} role="img" aria-label={label} aria-describedby={tableId} />
    </div>
  );
}

export interface LatePlace {
  caseId: string;
  lat: number;
  lon: number;
  kind: 'response' | 'resolution';
  title: string;
}

export function LateMap({ label, places, tileUrl, attribution }: { label: string; places: LatePlace[]; tileUrl: string | null; attribution: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = L.map(el.current!, { zoom: 13, center: [44.8, 20.46], keyboard: true });
    if (tileUrl) L.tileLayer(tileUrl, { attribution: attribution.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`), maxZoom: 19 }).addTo(map);
    const markers = places.map((p) =>
      L.circleMarker([p.lat, p.lon], { radius: 7, color: p.kind === 'response' ? '#c0392b' : '#b8860b', fillOpacity: 0.7 })
        .bindTooltip(p.title)
        .on('click', () => navigate(`/cases/${p.caseId}`))
        .addTo(map),
    );
    if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds(), { maxZoom: 16, padding: [20, 20] });
    el.current!.setAttribute('aria-label', label);
    el.current!.setAttribute('role', 'region');
    return () => {
      map.remove();
    };
  }, [places, tileUrl, attribution, label]);
  return <div ref={el} className="dash-map" />;
}
