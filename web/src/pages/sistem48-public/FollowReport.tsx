/**
 * Follow a public report or say "me too" (issue 14, item 3): a mobile number or an e-mail address, a
 * code sent to it, the code typed back. Nothing counts and nothing is sent but the code until then.
 * Also the page the stop link in every update opens (/problems/stop#token).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { PageTitle, useTitle } from '../../components/common.tsx';
import { s48PublicApi } from './s48-public-api.ts';

const contactBody = (value: string) => (value.includes('@') ? { email: value.trim() } : { phone: value.trim() });

export function FollowReport({ no, onSupportCount }: { no: string; onSupportCount: (n: number) => void }) {
  const { t, locale } = useI18n();
  const [contact, setContact] = useState('');
  const [updates, setUpdates] = useState(true);
  const [support, setSupport] = useState(false);
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<{ following: boolean; supporting: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['phone', 'email', 'updates', 'code'] as const);

  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await s48PublicApi.follow(no, { ...contactBody(contact), updates, support, locale });
      setSent(true);
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await s48PublicApi.confirmFollow(no, { ...contactBody(contact), code });
      setDone(r);
      onSupportCount(r.supportCount);
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="follow-title" data-testid="follow">
      <h2 id="follow-title">{t('s48f.heading')}</h2>
      <FormError message={f.formError} />
      {done ? (
        <div role="status">
          {done.following ? <p>{t('s48f.done_following')}</p> : null}
          {done.supporting ? <p>{t('s48f.done_supporting')}</p> : null}
        </div>
      ) : !sent ? (
        <form onSubmit={send} noValidate>
          <p className="hint">{t('s48f.intro')}</p>
          <Field id="follow-contact" field={contact.includes('@') ? 'email' : 'phone'} label={t('s48f.contact')} error={f.errors.phone ?? f.errors.email}>
            <input type="text" inputMode="email" autoComplete="tel" maxLength={254} value={contact} onChange={(e) => setContact(e.target.value)} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={updates} onChange={(e) => setUpdates(e.target.checked)} />
            {t('s48f.updates')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={support} onChange={(e) => setSupport(e.target.checked)} />
            {t('s48f.me_too')}
          </label>
          {f.errors.updates ? <p className="field-error">{f.errors.updates}</p> : null}
          <button type="submit" className="primary" disabled={busy}>
            {t('s48f.send_code')}
          </button>
        </form>
      ) : (
        <form onSubmit={confirm} noValidate>
          <p role="status">{t('s48f.code_sent', { address: contact.trim() })}</p>
          <Field id="follow-code" field="code" label={t('s48f.code')} error={f.errors.code}>
            <input inputMode="numeric" autoComplete="one-time-code" maxLength={12} value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t('s48f.confirm')}
          </button>
        </form>
      )}
    </section>
  );
}

/** /problems/stop#token: the stop link of a follower's message; a button, so a link preview cannot stop it. */
export function StopFollowing() {
  const { t } = useI18n();
  useTitle(t('s48f.stop_title'));
  const [token, setToken] = useState('');
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setToken(window.location.hash.slice(1));
  }, []);
  async function stop() {
    try {
      await s48PublicApi.stopFollowing(token);
      setStopped(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="narrow">
      <PageTitle>{t('s48f.stop_title')}</PageTitle>
      <FormError message={error} />
      {stopped ? (
        <p role="status">{t('s48f.stopped')}</p>
      ) : (
        <button type="button" className="primary" disabled={!token} onClick={() => void stop()}>
          {t('s48f.stop_button')}
        </button>
      )}
    </div>
  );
}
