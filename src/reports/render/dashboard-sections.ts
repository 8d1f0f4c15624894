/**
 * The dashboard's view and the drill-down list as report documents (the layout the PDF and XLSX writers
 * share, unit-sections.ts), and any document as CSV: "export any view as CSV and XLSX" (issue 15).
 */
import type { Locale, MessageKey } from '../../i18n/index.ts';
import type { DashboardOverview } from '../queries/leadership.ts';
import { formats } from './html.ts';
import type { Cell, ReportDocument, Section } from './unit-sections.ts';
import { localName } from './weekly-page.ts';

const txt = (text: string): Cell => ({ text });

export function dashboardDocument(d: DashboardOverview, locale: Locale, o: { municipality: string; timezone: string }): ReportDocument {
  const f = formats(locale, o.timezone);
  const n = (v: number): Cell => ({ text: f.int(v), value: v });
  const hrs = (v: number | null): Cell => ({ text: v === null ? '–' : f.t('dash.hours', { n: v }), value: v });
  const sh = (s: number | null): Cell => ({ text: f.share(s), value: s });
  const groupName = (g: DashboardOverview['groups'][number]) => {
    if (g.key === null) return d.by === 'area' ? f.t('dash.no_place') : d.by === 'unit' ? f.t('dash.no_unit') : '–';
    if (d.by === 'category') return localName(g.name as Record<string, string> | null, locale, g.code ?? '');
    if (d.by === 'channel') return f.t(`channel.${g.key}` as MessageKey);
    if (d.by === 'area' && 'centre' in g && g.centre) return `${g.centre.lat.toFixed(4)}, ${g.centre.lon.toFixed(4)}`;
    return String(g.name ?? g.code ?? g.key);
  };
  const figuresRow = (label: string, r: DashboardOverview['total']): Cell[] => [
    txt(label),
    n(r.received.count),
    n(r.answeredInPromise.count),
    n(r.answeredInPromise.of),
    sh(r.answeredInPromise.share),
    hrs(r.firstResponseHours.median),
    hrs(r.firstResponseHours.p90),
    hrs(r.resolutionHours.median),
    hrs(r.resolutionHours.p90),
    n(r.openNow.count),
    n(r.lateNow.count),
    sh(r.reopenRate),
    { text: r.satisfaction === null ? '–' : f.t('dash.satisfaction_of_five', { n: r.satisfaction }), value: r.satisfaction },
  ];
  const byLabel = f.t(`dash.${d.by}` as MessageKey);
  const sections: Section[] = [
    {
      title: f.t('dash.figures'),
      note: f.t('dash.answered_in_promise_hint'),
      head: [
        byLabel,
        f.t('dash.received'),
        f.t('dash.answered_in_promise'),
        f.t('reports.col_reports'),
        f.t('reports.col_share'),
        `${f.t('dash.first_answer')}: ${f.t('dash.median')}`,
        `${f.t('dash.first_answer')}: ${f.t('dash.p90')}`,
        `${f.t('dash.resolution')}: ${f.t('dash.median')}`,
        `${f.t('dash.resolution')}: ${f.t('dash.p90')}`,
        f.t('dash.open_now'),
        f.t('dash.late_now'),
        f.t('dash.reopen_rate'),
        f.t('dash.satisfaction'),
      ],
      numeric: [false, true, true, true, true, true, true, true, true, true, true, true, true],
      rows: [figuresRow(f.t('reports.total'), d.total), ...d.groups.map((g) => figuresRow(groupName(g), g))],
    },
    {
      title: f.t('dash.backlog_by_age'),
      head: [f.t('dash.age'), f.t('reports.col_count')],
      numeric: [false, true],
      rows: d.backlog.bands.map((b) => [
        txt(b.maxDays === null ? f.t('dash.age_band_open', { min: b.minDays }) : f.t('dash.age_band', { min: b.minDays, max: b.maxDays })),
        n(b.count),
      ]),
    },
    {
      title: f.t('dash.costs'),
      note: f.t('dash.costs_period', { total: f.money(d.costs.period.total), currency: d.costs.currency }),
      head: [f.t('dash.unit'), f.t('dash.category'), f.t('reports.col_kind'), f.t('dash.amount'), f.t('reports.spent_year'), f.t('reports.used_share')],
      numeric: [false, false, false, true, true, true],
      rows: d.costs.lines.map((l) => [
        txt(l.unitName),
        txt(l.category ?? f.t('reports.all_categories')),
        txt(f.t(`reports.kind.${l.kind}` as MessageKey)),
        { text: f.money(l.amount), value: l.amount },
        { text: f.money(l.spentYear), value: l.spentYear },
        sh(l.usedShare),
      ]),
    },
  ];
  return {
    title: d.focus ? f.t('dash.title_unit', { unit: d.focus.name }) : `${f.t('dash.title')}: ${o.municipality}`,
    subtitle: f.t('dash.period_line', { from: f.dateTime(d.from), to: f.dateTime(d.to), at: f.dateTime(d.at) }),
    lines: [f.t('dash.answered_in_promise_hint')],
    sections,
  };
}

export interface DrillItem {
  number: string;
  reportNo: string;
  registeredAt: Date;
  status: string;
}

export function drillDocument(
  o: { metric: string; total: number; totalAtLeast: boolean; items: DrillItem[] },
  locale: Locale,
  timezone: string,
): ReportDocument {
  const f = formats(locale, timezone);
  const title = f.t(`dash.metric.${o.metric}` as MessageKey);
  return {
    title,
    subtitle: f.t(o.totalAtLeast ? 'dash.drill_total_at_least' : 'dash.drill_total', { count: o.total }),
    lines: [],
    sections: [
      {
        title,
        head: [f.t('dash.col_number'), f.t('reports.col_report_no'), f.t('reports.col_registered'), f.t('dash.col_status')],
        numeric: [false, false, false, false],
        rows: o.items.map((i) => [txt(i.number), txt(i.reportNo), txt(f.dateTime(i.registeredAt)), txt(f.t(`status.${i.status}` as MessageKey))]),
      },
    ],
  };
}

const csvCell = (s: string) => (/[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * A document as CSV (RFC 4180, comma-separated, UTF-8 with a byte-order mark so spreadsheet programs read
 * Cyrillic right): each section as its title, header and rows, a blank line between sections. Numbers are
 * written plain (a dot before decimals, shares as fractions) so they stay numbers when read back.
 */
export function renderCsv(doc: ReportDocument): string {
  const lines: string[] = [csvCell(doc.title), csvCell(doc.subtitle), ''];
  for (const s of doc.sections) {
    lines.push(csvCell(s.title), s.head.map(csvCell).join(','));
    for (const row of s.rows)
      lines.push(row.map((c, i) => (s.numeric[i] && c.value !== undefined && c.value !== null ? String(c.value) : csvCell(c.text))).join(','));
    lines.push('');
  }
  return `\uFEFF${lines.join('\r\n')}`;
}
