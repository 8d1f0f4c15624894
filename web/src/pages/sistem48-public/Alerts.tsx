/**
 * Alerts of new reports (issue 14, item 3): the box under the problems list that asks for a daily
 * e-mail of the reports its category and street filters show, and the page its links open
 * (/problems/alerts#confirm=… or #stop=…), where a button does it so that a mail scanner opening the
 * link changes nothing.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { PageTitle, useTitle } from '../../components/common.tsx';
import { s48PublicApi } from './s48-public-api.ts';

export function AlertBox({ category, street, mapArea }: { category: string; street: string; mapArea: [number, number, number, number] | null }) {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState('');
  const [useArea, setUseArea] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['email', 'category', 'street'] as const);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await s48PublicApi.subscribeAlert({
        email,
        ...(category ? { category: [category] } : {}),
        ...(street.trim() ? { street: street.trim() } : {}),
        ...(useArea && mapArea ? { bbox: mapArea } : {}),
        locale,
      });
      setSentTo(email.trim());
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="alert-title" data-testid="alerts">
      <h2 id="alert-title">{t('s48a.heading')}</h2>
      {sentTo ? (
        <p role="status">{t('s48a.sent', { address: sentTo })}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="hint">{t('s48a.intro')}</p>
          <FormError message={f.formError ?? f.errors.category ?? f.errors.street ?? null} />
          <Field id="alert-email" field="email" label={t('s48a.email')} error={f.errors.email}>
            <input type="email" autoComplete="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          {mapArea ? (
            <label className="checkbox">
              <input type="checkbox" checked={useArea} onChange={(e) => setUseArea(e.target.checked)} />
              {t('s48a.map_area')}
            </label>
          ) : null}
          <button type="submit" disabled={busy}>
            {t('s48a.subscribe')}
          </button>
        </form>
      )}
    </section>
  );
}

export function AlertLinkPage() {
  const { t } = useI18n();
  useTitle(t('s48a.page_title'));
  const [action, setAction] = useState<{ kind: 'confirm' | 'stop'; token: string } | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const m = /^#(confirm|stop)=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (m) setAction({ kind: m[1] as 'confirm' | 'stop', token: m[2]! });
  }, []);
  async function go() {
    if (!action) return;
    try {
      await (action.kind === 'confirm' ? s48PublicApi.confirmAlert(action.token) : s48PublicApi.stopAlert(action.token));
      setDone(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="narrow">
      <PageTitle>{t('s48a.page_title')}</PageTitle>
      <FormError message={error} />
      {done && action ? (
        <p role="status">{t(action.kind === 'confirm' ? 's48a.confirmed' : 's48a.stopped')}</p>
      ) : (
        <button type="button" className="primary" disabled={!action} onClick={() => void go()}>
          {t(action?.kind === 'stop' ? 's48f.stop_button' : 's48a.confirm_button')}
        </button>
      )}
    </div>
  );
}
