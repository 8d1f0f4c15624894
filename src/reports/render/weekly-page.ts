/** The weekly public overview as a page: each figure a chart with its table beside it. */
import { latToCyr, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { WeeklyOverview } from '../domain/overview.ts';
import { barChart, lineChart, shareBar } from './charts.ts';
import { formats, html, page, raw, type Formats, type Html } from './html.ts';
import type { CitizenVerdicts } from '../domain/verdicts.ts';
import { VERDICT_NUMERIC, verdictHead, verdictRowsByCategory, verdictRowsByUnit, verdictSentence } from './verdicts.ts';

/** A localised name from a {locale: text} map, falling back to Serbian Latin (transliterated for Cyrillic), English, then anything. */
export function localName(name: Record<string, string> | null | undefined, locale: Locale, fallback = ''): string {
  if (!name) return fallback;
  if (name[locale]) return name[locale]!;
  if (locale === 'sr-Cyrl' && name['sr-Latn']) return latToCyr(name['sr-Latn']);
  return name['sr-Latn'] ?? name.en ?? Object.values(name)[0] ?? fallback;
}

export const channelName = (f: Formats, channel: string) => f.t(`channel.${channel}` as MessageKey);

function table(caption: string, head: string[], rows: (string | number)[][], numeric: boolean[]): Html {
  return html`<div class="scroll"><table><caption>${caption}</caption><thead><tr>${head.map((h, i) => html`<th scope="col"${raw(numeric[i] ? ' class="n"' : '')}>${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td${raw(numeric[i] ? ' class="n"' : '')}>${c}</td>`))}</tr>`)}</tbody></table></div>`;
}

function figure(chart: string, tbl: Html): Html {
  return html`<div class="figure"><div>${raw(chart)}</div><div>${tbl}</div></div>`;
}

function countSection(f: Formats, title: string, head: string, rows: { label: string; count: number }[], total: number): Html {
  if (!rows.length) return html`<h3>${title}</h3><p>${f.t('reports.no_data')}</p>`;
  const share = (n: number) => f.share(total ? n / total : null);
  const bars = rows.map((r) => ({ label: r.label, value: r.count, display: f.int(r.count) }));
  const desc = rows.map((r) => `${r.label}: ${f.int(r.count)}`).join('; ');
  return html`<h3>${title}</h3>${figure(
    barChart({ title, desc, bars }),
    table(
      title,
      [head, f.t('reports.col_count'), f.t('reports.col_share')],
      rows.map((r) => [r.label, f.int(r.count), share(r.count)]),
      [false, true, true],
    ),
  )}`;
}

function verdictSection(f: Formats, v: CitizenVerdicts, locale: Locale): Html {
  const tbl = (first: string, rows: { text: string }[][]) =>
    rows.length
      ? table(
          `${f.t('reports.verdicts')} · ${first}`,
          verdictHead(f, first),
          rows.map((r) => r.map((c) => c.text)),
          VERDICT_NUMERIC,
        )
      : '';
  return html`<section aria-labelledby="s-verdicts"><h2 id="s-verdicts">${f.t('reports.verdicts')}</h2>
<p>${verdictSentence(f, v)}</p>
${tbl(f.t('reports.col_unit'), verdictRowsByUnit(f, v))}
${tbl(
  f.t('reports.col_category'),
  verdictRowsByCategory(f, v, (c) => localName(c.name, locale, c.code)),
)}
</section>`;
}

export interface WeeklyPageLinks {
  previous: string | null;
  next: string | null;
  json: string;
  csv: string;
  geojson: string;
}

export function renderWeeklyPage(o: WeeklyOverview, locale: Locale, links: WeeklyPageLinks, path: string, municipalityCyrillic?: string): string {
  const f = formats(locale, o.timezone);
  const lastDay = new Date(new Date(o.periodEnd).getTime() - 1);
  const title = f.t('reports.weekly_title', { week: o.week });
  const a = o.answeredWithin48h;
  const durations = [
    { label: f.t('reports.first_response'), d: o.firstResponseHours },
    { label: f.t('reports.resolution'), d: o.resolutionHours },
  ];
  const durationBars = durations.flatMap(({ label, d }) => [
    { label: `${label} · ${f.t('reports.median')}`, value: d.median ?? 0, display: f.hours(d.median) },
    { label: `${label} · ${f.t('reports.p90')}`, value: d.p90 ?? 0, display: f.hours(d.p90) },
  ]);
  const trend = o.trend;
  const weekLabel = (w: string) => w.slice(5);

  const body = html`
<h1>${title}</h1>
<p class="meta">${f.t('reports.weekly_period', { from: f.date(o.periodStart), to: f.date(lastDay), timezone: o.timezone })} · ${f.t('reports.published_at', { date: f.dateTime(o.generatedAt) })}</p>
<div class="pager">
  <span>${links.previous ? html`<a href="${links.previous}" rel="prev">← ${f.t('reports.previous_week')}</a>` : ''}</span>
  <span>${links.next ? html`<a href="${links.next}" rel="next">${f.t('reports.next_week')} →</a>` : ''}</span>
</div>
<div class="actions"><a href="${links.json}">JSON</a><a href="${links.csv}">CSV</a><a href="${links.geojson}">GeoJSON</a><a href="/reports/definitions?lang=${locale}">${f.t('reports.nav_definitions')}</a></div>

<div class="cards">
  <div class="card"><div class="label">${f.t('reports.received')}</div><div class="big">${f.int(o.received.total)}</div></div>
  <div class="card"><div class="label">${f.t('reports.answered_48h')}</div><div class="big">${f.share(a.share)}</div><div class="small">${f.int(a.count)} / ${f.int(a.of)}</div></div>
  <div class="card"><div class="label">${f.t('reports.first_response')} · ${f.t('reports.median')}</div><div class="big">${f.hours(o.firstResponseHours.median)}</div></div>
  <div class="card"><div class="label">${f.t('reports.resolution')} · ${f.t('reports.median')}</div><div class="big">${f.hours(o.resolutionHours.median)}</div></div>
  <div class="card"><div class="label">${f.t('reports.backlog')}</div><div class="big">${f.int(o.backlog.open)}</div></div>
</div>

<section aria-labelledby="s-received"><h2 id="s-received">${f.t('reports.received')}</h2>
<p>${f.t('reports.received_sentence', { n: o.received.total })}</p>
${countSection(
  f,
  f.t('reports.by_category'),
  f.t('reports.col_category'),
  o.received.byCategory.map((c) => ({ label: localName(c.name, locale, c.code), count: c.count })),
  o.received.total,
)}
${countSection(
  f,
  f.t('reports.by_unit'),
  f.t('reports.col_unit'),
  o.received.byUnit.map((u) => ({ label: u.name ?? f.t('reports.unassigned'), count: u.count })),
  o.received.total,
)}
${countSection(
  f,
  f.t('reports.by_channel'),
  f.t('reports.col_channel'),
  o.received.byChannel.map((c) => ({ label: channelName(f, c.channel), count: c.count })),
  o.received.total,
)}
</section>

<section aria-labelledby="s-48"><h2 id="s-48">${f.t('reports.answered_48h')}</h2>
<p>${f.t('reports.answered_48h_sentence', { of: a.of, count: a.count, share: f.share(a.share) })}</p>
${figure(
  shareBar({
    title: f.t('reports.answered_48h'),
    desc: f.t('reports.answered_48h_sentence', { of: a.of, count: a.count, share: f.share(a.share) }),
    parts: [
      { label: f.t('reports.answered_in_time'), value: a.count, display: f.int(a.count), good: true },
      { label: f.t('reports.answered_late'), value: a.of - a.count, display: f.int(a.of - a.count), good: false },
    ],
  }),
  table(
    f.t('reports.answered_48h'),
    [f.t('reports.col_metric'), f.t('reports.col_count'), f.t('reports.col_share')],
    [
      [f.t('reports.answered_in_time'), f.int(a.count), f.share(a.share)],
      [f.t('reports.answered_late'), f.int(a.of - a.count), f.share(a.share === null ? null : 1 - a.share)],
      [f.t('reports.total'), f.int(a.of), a.of ? f.share(1) : '–'],
    ],
    [false, true, true],
  ),
)}
</section>

<section aria-labelledby="s-times"><h2 id="s-times">${f.t('reports.first_response')} · ${f.t('reports.resolution')}</h2>
${figure(
  barChart({
    title: `${f.t('reports.first_response')} · ${f.t('reports.resolution')}`,
    desc: durationBars.map((b) => `${b.label}: ${b.display}`).join('; '),
    bars: durationBars,
  }),
  table(
    `${f.t('reports.first_response')} · ${f.t('reports.resolution')}`,
    [f.t('reports.col_metric'), f.t('reports.median'), f.t('reports.p90'), f.t('reports.col_reports')],
    durations.map(({ label, d }) => [label, f.hours(d.median), f.hours(d.p90), f.int(d.count)]),
    [false, true, true, true],
  ),
)}
</section>

<section aria-labelledby="s-backlog"><h2 id="s-backlog">${f.t('reports.backlog')}</h2>
<p>${f.t('reports.backlog_sentence', { n: o.backlog.open })}</p>
<h3>${f.t('reports.oldest')}</h3>
${
  o.backlog.oldest.length
    ? table(
        f.t('reports.oldest'),
        [f.t('reports.col_report_no'), f.t('reports.col_category'), f.t('reports.col_unit'), f.t('reports.col_registered'), f.t('reports.col_age_days')],
        o.backlog.oldest.map((x) => [
          x.reportNo,
          localName(x.categoryName, locale, x.category),
          x.unitName ?? f.t('reports.unassigned'),
          f.date(x.registeredOn + 'T12:00:00Z'),
          f.int(x.ageDays),
        ]),
        [false, false, false, false, true],
      )
    : html`<p>${f.t('reports.no_data')}</p>`
}
</section>

<section aria-labelledby="s-rerouted"><h2 id="s-rerouted">${f.t('reports.rerouted')}</h2>
<p>${f.t('reports.rerouted_sentence', { count: o.rerouted.count, of: o.rerouted.of, share: f.share(o.rerouted.share) })}</p>
</section>
${o.citizenVerdicts ? verdictSection(f, o.citizenVerdicts, locale) : ''}

<section aria-labelledby="s-trend"><h2 id="s-trend">${f.t('reports.trend')}</h2>
${figure(
  lineChart({
    title: `${f.t('reports.trend')}: ${f.t('reports.received')}`,
    desc: trend.map((p) => `${p.week}: ${f.int(p.received)}`).join('; '),
    points: trend.map((p) => ({ label: weekLabel(p.week), value: p.received })),
    format: (v) => f.int(v),
  }),
  html`${raw(
    lineChart({
      title: `${f.t('reports.trend')}: ${f.t('reports.answered_48h')}`,
      desc: trend.map((p) => `${p.week}: ${f.share(p.answeredWithin48hShare)}`).join('; '),
      points: trend.map((p) => ({ label: weekLabel(p.week), value: p.answeredWithin48hShare })),
      format: (v) => f.share(v),
      max: 1,
      width: 400,
    }),
  )}`,
)}
${table(
  f.t('reports.trend'),
  [
    f.t('reports.col_week'),
    f.t('reports.received'),
    f.t('reports.answered_48h'),
    `${f.t('reports.first_response')} · ${f.t('reports.median')}`,
    `${f.t('reports.resolution')} · ${f.t('reports.median')}`,
    f.t('reports.backlog'),
  ],
  trend.map((p) => [
    p.week,
    f.int(p.received),
    f.share(p.answeredWithin48hShare),
    f.hours(p.firstResponseMedianHours),
    f.hours(p.resolutionMedianHours),
    f.int(p.openBacklog),
  ]),
  [false, true, true, true, true, true],
)}
</section>`;
  return page({ locale, title, municipality: o.municipality, municipalityCyrillic, path, body, licence: o.licence });
}

export function renderMissingWeek(o: {
  locale: Locale;
  municipality: string;
  municipalityCyrillic?: string | undefined;
  timezone: string;
  week: string | null;
  path: string;
  licence: string;
}): string {
  const f = formats(o.locale, o.timezone);
  const text = o.week ? f.t('reports.not_published', { week: o.week }) : f.t('reports.none_published');
  return page({
    locale: o.locale,
    title: f.t('reports.nav_weekly'),
    municipality: o.municipality,
    municipalityCyrillic: o.municipalityCyrillic,
    path: o.path,
    licence: o.licence,
    body: html`<h1>${f.t('reports.nav_weekly')}</h1><p>${text}</p><p><a href="/reports/weekly?lang=${o.locale}">${f.t('reports.archive_title')}</a></p>`,
  });
}

export function renderArchive(o: {
  locale: Locale;
  municipality: string;
  municipalityCyrillic?: string | undefined;
  timezone: string;
  licence: string;
  weeks: { week: string; start: Date; end: Date }[];
}): string {
  const f = formats(o.locale, o.timezone);
  const body = html`<h1>${f.t('reports.archive_title')}</h1>
${o.weeks.length ? html`<ul>${o.weeks.map((w) => html`<li><a href="/reports/weekly/${w.week}?lang=${o.locale}">${w.week}</a> · ${f.date(w.start)} – ${f.date(new Date(w.end.getTime() - 1))}</li>`)}</ul>` : html`<p>${f.t('reports.none_published')}</p>`}`;
  return page({
    locale: o.locale,
    title: f.t('reports.archive_title'),
    municipality: o.municipality,
    municipalityCyrillic: o.municipalityCyrillic,
    path: '/reports/weekly',
    body,
    licence: o.licence,
  });
}
