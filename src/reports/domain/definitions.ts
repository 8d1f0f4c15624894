import { t, type Locale, type MessageKey } from '../../i18n/index.ts';

/** The public promise of Sistem 48: every report gets an answer within 48 hours, on the calendar clock. */
export const ANSWER_WINDOW_HOURS = 48;
/** How many of the oldest open reports the weekly overview lists. */
export const OLDEST_OPEN_ITEMS = 10;
/** How many weeks the trend of the weekly overview covers, the published week included. */
export const TREND_WEEKS = 12;
/**
 * A unit (or category, channel, area) with fewer reports than this whose answer deadline counts is not
 * ranked against the others: its share would say more about chance than about the unit's work.
 */
export const MIN_PUBLIC_GROUP = 10;
/** Version of the stored overview's JSON shape; bump it (and keep reading old ones) when the shape changes. */
export const OVERVIEW_SCHEMA_VERSION = 1;
/** The statuses that count as a decision ("resolved" in the broad sense). */
export const FIGURE_IDS = [
  'received',
  'answered_within_48h',
  'first_response_time',
  'resolution_time',
  'open_backlog',
  'oldest_open',
  'rerouted_share',
  'answered_within_sla',
  'resolved_within_deadline',
  'overdue',
  'field_results',
  'costs',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface FigureDefinition {
  id: FigureId;
  /** What the number is: a count, a share of a count, a duration (median and 90th percentile), or money. */
  kind: 'count' | 'share' | 'duration' | 'list' | 'money';
  /** The stored timestamps (table.column) the figure reads. */
  timestamps: readonly string[];
  /** Every duration is measured in calendar hours: nights, weekends and holidays count. */
  clock: 'calendar' | null;
  /** Whether reports merged into another one (duplicates) are left out. */
  excludesDuplicates: boolean;
}

export const DEFINITIONS: Readonly<Record<FigureId, FigureDefinition>> = {
  received: { id: 'received', kind: 'count', timestamps: ['cases.registered_at'], clock: null, excludesDuplicates: false },
  answered_within_48h: {
    id: 'answered_within_48h',
    kind: 'share',
    timestamps: ['cases.registered_at', 'problem_reports.responded_at'],
    clock: 'calendar',
    excludesDuplicates: true,
  },
  first_response_time: {
    id: 'first_response_time',
    kind: 'duration',
    timestamps: ['cases.registered_at', 'problem_reports.responded_at'],
    clock: 'calendar',
    excludesDuplicates: true,
  },
  resolution_time: {
    id: 'resolution_time',
    kind: 'duration',
    timestamps: ['cases.registered_at', 'case_decisions.decided_at'],
    clock: 'calendar',
    excludesDuplicates: true,
  },
  open_backlog: { id: 'open_backlog', kind: 'count', timestamps: ['cases.registered_at', 'cases.closed_at'], clock: null, excludesDuplicates: true },
  oldest_open: { id: 'oldest_open', kind: 'list', timestamps: ['cases.registered_at', 'cases.closed_at'], clock: 'calendar', excludesDuplicates: true },
  rerouted_share: { id: 'rerouted_share', kind: 'share', timestamps: ['cases.registered_at'], clock: null, excludesDuplicates: false },
  answered_within_sla: {
    id: 'answered_within_sla',
    kind: 'share',
    timestamps: ['problem_reports.first_response_due_at', 'problem_reports.responded_at'],
    clock: null,
    excludesDuplicates: true,
  },
  resolved_within_deadline: {
    id: 'resolved_within_deadline',
    kind: 'share',
    timestamps: ['case_decisions.decided_at', 'cases.due_at'],
    clock: null,
    excludesDuplicates: true,
  },
  overdue: {
    id: 'overdue',
    kind: 'count',
    timestamps: ['problem_reports.first_response_due_at', 'problem_reports.responded_at', 'cases.due_at', 'cases.closed_at'],
    clock: null,
    excludesDuplicates: true,
  },
  field_results: { id: 'field_results', kind: 'count', timestamps: ['case_events.occurred_at'], clock: null, excludesDuplicates: false },
  costs: { id: 'costs', kind: 'money', timestamps: ['report_costs.recorded_at'], clock: null, excludesDuplicates: false },
};

export interface PublishedDefinition extends FigureDefinition {
  title: string;
  text: string;
}

/** The definitions as published: each with its title and its full wording in the reader's language. */
export function definitionsIn(locale: Locale, params: { hourlyRate: number; currency: string }): PublishedDefinition[] {
  const p = {
    hours: ANSWER_WINDOW_HOURS,
    oldest: OLDEST_OPEN_ITEMS,
    weeks: TREND_WEEKS,
    rate: params.hourlyRate,
    currency: params.currency,
    min: MIN_PUBLIC_GROUP,
  };
  return FIGURE_IDS.map((id) => ({
    ...DEFINITIONS[id],
    title: t(locale, `reports.def.${id}.title` as MessageKey, p),
    text: t(locale, `reports.def.${id}.text` as MessageKey, p),
  }));
}
