/** The one-time link from the activation SMS or the e-mail: enter the portal, optionally setting a password. */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { PageTitle, useTitle } from '../../components/common.tsx';
import { portalApi, type PortalSession } from './portal-api.ts';

export function PortalLink({ onSignedIn }: { onSignedIn: (s: PortalSession) => void }) {
  const { t } = useI18n();
  useTitle(t('portal.link_title'));
  // The token travels in the fragment, which browsers never send to the server or its logs.
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['password'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onSignedIn(await portalApi.signInWithLink(token, password || undefined));
    } catch (err) {
      f.fail(err instanceof ApiError && err.code === 'login_failed' ? new ApiError(err.status, err.code, err.message) : err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow portal-auth">
      <PageTitle>{t('portal.link_title')}</PageTitle>
      {!/^[A-Za-z0-9_-]{22}$/.test(token) ? (
        <p className="form-error" role="alert">
          {t('portal.link_missing')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate className="card">
          <p className="hint">{t('portal.link_intro')}</p>
          <FormError message={f.formError} />
          <Field id="new-password" label={t('portal.new_password')} hint={t('portal.password_optional')} error={f.errors.password}>
            <input type="password" autoComplete="new-password" minLength={10} maxLength={200} value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t('portal.enter')}
          </button>
        </form>
      )}
    </div>
  );
}
