/** Staff sign-in: username and password; the CSRF token from the answer is kept for every change. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, setCsrfToken, type StaffMe } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { PageTitle, useTitle } from '../components/common.tsx';

const FIELDS = ['username', 'password'] as const;

export function SignIn({ onSignedIn }: { onSignedIn: (me: StaffMe) => void }) {
  const { t } = useI18n();
  useTitle(t('ui.staff_sign_in'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(FIELDS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ username: [username, t('ui.username')], password: [password, t('ui.password')] })) return;
    setBusy(true);
    try {
      const r = await api.login(username.trim(), password);
      setCsrfToken(r.csrfToken);
      const me = await api.me();
      if (me.kind !== 'staff') throw new ApiError(403, 'forbidden', t('error.forbidden'));
      onSignedIn(me);
    } catch (err) {
      // A wrong password is about the pair, not one field: say it beside the password, where the user will retype.
      if (err instanceof ApiError && err.code === 'login_failed') f.fail(new ApiError(err.status, err.code, err.message, { field: 'password' }));
      else f.fail(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageTitle>{t('ui.staff_sign_in')}</PageTitle>
      <form onSubmit={submit} noValidate className="card">
        <FormError message={f.formError} />
        <Field id="username" label={t('ui.username')} error={f.errors.username}>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field id="password" label={t('ui.password')} error={f.errors.password}>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.sign_in')}
        </button>
      </form>
    </div>
  );
}
