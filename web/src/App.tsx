/** The shell: header with navigation, language switcher and the signed-in user; the screen for the current address. */
import { lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, onUnauthorized, setApiLocale, setCsrfToken, type StaffMe } from './api.ts';
import { canActOnCase } from '../../src/cases/policy.ts';
import { setMessageOverrides } from '../../src/i18n/catalog.ts';
import {
  HTML_LANG,
  I18nContext,
  LOCALE_NAMES,
  LOCALES,
  initialLocale,
  loadLocaleFile,
  localeFileReady,
  makeI18n,
  rememberLocaleCookie,
  saveLocale,
  useI18n,
  type Locale,
} from './i18n.ts';
import { Link, navigate, useLocation } from './router.tsx';
import { SessionContext } from './session.ts';
import { Flash, Loading, PageTitle, useTitle } from './components/common.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Queues } from './pages/Queues.tsx';
import { Intake } from './pages/Intake.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { Admin } from './pages/Admin.tsx';
import { Track } from './pages/Track.tsx';
import { ChangePassword, PasswordReset } from './pages/Account.tsx';
import { Portal } from './pages/portal/Portal.tsx';
import { isPublicProblemsPath, PublicProblems } from './pages/sistem48-public/entry.tsx';
import { useMapSettings } from './pages/sistem48-public/shared.tsx';
import { WorkQueue } from './pages/WorkQueue.tsx';
import { mayFileReports, OperatorConsoleScreen } from './pages/sistem48-staff/entry.tsx';
import { LoadBoundary } from './components/LoadBoundary.tsx';
import { DashboardScreen, hasUnitHome, homePath, maySeeDashboard, UnitHomeScreen } from './pages/dashboard/entry.tsx';
import { CitizenNav, Home } from './pages/Home.tsx';

