/**
 * "Is it fixed?" answered from the e-mail's link or the portal's button (/problems/fix/:token): yes or
 * no with one click, then an optional rating 1–5 and a comment. "No" reopens the report; the page
 * says so. The token is the only key; the page shows the case number and subject, nothing personal.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormError } from '../../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../../components/common.tsx';
import { s48PublicApi, type FixQuestion } from './s48-public-api.ts';

export function FixAnswer({ token }: { token: string }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState<FixQuestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [thanked, setThanked] = useState(false);
  const via = new URLSearchParams(window.location.search).get('via') === 'portal' ? 'portal' : 'email';
  useTitle(q ? t('s48p.fix_title', { number: q.number }) : (error ?? t('ui.loading')));

  useEffect(() => {
    let live = true;
    s48PublicApi.fixQuestion(token).then(
      (r) => live && setQ(r),
      (e: unknown) => live && setError(e instanceof ApiError && e.status === 404 ? t('error.not_found') : e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [token, locale]);

  const send = async (body: { answer?: 'fixed' | 'not_fixed'; rating?: number; comment?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await s48PublicApi.answerFix(token, { ...body, via });
      setQ((old) => (old ? { ...old, answer: r.answer, reopened: r.reopened, rating: body.rating ?? old.rating, comment: body.comment ?? old.comment } : old));
      if (!body.answer) setThanked(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!q) return error ? <FormError message={error} /> : <Loading />;
  return (
    <article className="s48-report" data-testid="fix-answer">
      <PageTitle>{t('s48p.fix_title', { number: q.number })}</PageTitle>
      <p>{q.subject}</p>
      <FormError message={error} />
      {q.answer === null ? (
        <section className="card" aria-labelledby="fix-q">
          <h2 id="fix-q">{t('s48p.fix_question')}</h2>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void send({ answer: 'fixed' })} data-testid="fix-yes">
              {t('s48p.fix_yes')}
            </button>
            <button type="button" disabled={busy} onClick={() => void send({ answer: 'not_fixed' })} data-testid="fix-no">
              {t('s48p.fix_no')}
            </button>
          </div>
        </section>
      ) : (
        <section className="card" aria-labelledby="fix-done" role="status">
          <h2 id="fix-done">{q.answer === 'fixed' ? t('s48p.fix_thanks_fixed') : q.reopened ? t('s48p.fix_reopened') : t('s48p.fix_thanks_not_fixed')}</h2>
          {thanked || (q.rating !== null && q.comment) ? (
            <p data-testid="fix-rated">{t('s48p.fix_rated')}</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void send({ ...(rating ? { rating } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
              }}
            >
              <fieldset>
                <legend>{t('s48p.fix_rate')}</legend>
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="inline">
                    <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} /> {n}
                  </label>
                ))}
              </fieldset>
              <label>
                {t('s48p.fix_comment')}
                <textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
              </label>
              <button type="submit" disabled={busy || (!rating && !comment.trim())}>
                {t('s48p.fix_send')}
              </button>
            </form>
          )}
        </section>
      )}
    </article>
  );
}
