/**
 * Passwords: a signed-in staff user changes their own (the current one required), and anyone holding a
 * one-time reset link from an administrator sets a new one. The link's token travels in the address's
 * fragment (#...), which the browser never sends to a server, so it stays out of access logs.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { PageTitle, useTitle } from '../components/common.tsx';
import { Link } from '../router.tsx';

export function ChangePassword() {
  const { t } = useI18n();
  useTitle(t('ui.change_password'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const f = useFormErrors(['currentPassword', 'newPassword'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (!f.required({ currentPassword: [current, t('ui.current_password')], newPassword: [next, t('ui.new_password')] })) return;
    setBusy(true);
    try {
      await api.changeOwnPassword(current, next);
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageTitle>{t('ui.change_password')}</PageTitle>
      <form onSubmit={submit} noValidate className="card">
        <FormError message={f.formError} />
        {done ? <p role="status">{t('ui.password_changed')}</p> : null}
        <Field id="currentPassword" label={t('ui.current_password')} error={f.errors.currentPassword}>
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field id="newPassword" label={t('ui.new_password')} error={f.errors.newPassword}>
          <input type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.change_password')}
        </button>
      </form>
    </div>
  );
}

export function PasswordReset() {
  const { t } = useI18n();
  useTitle(t('ui.set_new_password'));
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const f = useFormErrors(['password'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ password: [password, t('ui.new_password')] })) return;
    setBusy(true);
    try {
      await api.resetPassword(token, password);
      setPassword('');
      setDone(true);
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageTitle>{t('ui.set_new_password')}</PageTitle>
      {done ? (
        <div className="card">
          <p role="status">{t('ui.password_reset_done')}</p>
          <Link to="/staff">{t('ui.go_to_sign_in')}</Link>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="card">
          <FormError message={f.formError} />
          <Field id="password" label={t('ui.new_password')} error={f.errors.password}>
            <input type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t('ui.set_new_password')}
          </button>
        </form>
      )}
    </div>
  );
}
