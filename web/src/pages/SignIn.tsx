/** Staff sign-in: username and password; the CSRF token from the answer is kept for every change. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, setCsrfToken, type StaffMe } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { PageTitle, useTitle } from '../components/common.tsx';
import { adminApi, type SignInStep } from '../api-admin.ts';
import { SecondFactorStep } from './SecondFactor.tsx';

const FIELDS = ['username', 'password'] as const;

/** `notice`: why the session that was open ended, when that is worth saying (a second factor now required). */
export function SignIn({ onSignedIn, notice = null }: { onSignedIn: (me: StaffMe) => void; notice?: string | null }) {
  const { t } = useI18n();
  useTitle(t('ui.staff_sign_in'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // A second step the password opened (the code from the app, or setting one up), until it is done.
  const [step, setStep] = useState<Exclude<SignInStep, { csrfToken: string }> | null>(null);
  const f = useFormErrors(FIELDS);

  async function finish(csrfToken: string) {
    setCsrfToken(csrfToken);
    const me = await api.me();
    if (me.kind !== 'staff') throw new ApiError(403, 'forbidden', t('error.forbidden'));
    onSignedIn(me);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ username: [username, t('ui.username')], password: [password, t('ui.password')] })) return;
    setBusy(true);
    try {
      const r = await adminApi.login(username.trim(), password);
      if ('secondFactor' in r) {
        setStep(r);
        setPassword('');
        return;
      }
      await finish(r.csrfToken);
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
      {notice && !step ? (
        <p className="flash" role="status">
          {notice}
        </p>
      ) : null}
      {step ? (
        <SecondFactorStep
          step={step}
          onDone={(csrf) => {
            finish(csrf).catch((err: unknown) => f.fail(err));
          }}
          onRestart={(reason) => {
            setStep(null);
            f.fail(reason);
          }}
        />
      ) : null}
      <form onSubmit={submit} noValidate className="card" hidden={step !== null}>
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
