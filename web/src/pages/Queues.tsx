/**
 * The case lists a clerk starts the day with (mine, my unit, due soon, overdue, waiting for others,
 * recent), search, and filters the clerk builds and saves (kept in this browser, per user).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../../src/kernel/types.ts';
import { api, type CaseListItem, type CaseListQuery, type OrgUnit, type StaffMe } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { Deadline, Loading, PageTitle, StatusBadge, useTitle } from '../components/common.tsx';
import { FormError } from '../components/form.tsx';
import {
  filterFromQuery,
  filterHref,
  isFiltered,
  loadSavedFilters,
  storeSavedFilters,
  type CaseFilter,
  type SavedFilter,
} from '../components/saved-filters.ts';
import '../components/workspace.css';

type QueueId = 'mine' | 'unit' | 'due_soon' | 'overdue' | 'waiting' | 'recent';

/** "Due soon": open cases whose deadline falls within this many days and has not passed yet. */
export const DUE_SOON_DAYS = 3;

interface Queue {
  id: QueueId;
  label: MessageKey;
  query: (me: StaffMe) => CaseListQuery | null;
  keep?: (c: CaseListItem, now: number) => boolean;
}

const dueSoon = (c: CaseListItem, now: number) =>
  !!c.due_at && c.is_open && new Date(c.due_at).getTime() >= now && new Date(c.due_at).getTime() <= now + DUE_SOON_DAYS * 86_400_000;

const QUEUES: Queue[] = [
  // Only case officers and unit heads are ever a case's clerk.
  {
    id: 'mine',
    label: 'ui.queue_mine',
    query: (me) => (me.role === 'case_officer' || me.role === 'unit_head' ? { clerkId: me.userId, open: true, sort: 'due_asc' } : null),
  },
  { id: 'unit', label: 'ui.queue_unit', query: (me) => (me.unitId ? { unitId: me.unitId, open: true, sort: 'due_asc' } : null) },
  // The API has no "due before" filter: open cases by deadline, cut on the page to the next few days.
  { id: 'due_soon', label: 'queue.due_soon', query: () => ({ open: true, sort: 'due_asc' }), keep: dueSoon },
  { id: 'overdue', label: 'ui.queue_overdue', query: () => ({ overdue: true, sort: 'due_asc' }) },
  { id: 'waiting', label: 'ui.queue_waiting', query: () => ({ status: ['awaiting_opinion'], sort: 'due_asc' }) },
  { id: 'recent', label: 'ui.queue_recent', query: () => ({ sort: 'registered_desc' }) },
];

export function defaultQueue(me: StaffMe): QueueId {
  return me.unitId ? 'unit' : 'recent';
}

