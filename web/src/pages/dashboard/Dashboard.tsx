/**
 * The leadership dashboard (issue 15): a period and a scope (the municipality or a unit, a category,
 * a channel, an area), split by unit, category, channel or area. Every figure links to the list of the
 * reports behind it; every chart has its table; the view downloads as CSV and XLSX. Also the meeting
 * view (units side by side, one in focus, with its unit report) and the drill-down list.
 */
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { CHANNELS, type CaseStatus } from '../../../../src/kernel/types.ts';
import { ApiError } from '../../api.ts';
import { ws, type Category } from '../../api-workspace.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.ts';
import { Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { dayStart, instantToDay } from '../../tz.ts';
import { useMapSettings } from '../sistem48-public/shared.tsx';
import { BarChart, LateMap } from './Charts.tsx';
import { dashApi, drillHref, exportUrl, queryOf, type DrillPage, type Figures, type Group, type Overview, type Query, type ReportUnit } from './dash-api.ts';
import './dashboard.css';
import { DateInput } from '../../components/DateInput.tsx';

const BY = ['unit', 'category', 'channel', 'area'] as const;
const VIEW_KEYS = ['from', 'to', 'unitId', 'categoryId', 'channel', 'area', 'by'] as const;
const DRILL_KEYS = ['metric', 'unitId', 'categoryId', 'channel', 'from', 'to', 'cell', 'cellM', 'minAgeDays', 'maxAgeDays'] as const;

function useTimeZone() {
  return useMapSettings()?.timeZone ?? 'Europe/Belgrade';
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The API query of the address: days (in the municipality) become instants; the end day is included. */
function apiQuery(q: Query, timeZone: string): Query {
  const out: Query = { ...q };
  out.from = q.from ? (dayStart(q.from, timeZone) ?? undefined) : undefined;
  out.to = q.to ? (dayStart(nextDay(q.to), timeZone) ?? undefined) : undefined;
  return out;
}

function useUnitsAndCategories() {
  const [units, setUnits] = useState<ReportUnit[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    dashApi.units().then(
      (r) => setUnits(r.items),
      () => {},
    );
    ws.categories().then(
      (r) => setCategories(r.items),
      () => {},
    );
  }, []);
  return { units, categories };
}

function Figure({ label, children, to, hint }: { label: string; children: ReactNode; to: string; hint?: string }) {
  return (
    <div className="dash-figure">
      <div className="dash-figure-label">{label}</div>
      <Link to={drillHref(to)} className="dash-figure-value">
        {children}
      </Link>
      {hint ? <div className="dash-figure-hint">{hint}</div> : null}
    </div>
  );
}

function useFormat() {
  const { intlLocale, t } = useI18n();
  return useMemo(() => {
    const int = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
    const one = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
    const pct = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 1 });
    const money = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return {
      int: (n: number) => int.format(n),
      share: (s: number | null) => (s === null ? '–' : pct.format(s)),
      hours: (h: number | null) => (h === null ? '–' : t('dash.hours', { n: one.format(h) })),
      /** The citizens' average rating, on its scale of 1 to 5. */
      rating: (r: number | null) => (r === null ? '–' : t('dash.satisfaction_of_five', { n: one.format(r) })),
      money: (n: number) => money.format(n),
    };
  }, [intlLocale, t]);
}

