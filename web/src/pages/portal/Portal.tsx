/**
 * The citizen portal (Tivat, OBVO): sign-in by phone and one-time code or password, sign-up, the
 * activation link, the citizen's own cases with their public history and documents, and their
 * notification settings. It keeps its own session state beside the staff app's; the session is
 * the same cookie session.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, onUnauthorized, setCsrfToken, type Me } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { Flash, Loading, PageTitle, useTitle } from '../../components/common.tsx';
import { PortalSignIn, PortalSignUp } from './SignIn.tsx';
import { PortalLink } from './LinkSignIn.tsx';
import { MyCases } from './MyCases.tsx';
import { PortalCase } from './PortalCase.tsx';
import { PortalSettings } from './Settings.tsx';
import type { PortalSession } from './portal-api.ts';
import './portal.css';

export type CitizenMe = Extract<Me, { kind: 'citizen' }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function Portal() {
  const { t } = useI18n();
  const { path } = useLocation();
  // undefined while asking whether a session exists; null when signed out.
  const [me, setMe] = useState<CitizenMe | null | undefined>(undefined);

  const load = useCallback(
    () =>
      api.me().then(
        (m) => {
          if (m.kind !== 'citizen') {
            setMe(null);
            return;
          }
          setCsrfToken(m.csrfToken);
          setMe(m);
        },
        () => setMe(null),
      ),
    [],
  );

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setMe(null);
    });
    void load();
  }, [load]);

  const signedIn = useCallback(
    (s: PortalSession) => {
      setCsrfToken(s.csrfToken);
      void load().then(() => navigate('/portal', { replace: true }));
    },
    [load],
  );

  const signOut = useCallback(() => {
    api
      .logout()
      .catch(() => {})
      .finally(() => {
        setCsrfToken(null);
        setMe(null);
        navigate('/portal');
      });
  }, []);

  if (path === '/portal/link') return <PortalLink onSignedIn={signedIn} />;
  if (me === undefined) return <Loading />;
  if (me === null) return path === '/portal/sign-up' ? <PortalSignUp onSignedIn={signedIn} /> : <PortalSignIn onSignedIn={signedIn} />;

  const current = (to: string) => (to === '/portal' ? path === '/portal' || path.startsWith('/portal/cases') : path.startsWith(to));
  const m = /^\/portal\/cases\/([^/]+)$/.exec(path);
  let screen;
  if (path === '/portal' || path === '/portal/' || path === '/portal/sign-up') screen = <MyCases />;
  else if (path === '/portal/settings') screen = <PortalSettings />;
  else if (m && UUID.test(m[1]!)) screen = <PortalCase key={m[1]} id={m[1]!} />;
  else screen = <PortalNotFound />;

  return (
    <div className="portal">
      <div className="portal-bar">
        <nav aria-label={t('portal.menu')} className="portal-nav">
          <ul>
            {(
              [
                ['/portal', t('portal.my_cases')],
                ['/portal/settings', t('portal.settings')],
              ] as const
            ).map(([to, label]) => (
              <li key={to}>
                <Link to={to} aria-current={current(to) ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="portal-user">
          <span>{t('ui.signed_in_as', { name: me.name })}</span>
          <button type="button" onClick={signOut}>
            {t('ui.sign_out')}
          </button>
        </div>
      </div>
      <Flash key={path} />
      {screen}
    </div>
  );
}

function PortalNotFound() {
  const { t } = useI18n();
  useTitle(t('error.not_found'));
  return <PageTitle>{t('error.not_found')}</PageTitle>;
}
