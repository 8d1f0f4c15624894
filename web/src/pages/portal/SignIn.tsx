/** Portal sign-in (mobile number and a one-time code by SMS, or a password) and sign-up (by phone and code, or by e-mail and link). */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { PageTitle, useTitle } from '../../components/common.tsx';
import { portalApi, type PortalSession } from './portal-api.ts';

type OnSignedIn = (s: PortalSession) => void;

/** Where a failed sign-in says so: beside the field the citizen retypes. */
function blame(e: unknown, field: string): unknown {
  return e instanceof ApiError && e.code === 'login_failed' ? new ApiError(e.status, e.code, e.message, { field }) : e;
}

/** Step 1: the number; step 2: the code it received. Shared by sign-in and sign-up by phone. */
function PhoneCode({ name, onSignedIn, submitLabel }: { name?: string; onSignedIn: OnSignedIn; submitLabel: string }) {
  const { t, locale } = useI18n();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['phone', 'code', 'name'] as const);
  // Once the code is sent, the code field appears: focus it after it has rendered.
  useEffect(() => {
    if (sentTo) document.getElementById('code')?.focus();
  }, [sentTo]);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ phone: [phone, t('ui.phone')], ...(name !== undefined ? { name: [name, t('ui.party_name')] } : {}) })) return;
    setBusy(true);
    try {
      await portalApi.requestCode({ phone: phone.trim(), ...(name !== undefined ? { name: name.trim(), locale } : {}) });
      setSentTo(phone.trim());
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ code: [code, t('portal.code')] })) return;
    setBusy(true);
    try {
      onSignedIn(await portalApi.signInWithCode(sentTo!, code.trim()));
    } catch (err) {
      f.fail(blame(err, 'code'));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (!sentTo) {
    return (
      <form onSubmit={send} noValidate>
        <FormError message={f.formError} />
        {name !== undefined && f.errors.name ? (
          <p className="field-error" role="alert">
            {f.errors.name}
          </p>
        ) : null}
        <Field id="phone" label={t('ui.phone')} error={f.errors.phone}>
          <input type="tel" inputMode="tel" autoComplete="tel" maxLength={30} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('portal.send_code')}
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={verify} noValidate>
      <p role="status" className="flash">
        {t('portal.code_sent', { phone: sentTo })}
      </p>
      <FormError message={f.formError} />
      <Field id="code" label={t('portal.code')} error={f.errors.code}>
        <input inputMode="numeric" autoComplete="one-time-code" maxLength={12} value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <button
          type="button"
          onClick={() => {
            setSentTo(null);
            setCode('');
            f.reset();
          }}
        >
          {t('portal.other_number')}
        </button>
      </div>
    </form>
  );
}

function PasswordForm({ onSignedIn }: { onSignedIn: OnSignedIn }) {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['login', 'password'] as const);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ login: [login, t('portal.login')], password: [password, t('ui.password')] })) return;
    setBusy(true);
    try {
      onSignedIn(await portalApi.signInWithPassword(login.trim(), password));
    } catch (err) {
      f.fail(blame(err, 'password'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={f.formError} />
      <Field id="login" label={t('portal.login')} error={f.errors.login}>
        <input autoComplete="username" maxLength={254} value={login} onChange={(e) => setLogin(e.target.value)} />
      </Field>
      <Field id="password" label={t('ui.password')} error={f.errors.password}>
        <input type="password" autoComplete="current-password" maxLength={200} value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('ui.sign_in')}
      </button>
    </form>
  );
}

export function PortalSignIn({ onSignedIn }: { onSignedIn: OnSignedIn }) {
  const { t } = useI18n();
  useTitle(t('portal.sign_in_title'));
  const [mode, setMode] = useState<'code' | 'password'>('code');
  return (
    <div className="narrow portal-auth">
      <PageTitle>{t('portal.sign_in_title')}</PageTitle>
      <section className="card" aria-labelledby="portal-how">
        <h2 id="portal-how">{mode === 'code' ? t('portal.use_code') : t('portal.use_password')}</h2>
        {mode === 'code' ? (
          <>
            <p className="hint">{t('portal.sign_in_intro')}</p>
            <PhoneCode onSignedIn={onSignedIn} submitLabel={t('ui.sign_in')} />
          </>
        ) : (
          <PasswordForm onSignedIn={onSignedIn} />
        )}
      </section>
      <p>
        <button type="button" className="link-like" onClick={() => setMode(mode === 'code' ? 'password' : 'code')}>
          {mode === 'code' ? t('portal.use_password') : t('portal.use_code')}
        </button>
      </p>
      <p>
        <Link to="/portal/sign-up">{t('portal.sign_up_link')}</Link>
      </p>
    </div>
  );
}

export function PortalSignUp({ onSignedIn }: { onSignedIn: OnSignedIn }) {
  const { t, locale } = useI18n();
  useTitle(t('portal.sign_up_title'));
  const [name, setName] = useState('');
  const [by, setBy] = useState<'phone' | 'email'>('phone');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['name', 'email'] as const);

  async function sendLink(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ name: [name, t('ui.party_name')], email: [email, t('ui.email')] })) return;
    setBusy(true);
    try {
      await portalApi.requestCode({ email: email.trim(), name: name.trim(), locale });
      setSent(email.trim());
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow portal-auth">
      <PageTitle>{t('portal.sign_up_title')}</PageTitle>
      <div className="card">
        <p className="hint">{t('portal.sign_up_intro')}</p>
        <Field id="name" label={t('ui.party_name')} error={f.errors.name}>
          <input autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <fieldset className="inline">
          <legend>{t('portal.sign_up_title')}</legend>
          <label className="radio">
            <input type="radio" name="by" checked={by === 'phone'} onChange={() => setBy('phone')} /> {t('portal.by_phone')}
          </label>
          <label className="radio">
            <input type="radio" name="by" checked={by === 'email'} onChange={() => setBy('email')} /> {t('portal.by_email')}
          </label>
        </fieldset>
        {by === 'phone' ? (
          <PhoneCode name={name} onSignedIn={onSignedIn} submitLabel={t('portal.enter')} />
        ) : sent ? (
          <p role="status" className="flash">
            {t('portal.email_sent', { email: sent, hours: 72 })}
          </p>
        ) : (
          <form onSubmit={sendLink} noValidate>
            <FormError message={f.formError} />
            <Field id="email" label={t('ui.email')} error={f.errors.email}>
              <input type="email" autoComplete="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              {t('portal.send_link')}
            </button>
          </form>
        )}
      </div>
      <p>
        <Link to="/portal">{t('portal.have_account')}</Link>
      </p>
    </div>
  );
}
