/**
 * The citizen's front door (`/`): every way in for a citizen (report a problem, the problems in the
 * municipality, tracking a case, the portal, the weekly overview), and staff sign-in one link away.
 * The header's citizen menu (CitizenNav) repeats these on every other public page.
 */
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n.ts';
import { call, ENDPOINTS } from '../api.ts';
import { Link } from '../router.tsx';
import { PageTitle, useTitle } from '../components/common.tsx';

/** The citizen's ways in: address, name and what it is for. The weekly overview is a server page, not a screen of the app. */
export const CITIZEN_ENTRIES: readonly { to: string; label: MessageKey; about: MessageKey; server?: true }[] = [
  { to: '/problems/new', label: 's48p.report_problem', about: 'door.report_about' },
  { to: '/problems', label: 's48p.problems_title', about: 'door.problems_about' },
  { to: '/track', label: 'ui.track_title', about: 'door.track_about' },
  { to: '/portal', label: 'portal.my_cases', about: 'door.portal_about' },
  { to: '/reports/weekly/latest', label: 'reports.nav_weekly', about: 'door.weekly_about', server: true },
];

/** A citizen entry's link: the app's own screens through the router, the server's pages as plain links in the reader's language. */
export function EntryLink({ entry, className, current }: { entry: (typeof CITIZEN_ENTRIES)[number]; className?: string; current?: boolean }) {
  const { t, locale } = useI18n();
  if (entry.server)
    return (
      <a className={className} href={`${entry.to}?lang=${locale}`}>
        {t(entry.label)}
      </a>
    );
  return (
    <Link className={className} to={entry.to} aria-current={current ? 'page' : undefined}>
      {t(entry.label)}
    </Link>
  );
}

export function Home() {
  const { t } = useI18n();
  useTitle(t('door.title'));
  // In demo mode (and only there) the citizen's phone answers: link to it.
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    call<{ items: unknown[] }>(ENDPOINTS.demoCitizens).then(
      () => setDemo(true),
      () => setDemo(false),
    );
  }, []);
  return (
    <div className="front-door" data-testid="front-door">
      <PageTitle>{t('door.title')}</PageTitle>
      <p className="lead">{t('door.intro')}</p>
      <ul className="door-entries">
        {CITIZEN_ENTRIES.map((e) => (
          <li key={e.to} className="card">
            <h2>
              <EntryLink entry={e} />
            </h2>
            <p>{t(e.about)}</p>
          </li>
        ))}
      </ul>
      {demo ? (
        <p className="door-demo">
          <Link to="/demo/phone">{t('demo.phone_title')}</Link>
        </p>
      ) : null}
      <p className="door-staff">
        {t('door.staff')}: <Link to="/staff">{t('ui.staff_sign_in')}</Link>
      </p>
    </div>
  );
}

/** The citizen menu in the header of every public screen: home and every way in, the current one marked. */
export function CitizenNav({ path }: { path: string }) {
  const { t } = useI18n();
  const current = (to: string) => (to === '/problems' ? path === '/problems' || /^\/problems\/\d/.test(path) : path === to || path.startsWith(`${to}/`));
  return (
    <nav aria-label={t('door.menu')} className="main-nav citizen-nav" data-testid="citizen-nav">
      <ul>
        <li>
          <Link to="/">{t('door.home')}</Link>
        </li>
        {CITIZEN_ENTRIES.map((e) => (
          <li key={e.to}>
            <EntryLink entry={e} current={current(e.to)} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
