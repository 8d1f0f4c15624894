/**
 * Sistem 48: a unit's work queue (new, due soon, overdue, waiting, done) with each report's 48-hour
 * clock ticking on screen, and bulk assignment of the selected reports to one of the unit's people.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, type OrgUnit, type StaffMe, type StaffUser } from '../api.ts';
import { caseReadScope } from '../../../src/cases/policy.ts';
import { QUEUE_BUCKETS, ws, type ClockState, type QueueBucket, type QueueItem, type QueuePage } from '../api-workspace.ts';
import { useI18n, type I18n, type MessageKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { Loading, PageTitle, StatusBadge, useNow, useTitle } from '../components/common.tsx';
import { FormError } from '../components/form.tsx';
import '../components/workspace.css';

const ASSIGNERS = new Set(['unit_head', 'registry_clerk', 'case_officer']);

/** Hours and minutes, as the clock shows them: "31 h 05 min" (units from the catalogue, so "31 ч 05 мин" in Cyrillic). */
export function formatDuration(ms: number, t: I18n['t']): string {
  const total = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h ? t('s48s.duration_hm', { h, m: String(m).padStart(2, '0') }) : t('s48s.duration_m', { m });
}

/**
 * The units whose queues the user may see, by the rule of src/cases/policy.ts: leadership and
 * the registry and dispatchers (operators) see reports of every unit, a unit head their unit and the
 * units under it (by path), anyone else their own unit.
 */
export function visibleUnits(me: StaffMe, units: readonly OrgUnit[]): OrgUnit[] {
  const scope = caseReadScope(me);
  if (scope.kind === 'all') return [...units];
  if (scope.kind === 'none') return [];
  if (scope.registryUnitId) return [...units];
  return units.filter((u) => scope.unitIds.includes(u.id) || (scope.unitPathPrefix !== null && u.path.startsWith(scope.unitPathPrefix)));
}

/** The clock now, from its deadline: the server's snapshot ages while the page stays open. */
export function clockNow(c: ClockState, now: number): { state: string; ms: number } {
  if (c.answeredAt) return { state: 'answered', ms: 0 };
  const due = new Date(c.dueAt).getTime();
  const warn = new Date(c.warnAt).getTime();
  return { state: now >= due ? 'breached' : now >= warn ? 'warning' : 'ok', ms: due - now };
}

