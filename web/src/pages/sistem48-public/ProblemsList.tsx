/**
 * Problems in the municipality: filters (category, service, open or closed, period), the map of the
 * located reports and the list of all of them, page by page. The list alone does everything the
 * map does, so the page works with no tiles and with a screen reader. The filters live in the
 * address, so a filtered view can be shared and the back button works.
 */
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { FormError } from '../../components/form.tsx';
import { Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { s48PublicApi, type ListQuery, type PublicReport, type ReportFeature } from './s48-public-api.ts';
import { dayEnd, dayStart, DEFAULT_TIME_ZONE } from '../../tz.ts';
import { categoryIcon, clockText, Optional, useCategories, useMapSettings } from './shared.tsx';
import { AlertBox } from './Alerts.tsx';
import { DateInput } from '../../components/DateInput.tsx';

const ReportsMap = lazy(() => import('./maps.tsx').then((m) => ({ default: m.ReportsMap })));

const PAGE_SIZE = 20;

interface Filters {
  category: string;
  unit: string;
  status: '' | 'open' | 'closed';
  from: string;
  to: string;
  q: string;
  street: string;
  page: number;
}

function filtersOf(q: URLSearchParams): Filters {
  const status = q.get('status');
  const page = Number(q.get('page'));
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  return {
    category: q.get('category') ?? '',
    unit: q.get('unit') ?? '',
    status: status === 'open' || status === 'closed' ? status : '',
    from: day(q.get('from')),
    to: day(q.get('to')),
    q: (q.get('q') ?? '').slice(0, 100),
    street: (q.get('street') ?? '').slice(0, 100),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

function hrefOf(f: Filters): string {
  const q = new URLSearchParams();
  for (const k of ['category', 'unit', 'status', 'from', 'to', 'q', 'street'] as const) if (f[k].trim()) q.set(k, f[k].trim());
  if (f.page > 1) q.set('page', String(f.page));
  const s = q.toString();
  return s ? `/problems?${s}` : '/problems';
}

/** The API's query for the filters: whole days in the municipality (not the browser's zone), as instants. */
function apiQuery(f: Filters, timeZone: string): ListQuery {
  return {
    category: f.category || undefined,
    unit: f.unit || undefined,
    status: f.status || undefined,
    from: (f.from && dayStart(f.from, timeZone)) || undefined,
    to: (f.to && dayEnd(f.to, timeZone)) || undefined,
    q: f.q.trim() || undefined,
    street: f.street.trim() || undefined,
  };
}

/** The Atom feed of the reports the filters show (the newest 50), for a news reader. */
function feedHref(f: Filters, timeZone: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(apiQuery(f, timeZone))) if (v) q.set(k, String(v));
  const s = q.toString();
  return `/api/v1/sistem48/public/reports.atom${s ? `?${s}` : ''}`;
}

export function ProblemsList() {
  const i18n = useI18n();
  const { t, date, locale } = i18n;
  useTitle(t('s48p.problems_title'));
  const { query } = useLocation();
  const applied = filtersOf(query);
  const key = hrefOf(applied);
  const categories = useCategories();
  const settings = useMapSettings();
  const [draft, setDraft] = useState<Filters>(applied);
  const [page, setPage] = useState<{ items: PublicReport[]; hasMore: boolean } | null>(null);
  const [features, setFeatures] = useState<ReportFeature[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [mapArea, setMapArea] = useState<[number, number, number, number] | null>(null);

  useEffect(() => {
    setDraft(applied);
  }, [key]);

  // Day filters are days in the municipality: wait for its zone before asking, unless no day is chosen.
  const timeZone = settings?.timeZone ?? null;
  const needsZone = !!(applied.from || applied.to);
  useEffect(() => {
    if (needsZone && !timeZone) return;
    let live = true;
    setPage(null);
    setError(null);
    const q = apiQuery(applied, timeZone ?? DEFAULT_TIME_ZONE);
    s48PublicApi.reports({ ...q, page: applied.page, pageSize: PAGE_SIZE }).then(
      (r) => {
        if (live) setPage({ items: r.items, hasMore: r.hasMore });
      },
      (e: unknown) => {
        if (live) {
          setPage({ items: [], hasMore: false });
          setError(e instanceof Error ? e.message : String(e));
        }
      },
    );
    // The map shows every matching report, not one page of them.
    s48PublicApi.reportsGeoJson(q).then(
      (g) => {
        if (live) setFeatures(g.features);
      },
      () => {
        if (live) setFeatures([]);
      },
    );
    return () => {
      live = false;
    };
  }, [key, locale, needsZone && timeZone]);

  function apply(e: FormEvent) {
    e.preventDefault();
    navigate(hrefOf({ ...draft, page: 1 }));
  }
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <div className="s48-problems">
      <PageTitle>{t('s48p.problems_title')}</PageTitle>
      <p>
        <Link className="button primary-link" to="/problems/new">
          {t('s48p.report_problem')}
        </Link>
      </p>
      <form onSubmit={apply} className="card s48-filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{t('s48p.filters')}</h2>
        <div className="s48-filter-grid">
          <div className="field">
            <label htmlFor="filter-q">{t('door.search_text')}</label>
            <input id="filter-q" type="search" maxLength={100} value={draft.q} onChange={(e) => set('q', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="filter-street">{t('door.search_street')}</label>
            <input
              id="filter-street"
              type="search"
              maxLength={100}
              autoComplete="address-line1"
              value={draft.street}
              onChange={(e) => set('street', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="filter-category">{t('s48p.category_name')}</label>
            <select id="filter-category" value={draft.category} onChange={(e) => set('category', e.target.value)}>
              <option value="">{t('s48p.all_categories')}</option>
              {(categories ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-unit">{t('s48p.service')}</label>
            <select id="filter-unit" value={draft.unit} onChange={(e) => set('unit', e.target.value)}>
              <option value="">{t('s48p.all_units')}</option>
              {(settings?.units ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t('ui.status')}</label>
            <select id="filter-status" value={draft.status} onChange={(e) => set('status', e.target.value as Filters['status'])}>
              <option value="">{t('s48p.open_or_closed')}</option>
              <option value="open">{t('s48p.open')}</option>
              <option value="closed">{t('s48p.closed')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-from">{t('s48p.from')}</label>
            <DateInput id="filter-from" value={draft.from} onChange={(day) => set('from', day)} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t('s48p.to')}</label>
            <DateInput id="filter-to" value={draft.to} onChange={(day) => set('to', day)} />
          </div>
        </div>
        <button type="submit" className="primary">
          {t('ui.show')}
        </button>
      </form>

      <div className="s48-map-and-list">
        {settings ? (
          <section aria-labelledby="map-title" className="s48-map-section">
            <h2 id="map-title">{t('s48p.map_heading')}</h2>
            <Optional>
              <Suspense fallback={null}>
                <ReportsMap settings={settings} features={features} onBounds={setMapArea} />
              </Suspense>
            </Optional>
          </section>
        ) : null}
        <section aria-labelledby="list-title" className="s48-list-section">
          <h2 id="list-title">{t('s48p.list_heading')}</h2>
          <FormError message={error} />
          {!page ? (
            <Loading />
          ) : page.items.length === 0 ? (
            <p className="empty">{t('s48p.no_reports')}</p>
          ) : (
            <ol className="s48-report-list" data-testid="report-list">
              {page.items.map((r) => (
                <li key={r.id} className="card">
                  <h3>
                    <span aria-hidden="true" className="s48-icon">
                      {categoryIcon(categories?.find((c) => c.code === r.category.code)?.icon ?? '')}
                    </span>{' '}
                    <Link to={`/problems/${r.id}`}>
                      {r.number}: {r.category.name}
                    </Link>
                  </h3>
                  <p className="s48-meta">
                    <StatusBadge status={r.status} />
                    {r.address ? <span>{r.address}</span> : null}
                  </p>
                  <p className="s48-meta">
                    {r.unit ? <span>{r.unit}</span> : null}
                    <span>
                      {t('ui.registered_at')}: {date(r.registeredAt)}
                    </span>
                    <span className={r.firstResponse.state === 'breached' ? 'overdue' : undefined}>{clockText(r.firstResponse, i18n)}</span>
                  </p>
                </li>
              ))}
            </ol>
          )}
          <p className="s48-feed">
            <a href={feedHref(applied, settings?.timeZone ?? DEFAULT_TIME_ZONE)} type="application/atom+xml">
              {t('door.feed_link')}
            </a>
          </p>
          {page && (applied.page > 1 || page.hasMore) ? (
            <nav aria-label={t('s48p.pages')} className="actions s48-pager">
              {applied.page > 1 ? (
                <Link className="button" to={hrefOf({ ...applied, page: applied.page - 1 })}>
                  {t('s48p.previous')}
                </Link>
              ) : null}
              <span>{t('s48p.page', { page: applied.page })}</span>
              {page.hasMore ? (
                <Link className="button" to={hrefOf({ ...applied, page: applied.page + 1 })}>
                  {t('s48p.next')}
                </Link>
              ) : null}
            </nav>
          ) : null}
          <AlertBox key={key} category={applied.category} street={applied.street} mapArea={mapArea} />
        </section>
      </div>
    </div>
  );
}
