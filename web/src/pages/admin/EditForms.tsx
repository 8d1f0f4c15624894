/**
 * Editing what the administration lists show: a user (name, e-mail, role, unit, language), a unit (name,
 * head, parent, mailbox, active) and a case type (names, number pattern, resolution days, active). The
 * server audits every change; a form sends only what differs from what was loaded.
 */
import { useState, type FormEvent } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../../src/kernel/types.ts';
import type { CaseType, LocalisedName, OrgUnit, StaffUser } from '../../api.ts';
import { adminApi } from '../../api-admin.ts';
import { HTML_LANG, LOCALE_NAMES, LOCALES, useI18n, type Locale } from '../../i18n.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { cleanNames, NameInputs } from './shared.tsx';

interface FormProps<T> {
  item: T;
  onDone: () => Promise<unknown>;
  onCancel: () => void;
}

function Buttons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <p className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {t('ui.save')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('ui.cancel')}
      </button>
    </p>
  );
}

/** Sends only what changed; a form with no change closes as Cancel would. */
async function savePatch<P extends object>(
  patch: P,
  save: (patch: P) => Promise<unknown>,
  s: { onCancel: () => void; onDone: () => Promise<unknown>; setBusy: (busy: boolean) => void; fail: (err: unknown) => void },
): Promise<void> {
  if (Object.keys(patch).length === 0) return s.onCancel();
  s.setBusy(true);
  try {
    await save(patch);
    await s.onDone();
  } catch (err) {
    s.fail(err);
  } finally {
    s.setBusy(false);
  }
}

/** The fields of `next` that differ from `before`, so an unchanged field is never sent (nor audited). */
function changes<T extends Record<string, unknown>>(before: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) if (JSON.stringify(before[k]) !== JSON.stringify(next[k])) out[k] = next[k];
  return out;
}

export function EditUser({ item: u, units, onDone, onCancel }: FormProps<StaffUser> & { units: OrgUnit[] }) {
  const { t } = useI18n();
  const initial = { displayName: u.display_name, email: u.email ?? '', role: u.role, unitId: u.unit_id ?? '', locale: u.locale ?? '' };
  const [v, setV] = useState(initial);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['displayName', 'email', 'role', 'unitId', 'locale'] as const);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ displayName: [v.displayName, t('ui.display_name')] })) return;
    const patch = changes(
      { displayName: initial.displayName, email: u.email, role: u.role, unitId: u.unit_id, locale: u.locale },
      {
        displayName: v.displayName.trim(),
        email: v.email.trim() || null,
        role: v.role as StaffRole,
        unitId: v.unitId || null,
        locale: (v.locale || null) as Locale | null,
      },
    );
    await savePatch(patch, (p) => adminApi.updateUser(u.id, p as Parameters<typeof adminApi.updateUser>[1]), { onCancel, onDone, setBusy, fail: f.fail });
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title">
        {t('ws.edit')}: {u.display_name}
      </h2>
      <FormError message={f.formError} />
      <div className="grid-2">
        <Field id="edit-user-name" label={t('ui.display_name')} error={f.errors.displayName}>
          <input value={v.displayName} maxLength={120} onChange={(e) => set('displayName')(e.target.value)} />
        </Field>
        <Field id="edit-user-email" label={t('ui.email')} error={f.errors.email}>
          <input type="email" value={v.email} maxLength={254} onChange={(e) => set('email')(e.target.value)} />
        </Field>
        <Field id="edit-user-role" label={t('ui.role')} error={f.errors.role}>
          <select value={v.role} onChange={(e) => set('role')(e.target.value)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="edit-user-unit" label={t('ui.unit')} error={f.errors.unitId}>
          <select value={v.unitId} onChange={(e) => set('unitId')(e.target.value)}>
            <option value="">{t('ui.none_option')}</option>
            {units
              .filter((x) => x.kind !== 'external_institution')
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
          </select>
        </Field>
        <Field id="edit-user-locale" label={t('ui.language')} error={f.errors.locale}>
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
      <Buttons busy={busy} onCancel={onCancel} />
    </form>
  );
}

