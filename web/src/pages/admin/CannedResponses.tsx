/**
 * Canned responses: answer templates with a title and a text in every language, for one unit or the whole
 * municipality, optionally one category and one status. Administrators keep them all; a unit head keeps
 * their unit's (the server decides, and marks each row editable or not). Clerks pick them in the answer panel.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { HANDWRITTEN_LOCALES } from '../../../../src/i18n/catalog.ts';
import type { CaseStatus } from '../../../../src/kernel/types.ts';
import { api, type LocalisedName, type OrgUnit } from '../../api.ts';
import { adminApi, type CannedResponse } from '../../api-admin.ts';
import { ws, type Category } from '../../api-workspace.ts';
import { HTML_LANG, LOCALE_NAMES, useI18n } from '../../i18n.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../../components/common.tsx';
import { useSession } from '../../session.ts';
import { cleanNames, useList } from './shared.tsx';
import './admin-extra.css';

/** The statuses a first response or a later answer can set (the answer panel offers the same). */
export const ANSWER_STATUSES: readonly CaseStatus[] = ['accepted', 'in_progress', 'resolved', 'rejected'];

/** The screen of its own, for unit heads (administrators find the same under Administration). */
export function CannedResponsesPage() {
  const { t } = useI18n();
  useTitle(t('adm.canned'));
  return (
    <>
      <PageTitle>{t('adm.canned')}</PageTitle>
      <CannedResponses />
    </>
  );
}

export function CannedResponses() {
  const { t, localName } = useI18n();
  const me = useSession().me;
  const list = useList(() => adminApi.cannedResponses());
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  useEffect(() => {
    api.listUnits().then(
      (r) => setUnits(r.items),
      () => {},
    );
    ws.categories().then(
      (r) => setCategories(r.items),
      () => {},
    );
  }, []);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const categoryName = new Map(categories.map((c) => [c.id, localName(c.name)]));
  const isAdmin = me.role === 'admin';
  // What this user may keep: an administrator any unit or the municipality, a unit head their own unit.
  const scopes: { id: string; name: string }[] = isAdmin
    ? [{ id: '', name: t('adm.canned_municipality') }, ...units.filter((u) => u.kind !== 'external_institution').map((u) => ({ id: u.id, name: u.name }))]
    : me.unitId
      ? [{ id: me.unitId, name: unitName.get(me.unitId) ?? '—' }]
      : [];

  async function remove(c: CannedResponse) {
    setRowError(null);
    try {
      await adminApi.deleteCannedResponse(c.id);
      await list.reload();
    } catch (err) {
      setRowError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <>
      <FormError message={list.error ?? rowError} />
      {list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p>{t('adm.canned_none')}</p>
      ) : (
        <table role="table" className="responsive">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.name')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.canned_for')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.category')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.status')}
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
            {list.items.map((c) => (
              <tr role="row" key={c.id}>
                <td role="cell" data-label={t('ui.name')}>
                  {localName(c.title)}
                </td>
                <td role="cell" data-label={t('adm.canned_for')}>
                  {c.unit_id ? (unitName.get(c.unit_id) ?? '—') : t('adm.canned_municipality')}
                </td>
                <td role="cell" data-label={t('adm.category')}>
                  {c.category_id ? (categoryName.get(c.category_id) ?? '—') : t('adm.any_category')}
                </td>
                <td role="cell" data-label={t('ui.status')}>
                  {c.status ? t(`status.${c.status}`) : t('adm.any_status')}
                </td>
                <td role="cell" data-label={t('ui.active')}>
                  {t(c.active ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  {c.editable ? (
                    <>
                      <button type="button" onClick={() => setEditing(c)} aria-label={`${t('ws.edit')}: ${localName(c.title)}`}>
                        {t('ws.edit')}
                      </button>{' '}
                      <button type="button" onClick={() => void remove(c)} aria-label={`${t('adm.delete')}: ${localName(c.title)}`}>
                        {t('adm.delete')}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        scopes.length > 0 ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('adm.canned_new')}
          </button>
        ) : null
      ) : (
        <CannedResponseForm
          key={editing === 'new' ? 'new' : editing.id}
          item={editing === 'new' ? null : editing}
          scopes={scopes}
          categories={categories}
          onDone={async () => {
            setEditing(null);
            await list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}

function CannedResponseForm({
  item,
  scopes,
  categories,
  onDone,
  onCancel,
}: {
  item: CannedResponse | null;
  scopes: { id: string; name: string }[];
  categories: Category[];
  onDone: () => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t, localName } = useI18n();
  const [unitId, setUnitId] = useState(item ? (item.unit_id ?? '') : (scopes[0]?.id ?? ''));
  const [categoryId, setCategoryId] = useState(item?.category_id ? String(item.category_id) : '');
  const [status, setStatus] = useState<string>(item?.status ?? '');
  const [title, setTitle] = useState<LocalisedName>(item?.title ?? {});
  const [body, setBody] = useState<LocalisedName>(item?.body ?? {});
  const [active, setActive] = useState(item?.active ?? true);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['unitId', 'categoryId', 'status', 'title', 'body'] as const);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const titles = cleanNames(title);
    const bodies = cleanNames(body);
    if (!f.required({ title: [Object.values(titles)[0] ?? '', t('ui.name')], body: [Object.values(bodies)[0] ?? '', t('ui.description')] })) return;
    const b = {
      unitId: unitId || null,
      categoryId: categoryId ? Number(categoryId) : null,
      status: (status || null) as CaseStatus | null,
      title: titles,
      body: bodies,
      active,
    };
    setBusy(true);
    try {
      if (item) await adminApi.updateCannedResponse(item.id, b);
      else await adminApi.createCannedResponse(b);
      await onDone();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="canned-form-title">
      <h2 id="canned-form-title">{item ? `${t('ws.edit')}: ${localName(item.title)}` : t('adm.canned_new')}</h2>
      <FormError message={f.formError} />
      <div className="grid-2">
        <Field id="canned-unit" label={t('adm.canned_for')} error={f.errors.unitId}>
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {scopes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="canned-category" label={t('adm.category')} error={f.errors.categoryId}>
          <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">{t('adm.any_category')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="canned-status" label={t('ui.status')} error={f.errors.status}>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('adm.any_status')}</option>
            {ANSWER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {HANDWRITTEN_LOCALES.map((l, i) => (
        <fieldset key={l} lang={HTML_LANG[l]} className="canned-language">
          <legend>{LOCALE_NAMES[l]}</legend>
          <Field id={`canned-title-${l}`} label={t('adm.title_in', { language: LOCALE_NAMES[l] })} error={i === 0 ? f.errors.title : undefined}>
            <input value={title[l] ?? ''} maxLength={120} onChange={(e) => setTitle((x) => ({ ...x, [l]: e.target.value }))} />
          </Field>
          <Field id={`canned-body-${l}`} label={t('adm.text_in', { language: LOCALE_NAMES[l] })} error={i === 0 ? f.errors.body : undefined}>
            <textarea rows={3} value={body[l] ?? ''} maxLength={5000} onChange={(e) => setBody((x) => ({ ...x, [l]: e.target.value }))} />
          </Field>
        </fieldset>
      ))}
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('ui.active')}
      </label>
      <p className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.save')}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </p>
    </form>
  );
}
