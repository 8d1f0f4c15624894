/**
 * Administration: org units, users and roles, case types with number patterns, event types, the
 * notification levels and templates, and Sistem 48's categories, routing and clock. The server
 * audits every change. The notification and Sistem 48 screens load on first use.
 */
import { lazy, useEffect, useState, type FormEvent } from 'react';
import { STAFF_ROLES, UNIT_KINDS, type StaffRole, type UnitKind } from '../../../src/kernel/types.ts';
import { HANDWRITTEN_LOCALES } from '../../../src/i18n/catalog.ts';
import { api, type CaseType, type EventType, type LocalisedName, type OrgUnit, type StaffUser } from '../api.ts';
import { HTML_LANG, LOCALE_NAMES, LOCALES, useI18n, type Locale, type MessageKey } from '../i18n.ts';
import { Link, useLocation } from '../router.tsx';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../components/common.tsx';
import { LoadBoundary } from '../components/LoadBoundary.tsx';
import { useSession } from '../session.ts';
import { adminApi } from '../api-admin.ts';
import { EditCaseType, EditUnit, EditUser } from './admin/EditForms.tsx';

const NotificationKinds = lazy(() => import('./admin/NotificationKinds.tsx').then((m) => ({ default: m.NotificationKinds })));
const Templates = lazy(() => import('./admin/Templates.tsx').then((m) => ({ default: m.Templates })));
const Categories = lazy(() => import('./admin/Categories.tsx').then((m) => ({ default: m.Categories })));
const RoutingRules = lazy(() => import('./admin/RoutingRules.tsx').then((m) => ({ default: m.RoutingRules })));
const Sla = lazy(() => import('./admin/Sla.tsx').then((m) => ({ default: m.Sla })));
const Router = lazy(() => import('./admin/Router.tsx').then((m) => ({ default: m.Router })));
const ReportImport = lazy(() => import('./admin/ReportImport.tsx').then((m) => ({ default: m.ReportImport })));
const AuditLog = lazy(() => import('./admin/AuditLog.tsx').then((m) => ({ default: m.AuditLog })));
const SecuritySettings = lazy(() => import('./admin/SecuritySettings.tsx').then((m) => ({ default: m.SecuritySettings })));
const CannedResponses = lazy(() => import('./admin/CannedResponses.tsx').then((m) => ({ default: m.CannedResponses })));
const Wording = lazy(() => import('./admin/Wording.tsx').then((m) => ({ default: m.Wording })));

const SECTIONS = [
  { id: 'units', label: 'ui.org_units' },
  { id: 'users', label: 'ui.users' },
  { id: 'case-types', label: 'ui.case_types' },
  { id: 'event-types', label: 'ui.event_types' },
  { id: 'notifications', label: 'ws.notification_kinds' },
  { id: 'templates', label: 'ws.templates' },
  { id: 'categories', label: 'ws.categories' },
  { id: 'routing', label: 'ws.routing_rules' },
  { id: 'sla', label: 'ws.sla' },
  { id: 'router', label: 'router.nav' },
  { id: 'import', label: 's48s.import_tab' },
  { id: 'canned', label: 'adm.canned' },
  { id: 'security', label: 'adm.security' },
  { id: 'audit', label: 'adm.audit' },
  { id: 'wording', label: 'ws.wording' },
] as const satisfies readonly { id: string; label: MessageKey }[];
type SectionId = (typeof SECTIONS)[number]['id'];

