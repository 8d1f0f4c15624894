/** One of the citizen's cases: status, body, clerk, deadlines, the public history and their documents. */
import { useEffect, useState } from 'react';
import { api, type CaseDetail, type CaseDocument, type CaseEvent } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { Deadline, Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { FormError } from '../../components/form.tsx';
import { eventDetail } from '../CasePage.tsx';
import { portalApi } from './portal-api.ts';

/** A comment, documents or photos for the office handling the case. */
function ReplyForm({ caseId, number }: { caseId: string; number: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="case-reply">
      <h2 id="case-reply">{t('portal.reply_heading')}</h2>
      <p className="meta">{t('portal.reply_hint')}</p>
      <form
        data-testid="portal-reply"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          setBusy(true);
          setError(null);
          portalApi.reply(caseId, new FormData(form)).then(
            () => {
              form.reset();
              setSent(t('portal.reply_sent', { number }));
              setBusy(false);
            },
            (err: unknown) => {
              setError(err instanceof Error ? err.message : String(err));
              setBusy(false);
            },
          );
        }}
      >
        <FormError message={error} />
        <label>
          {t('portal.reply_text')}
          <textarea name="text" rows={4} maxLength={5000} />
        </label>
        <label>
          {t('portal.reply_files')}
          <input type="file" name="file" multiple accept="image/*,application/pdf" />
        </label>
        <button type="submit" disabled={busy}>
          {t('portal.reply_send')}
        </button>
        {sent ? (
          <p role="status" data-testid="portal-reply-sent">
            {sent}
          </p>
        ) : null}
      </form>
    </section>
  );
}

export function PortalCase({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, dateTime, localName } = i18n;
  const [c, setC] = useState<CaseDetail | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [docs, setDocs] = useState<CaseDocument[]>([]);
  const [error, setError] = useState<string | null>(null);
  useTitle(c ? c.number : t('ui.loading'));
  useEffect(() => {
    Promise.all([api.getCase(id), api.caseEvents(id), api.listDocuments(id)]).then(
      ([k, e, d]) => {
        setC(k);
        setEvents(e.items);
        setDocs(d.items);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [id]);
  if (error)
    return (
      <>
        <PageTitle>{t('error.not_found')}</PageTitle>
        <FormError message={error} />
        <p>
          <Link to="/portal">{t('portal.back')}</Link>
        </p>
      </>
    );
  if (!c) return <Loading />;
  return (
    <div className="portal-case">
      <p>
        <Link to="/portal">{t('portal.back')}</Link>
      </p>
      <PageTitle>
        <span className="case-number">{c.number}</span>
      </PageTitle>
      <p className="subject">{c.subject}</p>
      <section className="card" aria-labelledby="case-facts">
        <h2 id="case-facts" className="visually-hidden">
          {t('ui.status')}
        </h2>
        <dl className="facts">
          <dt>{t('ui.status')}</dt>
          <dd data-testid="case-status">
            <StatusBadge status={c.status} />
          </dd>
          <dt>{t('ui.unit')}</dt>
          <dd data-testid="case-unit">{c.unit_name ?? '—'}</dd>
          <dt>{t('ui.clerk')}</dt>
          <dd data-testid="case-clerk">{c.clerk_name ?? '—'}</dd>
          {c.awaiting_unit_name ? (
            <>
              <dt>{t('ui.institution')}</dt>
              <dd>{c.awaiting_unit_name}</dd>
            </>
          ) : null}
          <dt>{t('ui.case_type')}</dt>
          <dd>{localName(c.case_type_name)}</dd>
          <dt>{t('ui.registered_at')}</dt>
          <dd>{dateTime(c.registered_at)}</dd>
          <dt>{t('ui.deadline')}</dt>
          <dd>
            <Deadline dueAt={c.due_at} open={c.is_open} />
          </dd>
          <dt>{t('ui.tracking_code')}</dt>
          <dd className="tracking-code">{c.tracking_code}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="case-history">
        <h2 id="case-history">{t('ui.history')}</h2>
        <ol className="timeline" data-testid="timeline">
          {events.map((e) => (
            <li key={e.id} className="event event-public" data-type={e.type}>
              <strong className="event-label">{t(`event.${e.type}` as MessageKey)}</strong>
              {eventDetail(e, i18n).map((line, j) => (
                <div key={j} className="event-detail">
                  {line}
                </div>
              ))}
              {e.note ? <blockquote className="event-note">{e.note}</blockquote> : null}
              <div className="event-meta">
                <time dateTime={e.occurred_at}>{dateTime(e.occurred_at)}</time>
              </div>
            </li>
          ))}
        </ol>
      </section>
      <ReplyForm caseId={c.id} number={c.number} />
      <section className="card" aria-labelledby="case-docs">
        <h2 id="case-docs">{t('ui.documents')}</h2>
        {docs.length ? (
          <ul className="documents">
            {docs.map((d) => (
              <li key={d.id}>
                <a href={api.documentUrl(c.id, d.id)} download={d.filename}>
                  {d.filename}
                </a>
                <span className="meta">{dateTime(d.created_at)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('ui.no_documents')}</p>
        )}
      </section>
    </div>
  );
}