// Screens few users open load on first use.
const AccountSecurity = lazy(() => import('./pages/SecondFactor.tsx').then((m) => ({ default: m.AccountSecurity })));
const CannedResponsesPage = lazy(() => import('./pages/admin/CannedResponses.tsx').then((m) => ({ default: m.CannedResponsesPage })));
// Demo only: loaded on first use, so no real installation downloads it.
const DemoPhone = lazy(() => import('./pages/DemoPhone.tsx').then((m) => ({ default: m.DemoPhone })));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  // The language the user picked last; a slower language file must not switch back to an earlier pick.
  const lastChosenLocale = useRef<Locale>(locale);
  // undefined while asking the server whether a session exists; null when signed out.
  const [me, setMe] = useState<StaffMe | null | undefined>(undefined);
  // Why an open session was refused, when the sign-in form should say it (a second factor now required).
  const [signedOutBecause, setSignedOutBecause] = useState<string | null>(null);
  // Dates are shown on the municipality's clock; the server names its zone with the map settings.
  const timeZone = useMapSettings()?.timeZone;
  // This installation's wording (administration → Wording), laid over the messages the app ships with;
  // `wording` counts the loads, so every screen renders again with the new words.
  const [wording, setWording] = useState(0);
  const reloadWording = useCallback(() => {
    api.publicOverrides().then(
      (r) => {
        setMessageOverrides(r.overrides);
        setWording((n) => n + 1);
      },
      () => {},
    );
  }, []);
  useEffect(reloadWording, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `wording` changes the texts t() returns, so the object must be new.
  const i18n = useMemo(() => makeI18n(locale, timeZone, reloadWording), [locale, timeZone, reloadWording, wording]);
  const { path } = useLocation();
  setApiLocale(locale);
  rememberLocaleCookie(locale);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[locale];
    saveLocale(locale);
  }, [locale]);

  useEffect(() => {
    const explain = (e: unknown) => {
      if (e instanceof ApiError && e.code === 'session_second_factor') setSignedOutBecause(e.message);
    };
    onUnauthorized((why) => {
      setCsrfToken(null);
      setMe(null);
      explain(why);
    });
    api.me().then(
      (m) => {
        if (m.kind !== 'staff') {
          setMe(null);
          return;
        }
        setCsrfToken(m.csrfToken);
        setMe(m);
      },
      (e: unknown) => {
        setMe(null);
        explain(e);
      },
    );
  }, []);

  const signOut = useCallback(() => {
    api
      .logout()
      .catch(() => {})
      .finally(() => {
        setCsrfToken(null);
        setMe(null);
        navigate('/staff');
      });
  }, []);
  const session = useMemo(() => (me ? { me, signOut } : null), [me, signOut]);

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <a className="skip-link" href="#main">
          {i18n.t('ui.skip_to_content')}
        </a>
        <header className="app-header">
          <div className="brand">
            <Link to="/">Glas</Link>
          </div>
          {me ? <MainNav me={me} /> : null}
          {!me && path !== '/' ? <CitizenNav path={path} /> : null}
          <div className="header-tools">
            <label className="lang">
              <span>{i18n.t('ui.language')}</span>
              <select
                value={locale}
                onChange={(e) => {
                  const chosen = e.target.value as Locale;
                  lastChosenLocale.current = chosen;
                  // The language's messages arrive first, so no screen shows in a half-loaded language
                  // (a language already here switches at once). A file that arrives after the user has
                  // chosen again is kept but not shown: the last choice wins, not the slowest download.
                  const show = () => {
                    if (lastChosenLocale.current === chosen) setLocale(chosen);
                  };
                  if (localeFileReady(chosen)) setLocale(chosen);
                  else loadLocaleFile(chosen).then(show, show);
                  // A signed-in user's choice is kept with them: Glas's e-mails to them follow it too.
                  if (me) api.setOwnLocale(chosen).catch(() => {});
                }}
                data-testid="language"
              >
                {LOCALES.map((l) => (
                  <option key={l} value={l} lang={HTML_LANG[l]}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
            {me ? (
              <div className="user">
                <span>{i18n.t('ui.signed_in_as', { name: me.name })}</span>
                <Link to="/account/password">{i18n.t('ui.change_password')}</Link>
                <Link to="/account/security">{i18n.t('adm.security')}</Link>
                <button type="button" className="link-button" onClick={signOut}>
                  {i18n.t('ui.sign_out')}
                </button>
              </div>
            ) : null}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {path.startsWith('/portal') ? (
            <Portal />
          ) : path === '/track' ? (
            <Track />
          ) : path === '/password-reset' ? (
            <PasswordReset />
          ) : isPublicProblemsPath(path) ? (
            <PublicProblems />
          ) : (path === '/' || path === '') && !me ? (
            <Home />
          ) : path === '/demo/phone' ? (
            <LoadBoundary>
              <DemoPhone />
            </LoadBoundary>
          ) : me === undefined ? (
            <Loading />
          ) : me === null ? (
            <SignIn
              notice={signedOutBecause}
              onSignedIn={(m) => {
                setSignedOutBecause(null);
                setCsrfToken(m.csrfToken);
                setMe(m);
              }}
            />
          ) : (
            <Screen me={me} />
          )}
        </main>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}

function MainNav({ me }: { me: StaffMe }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const readsCases = me.role !== 'admin';
  const items: [string, string, boolean][] = [
    ['/home', t('home.nav'), hasUnitHome(me)],
    ['/dashboard', t('dash.nav'), maySeeDashboard(me)],
    ['/cases', t('ui.nav_cases'), readsCases],
    ['/cases/new', t('ui.nav_new_case'), canActOnCase(me, 'register')],
    ['/work-queue', t('ws.work_queue'), readsCases],
    ['/operator', t('s48s.nav_console'), mayFileReports(me)],
    ['/admin', t('ui.nav_admin'), me.role === 'admin'],
    ['/canned-responses', t('adm.canned'), me.role === 'unit_head'],
  ];
  const current = (to: string) => (to === '/cases' ? path === '/cases' || (path.startsWith('/cases/') && path !== '/cases/new') : path.startsWith(to));
  return (
    <nav aria-label={t('ui.main_menu')} className="main-nav">
      <ul>
        {items
          .filter(([, , show]) => show)
          .map(([to, label]) => (
            <li key={to}>
              <Link to={to} aria-current={current(to) ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

function Screen({ me }: { me: StaffMe }) {
  const { path } = useLocation();
  return (
    <>
      <Flash key={path} />
      <Route me={me} path={path} />
    </>
  );
}

function Route({ me, path }: { me: StaffMe; path: string }) {
  if (path === '/' || path === '' || path === '/staff') {
    return <Redirect to={me.role === 'admin' ? '/admin' : (homePath(me) ?? '/cases')} />;
  }
  if (path === '/dashboard' || path.startsWith('/dashboard/')) return <DashboardScreen path={path} />;
  if (path === '/home') return <UnitHomeScreen />;
  if (path === '/cases') return <Queues />;
  if (path === '/cases/new') return <Intake />;
  if (path === '/work-queue') return <WorkQueue />;
  if (path === '/operator') return <OperatorConsoleScreen />;
  if (path === '/account/password') return <ChangePassword />;
  if (path === '/account/security')
    return (
      <LoadBoundary>
        <AccountSecurity />
      </LoadBoundary>
    );
  if (path === '/canned-responses')
    return (
      <LoadBoundary>
        <CannedResponsesPage />
      </LoadBoundary>
    );
  const m = /^\/cases\/([^/]+)$/.exec(path);
  if (m) return UUID.test(m[1]!) ? <CasePage key={m[1]} id={m[1]!} /> : <NotFound />;
  // Administration (the audit log among it) is the administrators', as the server holds it: no menu entry and no page for others.
  if (path === '/admin' || path.startsWith('/admin/')) return me.role === 'admin' ? <Admin /> : <NotFound />;
  return <NotFound />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}

export function NotFound() {
  const { t } = useI18n();
  useTitle(t('error.not_found'));
  return <PageTitle>{t('error.not_found')}</PageTitle>;
}
