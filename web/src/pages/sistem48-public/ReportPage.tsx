/**
 * One report's public page: what and where, its status, the 48-hour clock as the API reports it,
 * approved photos and the public timeline. The API sends no names or contacts; none are added here.
 * A report (or update) that awaits a moderator's review says so instead of its text.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { FormError } from '../../components/form.tsx';
import { Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { promiseText } from './AnswerTime.tsx';
import { s48PublicApi, type PublicReportDetail } from './s48-public-api.ts';
import { clockText, Optional, useMapSettings } from './shared.tsx';
import { FollowReport } from './FollowReport.tsx';

const ReportMap = lazy(() => import('./maps.tsx').then((m) => ({ default: m.ReportMap })));

export function ReportPage({ no }: { no: string }) {
  const i18n = useI18n();
  const { t, dateTime, date, locale } = i18n;
  const [report, setReport] = useState<PublicReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const settings = useMapSettings();
  useTitle(report ? t('s48p.report_title', { number: report.number }) : (error ?? t('ui.loading')));

  useEffect(() => {
    let live = true;
    s48PublicApi.report(no).then(
      (r) => {
        if (live) {
          setReport(r);
          setError(null);
        }
      },
      (e: unknown) => {
        if (live) setError(e instanceof ApiError && e.status === 404 ? t('error.not_found') : e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
    // Asked again in a new language: the category, status and event labels come translated from the API.
  }, [no, locale]);

  if (error && !report)
    return (
      <>
        <PageTitle>{t('error.not_found')}</PageTitle>
        <FormError message={error === t('error.not_found') ? null : error} />
      </>
    );
  if (!report) return <Loading />;
  const r = report;
  return (
    <article className="s48-report" data-testid="public-report">
      <PageTitle>{t('s48p.report_title', { number: r.number })}</PageTitle>
      <p>
        <Link to="/problems">{t('s48p.back_to_list')}</Link>
      </p>
      <section className="card" aria-labelledby="report-facts">
        <h2 id="report-facts">{r.category.name}</h2>
        <dl className="facts">
          <dt>{t('ui.status')}</dt>
          <dd data-testid="report-status">
            <StatusBadge status={r.status} />
          </dd>
          {r.sla ? (
            <>
              <dt>{t('s48a.promise')}</dt>
              <dd data-testid="report-promise">{promiseText(t, r.sla)}</dd>
            </>
          ) : null}
          <dt>{t('s48p.clock')}</dt>
          <dd data-testid="report-clock" className={r.firstResponse.state === 'breached' ? 'overdue' : undefined}>
            {clockText(r.firstResponse, i18n)}
          </dd>
          {r.waitingForCitizenSince ? (
            <>
              <dt>{t('s48p.clock_paused')}</dt>
              <dd data-testid="report-paused">{t('s48p.waiting_for_citizen', { date: dateTime(r.waitingForCitizenSince) })}</dd>
            </>
          ) : r.pausedHours ? (
            <>
              <dt>{t('s48p.clock_paused')}</dt>
              <dd data-testid="report-paused">{t('s48p.paused_hours', { hours: String(r.pausedHours) })}</dd>
            </>
          ) : null}
          {r.address ? (
            <>
              <dt>{t('s48p.address_label')}</dt>
              <dd>{r.address}</dd>
            </>
          ) : null}
          <dt>{t('s48p.service')}</dt>
          <dd data-testid="report-unit">{r.unit ?? '—'}</dd>
          <dt>{t('ui.registered_at')}</dt>
          <dd>{dateTime(r.registeredAt)}</dd>
          {r.plannedResolutionAt ? (
            <>
              <dt>{t('s48p.planned_resolution')}</dt>
              <dd>{date(r.plannedResolutionAt)}</dd>
            </>
          ) : null}
          {r.mergedInto ? (
            <>
              <dt>{t('s48p.merged_into')}</dt>
              <dd>
                <Link to={`/problems/${r.mergedInto}`}>{r.mergedInto}</Link>
              </dd>
            </>
          ) : null}
        </dl>
        <p data-testid="report-support">{t('s48f.support_count', { count: r.supportCount })}</p>
        {r.awaitingReview ? (
          <p className="s48-awaiting" role="note" data-testid="report-awaiting-review">
            {t('s48p.awaiting_review')}
          </p>
        ) : r.description ? (
          <p className="s48-description">{r.description}</p>
        ) : r.moderated ? (
          <p className="meta" data-testid="report-text-removed">
            {t('s48p.text_removed')}
          </p>
        ) : null}
      </section>
      {settings && r.lat !== null && r.lon !== null ? (
        <section className="card" aria-labelledby="report-map-title">
          <h2 id="report-map-title">{t('door.map_heading')}</h2>
          <Optional>
            <Suspense fallback={null}>
              <ReportMap settings={settings} point={{ lat: r.lat, lon: r.lon }} open={r.open} />
            </Suspense>
          </Optional>
        </section>
      ) : null}
      {r.photoIds.length ? (
        <section className="card" aria-labelledby="report-photos">
          <h2 id="report-photos">{t('s48p.photos_heading')}</h2>
          <ul className="s48-photos">
            {r.photoIds.map((id, i) => (
              <li key={id}>
                <img src={s48PublicApi.photoUrl(id)} alt={t('s48p.photo_alt', { n: i + 1, number: r.number })} loading="lazy" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <FollowReport no={no} onSupportCount={(n) => setReport({ ...r, supportCount: n })} />
      <section className="card" aria-labelledby="report-history">
        <h2 id="report-history">{t('ui.history')}</h2>
        <ol className="timeline" data-testid="report-timeline">
          {r.timeline.map((e, i) => (
            <li key={i} className="event event-public" data-type={e.type}>
              <strong className="event-label">{e.label}</strong>
              {e.statusLabel && e.statusLabel !== e.label ? <div className="event-detail">{e.statusLabel}</div> : null}
              {e.unit ? <div className="event-detail">{e.unit}</div> : null}
              {e.plannedResolutionAt ? (
                <div className="event-detail">
                  {t('s48p.planned_resolution')}: {date(e.plannedResolutionAt)}
                </div>
              ) : null}
              {e.note ? (
                <blockquote className="event-note">{e.note}</blockquote>
              ) : e.awaitingReview ? (
                <div className="event-detail" data-testid="update-awaiting-review">
                  {t('s48p.update_awaiting_review')}
                </div>
              ) : null}
              <div className="event-meta">
                <time dateTime={e.at}>{dateTime(e.at)}</time>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