export function Admin() {
  const { t } = useI18n();
  const { path } = useLocation();
  const requested = path.split('/')[2] ?? '';
  const section = SECTIONS.find((s) => s.id === requested) ?? SECTIONS[0];
  const title = `${t('ui.nav_admin')}: ${t(section.label)}`;
  useTitle(title);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <nav aria-label={t('ui.nav_admin')} className="page-nav tabs">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <Link to={`/admin/${s.id}`} aria-current={s.id === section.id ? 'page' : undefined}>
                {t(s.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <SectionBody key={section.id} id={section.id} />
    </>
  );
}

function SectionBody({ id }: { id: SectionId }) {
  switch (id) {
    case 'units':
      return <Units />;
    case 'users':
      return <Users />;
    case 'case-types':
      return <CaseTypes />;
    case 'event-types':
      return <EventTypes />;
    case 'notifications':
      return (
        <LoadBoundary>
          <NotificationKinds />
        </LoadBoundary>
      );
    case 'templates':
      return (
        <LoadBoundary>
          <Templates />
        </LoadBoundary>
      );
    case 'categories':
      return (
        <LoadBoundary>
          <Categories />
        </LoadBoundary>
      );
    case 'routing':
      return (
        <LoadBoundary>
          <RoutingRules />
        </LoadBoundary>
      );
    case 'sla':
      return (
        <LoadBoundary>
          <Sla />
        </LoadBoundary>
      );
    case 'router':
      return (
        <LoadBoundary>
          <Router />
        </LoadBoundary>
      );
    case 'import':
      return (
        <LoadBoundary>
          <ReportImport />
        </LoadBoundary>
      );
    case 'canned':
      return (
        <LoadBoundary>
          <CannedResponses />
        </LoadBoundary>
      );
    case 'security':
      return (
        <LoadBoundary>
          <SecuritySettings />
        </LoadBoundary>
      );
    case 'audit':
      return (
        <LoadBoundary>
          <AuditLog />
        </LoadBoundary>
      );
    case 'wording':
      return (
        <LoadBoundary>
          <Wording />
        </LoadBoundary>
      );
  }
}

/** Loads a list, and reloads it after a change. */
function useList<T>(load: () => Promise<{ items: T[] }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () =>
    load().then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e: Error) => {
        setError(e.message);
        setItems((x) => x ?? []);
      },
    );
  // Loads once on mount; `reload` is called again after each change.
  useEffect(() => {
    void reload();
  }, []);
  return { items, error, reload };
}

