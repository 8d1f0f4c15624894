/** The municipality's sign-in security switch: whether administrators must use a second factor. Audited by the server. */
import { useEffect, useState } from 'react';
import { adminApi } from '../../api-admin.ts';
import { useI18n } from '../../i18n.ts';
import { FormError } from '../../components/form.tsx';
import { Loading } from '../../components/common.tsx';
import { useSavedNotice } from './shared.tsx';

export function SecuritySettings() {
  const { t } = useI18n();
  const [required, setRequired] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saved = useSavedNotice();
  useEffect(() => {
    adminApi.securitySettings().then(
      (s) => setRequired(s.adminSecondFactorRequired),
      (e: Error) => setError(e.message),
    );
  }, []);
  async function change(value: boolean) {
    setError(null);
    // The box follows the click at once; it goes back if the server refuses.
    const before = required;
    setRequired(value);
    try {
      const s = await adminApi.setSecuritySettings(value);
      setRequired(s.adminSecondFactorRequired);
      saved.notify();
    } catch (err) {
      setRequired(before);
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  return (
    <section className="card">
      <FormError message={error} />
      {saved.node}
      {required === null ? (
        <Loading />
      ) : (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={required} onChange={(e) => void change(e.target.checked)} aria-describedby="admin-2fa-hint" />{' '}
            {t('adm.require_admin_2fa')}
          </label>
          <p className="hint" id="admin-2fa-hint">
            {t('adm.require_admin_2fa_hint')}
          </p>
        </>
      )}
    </section>
  );
}