export function WorkQueue() {
  const { t } = useI18n();
  const { me } = useSession();
  const { query } = useLocation();
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  // A unit the user may not see would show an empty queue as if it had no reports: only theirs are offered.
  const mine = useMemo(() => (me.kind === 'staff' && units ? visibleUnits(me, units) : null), [me, units]);
  const asked = query.get('unit');
  const unitId = asked && (!mine || mine.some((u) => u.id === asked)) ? asked : (me.unitId ?? '');
  const bucket = (QUEUE_BUCKETS as readonly string[]).includes(query.get('bucket') ?? '') ? (query.get('bucket') as QueueBucket) : 'new';
  const title = t('ws.work_queue');
  useTitle(title);
  useEffect(() => {
    api.listUnits().then(
      (r) => setUnits(r.items.filter((u) => u.active && u.kind !== 'external_institution')),
      () => setUnits([]),
    );
  }, []);
  const href = (u: string, b: QueueBucket) => `/work-queue?unit=${encodeURIComponent(u)}&bucket=${b}`;

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="toolbar">
        <div className="field unit-picker">
          <label htmlFor="wq-unit">{t('ui.unit')}</label>
          <select id="wq-unit" value={unitId} onChange={(e) => navigate(href(e.target.value, bucket))}>
            <option value="">{t('ui.select_placeholder')}</option>
            {(mine ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {unitId ? (
        <UnitQueue key={`${unitId}/${bucket}`} unitId={unitId} bucket={bucket} href={href} canAssign={ASSIGNERS.has(me.role)} />
      ) : (
        <p className="empty">{t('ws.choose_unit')}</p>
      )}
    </>
  );
}

function UnitQueue({
  unitId,
  bucket,
  href,
  canAssign,
}: {
  unitId: string;
  bucket: QueueBucket;
  href: (u: string, b: QueueBucket) => string;
  canAssign: boolean;
}) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const now = useNow(30_000);
  const [page, setPage] = useState<QueuePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    ws.queue(unitId, bucket).then(
      (p) => {
        if (live) {
          setPage(p);
          setError(null);
        }
      },
      (e: Error) => {
        if (live) {
          setError(e.message);
          setPage(null);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [unitId, bucket, reload]);

  const items = page?.items ?? [];
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.caseId));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <>
      <nav aria-label={t('ws.queue_buckets')} className="page-nav tabs">
        <ul>
          {QUEUE_BUCKETS.map((b) => (
            <li key={b}>
              <Link to={href(unitId, b)} aria-current={b === bucket ? 'page' : undefined}>
                {t(`queue.${b}` as MessageKey)}
                {page ? (
                  <>
                    {' '}
                    <span className="count">({page.counts[b]})</span>
                  </>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FormError message={error} />
      {page === null && !error ? <Loading /> : null}
      {page && items.length === 0 ? <p className="empty">{t('ws.queue_empty')}</p> : null}
      {items.length ? (
        <table role="table" className="cases responsive work-queue" data-testid="work-queue">
          <thead role="rowgroup">
            <tr role="row">
              {canAssign ? (
                <th scope="col" role="columnheader">
                  <input
                    type="checkbox"
                    aria-label={t('ws.select_all')}
                    checked={allSelected}
                    onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.caseId)) : new Set())}
                  />
                </th>
              ) : null}
              <th scope="col" role="columnheader">
                {t('ui.case_number')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.category')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.subject')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.status')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.clerk')}
              </th>
              <th scope="col" role="columnheader">
                {t('s48s.first_response_deadline')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {items.map((r) => (
              <tr role="row" key={r.caseId}>
                {canAssign ? (
                  <td role="cell" data-label={t('ws.select')}>
                    <input
                      type="checkbox"
                      aria-label={t('ws.select_report', { number: r.number })}
                      checked={selected.has(r.caseId)}
                      onChange={() => toggle(r.caseId)}
                    />
                  </td>
                ) : null}
                <td role="cell" data-label={t('ui.case_number')}>
                  <Link to={`/cases/${r.caseId}`} className="case-number">
                    {r.number}
                  </Link>
                  {r.unreadUpdateAt ? (
                    <div className="badge unread" data-testid="unread-update">
                      {t('ws.unread_update')}
                    </div>
                  ) : null}
                  {r.pausedSince ? <div className="meta">{t('ws.clock_paused')}</div> : null}
                </td>
                <td role="cell" data-label={t('ws.category')}>
                  {r.category.name}
                </td>
                <td role="cell" data-label={t('ui.subject')}>
                  {r.subject}
                  {r.address ? <div className="meta">{r.address}</div> : null}
                  {r.supportCount ? (
                    <div className="meta" data-testid="queue-support">
                      {t('s48f.support_short', { count: r.supportCount })}
                    </div>
                  ) : null}
                </td>
                <td role="cell" data-label={t('ui.status')}>
                  <StatusBadge status={r.status} />
                </td>
                <td role="cell" data-label={t('ui.clerk')}>
                  {r.clerkName ?? '—'}
                </td>
                <td role="cell" data-label={t('s48s.first_response_deadline')}>
                  <Clock item={r} now={now} i18n={i18n} dateTime={dateTime} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canAssign && items.length ? (
        <BulkAssign
          unitId={unitId}
          selected={[...selected].filter((id) => items.some((i) => i.caseId === id))}
          onDone={() => {
            setSelected(new Set());
            setReload((n) => n + 1);
          }}
        />
      ) : null}
    </>
  );
}

function Clock({ item, now, i18n, dateTime }: { item: QueueItem; now: number; i18n: I18n; dateTime: (iso: string | null) => string }) {
  const { t } = i18n;
  const c = item.firstResponse;
  const { state, ms } = clockNow(c, now);
  const start = new Date(item.registeredAt).getTime();
  const due = new Date(c.dueAt).getTime();
  const used = Math.min(1, Math.max(0, (now - start) / Math.max(1, due - start)));
  if (state === 'answered') {
    return (
      <span className="clock clock-answered" data-state="answered">
        <strong>{t('sla.answered')}</strong>
        <span className="meta">
          {dateTime(c.answeredAt)}
          {c.answeredLate ? ` · ${t('sla.breached')}` : ''}
        </span>
      </span>
    );
  }
  return (
    <span className={`clock clock-${state}`} data-state={state}>
      <strong>{state === 'breached' ? t('ws.clock_over', { time: formatDuration(ms, t) }) : t('ws.clock_left', { time: formatDuration(ms, t) })}</strong>
      <span className="clock-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(used * 100)}%` }} />
      </span>
      <span className="meta">
        {t(`sla.${state}` as MessageKey)} · {t('sla.due_in', { due: dateTime(c.dueAt) })}
      </span>
    </span>
  );
}

function BulkAssign({ unitId, selected, onDone }: { unitId: string; selected: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<StaffUser[]>([]);
  const [clerkId, setClerkId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    api.listUsers(unitId).then(
      (r) => setPeople(r.items.filter((u) => u.active && (u.role === 'case_officer' || u.role === 'unit_head'))),
      () => {},
    );
  }, [unitId]);
  const count = useMemo(() => selected.length, [selected]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!count) {
      setError(t('ws.select_reports_first'));
      return;
    }
    setBusy(true);
    try {
      const r = await ws.bulkAssign(selected, clerkId || null);
      setError(null);
      setDone(t('ws.assigned_n', { n: r.changed }));
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="card bulk-assign" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('ws.bulk_assign')}</h2>
      <FormError message={error} />
      <p role="status" className={done ? 'flash' : 'visually-hidden'}>
        {done}
      </p>
      <p>{t('ws.selected_n', { n: count })}</p>
      <div className="inline-row">
        <div className="field">
          <label htmlFor="bulk-clerk">{t('ui.clerk')}</label>
          <select id="bulk-clerk" value={clerkId} onChange={(e) => setClerkId(e.target.value)}>
            <option value="">{t('ws.back_to_unit')}</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.display_name} ({t(`role.${u.role}`)})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('ws.assign_selected')}
        </button>
      </div>
    </form>
  );
}
