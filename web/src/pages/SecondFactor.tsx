/**
 * The second factor in the web app: the sign-in step that asks for the code (or, when the municipality
 * requires it of an administrator who has none, sets it up there and then), and the account screen where a
 * user turns it on with a QR code and a code from their app, sees their recovery codes once, or turns it off.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { adminApi, type SignInStep } from '../api-admin.ts';
import { useI18n } from '../i18n.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../components/common.tsx';
import { Qr } from '../components/Qr.tsx';
import './admin/admin-extra.css';

type Pending = Exclude<SignInStep, { csrfToken: string }>;

/** The QR code and the key as text (for an app on the same phone, or one without a camera). */
function Enrolment({ secret, uri }: { secret: string; uri: string }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('adm.sf_scan')}</p>
      <Qr text={uri} label={t('adm.sf_qr')} size={192} />
      <p>
        {t('adm.sf_key')}: <code data-testid="totp-secret">{secret}</code>
      </p>
    </>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h2 id="recovery-title">{t('adm.sf_recovery_title')}</h2>
      <p>{t('adm.sf_recovery_hint')}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The second step of a sign-in; `onDone` gets the CSRF token of the new session. */
export function SecondFactorStep({ step, onDone, onRestart }: { step: Pending; onDone: (csrfToken: string) => void; onRestart: (reason: unknown) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<{ csrf: string; list: string[] } | null>(null);
  const f = useFormErrors(['code'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ code: [code, t('adm.sf_code')] })) return;
    setBusy(true);
    try {
      const r = await adminApi.loginSecondFactor(step.challenge, code.trim());
      if (r.recoveryCodes) setCodes({ csrf: r.csrfToken, list: r.recoveryCodes });
      else onDone(r.csrfToken);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'sign_in_step_expired') {
        onRestart(err);
        return;
      }
      f.fail(err instanceof ApiError && err.code === 'second_factor_code' ? new ApiError(err.status, err.code, err.message, { field: 'code' }) : err);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (codes) {
    return (
      <div className="card">
        <RecoveryCodes codes={codes.list} />
        <button type="button" className="primary" onClick={() => onDone(codes.csrf)}>
          {t('adm.sf_continue')}
        </button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="sf-step-title">
      <h2 id="sf-step-title">{step.secondFactor === 'enrol' ? t('adm.sf_start') : t('adm.sf_step_title')}</h2>
      {step.secondFactor === 'enrol' ? (
        <>
          <p>{t('adm.sf_enrol_hint')}</p>
          <Enrolment secret={step.secret} uri={step.uri} />
        </>
      ) : (
        <p>{t('adm.sf_step_hint')}</p>
      )}
      <FormError message={f.formError} />
      <Field id="sf-code" label={step.secondFactor === 'enrol' ? t('adm.sf_code') : t('adm.sf_code_or_recovery')} error={f.errors.code}>
        <input
          value={code}
          autoComplete="one-time-code"
          inputMode={step.secondFactor === 'enrol' ? 'numeric' : 'text'}
          maxLength={20}
          onChange={(e) => setCode(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('adm.sf_verify')}
      </button>
    </form>
  );
}

/** The signed-in user's sign-in security: the second factor's state, turning it on or off. */
export function AccountSecurity() {
  const { t } = useI18n();
  useTitle(t('adm.security'));
  const [state, setState] = useState<{ enabled: boolean; recoveryCodesLeft: number; required: boolean } | null>(null);
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['code', 'password'] as const);
  const reload = () => adminApi.ownSecondFactor().then(setState, (e: Error) => f.fail(e));
  useEffect(() => {
    void reload();
  }, []);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setNotice(null);
    try {
      await run();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  const start = () =>
    act(async () => {
      setCodes(null);
      setEnrolment(await adminApi.startSecondFactor());
    });
  function confirm(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ code: [code, t('adm.sf_code')] })) return;
    void act(async () => {
      const r = await adminApi.confirmSecondFactor(code.trim());
      setCodes(r.recoveryCodes);
      setEnrolment(null);
      setCode('');
      await reload();
    });
  }
  function remove(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ password: [password, t('ui.current_password')] })) return;
    void act(async () => {
      await adminApi.removeSecondFactor(password);
      setPassword('');
      setCodes(null);
      setNotice(t('adm.sf_removed'));
      await reload();
    });
  }

  return (
    <div className="narrow">
      <PageTitle>{t('adm.security')}</PageTitle>
      <FormError message={f.formError} />
      {notice ? (
        <p className="flash" role="status">
          {notice}
        </p>
      ) : null}
      {state === null ? (
        <Loading />
      ) : (
        <section className="card">
          <p data-testid="second-factor-state">{state.enabled ? t('adm.sf_on', { count: state.recoveryCodesLeft }) : t('adm.sf_off')}</p>
          {state.required ? <p className="hint">{t('adm.sf_required')}</p> : null}
          {codes ? <RecoveryCodes codes={codes} /> : null}
          {state.enabled ? null : enrolment ? (
            <form onSubmit={confirm} noValidate aria-labelledby="sf-enrol-title">
              <h2 id="sf-enrol-title">{t('adm.sf_start')}</h2>
              <Enrolment secret={enrolment.secret} uri={enrolment.uri} />
              <Field id="sf-confirm-code" label={t('adm.sf_code')} error={f.errors.code}>
                <input value={code} autoComplete="one-time-code" inputMode="numeric" maxLength={10} onChange={(e) => setCode(e.target.value)} />
              </Field>
              <button type="submit" className="primary" disabled={busy}>
                {t('adm.sf_confirm')}
              </button>
            </form>
          ) : (
            <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
              {t('adm.sf_start')}
            </button>
          )}
          {state.enabled && !state.required ? (
            <form onSubmit={remove} noValidate aria-labelledby="sf-remove-title">
              <h2 id="sf-remove-title">{t('adm.sf_remove')}</h2>
              <Field id="sf-remove-password" label={t('ui.current_password')} error={f.errors.password}>
                <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
              </Field>
              <button type="submit" disabled={busy}>
                {t('adm.sf_remove')}
              </button>
            </form>
          ) : null}
        </section>
      )}
    </div>
  );
}
