/** The public tracking page the receipt's QR code opens: status and public history for a case number and tracking code, no sign-in. */
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type PublicCase } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { s48PublicApi } from './sistem48-public/s48-public-api.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { Deadline, Loading, PageTitle, StatusBadge, useTitle } from '../components/common.tsx';
import { eventDetail } from './CasePage.tsx';

export function Track() {
  const i18n = useI18n();
  const { t, dateTime, localName } = i18n;
  useTitle(t('ui.track_title'));
  const { query } = useLocation();
  const qNumber = query.get('number') ?? '';
  const qCode = query.get('code') ?? '';
  const [number, setNumber] = useState(qNumber);
  const [code, setCode] = useState(qCode);
  const [result, setResult] = useState<PublicCase | null>(null);
  const [busy, setBusy] = useState(false);
  // A problem report (Sistem 48) also has a public page with its answer deadline and photos: link to it.
  const [reportId, setReportId] = useState<string | null>(null);
  const f = useFormErrors(['number', 'code'] as const);

  useEffect(() => {
    if (!qNumber || !qCode) return;
    let live = true;
    setBusy(true);
    setReportId(null);
    api
      .publicTrack(qNumber, qCode)
      .then(
        (r) => {
          if (!live) return;
          setResult(r);
          f.reset();
          s48PublicApi.byTrackingCode(qCode).then(
            (p) => {
              if (live) setReportId(p.id);
            },
            () => {
              if (live) setReportId(null);
            },
          );
        },
        (e: unknown) => {
          if (live) {
            setResult(null);
            f.fail(e instanceof ApiError ? new ApiError(e.status, e.code, e.message) : e);
          }
        },
      )
      .finally(() => {
        if (live) setBusy(false);
      });
    return () => {
      live = false;
    };
    // `f` is stable in behaviour; only a new number or code starts a new look-up.
  }, [qNumber, qCode]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ number: [number, t('ui.case_number')], code: [code, t('ui.tracking_code')] })) return;
    navigate(`/track?number=${encodeURIComponent(number.trim())}&code=${encodeURIComponent(code.trim())}`, { replace: true });
  }

  return (
    <div className="track">
      <PageTitle>{t('ui.track_title')}</PageTitle>
      <form onSubmit={submit} noValidate className="card">
        <FormError message={f.formError} />
        <div className="grid-2">
          <Field id="number" label={t('ui.case_number')} error={f.errors.number}>
            <input value={number} maxLength={80} autoComplete="off" onChange={(e) => setNumber(e.target.value)} />
          </Field>
          <Field id="code" label={t('ui.tracking_code')} error={f.errors.code}>
            <input value={code} maxLength={30} autoComplete="off" autoCapitalize="characters" onChange={(e) => setCode(e.target.value)} />
          </Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.show')}
        </button>
      </form>
      {busy ? <Loading /> : null}
      {result && !busy ? (
        <>
          <section className="card" aria-labelledby="track-case">
            <h2 id="track-case" className="case-number">
              {result.number}
            </h2>
            <dl className="facts">
              <dt>{t('ui.status')}</dt>
              <dd data-testid="case-status">
                <StatusBadge status={result.status} />
              </dd>
              {result.awaitingInstitution ? (
                <>
                  <dt>{t('ui.institution')}</dt>
                  <dd>{result.awaitingInstitution}</dd>
                </>
              ) : null}
              <dt>{t('ui.unit')}</dt>
              <dd>{result.unit ?? '—'}</dd>
              <dt>{t('ui.case_type')}</dt>
              <dd>{localName(result.caseType)}</dd>
              <dt>{t('ui.registered_at')}</dt>
              <dd>{dateTime(result.registeredAt)}</dd>
              <dt>{t('ui.deadline')}</dt>
              <dd>
                <Deadline dueAt={result.dueAt} open={!result.closedAt} />
              </dd>
            </dl>
            {reportId ? (
              <p>
                <Link to={`/problems/${reportId}`} data-testid="track-report-link">
                  {t('s48p.track_report_link')}
                </Link>
              </p>
            ) : null}
          </section>
          <section className="card" aria-labelledby="track-history">
            <h2 id="track-history">{t('ui.history')}</h2>
            <ol className="timeline">
              {result.history.map((e, i) => (
                <li key={i} className="event event-public">
                  <strong className="event-label">{t(`event.${e.type}` as MessageKey)}</strong>
                  {eventDetail(e, i18n).map((line, j) => (
                    <div key={j} className="event-detail">
                      {line}
                    </div>
                  ))}
                  {e.note ? <blockquote className="event-note">{e.note}</blockquote> : null}
                  <div className="event-meta">
                    <time dateTime={e.at}>{dateTime(e.at)}</time>
                  </div>
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </div>
  );
}