export function Queues() {
  const { t } = useI18n();
  const { me } = useSession();
  const { query, href } = useLocation();
  const available = QUEUES.filter((q) => q.query(me));
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSavedFilters(me.userId));
  const filter = filterFromQuery(query);
  const filtered = isFiltered(filter);
  const requested = query.get('queue') as QueueId | null;
  const active = filtered ? null : (available.find((x) => x.id === requested) ?? available.find((x) => x.id === defaultQueue(me)) ?? available[0]!);
  const savedName = filtered ? saved.find((s) => s.href === filterHref(filter))?.name : undefined;
  const title = active
    ? t(active.label)
    : (savedName ?? (filter.q && Object.keys(filter).length === 1 ? t('ui.search_results', { q: filter.q }) : t('ws.filtered_cases')));
  useTitle(title);
  const listQuery: CaseListQuery = active ? active.query(me)! : { ...filter, sort: filter.sort ?? 'registered_desc' };

  function save(list: SavedFilter[]) {
    setSaved(list);
    storeSavedFilters(me.userId, list);
  }

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="toolbar">
        <nav aria-label={t('ui.case_lists')} className="page-nav tabs">
          <ul>
            {available.map((x) => (
              <li key={x.id}>
                <Link to={`/cases?queue=${x.id}`} aria-current={active?.id === x.id ? 'page' : undefined}>
                  {t(x.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox initial={filter.q ?? ''} />
      </div>
      {saved.length ? (
        <nav aria-label={t('ws.saved_filters')} className="page-nav saved-filters">
          <ul>
            {saved.map((s) => (
              <li key={s.href}>
                <Link to={s.href} aria-current={href === s.href ? 'page' : undefined}>
                  {s.name}
                </Link>
                <button
                  type="button"
                  className="remove"
                  aria-label={t('ws.remove_filter', { name: s.name })}
                  onClick={() => save(saved.filter((x) => x.href !== s.href))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <FilterForm key={href} initial={filter} saved={saved} onSave={save} />
      <CaseTable key={JSON.stringify(listQuery) + (active?.id ?? '')} query={listQuery} keep={active?.keep} />
    </>
  );
}

function SearchBox({ initial }: { initial: string }) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    navigate(v ? `/cases?q=${encodeURIComponent(v)}` : '/cases');
  }
  return (
    <form role="search" className="search" onSubmit={submit}>
      <label htmlFor="case-search" className="visually-hidden">
        {t('ui.search_cases')}
      </label>
      <input id="case-search" type="search" value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('ui.search_cases')} maxLength={200} />
      <button type="submit">{t('ui.search')}</button>
    </form>
  );
}

/** Builds a filter (status, unit, open, overdue, words), shows it, and saves it under a name. */
function FilterForm({ initial, saved, onSave }: { initial: CaseFilter; saved: SavedFilter[]; onSave: (list: SavedFilter[]) => void }) {
  const { t } = useI18n();
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [status, setStatus] = useState<string>(initial.status?.[0] ?? '');
  const [unitId, setUnitId] = useState(initial.unitId ?? '');
  const [open, setOpen] = useState(!!initial.open);
  const [overdue, setOverdue] = useState(!!initial.overdue);
  const [q, setQ] = useState(initial.q ?? '');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  useEffect(() => {
    api.listUnits().then(
      (r) => setUnits(r.items.filter((u) => u.active)),
      () => {},
    );
  }, []);

  const current = (): CaseFilter => ({
    ...(status ? { status: [status as CaseStatus] } : {}),
    ...(unitId ? { unitId } : {}),
    ...(open ? { open: true } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
    sort: 'due_asc',
  });
  function apply(e: FormEvent) {
    e.preventDefault();
    navigate(filterHref(current()));
  }
  function saveIt() {
    const n = name.trim();
    if (!n) {
      setNameError(t('error.field_required', { field: t('ws.filter_name') }));
      return;
    }
    const href = filterHref(current());
    onSave([...saved.filter((s) => s.href !== href && s.name !== n), { name: n, href }]);
    setName('');
    setNameError(null);
    navigate(href);
  }
  return (
    <details className="card filter-card" open={isFiltered(initial) && !initial.q ? true : undefined}>
      <summary>{t('ws.filter')}</summary>
      <form onSubmit={apply} noValidate>
        <div className="grid-3">
          <div className="field">
            <label htmlFor="flt-status">{t('ui.status')}</label>
            <select id="flt-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('ws.any')}</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flt-unit">{t('ui.unit')}</label>
            <select id="flt-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('ws.any')}</option>
              {units
                .filter((u) => u.kind !== 'external_institution')
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flt-q">{t('ws.words')}</label>
            <input id="flt-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} /> {t('ws.open_only')}
        </label>{' '}
        <label className="checkbox">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t('ui.queue_overdue')}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t('ws.apply_filter')}
          </button>
        </div>
        <div className={nameError ? 'field invalid save-filter' : 'field save-filter'}>
          <label htmlFor="flt-name">{t('ws.filter_name')}</label>
          <div className="inline-row">
            <input
              id="flt-name"
              value={name}
              maxLength={60}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'flt-name-error' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="button" onClick={saveIt}>
              {t('ws.save_filter')}
            </button>
          </div>
          {nameError ? (
            <p className="field-error" id="flt-name-error">
              {nameError}
            </p>
          ) : null}
        </div>
      </form>
    </details>
  );
}

function CaseTable({ query, keep }: { query: CaseListQuery; keep?: (c: CaseListItem, now: number) => boolean }) {
  const { t, date } = useI18n();
  const [items, setItems] = useState<CaseListItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(after: string | null) {
    setBusy(true);
    try {
      const now = Date.now();
      const page = await api.listCases({ ...query, limit: keep ? 200 : 50, cursor: after ?? undefined });
      const kept = keep ? page.items.filter((c) => keep(c, now)) : page.items;
      setItems((prev) => (after && prev ? [...prev, ...kept] : kept));
      // A cut list (due soon) ends once the page has passed its window: later pages cannot match.
      const lastDue = page.items.at(-1)?.due_at;
      const more = page.nextCursor && (!keep || (!!lastDue && new Date(lastDue).getTime() <= now + DUE_SOON_DAYS * 86_400_000));
      setCursor(more ? page.nextCursor : null);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setItems((prev) => prev ?? []);
    } finally {
      setBusy(false);
    }
  }
  // The parent keys this component by its query, so loading once on mount is loading on every change.
  useEffect(() => {
    void load(null);
  }, []);

  if (items === null) return <Loading />;
  return (
    <>
      <FormError message={error} />
      {items.length === 0 ? (
        <p className="empty">{t('ui.no_cases')}</p>
      ) : (
        <table role="table" className="cases responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.case_number')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.subject')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.status')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.unit')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.clerk')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.registered_at')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.deadline')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {items.map((c) => (
              <tr role="row" key={c.id}>
                <td role="cell" data-label={t('ui.case_number')}>
                  <Link to={`/cases/${c.id}`} className="case-number">
                    {c.number}
                  </Link>
                  {c.citizen_update_at ? (
                    <div className="badge unread" data-testid="unread-update">
                      {t('ws.unread_update')}
                    </div>
                  ) : null}
                  {c.paused_at ? <div className="meta">{t('ws.clock_paused')}</div> : null}
                </td>
                <td role="cell" data-label={t('ui.subject')}>
                  {c.subject}
                </td>
                <td role="cell" data-label={t('ui.status')}>
                  <StatusBadge status={c.status} />
                </td>
                <td role="cell" data-label={t('ui.unit')}>
                  {c.unit_name ?? '—'}
                </td>
                <td role="cell" data-label={t('ui.clerk')}>
                  {c.clerk_name ?? '—'}
                </td>
                <td role="cell" data-label={t('ui.registered_at')}>
                  {date(c.registered_at)}
                </td>
                <td role="cell" data-label={t('ui.deadline')}>
                  <Deadline dueAt={c.due_at} open={c.is_open} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor ? (
        <button type="button" onClick={() => void load(cursor)} disabled={busy}>
          {t('ui.load_more')}
        </button>
      ) : null}
    </>
  );
}
