/** The case lists a clerk starts the day with (mine, my unit, overdue, waiting for others, recent) and search. */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type CaseListItem, type CaseListQuery, type StaffMe } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { Deadline, Loading, PageTitle, StatusBadge, useTitle } from '../components/common.tsx';
import { FormError } from '../components/form.tsx';

type QueueId = 'mine' | 'unit' | 'overdue' | 'waiting' | 'recent';

const QUEUES: { id: QueueId; label: MessageKey; query: (me: StaffMe) => CaseListQuery | null }[] = [
  // Only case officers and unit heads are ever a case's clerk.
  { id: 'mine', label: 'ui.queue_mine', query: (me) => (me.role === 'case_officer' || me.role === 'unit_head' ? { clerkId: me.userId, open: true, sort: 'due_asc' } : null) },
  { id: 'unit', label: 'ui.queue_unit', query: (me) => (me.unitId ? { unitId: me.unitId, open: true, sort: 'due_asc' } : null) },
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
  const { query } = useLocation();
  const available = QUEUES.filter((q) => q.query(me));
  const q = query.get('q')?.trim() ?? '';
  const requested = query.get('queue') as QueueId | null;
  const active = q ? null : available.find((x) => x.id === requested) ?? available.find((x) => x.id === defaultQueue(me)) ?? available[0]!;
  const title = active ? t(active.label) : t('ui.search_results', { q });
  useTitle(title);
  const listQuery: CaseListQuery = active ? active.query(me)! : { q, sort: 'registered_desc' };

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="toolbar">
        <nav aria-label={t('ui.case_lists')} className="page-nav tabs">
          <ul>
            {available.map((x) => (
              <li key={x.id}><Link to={`/cases?queue=${x.id}`} aria-current={active?.id === x.id ? 'page' : undefined}>{t(x.label)}</Link></li>
            ))}
          </ul>
        </nav>
        <SearchBox initial={q} />
      </div>
      <CaseTable key={JSON.stringify(listQuery)} query={listQuery} />
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
      <label htmlFor="case-search" className="visually-hidden">{t('ui.search_cases')}</label>
      <input id="case-search" type="search" value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('ui.search_cases')} maxLength={200} />
      <button type="submit">{t('ui.search')}</button>
    </form>
  );
}

function CaseTable({ query }: { query: CaseListQuery }) {
  const { t, date } = useI18n();
  const [items, setItems] = useState<CaseListItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(after: string | null) {
    setBusy(true);
    try {
      const page = await api.listCases({ ...query, limit: 50, cursor: after ?? undefined });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setItems((prev) => prev ?? []);
    } finally {
      setBusy(false);
    }
  }
  // The parent keys this component by its query, so loading once on mount is loading on every change.
  useEffect(() => { void load(null); }, []);

  if (items === null) return <Loading />;
  return (
    <>
      <FormError message={error} />
      {items.length === 0 ? <p className="empty">{t('ui.no_cases')}</p> : (
        <table role="table" className="cases responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">{t('ui.case_number')}</th>
              <th scope="col" role="columnheader">{t('ui.subject')}</th>
              <th scope="col" role="columnheader">{t('ui.status')}</th>
              <th scope="col" role="columnheader">{t('ui.unit')}</th>
              <th scope="col" role="columnheader">{t('ui.clerk')}</th>
              <th scope="col" role="columnheader">{t('ui.registered_at')}</th>
              <th scope="col" role="columnheader">{t('ui.deadline')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {items.map((c) => (
              <tr role="row" key={c.id}>
                <td role="cell" data-label={t('ui.case_number')}><Link to={`/cases/${c.id}`} className="case-number">{c.number}</Link></td>
                <td role="cell" data-label={t('ui.subject')}>{c.subject}</td>
                <td role="cell" data-label={t('ui.status')}><StatusBadge status={c.status} /></td>
                <td role="cell" data-label={t('ui.unit')}>{c.unit_name ?? '—'}</td>
                <td role="cell" data-label={t('ui.clerk')}>{c.clerk_name ?? '—'}</td>
                <td role="cell" data-label={t('ui.registered_at')}>{date(c.registered_at)}</td>
                <td role="cell" data-label={t('ui.deadline')}><Deadline dueAt={c.due_at} open={c.is_open} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor ? <button type="button" onClick={() => void load(cursor)} disabled={busy}>{t('ui.load_more')}</button> : null}
    </>
  );
}