function Units() {
  const { t } = useI18n();
  const list = useList(api.listUnits);
  const [kind, setKind] = useState<UnitKind>('department');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['kind', 'code', 'name', 'parentId', 'email'] as const);
  const byId = new Map((list.items ?? []).map((u) => [u.id, u]));
  const [editing, setEditing] = useState<OrgUnit | null>(null);
  const [staff, setStaff] = useState<StaffUser[]>([]);
  useEffect(() => {
    api.listUsers().then(
      (r) => setStaff(r.items),
      () => {},
    );
  }, []);
  const staffName = new Map(staff.map((u) => [u.id, u.display_name]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ code: [code, t('ui.code')], name: [name, t('ui.name')] })) return;
    setBusy(true);
    try {
      await api.createUnit({ kind, code: code.trim(), name: name.trim(), ...(parentId ? { parentId } : {}), ...(email.trim() ? { email: email.trim() } : {}) });
      setCode('');
      setName('');
      setEmail('');
      await list.reload();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <FormError message={list.error} />
      {list.items === null ? (
        <Loading />
      ) : (
        <table role="table" className="responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.code')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.name')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.kind')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.parent_unit')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.unit_head')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.active')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.actions')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((u: OrgUnit) => (
              <tr role="row" key={u.id}>
                <td role="cell" data-label={t('ui.code')}>
                  {u.code}
                </td>
                <td role="cell" data-label={t('ui.name')}>
                  {u.name}
                </td>
                <td role="cell" data-label={t('ui.kind')}>
                  {t(`unitKind.${u.kind}`)}
                </td>
                <td role="cell" data-label={t('ui.parent_unit')}>
                  {u.parent_id ? (byId.get(u.parent_id)?.name ?? '—') : '—'}
                </td>
                <td role="cell" data-label={t('adm.unit_head')}>
                  {u.head_user_id ? (staffName.get(u.head_user_id) ?? '—') : '—'}
                </td>
                <td role="cell" data-label={t('ui.active')}>
                  {t(u.active ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  <button type="button" onClick={() => setEditing(u)} aria-label={`${t('ws.edit')}: ${u.name}`}>
                    {t('ws.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <EditUnit
          key={editing.id}
          item={editing}
          units={list.items ?? []}
          users={staff}
          onDone={async () => {
            // The list is fresh before the form closes: no moment shows the old values.
            await list.reload();
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <form onSubmit={submit} noValidate className="card">
        <h2>
          {t('ui.add')}: {t('ui.org_units')}
        </h2>
        <FormError message={f.formError} />
        <div className="grid-2">
          <Field id="unit-kind" label={t('ui.kind')} error={f.errors.kind}>
            <select value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
              {UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`unitKind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="unit-code" label={t('ui.code')} error={f.errors.code}>
            <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field id="unit-name" label={t('ui.name')} error={f.errors.name}>
            <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id="unit-parent" label={t('ui.parent_unit')} error={f.errors.parentId}>
            <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t('ui.none_option')}</option>
              {(list.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="unit-email" label={t('ui.email')} error={f.errors.email}>
            <input type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
          </Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.add')}
        </button>
      </form>
    </>
  );
}

function Users() {
  const { t, dateTime } = useI18n();
  const me = useSession().me;
  const list = useList(() => api.listUsers());
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [v, setV] = useState({ username: '', displayName: '', password: '', role: 'case_officer' as StaffRole, unitId: '', email: '', locale: '' });
  const [busy, setBusy] = useState(false);
  const [rowError, setRowError] = useState<string | null>(null);
  // The reset link is shown once, right after it is issued; it is never fetched again.
  const [resetLink, setResetLink] = useState<{ name: string; url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const f = useFormErrors(['username', 'displayName', 'password', 'role', 'unitId', 'email', 'locale'] as const);
  useEffect(() => {
    api.listUnits().then(
      (r) => setUnits(r.items),
      () => {},
    );
  }, []);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));

  async function setActive(u: StaffUser, active: boolean) {
    setRowError(null);
    try {
      await api.setUserActive(u.id, active);
      await list.reload();
    } catch (err) {
      setRowError(err instanceof Error ? err.message : String(err));
    }
  }

  async function resetSecondFactor(u: StaffUser) {
    setRowError(null);
    setNotice(null);
    try {
      await adminApi.resetUserSecondFactor(u.id);
      setNotice(t('adm.second_factor_reset_done'));
      await list.reload();
    } catch (err) {
      setRowError(err instanceof Error ? err.message : String(err));
    }
  }

  async function issueReset(u: StaffUser) {
    setRowError(null);
    setCopied(false);
    try {
      const r = await api.issuePasswordReset(u.id);
      setResetLink({ name: u.display_name, url: new URL(r.path, me.publicUrl ?? window.location.origin).href, expiresAt: r.expiresAt });
    } catch (err) {
      setRowError(err instanceof Error ? err.message : String(err));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ username: [v.username, t('ui.username')], displayName: [v.displayName, t('ui.display_name')], password: [v.password, t('ui.password')] }))
      return;
    setBusy(true);
    try {
      await api.createUser({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        role: v.role,
        ...(v.unitId ? { unitId: v.unitId } : {}),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        ...(v.locale ? { locale: v.locale as Locale } : {}),
      });
      setV((x) => ({ ...x, username: '', displayName: '', password: '', email: '' }));
      await list.reload();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <FormError message={list.error ?? rowError} />
      {notice ? (
        <p className="flash" role="status">
          {notice}
        </p>
      ) : null}
      {resetLink ? (
        <section className="card" aria-labelledby="reset-link-title" data-testid="reset-link">
          <h2 id="reset-link-title">{t('ui.reset_link_for', { name: resetLink.name })}</h2>
          <p>{t('ui.reset_link_shown_once', { time: dateTime(resetLink.expiresAt) })}</p>
          <p>
            <input readOnly value={resetLink.url} aria-label={t('ui.reset_link_for', { name: resetLink.name })} onFocus={(e) => e.target.select()} size={60} />{' '}
            <button
              type="button"
              onClick={() => {
                navigator.clipboard?.writeText(resetLink.url).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {t('ui.copy')}
            </button>{' '}
            <span role="status">{copied ? t('ui.copied') : ''}</span>
          </p>
        </section>
      ) : null}
      {list.items === null ? (
        <Loading />
      ) : (
        <table role="table" className="responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.display_name')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.username')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.role')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.unit')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.active')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.second_factor')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.actions')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((u: StaffUser) => (
              <tr role="row" key={u.id}>
                <td role="cell" data-label={t('ui.display_name')}>
                  {u.display_name}
                </td>
                <td role="cell" data-label={t('ui.username')}>
                  {u.username ?? '—'}
                </td>
                <td role="cell" data-label={t('ui.role')}>
                  {t(`role.${u.role}`)}
                </td>
                <td role="cell" data-label={t('ui.unit')}>
                  {u.unit_id ? (unitName.get(u.unit_id) ?? '—') : '—'}
                </td>
                <td role="cell" data-label={t('ui.active')}>
                  {t(u.active ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('adm.second_factor')}>
                  {t(u.second_factor ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  <button type="button" onClick={() => setEditing(u)} aria-label={`${t('ws.edit')}: ${u.display_name}`}>
                    {t('ws.edit')}
                  </button>{' '}
                  <Link to={`/admin/audit?entity=user&entityId=${u.id}`} aria-label={`${t('adm.audit')}: ${u.display_name}`}>
                    {t('adm.audit')}
                  </Link>{' '}
                  {u.second_factor && u.id !== me.userId ? (
                    <button type="button" onClick={() => resetSecondFactor(u)} aria-label={`${t('adm.reset_second_factor')}: ${u.display_name}`}>
                      {t('adm.reset_second_factor')}
                    </button>
                  ) : null}{' '}
                  {u.id === me.userId ? null : (
                    <button
                      type="button"
                      onClick={() => setActive(u, !u.active)}
                      aria-label={`${t(u.active ? 'ui.deactivate' : 'ui.reactivate')}: ${u.display_name}`}
                    >
                      {t(u.active ? 'ui.deactivate' : 'ui.reactivate')}
                    </button>
                  )}{' '}
                  {u.active && u.username ? (
                    <button type="button" onClick={() => issueReset(u)} aria-label={`${t('ui.reset_password')}: ${u.display_name}`}>
                      {t('ui.reset_password')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <EditUser
          key={editing.id}
          item={editing}
          units={units}
          onDone={async () => {
            // The list is fresh before the form closes: no moment shows the old values.
            await list.reload();
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <form onSubmit={submit} noValidate className="card">
        <h2>
          {t('ui.add')}: {t('ui.users')}
        </h2>
        <FormError message={f.formError} />
        <div className="grid-2">
          <Field id="user-name" label={t('ui.display_name')} error={f.errors.displayName}>
            <input value={v.displayName} maxLength={120} onChange={(e) => set('displayName')(e.target.value)} />
          </Field>
          <Field id="user-username" label={t('ui.username')} error={f.errors.username}>
            <input value={v.username} maxLength={60} autoComplete="off" onChange={(e) => set('username')(e.target.value)} />
          </Field>
          <Field id="user-password" label={t('ui.password')} error={f.errors.password}>
            <input type="password" value={v.password} autoComplete="new-password" onChange={(e) => set('password')(e.target.value)} />
          </Field>
          <Field id="user-role" label={t('ui.role')} error={f.errors.role}>
            <select value={v.role} onChange={(e) => set('role')(e.target.value)}>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="user-unit" label={t('ui.unit')} error={f.errors.unitId}>
            <select value={v.unitId} onChange={(e) => set('unitId')(e.target.value)}>
              <option value="">{t('ui.none_option')}</option>
              {units
                .filter((u) => u.kind !== 'external_institution')
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="user-email" label={t('ui.email')} error={f.errors.email}>
            <input type="email" value={v.email} maxLength={254} onChange={(e) => set('email')(e.target.value)} />
          </Field>
          <Field id="user-locale" label={t('ui.language')} error={f.errors.locale}>
            <select value={v.locale} onChange={(e) => set('locale')(e.target.value)}>
              <option value="">{t('ui.select_placeholder')}</option>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={HTML_LANG[l]}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.add')}
        </button>
      </form>
    </>
  );
}

function CaseTypes() {
  const { t, localName } = useI18n();
  const list = useList(api.listCaseTypes);
  const [code, setCode] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const [pattern, setPattern] = useState('');
  const [days, setDays] = useState('');
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<CaseType | null>(null);
  const f = useFormErrors(['code', 'name', 'numberPattern', 'resolutionDays'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const name: LocalisedName = {};
    for (const l of HANDWRITTEN_LOCALES) if (names[l]?.trim()) name[l] = names[l]!.trim();
    const firstName = Object.values(name)[0] ?? '';
    if (!f.required({ code: [code, t('ui.code')], name: [firstName, t('ui.name')], numberPattern: [pattern, t('ui.number_pattern')] })) return;
    setBusy(true);
    try {
      await api.createCaseType({
        code: code.trim(),
        name,
        numberPattern: pattern.trim(),
        ...(days ? { resolutionDays: Number(days) } : {}),
        problemReport: problem,
      });
      setCode('');
      setNames({});
      setPattern('');
      setDays('');
      setProblem(false);
      await list.reload();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <FormError message={list.error} />
      {list.items === null ? (
        <Loading />
      ) : (
        <table role="table" className="responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.code')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.name')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.number_pattern')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.resolution_days')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.active')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.actions')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((x: CaseType) => (
              <tr role="row" key={x.id}>
                <td role="cell" data-label={t('ui.code')}>
                  {x.code}
                </td>
                <td role="cell" data-label={t('ui.name')}>
                  {localName(x.name)}
                </td>
                <td role="cell" data-label={t('ui.number_pattern')}>
                  <code>{x.number_pattern}</code>
                </td>
                <td role="cell" data-label={t('ui.resolution_days')}>
                  {x.resolution_days ?? '—'}
                </td>
                <td role="cell" data-label={t('ui.active')}>
                  {t(x.active ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  <button type="button" onClick={() => setEditing(x)} aria-label={`${t('ws.edit')}: ${localName(x.name)}`}>
                    {t('ws.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <EditCaseType
          key={editing.id}
          item={editing}
          onDone={async () => {
            // The list is fresh before the form closes: no moment shows the old values.
            await list.reload();
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <form onSubmit={submit} noValidate className="card">
        <h2>
          {t('ui.add')}: {t('ui.case_types')}
        </h2>
        <FormError message={f.formError} />
        <div className="grid-2">
          <Field id="ct-code" label={t('ui.code')} error={f.errors.code}>
            <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field id="ct-pattern" label={t('ui.number_pattern')} error={f.errors.numberPattern} hint={<code>{'{unit} {type} {seq} {seq:5} {yyyy} {yy}'}</code>}>
            <input value={pattern} maxLength={60} placeholder="UP-{unit}-{seq:3}/{yyyy}" onChange={(e) => setPattern(e.target.value)} />
          </Field>
          {HANDWRITTEN_LOCALES.map((l, i) => (
            <Field key={l} id={`ct-name-${l}`} label={t('ui.name_in', { language: LOCALE_NAMES[l] })} error={i === 0 ? f.errors.name : undefined}>
              <input value={names[l] ?? ''} maxLength={200} lang={HTML_LANG[l]} onChange={(e) => setNames((n) => ({ ...n, [l]: e.target.value }))} />
            </Field>
          ))}
          <Field id="ct-days" label={t('ui.resolution_days')} error={f.errors.resolutionDays}>
            <input type="number" min={1} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={problem} onChange={(e) => setProblem(e.target.checked)} /> {t('ui.problem_report')}
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.add')}
        </button>
      </form>
    </>
  );
}

/** An event type's description in the reader's language; one the catalogue does not know (added by an integration) as stored. */
function eventDescription(t: (key: MessageKey) => string, x: EventType): string {
  const key = `eventDesc.${x.code}` as MessageKey;
  const text = t(key);
  return text === key ? x.description : text;
}

function EventTypes() {
  const { t } = useI18n();
  const list = useList(api.listEventTypes);
  return (
    <>
      <FormError message={list.error} />
      {list.items === null ? (
        <Loading />
      ) : (
        <table role="table" className="responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.event')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.code')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.default_visibility')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.description')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((x: EventType) => (
              <tr role="row" key={x.code}>
                <td role="cell" data-label={t('ui.event')}>
                  {t(`event.${x.code}` as MessageKey)}
                </td>
                <td role="cell" data-label={t('ui.code')}>
                  <code>{x.code}</code>
                </td>
                <td role="cell" data-label={t('ui.default_visibility')}>
                  {t(x.default_visibility === 'internal' ? 'ui.visibility_internal' : 'ui.visibility_public')}
                </td>
                <td role="cell" data-label={t('ui.description')}>
                  {eventDescription(t, x)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
