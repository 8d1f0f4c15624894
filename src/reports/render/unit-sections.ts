/**
 * The unit report as a list of titled tables, the one layout that the web page, the PDF and the
 * spreadsheet all render, so the three never disagree. A cell carries its text in the reader's
 * language and, for numbers, the plain value the spreadsheet stores.
 */
import type { Locale, MessageKey } from '../../i18n/index.ts';
import type { UnitReport } from '../queries/unit-report.ts';
import { formats } from './html.ts';
import { localName } from './weekly-page.ts';
import { VERDICT_NUMERIC, verdictHead, verdictRowsByCategory, verdictSentence } from './verdicts.ts';

export interface Cell {
  text: string;
  value?: number | null;
}
export interface Section {
  title: string;
  note?: string;
  head: string[];
  numeric: boolean[];
  rows: Cell[][];
}
export interface ReportDocument {
  title: string;
  subtitle: string;
  lines: string[];
  sections: Section[];
}

const txt = (text: string): Cell => ({ text });

export function unitReportDocument(r: UnitReport, locale: Locale): ReportDocument {
  const f = formats(locale, r.timezone);
  const n = (v: number): Cell => ({ text: f.int(v), value: v });
  const m = (v: number): Cell => ({ text: f.money(v), value: v });
  // Durations stay text in the spreadsheet: the page shows long ones in days, short ones in hours.
  const hrs = (v: number | null): Cell => ({ text: f.hours(v) });
  const sh = (s: { share: number | null }): Cell => ({ text: f.share(s.share), value: s.share });
  const shareRow = (label: string, s: { of: number; count: number; share: number | null }): Cell[] => [txt(label), n(s.count), n(s.of), sh(s)];
  const d = r.deadlines;
  const kind = (k: string) => f.t(`reports.kind.${k}` as MessageKey);
  const decision = (s: string) => f.t(`status.${s}` as MessageKey);
  const sections: Section[] = [
    {
      title: f.t('reports.workload'),
      head: [f.t('reports.col_metric'), f.t('reports.col_count')],
      numeric: [false, true],
      rows: [
        [txt(f.t('reports.open_at_start')), n(r.workload.openAtStart)],
        [txt(f.t('reports.received')), n(r.workload.received)],
        [txt(f.t('reports.decided_in_period')), n(r.workload.decided)],
        [txt(f.t('reports.backlog')), n(r.workload.openAtEnd)],
        [txt(f.t('reports.rerouted')), n(r.workload.rerouted)],
      ],
    },
    {
      title: f.t('reports.deadlines'),
      head: [f.t('reports.col_metric'), f.t('reports.col_count'), f.t('reports.col_reports'), f.t('reports.col_share')],
      numeric: [false, true, true, true],
      rows: [
        shareRow(f.t('reports.answered_48h'), d.answeredWithin48h),
        shareRow(f.t('reports.def.answered_within_sla.title'), d.answeredWithinSla),
        shareRow(f.t('reports.def.resolved_within_deadline.title'), d.resolvedWithinDeadline),
      ],
    },
    {
      title: f.t('reports.waiting_for_citizens'),
      note: f.t('reports.waiting_for_citizens_note'),
      head: [f.t('reports.col_metric'), f.t('reports.col_count')],
      numeric: [false, true],
      rows: [
        [txt(f.t('reports.waited_reports')), n(r.waitingForCitizens.reports)],
        [txt(f.t('reports.waited_hours')), { text: f.hours(r.waitingForCitizens.hours), value: r.waitingForCitizens.hours }],
        [txt(f.t('reports.waiting_now')), n(r.waitingForCitizens.waitingNow)],
      ],
    },
    {
      title: `${f.t('reports.first_response')} · ${f.t('reports.resolution')}`,
      head: [f.t('reports.col_metric'), f.t('reports.median'), f.t('reports.p90'), f.t('reports.col_reports')],
      numeric: [false, true, true, true],
      rows: [
        [txt(f.t('reports.first_response')), hrs(d.firstResponseHours.median), hrs(d.firstResponseHours.p90), n(d.firstResponseHours.count)],
        [txt(f.t('reports.resolution')), hrs(d.resolutionHours.median), hrs(d.resolutionHours.p90), n(d.resolutionHours.count)],
      ],
    },
    {
      title: f.t('reports.by_category'),
      head: [
        f.t('reports.col_category'),
        f.t('reports.received'),
        f.t('reports.decided_in_period'),
        f.t('reports.backlog'),
        f.t('reports.def.answered_within_sla.title'),
        `${f.t('reports.first_response')} · ${f.t('reports.median')}`,
        `${f.t('reports.resolution')} · ${f.t('reports.median')}`,
      ],
      numeric: [false, true, true, true, true, true, true],
      rows: r.byCategory.map((c) => [
        txt(localName(c.name, locale, c.code)),
        n(c.received),
        n(c.decided),
        n(c.openAtEnd),
        sh(c.answeredWithinSla),
        hrs(c.firstResponseMedian),
        hrs(c.resolutionMedian),
      ]),
    },
  ];
  if (r.byUnit.length) {
    sections.push({
      title: f.t('reports.by_unit'),
      head: [
        f.t('reports.col_unit'),
        f.t('reports.received'),
        f.t('reports.decided_in_period'),
        f.t('reports.backlog'),
        f.t('reports.def.answered_within_sla.title'),
      ],
      numeric: [false, true, true, true, true],
      rows: r.byUnit.map((u) => [txt(u.name), n(u.received), n(u.decided), n(u.openAtEnd), sh(u.answeredWithinSla)]),
    });
  }
  sections.push({
    title: f.t('reports.def.overdue.title'),
    note: `${f.t('reports.overdue_response')}: ${f.int(r.overdue.response)} · ${f.t('reports.overdue_resolution')}: ${f.int(r.overdue.resolution)} (${f.dateTime(r.overdue.at)})`,
    head: [
      f.t('reports.col_report_no'),
      f.t('reports.col_category'),
      f.t('reports.col_unit'),
      f.t('reports.col_registered'),
      f.t('reports.col_kind'),
      f.t('reports.col_deadline'),
      f.t('reports.col_age_days'),
    ],
    numeric: [false, false, false, false, false, false, true],
    rows: r.overdue.items.map((o) => [
      txt(o.reportNo),
      txt(o.category),
      txt(o.unit ?? '–'),
      txt(f.date(o.registeredAt)),
      txt(f.t(`reports.kind.${o.kind}` as MessageKey)),
      txt(f.date(o.deadline)),
      n(o.daysOverdue),
    ]),
  });
  sections.push({
    title: f.t('reports.def.field_results.title'),
    note: f.t('reports.field_results_sentence', { results: r.fieldResults.results, reports: r.fieldResults.reports }),
    head: [f.t('reports.outcomes'), f.t('reports.col_count')],
    numeric: [false, true],
    rows: r.outcomes.map((o) => [txt(decision(o.status)), n(o.count)]),
  });
  sections.push({
    title: f.t('reports.verdicts'),
    note: verdictSentence(f, r.citizenVerdicts),
    head: verdictHead(f, f.t('reports.col_category')),
    numeric: VERDICT_NUMERIC,
    rows: verdictRowsByCategory(f, r.citizenVerdicts, (c) => localName(c.name, locale, c.code)),
  });
  const c = r.costs;
  sections.push({
    title: f.t('reports.costs'),
    note: f.t('reports.hourly_rate', { rate: f.money(r.hourlyRate), currency: r.currency }),
    head: [
      f.t('reports.col_category'),
      f.t('reports.labour_hours'),
      `${f.t('reports.labour_cost')} (${r.currency})`,
      `${f.t('reports.materials')} (${r.currency})`,
      `${f.t('reports.contractor')} (${r.currency})`,
      `${f.t('reports.total')} (${r.currency})`,
    ],
    numeric: [false, true, true, true, true, true],
    rows: [
      ...c.byCategory.map((x) => [txt(localName(x.name, locale, x.code)), m(x.labourHours), m(x.labour), m(x.materials), m(x.contractor), m(x.total)]),
      [txt(f.t('reports.total')), m(c.labourHours), m(c.labour), m(c.materials), m(c.contractor), m(c.total)],
    ],
  });
  sections.push({
    title: `${f.t('reports.budget')} · ${r.budget.year}`,
    note: r.budget.lines.length ? undefined : f.t('reports.no_budget'),
    head: [
      f.t('reports.budget_line'),
      f.t('reports.col_unit'),
      `${f.t('reports.annual_budget', { year: r.budget.year })} (${r.currency})`,
      f.t('reports.spent_period'),
      f.t('reports.spent_year'),
      f.t('reports.used_share'),
    ],
    numeric: [false, false, true, true, true, true],
    rows: r.budget.lines.map((l) => [
      txt(`${l.category ? localName(l.categoryName, locale, l.category) : f.t('reports.all_categories')} · ${kind(l.kind)}`),
      txt(l.unit),
      m(l.amount),
      m(l.spentPeriod),
      m(l.spentYear),
      { text: f.share(l.usedShare), value: l.usedShare },
    ]),
  });
  return {
    title: f.t('reports.unit_title', { unit: r.unit.name }),
    subtitle: f.t('reports.unit_period', {
      period: r.period.label,
      from: f.date(r.period.firstDay + 'T12:00:00Z'),
      to: f.date(r.period.lastDay + 'T12:00:00Z'),
    }),
    lines: [
      ...(r.units.length > 1 ? [f.t('reports.includes_units', { units: r.units.map((u) => u.name).join(', ') })] : []),
      `${r.municipality} · ${f.t('reports.generated_at', { date: f.dateTime(r.generatedAt) })}`,
    ],
    sections,
  };
}