export function Dashboard({ meeting = false }: { meeting?: boolean }) {
  const { t, locale, localName, dateTime } = useI18n();
  const { query } = useLocation();
  const timeZone = useTimeZone();
  const map = useMapSettings();
  const fmt = useFormat();
  const { units, categories } = useUnitsAndCategories();
  const { me } = useSession();
  const view = queryOf(query, VIEW_KEYS);
  const focus = meeting ? (query.get('focus') ?? '') : '';
  if (meeting) {
    view.by = 'unit';
    delete view.unitId;
  }
  // A unit head reads their own units: their unit is the scope unless they chose one below it.
  if (me.role === 'unit_head' && !view.unitId && me.unitId) view.unitId = me.unitId;
  const key = JSON.stringify(view);
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = meeting ? t('dash.meeting') : t('dash.title');
  useTitle(title);
  useEffect(() => {
    setError(null);
    dashApi.overview(apiQuery(JSON.parse(key) as Query, timeZone)).then(setData, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [key, timeZone]);

  const today = instantToDay(new Date(), timeZone);
  const from = view.from ?? (data ? instantToDay(data.from, timeZone) : '');
  const to = view.to ?? (data ? instantToDay(new Date(new Date(data.to).getTime() - 1), timeZone) : today);
  const path = meeting ? '/dashboard/meeting' : '/dashboard';
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const [k, v] of f.entries()) if (typeof v === 'string' && v) q.set(k, v);
    navigate(`${path}?${q.toString()}`);
  };
  const exportQuery = { ...apiQuery(view, timeZone), lang: locale };
  const groupName = (g: Group): string => {
    if (!data) return '';
    if (g.key === null) return data.by === 'area' ? t('dash.no_place') : data.by === 'unit' ? t('dash.no_unit') : '–';
    if (data.by === 'category') return localName(g.name as Record<string, string> | null);
    if (data.by === 'channel') return t(`channel.${g.key}` as MessageKey);
    if (data.by === 'area' && 'centre' in g && g.centre) return `${g.centre.lat.toFixed(4)}, ${g.centre.lon.toFixed(4)}`;
    return String(g.name ?? g.code ?? g.key);
  };
  const periodName = from && to ? `${from}..${to}` : undefined;
  const focusUnit = units.find((u) => u.id === focus);

  return (
    <>
      <PageTitle>{data?.focus ? t('dash.title_unit', { unit: data.focus.name }) : title}</PageTitle>
      <nav className="dash-tabs" aria-label={t('dash.nav')}>
        <Link to={`/dashboard?${new URLSearchParams(view as Record<string, string>).toString()}`} aria-current={meeting ? undefined : 'page'}>
          {t('dash.title')}
        </Link>
        <Link
          to={`/dashboard/meeting?${new URLSearchParams({ ...(view as Record<string, string>), ...(focus ? { focus } : {}) }).toString()}`}
          aria-current={meeting ? 'page' : undefined}
        >
          {t('dash.meeting')}
        </Link>
        <a href="/reports/definitions" target="_blank" rel="noreferrer">
          {t('dash.how_we_count')}
        </a>
      </nav>
      <form className="dash-filters" onSubmit={submit} key={key + (data ? 'd' : '')}>
        <label htmlFor="dash-from">
          <span>{t('dash.from')}</span>
          <DayField name="from" initial={from} testId="dash-from" />
        </label>
        <label htmlFor="dash-to">
          <span>{t('dash.to')}</span>
          <DayField name="to" initial={to} testId="dash-to" />
        </label>
        {meeting ? (
          <label>
            <span>{t('dash.meeting_focus')}</span>
            <select name="focus" defaultValue={focus} data-testid="dash-focus">
              <option value="">–</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            <span>{t('dash.unit')}</span>
            <select name="unitId" defaultValue={view.unitId ?? ''} data-testid="dash-unit">
              <option value="">{t('dash.whole_municipality')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{t('dash.category')}</span>
          <select name="categoryId" defaultValue={view.categoryId ?? ''}>
            <option value="">{t('dash.all')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('dash.channel')}</span>
          <select name="channel" defaultValue={view.channel ?? ''}>
            <option value="">{t('dash.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {view.area ? <input type="hidden" name="area" value={view.area} /> : null}
        {meeting ? null : (
          <label>
            <span>{t('dash.by')}</span>
            <select name="by" defaultValue={view.by ?? 'unit'} data-testid="dash-by">
              {BY.map((b) => (
                <option key={b} value={b}>
                  {t(`dash.${b}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit">{t('dash.show')}</button>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {!data ? (
        <Loading />
      ) : (
        <>
          <p className="dash-period">{t('dash.period_line', { from: dateTime(data.from), to: dateTime(data.to), at: dateTime(data.at) })}</p>
          <div className="dash-exports">
            <a href={exportUrl.overview(exportQuery, 'csv')} download data-testid="dash-csv">
              {t('dash.export_csv')}
            </a>
            <a href={exportUrl.overview(exportQuery, 'xlsx')} download data-testid="dash-xlsx">
              {t('dash.export_xlsx')}
            </a>
          </div>
          {meeting ? (
            <MeetingReport unitId={focus} unitName={focusUnit?.name ?? null} period={periodName} />
          ) : (
            <>
              <Headline f={data.total} data={data} fmt={fmt} />
              {data.focus ? <MeetingReport unitId={data.focus.id} unitName={data.focus.name} period={periodName} /> : null}
            </>
          )}
          <section aria-labelledby="dash-groups-title">
            <h2 id="dash-groups-title">
              {t('dash.figures')}: {t(`dash.${data.by}` as MessageKey)}
            </h2>
            <BarChart
              label={`${t('dash.received')}, ${t('dash.late_now')}: ${t(`dash.${data.by}` as MessageKey)}`}
              tableId="dash-groups"
              labels={data.groups.slice(0, 20).map(groupName)}
              series={[
                { name: t('dash.received'), values: data.groups.slice(0, 20).map((g) => g.received.count) },
                { name: t('dash.late_now'), values: data.groups.slice(0, 20).map((g) => g.lateNow.count) },
              ]}
              onPick={(i, s) => {
                const g = data.groups[i];
                if (g) navigate(drillHref(s === 0 ? g.received.cases : g.lateNow.cases));
              }}
            />
            <GroupsTable data={data} groupName={groupName} focus={focus} fmt={fmt} />
          </section>
          <section aria-labelledby="dash-age-title">
            <h2 id="dash-age-title">{t('dash.backlog_by_age')}</h2>
            <BarChart
              label={t('dash.backlog_by_age')}
              tableId="dash-age"
              labels={data.backlog.bands.map((b) => bandName(b, t))}
              series={[{ name: t('dash.open_now'), values: data.backlog.bands.map((b) => b.count) }]}
              onPick={(i) => {
                const b = data.backlog.bands[i];
                if (b) navigate(drillHref(b.cases));
              }}
            />
            <table id="dash-age" className="data-table">
              <caption>{t('dash.chart_as_table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dash.age')}</th>
                  <th scope="col">{t('dash.open_now')}</th>
                </tr>
              </thead>
              <tbody>
                {data.backlog.bands.map((b) => (
                  <tr key={b.minDays}>
                    <th scope="row">{bandName(b, t)}</th>
                    <td className="num">
                      <Link to={drillHref(b.cases)}>{fmt.int(b.count)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="dash-map-title">
            <h2 id="dash-map-title">{t('dash.late_map')}</h2>
            <p>
              <Link to={drillHref(data.backlog.late.cases)}>{t('dash.late_map_count', { count: data.latePlaces.length })}</Link>
            </p>
            {data.latePlaces.length ? (
              <LateMap
                label={`${t('dash.late_map')}: ${t('dash.late_map_count', { count: data.latePlaces.length })}`}
                tileUrl={map?.tileUrl ?? null}
                attribution={map?.attribution ?? ''}
                places={data.latePlaces.map((p) => ({ ...p, title: `${p.category} · ${p.unit ?? ''} · ${t(`reports.kind.${p.kind}` as MessageKey)}` }))}
              />
            ) : null}
          </section>
          <Costs data={data} fmt={fmt} />
        </>
      )}
    </>
  );
}

function bandName(b: { minDays: number; maxDays: number | null }, t: (k: MessageKey, p?: Record<string, string | number>) => string) {
  return b.maxDays === null ? t('dash.age_band_open', { min: b.minDays }) : t('dash.age_band', { min: b.minDays, max: b.maxDays });
}

type Fmt = ReturnType<typeof useFormat>;

function Headline({ f, data, fmt }: { f: Figures; data: Overview; fmt: Fmt }) {
  const { t } = useI18n();
  return (
    <div className="dash-headline" data-testid="dash-headline">
      <Figure label={t('dash.received')} to={f.received.cases}>
        {fmt.int(f.received.count)}
      </Figure>
      <Figure
        label={t('dash.answered_in_promise')}
        to={f.answeredInPromise.cases}
        hint={`${t('dash.share_of', { count: f.answeredInPromise.count, of: f.answeredInPromise.of })}. ${t('dash.answered_in_promise_hint')}`}
      >
        <span data-testid="dash-answered-share">{fmt.share(f.answeredInPromise.share)}</span>
      </Figure>
      <Figure label={t('dash.missed')} to={f.answeredInPromise.missed.cases}>
        {fmt.int(f.answeredInPromise.missed.count)}
      </Figure>
      <Figure
        label={`${t('dash.first_answer')} (${t('dash.median')} / ${t('dash.p90')})`}
        to={f.firstResponseHours.cases}
        hint={data.percentiles === 'binned' ? t('dash.percentiles_binned_hint') : undefined}
      >
        {fmt.hours(f.firstResponseHours.median)} / {fmt.hours(f.firstResponseHours.p90)}
      </Figure>
      <Figure label={`${t('dash.resolution')} (${t('dash.median')} / ${t('dash.p90')})`} to={f.resolutionHours.cases}>
        {fmt.hours(f.resolutionHours.median)} / {fmt.hours(f.resolutionHours.p90)}
      </Figure>
      <Figure label={t('dash.open_now')} to={f.openNow.cases}>
        {fmt.int(f.openNow.count)}
      </Figure>
      <Figure label={t('dash.late_now')} to={f.lateNow.cases}>
        <span data-testid="dash-late-now">{fmt.int(f.lateNow.count)}</span>
      </Figure>
      {data.reopenRate !== null ? (
        <div className="dash-figure">
          <div className="dash-figure-label">{t('dash.reopen_rate')}</div>
          <div className="dash-figure-value" data-testid="dash-reopen-rate">
            {fmt.share(data.reopenRate)}
          </div>
        </div>
      ) : null}
      {data.satisfaction !== null ? (
        <div className="dash-figure">
          <div className="dash-figure-label">{t('dash.satisfaction')}</div>
          <div className="dash-figure-value" data-testid="dash-satisfaction">
            {fmt.rating(data.satisfaction)}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function GroupsTable({ data, groupName, focus, fmt }: { data: Overview; groupName: (g: Group) => string; focus: string; fmt: Fmt }) {
  const { t } = useI18n();
  const cell = (n: number, to: string) => (
    <td className="num">
      <Link to={drillHref(to)}>{fmt.int(n)}</Link>
    </td>
  );
  // "Is it fixed?" columns only when some answer was given (they are unknown for a channel or area split).
  const verdicts = [data.total, ...data.groups].some((g) => g.reopenRate !== null || g.satisfaction !== null);
  return (
    <div className="table-scroll">
      <table id="dash-groups" className="data-table" data-testid="dash-groups">
        <caption>{t('dash.chart_as_table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`dash.${data.by}` as MessageKey)}</th>
            <th scope="col">{t('dash.received')}</th>
            <th scope="col">{t('dash.answered_in_promise')}</th>
            <th scope="col">{t('dash.missed')}</th>
            <th scope="col">
              {t('dash.first_answer')} ({t('dash.median')} / {t('dash.p90')})
            </th>
            <th scope="col">
              {t('dash.resolution')} ({t('dash.median')} / {t('dash.p90')})
            </th>
            <th scope="col">{t('dash.open_now')}</th>
            <th scope="col">{t('dash.late_now')}</th>
            {verdicts ? <th scope="col">{t('dash.reopen_rate')}</th> : null}
            {verdicts ? <th scope="col">{t('dash.satisfaction')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {[{ ...data.total, key: '__total', ranked: true } as Group & { key: string }, ...data.groups].map((g) => {
            const total = g.key === '__total';
            const inFocus = !total && focus !== '' && g.key === focus;
            return (
              <tr key={String(g.key)} className={inFocus ? 'dash-focus' : total ? 'dash-total' : undefined} aria-current={inFocus ? 'true' : undefined}>
                <th scope="row">
                  {total ? (
                    t('reports.total')
                  ) : data.by === 'area' && g.key ? (
                    <Link
                      to={`/dashboard?${new URLSearchParams({
                        ...Object.fromEntries(
                          Object.entries(data.filter)
                            .filter(([, v]) => v !== null)
                            .map(([k, v]) => [k, String(v)]),
                        ),
                        area: g.key,
                        by: 'category',
                      }).toString()}`}
                    >
                      {groupName(g)}
                    </Link>
                  ) : (
                    groupName(g)
                  )}
                  {inFocus ? <strong className="dash-focus-mark"> ({t('dash.in_focus')})</strong> : null}
                </th>
                {cell(g.received.count, g.received.cases)}
                <td className="num">
                  <Link to={drillHref(g.answeredInPromise.cases)}>{fmt.share(g.answeredInPromise.share)}</Link>{' '}
                  <span className="muted">({t('dash.share_of', { count: g.answeredInPromise.count, of: g.answeredInPromise.of })})</span>
                  {!g.ranked ? <span className="muted"> · {t('dash.too_few')}</span> : null}
                </td>
                {cell(g.answeredInPromise.missed.count, g.answeredInPromise.missed.cases)}
                <td className="num">
                  <Link to={drillHref(g.firstResponseHours.cases)}>
                    {fmt.hours(g.firstResponseHours.median)} / {fmt.hours(g.firstResponseHours.p90)}
                  </Link>
                </td>
                <td className="num">
                  <Link to={drillHref(g.resolutionHours.cases)}>
                    {fmt.hours(g.resolutionHours.median)} / {fmt.hours(g.resolutionHours.p90)}
                  </Link>
                </td>
                {cell(g.openNow.count, g.openNow.cases)}
                {cell(g.lateNow.count, g.lateNow.cases)}
                {verdicts ? <td className="num">{fmt.share(g.reopenRate)}</td> : null}
                {verdicts ? <td className="num">{fmt.rating(g.satisfaction)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Costs({ data, fmt }: { data: Overview; fmt: Fmt }) {
  const { t } = useI18n();
  const c = data.costs;
  return (
    <section aria-labelledby="dash-costs-title">
      <h2 id="dash-costs-title">{t('dash.costs')}</h2>
      <p>{t('dash.costs_period', { total: fmt.money(c.period.total), currency: c.currency })}</p>
      {c.lines.length === 0 ? (
        <p>{t('reports.no_budget')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('reports.annual_budget', { year: c.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.unit')}</th>
                <th scope="col">{t('dash.category')}</th>
                <th scope="col">{t('reports.col_kind')}</th>
                <th scope="col">{t('dash.amount')}</th>
                <th scope="col">{t('reports.spent_year')}</th>
                <th scope="col">{t('reports.used_share')}</th>
              </tr>
            </thead>
            <tbody>
              {c.lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.unitName}</th>
                  <td>{l.category ?? t('reports.all_categories')}</td>
                  <td>{t(`reports.kind.${l.kind}` as MessageKey)}</td>
                  <td className="num">{fmt.money(l.amount)}</td>
                  <td className="num">{fmt.money(l.spentYear)}</td>
                  <td className="num">
                    <meter min={0} max={1} value={Math.min(1, l.usedShare ?? 0)} /> {fmt.share(l.usedShare)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The unit report of the unit in focus, for the chosen period: as a page, PDF and XLSX in the reader's language. */
export function MeetingReport({ unitId, unitName, period }: { unitId: string; unitName: string | null; period: string | undefined }) {
  const { t, locale } = useI18n();
  if (!unitId) return null;
  const q = { period, lang: locale };
  return (
    <div className="dash-unit-report" data-testid="unit-report-links">
      <h2>
        {t('dash.unit_report')}: {unitName ?? ''}
      </h2>
      <p>
        <a href={exportUrl.unitReport(unitId, 'page', q)} target="_blank" rel="noreferrer">
          {t('dash.open_page')}
        </a>{' '}
        ·{' '}
        <a href={exportUrl.unitReport(unitId, 'pdf', q)} download data-testid="unit-report-pdf">
          {t('dash.download_pdf')}
        </a>{' '}
        ·{' '}
        <a href={exportUrl.unitReport(unitId, 'xlsx', q)} download data-testid="unit-report-xlsx">
          {t('dash.download_xlsx')}
        </a>
      </p>
    </div>
  );
}

/** The reports behind a figure: the drill-down list, a page at a time, with its CSV and XLSX. */
export function DrillList() {
  const { t, locale, dateTime } = useI18n();
  const { query } = useLocation();
  const q = queryOf(query, DRILL_KEYS);
  const offset = Number(query.get('offset') ?? 0) || 0;
  const key = JSON.stringify(q);
  const [page, setPage] = useState<DrillPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = `${t('dash.drill_title')}: ${t(`dash.metric.${q.metric ?? 'received'}` as MessageKey)}`;
  useTitle(title);
  useEffect(() => {
    setPage(null);
    dashApi
      .drill({ ...(JSON.parse(key) as Query), limit: '100', offset: String(offset) })
      .then(setPage, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [key, offset]);
  const more = new URLSearchParams({ ...(q as Record<string, string>), offset: String(offset + 100) });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to="/dashboard">{t('dash.back')}</Link>
      </p>
      {error ? <p role="alert">{error}</p> : null}
      {!page ? (
        <Loading />
      ) : (
        <>
          <p data-testid="drill-total">{t(page.totalAtLeast ? 'dash.drill_total_at_least' : 'dash.drill_total', { count: page.total })}</p>
          <div className="dash-exports">
            <a href={exportUrl.drill({ ...q, lang: locale }, 'csv')} download>
              {t('dash.export_csv')}
            </a>
            <a href={exportUrl.drill({ ...q, lang: locale }, 'xlsx')} download>
              {t('dash.export_xlsx')}
            </a>
          </div>
          <div className="table-scroll">
            <table className="data-table" data-testid="drill-list">
              <thead>
                <tr>
                  <th scope="col">{t('dash.col_number')}</th>
                  <th scope="col">{t('reports.col_report_no')}</th>
                  <th scope="col">{t('reports.col_registered')}</th>
                  <th scope="col">{t('dash.col_status')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr key={i.caseId}>
                    <th scope="row">
                      <Link to={`/cases/${i.caseId}`}>{i.number}</Link>
                    </th>
                    <td>{i.reportNo}</td>
                    <td>{dateTime(i.registeredAt)}</td>
                    <td>
                      <StatusBadge status={i.status as CaseStatus} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {offset + 100 < page.total ? <Link to={`/dashboard/reports?${more.toString()}`}>{t('dash.drill_more')}</Link> : null}
        </>
      )}
    </>
  );
}

/** A day of the period, typed the screen language's way (DateInput), sent with the form under its name as an ISO day. */
function DayField({ name, initial, testId }: { name: string; initial: string; testId: string }) {
  const [day, setDay] = useState(initial);
  return (
    <>
      <DateInput id={testId} value={day} onChange={setDay} data-testid={testId} />
      <input type="hidden" name={name} value={day} />
    </>
  );
}
