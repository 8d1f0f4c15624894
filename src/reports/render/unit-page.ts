/** The unit report as a printable web page (staff only), with links to the PDF and the spreadsheet. */
import type { Locale } from '../../i18n/index.ts';
import type { UnitReport } from '../queries/unit-report.ts';
import { formats, html, page, raw } from './html.ts';
import { barChart } from './charts.ts';
import { unitReportDocument } from './unit-sections.ts';

export function renderUnitPage(r: UnitReport, locale: Locale, path: string, query: Record<string, string>): string {
  const f = formats(locale, r.timezone);
  const doc = unitReportDocument(r, locale);
  const q = new URLSearchParams({ period: r.period.label, lang: locale }).toString();
  const workload = doc.sections[0]!;
  const chart = barChart({
    title: workload.title,
    desc: workload.rows.map((row) => `${row[0]!.text}: ${row[1]!.text}`).join('; '),
    bars: workload.rows.map((row) => ({ label: row[0]!.text, value: row[1]!.value ?? 0, display: row[1]!.text })),
  });
  const body = html`<h1>${doc.title}</h1>
<p class="meta">${doc.subtitle}</p>${doc.lines.map((l) => html`<p class="meta">${l}</p>`)}
<div class="actions"><a href="${path}/report.pdf?${q}">${f.t('reports.download_pdf')}</a><a href="${path}/report.xlsx?${q}">${f.t('reports.download_xlsx')}</a><a href="/reports/definitions?lang=${locale}">${f.t('reports.nav_definitions')}</a></div>
${doc.sections.map(
  (s, i) => html`<section><h2>${s.title}</h2>${s.note ? html`<p>${s.note}</p>` : ''}
${i === 0 ? html`<div class="figure"><div>${raw(chart)}</div><div>${table(s)}</div></div>` : s.rows.length ? table(s) : html`<p>${f.t('reports.no_data')}</p>`}</section>`,
)}`;
  return page({ locale, title: doc.title, municipality: r.municipality, municipalityCyrillic: r.municipalityCyrillic, path, query, body });
}

function table(s: ReturnType<typeof unitReportDocument>['sections'][number]) {
  return html`<table><caption>${s.title}</caption><thead><tr>${s.head.map((h, i) => html`<th scope="col"${raw(s.numeric[i] ? ' class="n"' : '')}>${h}</th>`)}</tr></thead>
<tbody>${s.rows.map((row) => html`<tr>${row.map((c, i) => (i === 0 ? html`<th scope="row">${c.text}</th>` : html`<td${raw(s.numeric[i] ? ' class="n"' : '')}>${c.text}</td>`))}</tr>`)}</tbody></table>`;
}
