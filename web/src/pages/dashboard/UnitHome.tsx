/**
 * The unit head's home (issue 15): the queue's health (due today, overdue, waiting, unassigned), each
 * clerk's work, the open cases with reassignment in bulk, the deadline escalations that reached the
 * head, and their unit's report for the meeting and its dashboard.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CaseStatus } from '../../../../src/kernel/types.ts';
import { ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Link, useLocation } from '../../router.tsx';
import { useSession } from '../../session.ts';
import { Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { instantToDay } from '../../tz.ts';
import { useMapSettings } from '../sistem48-public/shared.tsx';
import { MeetingReport } from './Dashboard.tsx';
import { dashApi, QUEUE_FILTERS, type QueueFilter, type UnitHome as Home } from './dash-api.ts';
import './dashboard.css';

/** This quarter so far, as the unit report's period (2026-10-01..2026-11-18). */
function quarterSoFar(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return `${first}..${today}`;
}

export function UnitHome() {
  const { t, dateTime } = useI18n();
  const { me } = useSession();
  const { query } = useLocation();
  const timeZone = useMapSettings()?.timeZone ?? 'Europe/Belgrade';
  const filter = (QUEUE_FILTERS as readonly string[]).includes(query.get('filter') ?? '') ? (query.get('filter') as QueueFilter) : 'all';
  const clerkId = query.get('clerk') ?? undefined;
  const [home, setHome] = useState<Home | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = t('home.title');
  useTitle(title);
  const load = useCallback(() => {
    dashApi.home({ filter, clerkId }).then(
      (h) => {
        setHome(h);
        setSelected(new Set());
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [filter, clerkId]);
  useEffect(load, [load]);

  const reassign = async (e: FormEvent) => {
    e.preventDefault();
    if (!home || selected.size === 0) return;
    setNotice(null);
    setError(null);
    const [unitId, clerk] = target.split('|') as [string, string | undefined];
    try {
      const r = await dashApi.reassign({ caseIds: [...selected], unitId: unitId || (me.unitId ?? ''), clerkId: clerk || null });
      const numbers = r.failed.map((f) => home.items.find((i) => i.id === f.caseId)?.number ?? f.caseId);
      setNotice(t('home.reassigned', { count: r.done.length }) + (numbers.length ? ` ${t('home.reassign_failed', { numbers: numbers.join(', ') })}` : ''));
      load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (!home) return error ? <p role="alert">{error}</p> : <Loading />;
  const filterHref = (f: QueueFilter, c?: string | null) => `/home?filter=${f}${c ? `&clerk=${encodeURIComponent(c)}` : ''}`;
  const all = home.items.length > 0 && home.items.every((i) => selected.has(i.id));
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to={`/dashboard?unitId=${encodeURIComponent(me.unitId ?? '')}`}>{t('dash.nav')}</Link>
      </p>
      <MeetingReport unitId={me.unitId ?? ''} unitName={null} period={quarterSoFar(instantToDay(home.at, timeZone))} />
      <div className="home-health" data-testid="home-health">
        {QUEUE_FILTERS.map((f) => (
          <div key={f} className="dash-figure">
            <div className="dash-figure-label">{t(`home.filter.${f}` as MessageKey)}</div>
            <Link to={filterHref(f)} className="dash-figure-value" aria-current={filter === f && !clerkId ? 'page' : undefined} data-testid={`home-${f}`}>
              {home.health[f]}
            </Link>
          </div>
        ))}
      </div>

      <section aria-labelledby="home-clerks">
        <h2 id="home-clerks">{t('home.per_clerk')}</h2>
        <div className="table-scroll">
          <table className="data-table" data-testid="home-clerks">
            <thead>
              <tr>
                <th scope="col">{t('home.clerk')}</th>
                {QUEUE_FILTERS.filter((f) => f !== 'unassigned').map((f) => (
                  <th key={f} scope="col">
                    {t(`home.filter.${f}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {home.clerks.map((c) => (
                <tr key={c.clerkId ?? 'none'}>
                  <th scope="row">{c.name ?? t('home.former_clerk')}</th>
                  {QUEUE_FILTERS.filter((f) => f !== 'unassigned').map((f) => (
                    <td key={f} className="num">
                      <Link to={filterHref(f, c.clerkId)}>{c[f]}</Link>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="home-cases">
        <h2 id="home-cases">
          {t('home.cases')}: {t(`home.filter.${filter}` as MessageKey)}
          {clerkId ? ` · ${home.clerks.find((c) => c.clerkId === clerkId)?.name ?? ''}` : ''}
        </h2>
        {notice ? (
          <p role="status" data-testid="home-notice">
            {notice}
          </p>
        ) : null}
        {error ? <p role="alert">{error}</p> : null}
        <form className="home-reassign" onSubmit={reassign}>
          <label>
            <span>{t('home.reassign_to')}</span>{' '}
            <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="home-target">
              <option value="">{t('home.nobody')}</option>
              {home.clerks
                .filter((c) => c.clerkId && c.unitId)
                .map((c) => (
                  <option key={c.clerkId} value={`${c.unitId}|${c.clerkId}`}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" disabled={selected.size === 0} data-testid="home-reassign">
            {t('home.reassign')}
          </button>
        </form>
        {home.items.length === 0 ? (
          <p>{t('home.nothing')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="home-cases">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('home.select_all')}
                      checked={all}
                      onChange={(e) => setSelected(e.target.checked ? new Set(home.items.map((i) => i.id)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t('dash.col_number')}</th>
                  <th scope="col">{t('home.subject')}</th>
                  <th scope="col">{t('dash.col_status')}</th>
                  <th scope="col">{t('home.clerk')}</th>
                  <th scope="col">{t('home.due')}</th>
                </tr>
              </thead>
              <tbody>
                {home.items.map((i) => (
                  <tr key={i.id} className={i.overdue ? 'overdue' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('home.select', { number: i.number })}
                        checked={selected.has(i.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.target.checked) next.add(i.id);
                          else next.delete(i.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                    <th scope="row">
                      <Link to={`/cases/${i.id}`}>{i.number}</Link>
                    </th>
                    <td>{i.subject}</td>
                    <td>
                      <StatusBadge status={i.status as CaseStatus} />
                    </td>
                    <td>{i.clerkName ?? (i.clerkId ? t('home.former_clerk') : t('home.nobody'))}</td>
                    <td>
                      {dateTime(i.dueAt)}
                      {i.overdue ? ` · ${t('home.filter.overdue')}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="home-escalations">
        <h2 id="home-escalations">{t('home.escalations')}</h2>
        {home.escalations.length === 0 ? (
          <p>{t('home.no_escalations')}</p>
        ) : (
          <ul data-testid="home-escalations">
            {home.escalations.map((e) => (
              <li key={e.id}>
                <Link to={`/cases/${e.caseId}`}>{e.number}</Link>: {t(`home.level.${e.level}` as MessageKey)} ({t('home.due')} {dateTime(e.dueAt)};{' '}
                {t('home.fired_at')} {dateTime(e.firedAt)}){e.open ? '' : ` · ${t('home.closed')}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/work-queue">{t('ws.work_queue')}</Link>
      </p>
    </>
  );
}