export function EditUnit({ item: u, units, users, onDone, onCancel }: FormProps<OrgUnit> & { units: OrgUnit[]; users: StaffUser[] }) {
  const { t } = useI18n();
  const [v, setV] = useState({ name: u.name, headUserId: u.head_user_id ?? '', parentId: u.parent_id ?? '', email: u.email ?? '', active: u.active });
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['name', 'headUserId', 'parentId', 'email', 'active'] as const);
  // A unit cannot move under itself or its own sub-units; those are not offered.
  const parents = units.filter((x) => !x.path.startsWith(u.path));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ name: [v.name, t('ui.name')] })) return;
    const patch = changes(
      { name: u.name, headUserId: u.head_user_id, parentId: u.parent_id, email: u.email, active: u.active },
      { name: v.name.trim(), headUserId: v.headUserId || null, parentId: v.parentId || null, email: v.email.trim() || null, active: v.active },
    );
    await savePatch(patch, (p) => adminApi.updateUnit(u.id, p), { onCancel, onDone, setBusy, fail: f.fail });
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="edit-unit-title">
      <h2 id="edit-unit-title">
        {t('ws.edit')}: {u.name}
      </h2>
      <FormError message={f.formError} />
      <div className="grid-2">
        <Field id="edit-unit-name" label={t('ui.name')} error={f.errors.name}>
          <input value={v.name} maxLength={200} onChange={(e) => setV((x) => ({ ...x, name: e.target.value }))} />
        </Field>
        <Field id="edit-unit-head" label={t('adm.unit_head')} error={f.errors.headUserId}>
          <select value={v.headUserId} onChange={(e) => setV((x) => ({ ...x, headUserId: e.target.value }))}>
            <option value="">{t('ui.none_option')}</option>
            {users
              .filter((x) => x.active || x.id === u.head_user_id)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.display_name}
                </option>
              ))}
          </select>
        </Field>
        <Field id="edit-unit-parent" label={t('ui.parent_unit')} error={f.errors.parentId}>
          <select value={v.parentId} onChange={(e) => setV((x) => ({ ...x, parentId: e.target.value }))}>
            <option value="">{t('ui.none_option')}</option>
            {parents.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="edit-unit-email" label={t('adm.mailbox')} error={f.errors.email}>
          <input type="email" value={v.email} maxLength={254} onChange={(e) => setV((x) => ({ ...x, email: e.target.value }))} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={v.active} onChange={(e) => setV((x) => ({ ...x, active: e.target.checked }))} /> {t('ui.active')}
      </label>
      <Buttons busy={busy} onCancel={onCancel} />
    </form>
  );
}

export function EditCaseType({ item: c, onDone, onCancel }: FormProps<CaseType>) {
  const { t, localName } = useI18n();
  const [names, setNames] = useState<LocalisedName>(c.name);
  const [pattern, setPattern] = useState(c.number_pattern);
  const [days, setDays] = useState(c.resolution_days === null ? '' : String(c.resolution_days));
  const [active, setActive] = useState(c.active);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['name', 'numberPattern', 'resolutionDays', 'active'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const name = cleanNames(names);
    if (!f.required({ name: [Object.values(name)[0] ?? '', t('ui.name')], numberPattern: [pattern, t('ui.number_pattern')] })) return;
    const patch = changes(
      { name: c.name, numberPattern: c.number_pattern, resolutionDays: c.resolution_days, active: c.active },
      { name, numberPattern: pattern.trim(), resolutionDays: days ? Number(days) : null, active },
    );
    await savePatch(patch, (p) => adminApi.updateCaseType(c.id, p), { onCancel, onDone, setBusy, fail: f.fail });
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="edit-ct-title">
      <h2 id="edit-ct-title">
        {t('ws.edit')}: {localName(c.name)}
      </h2>
      <FormError message={f.formError} />
      <div className="grid-2">
        <NameInputs idPrefix="edit-ct-name" value={names} onChange={setNames} error={f.errors.name} />
        <Field
          id="edit-ct-pattern"
          label={t('ui.number_pattern')}
          error={f.errors.numberPattern}
          hint={<code>{'{unit} {type} {seq} {seq:5} {yyyy} {yy}'}</code>}
        >
          <input value={pattern} maxLength={60} onChange={(e) => setPattern(e.target.value)} />
        </Field>
        <Field id="edit-ct-days" label={t('ui.resolution_days')} error={f.errors.resolutionDays}>
          <input type="number" min={1} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('ui.active')}
      </label>
      <Buttons busy={busy} onCancel={onCancel} />
    </form>
  );
}
