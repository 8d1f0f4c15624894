/** All of the citizen's own cases in every phase: status, the body and the clerk handling it now, deadline. */
import { useEffect, useState } from 'react';
import { api, type CaseListItem } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { Deadline, Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { FormError } from '../../components/form.tsx';
import { portalApi } from './portal-api.ts';

export function MyCases() {
  const { t, date } = useI18n();
  useTitle(t('portal.my_cases'));
  const [items, setItems] = useState<CaseListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [questions, setQuestions] = useState<{ token: string; number: string; subject: string }[]>([]);
  useEffect(() => {
    portalApi.fixQuestions().then(
      (r) => setQuestions(r.items),
      () => {},
    );
  }, []);
  useEffect(() => {
    api.listCases({ limit: 200 }).then(
      (p) => setItems(p.items),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  return (
    <>
      <PageTitle>{t('portal.my_cases')}</PageTitle>
      <FormError message={error} />
      {questions.length ? (
        <section className="card" aria-labelledby="fix-questions" data-testid="fix-questions">
          <h2 id="fix-questions">{t('portal.fix_questions')}</h2>
          <ul>
            {questions.map((q) => (
              <li key={q.token}>
                <Link to={`/problems/fix/${q.token}?via=portal`} className="button">
                  {t('portal.fix_answer', { number: q.number })}
                </Link>{' '}
                <span className="meta">{q.subject}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items === null && !error ? <Loading /> : null}
      {items && !items.length ? <p className="empty">{t('portal.no_cases')}</p> : null}
      {items?.length ? (
        <ul className="portal-cases" data-testid="my-cases">
          {items.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/portal/cases/${c.id}`} className="case-number">
                  {c.number}
                </Link>
              </h2>
              <p className="subject">{c.subject}</p>
              <dl className="facts">
                <dt>{t('ui.status')}</dt>
                <dd>
                  <StatusBadge status={c.status} />
                </dd>
                <dt>{t('ui.unit')}</dt>
                <dd>{c.unit_name ?? '—'}</dd>
                <dt>{t('ui.clerk')}</dt>
                <dd>{c.clerk_name ?? '—'}</dd>
                <dt>{t('ui.registered_at')}</dt>
                <dd>{date(c.registered_at)}</dd>
                <dt>{t('ui.deadline')}</dt>
                <dd>
                  <Deadline dueAt={c.due_at} open={c.is_open} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
