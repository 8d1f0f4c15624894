/**
 * Sistem 48 problem categories: names in every language, icon, group, keywords, the first-response
 * time (hours, calendar or working clock, warning point) and the extra fields the form asks for.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type CaseType, type LocalisedName } from '../../api.ts';
import { ws, FIELD_TYPES, type Category, type CategoryBody, type CategoryField, type FieldType } from '../../api-workspace.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Loading } from '../../components/common.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { cleanNames, NameInputs, useList, useSavedNotice } from './shared.tsx';

const FIELDS = [
  'code',
  'caseTypeId',
  'name',
  'icon',
  'group',
  'keywords',
  'fields',
  'slaHours',
  'slaClock',
  'warnPercent',
  'resolutionDays',
  'sortOrder',
  'fixQuestionDays',
] as const;

// `original` keeps what the form does not edit (descriptions, option names in other languages), so saving never drops it.
interface FieldDraft {
  code: string;
  type: FieldType;
  required: boolean;
  label: LocalisedName;
  options: string;
  original: CategoryField | null;
}
interface Draft {
  code: string;
  caseTypeId: string;
  name: LocalisedName;
  icon: string;
  group: string;
  keywords: string;
  slaHours: string;
  slaClock: 'calendar' | 'working';
  warnPercent: string;
  resolutionDays: string;
  sortOrder: string;
  /** Empty: the default (the case type's, else 14 days). */
  fixQuestionDays: string;
  active: boolean;
  fields: FieldDraft[];
  reviewRequired: boolean;
}

const empty = (caseTypeId: string): Draft => ({
  code: '',
  caseTypeId,
  name: {},
  icon: 'question',
  group: '',
  keywords: '',
  slaHours: '48',
  slaClock: 'calendar',
  warnPercent: '75',
  resolutionDays: '7',
  sortOrder: '100',
  fixQuestionDays: '',
  active: true,
  fields: [],
  reviewRequired: false,
});

// Options are written one a line as "key = name", the name in Serbian Latin; an option's names in the
// other languages are kept while its key stays (a new option falls back to the Serbian name elsewhere).
const optionsText = (f: CategoryField) => (f.options ?? []).map((o) => `${o.key} = ${o.name['sr-Latn'] ?? Object.values(o.name)[0] ?? ''}`).join('\n');
function parseOptions(text: string, before: CategoryField | null): { key: string; name: LocalisedName }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [key, ...rest] = l.split('=');
      const k = key!.trim();
      const old = before?.options?.find((o) => o.key === k)?.name ?? {};
      return { key: k, name: { ...old, 'sr-Latn': rest.join('=').trim() || k } };
    });
}

function fromCategory(c: Category): Draft {
  return {
    code: c.code,
    caseTypeId: String(c.case_type_id),
    name: c.name,
    icon: c.icon,
    group: c.group_code ?? '',
    keywords: c.keywords.join(', '),
    slaHours: String(c.sla_hours),
    slaClock: c.sla_clock,
    warnPercent: String(c.warn_percent),
    resolutionDays: c.resolution_days ? String(c.resolution_days) : '',
    sortOrder: String(c.sort_order),
    fixQuestionDays: c.fix_question_days === null || c.fix_question_days === undefined ? '' : String(c.fix_question_days),
    active: c.active,
    reviewRequired: c.review_required,
    fields: c.fields.map((f) => ({ code: f.code, type: f.type, required: f.required, label: f.label, options: optionsText(f), original: f })),
  };
}

function toBody(d: Draft): CategoryBody {
  const listed = (t: FieldType) => t === 'singlevaluelist' || t === 'multivaluelist';
  return {
    caseTypeId: Number(d.caseTypeId),
    name: cleanNames(d.name),
    icon: d.icon.trim(),
    group: d.group.trim() || null,
    keywords: d.keywords
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    slaHours: Number(d.slaHours),
    slaClock: d.slaClock,
    warnPercent: Number(d.warnPercent),
    resolutionDays: d.resolutionDays ? Number(d.resolutionDays) : null,
    sortOrder: Number(d.sortOrder || 0),
    fixQuestionDays: d.fixQuestionDays.trim() === '' ? null : Number(d.fixQuestionDays),
    active: d.active,
    reviewRequired: d.reviewRequired,
    fields: d.fields.map((f) => ({
      code: f.code.trim(),
      type: f.type,
      required: f.required,
      label: cleanNames(f.label),
      ...(f.original?.description ? { description: f.original.description } : {}),
      ...(listed(f.type) ? { options: parseOptions(f.options, f.original) } : {}),
    })),
  };
}

export function Categories() {
  const { t, localName } = useI18n();
  const list = useList(ws.categories);
  const [types, setTypes] = useState<CaseType[]>([]);
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  useEffect(() => {
    api.listCaseTypes().then(
      (r) => setTypes(r.items.filter((x) => x.active && x.problem_report)),
      () => {},
    );
  }, []);

  return (
    <>
      <FormError message={list.error} />
      {list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="empty">{t('ws.no_categories')}</p>
      ) : (
        <table role="table" className="responsive" data-testid="categories">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.code')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.name')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.icon')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.sla_hours')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.extra_fields')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.active')}
              </th>
              <th scope="col" role="columnheader">
                <span className="visually-hidden">{t('ui.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((c) => (
              <tr role="row" key={c.id}>
                <td role="cell" data-label={t('ui.code')}>
                  <code>{c.code}</code>
                </td>
                <td role="cell" data-label={t('ui.name')}>
                  {localName(c.name)}
                </td>
                <td role="cell" data-label={t('ws.icon')}>
                  {c.icon}
                </td>
                <td role="cell" data-label={t('ws.sla_hours')}>
                  {c.sla_hours} h · {t(`ws.sla_clock.${c.sla_clock}` as MessageKey)}
                </td>
                <td role="cell" data-label={t('ws.extra_fields')}>
                  {c.fields.length ? c.fields.map((f) => localName(f.label)).join(', ') : '—'}
                </td>
                <td role="cell" data-label={t('ui.active')}>
                  {t(c.active ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  <button type="button" onClick={() => setEditing(c)}>
                    {t('ws.edit')}
                    <span className="visually-hidden">: {localName(c.name)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('ws.new_category')}
        </button>
      ) : (
        <CategoryForm
          key={editing === 'new' ? 'new' : editing.id}
          category={editing === 'new' ? null : editing}
          types={types}
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

function CategoryForm({
  category,
  types,
  onDone,
  onCancel,
}: {
  category: Category | null;
  types: CaseType[];
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t, localName } = useI18n();
  const [d, setD] = useState<Draft>(() => (category ? fromCategory(category) : empty(types.length === 1 ? String(types[0]!.id) : '')));
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(FIELDS);
  const saved = useSavedNotice();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setField = (i: number, patch: Partial<FieldDraft>) => setD((x) => ({ ...x, fields: x.fields.map((fd, j) => (j === i ? { ...fd, ...patch } : fd)) }));
  useEffect(() => {
    if (!category && !d.caseTypeId && types.length === 1) set('caseTypeId', String(types[0]!.id));
  }, [types]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const firstName = Object.values(cleanNames(d.name))[0] ?? '';
    const needed = {
      ...(category ? {} : { code: [d.code, t('ui.code')] as [string, string] }),
      caseTypeId: [d.caseTypeId, t('ui.case_type')] as [string, string],
      name: [firstName, t('ui.name')] as [string, string],
      slaHours: [d.slaHours, t('ws.sla_hours')] as [string, string],
    };
    if (!f.required(needed)) return;
    setBusy(true);
    try {
      if (category) await ws.updateCategory(category.id, toBody(d));
      else await ws.createCategory({ ...toBody(d), code: d.code.trim(), caseTypeId: Number(d.caseTypeId), name: cleanNames(d.name) });
      saved.notify();
      await onDone();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const title = category ? `${t('ws.edit')}: ${localName(category.name)}` : t('ws.new_category');
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="cat-form-title">
      <h2 id="cat-form-title">{title}</h2>
      {saved.node}
      <FormError message={f.formError} />
      <div className="grid-2">
        {category ? null : (
          <Field id="cat-code" label={t('ui.code')} error={f.errors.code} hint={t('ws.code_hint')}>
            <input value={d.code} maxLength={40} onChange={(e) => set('code', e.target.value)} />
          </Field>
        )}
        <Field id="cat-type" label={t('ui.case_type')} error={f.errors.caseTypeId}>
          <select value={d.caseTypeId} onChange={(e) => set('caseTypeId', e.target.value)}>
            <option value="">{t('ui.select_placeholder')}</option>
            {types.map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x.name)}
              </option>
            ))}
          </select>
        </Field>
        <NameInputs idPrefix="cat-name" value={d.name} onChange={(v) => set('name', v)} error={f.errors.name} />
        <Field id="cat-icon" label={t('ws.icon')} error={f.errors.icon} hint={t('ws.icon_hint', { example: 'road, trash, lightbulb' })}>
          <input value={d.icon} maxLength={40} onChange={(e) => set('icon', e.target.value)} />
        </Field>
        <Field id="cat-group" label={t('ws.group')} error={f.errors.group}>
          <input value={d.group} maxLength={60} onChange={(e) => set('group', e.target.value)} />
        </Field>
        <Field id="cat-keywords" label={t('ws.keywords')} error={f.errors.keywords} hint={t('ws.keywords_hint')}>
          <input value={d.keywords} maxLength={1000} onChange={(e) => set('keywords', e.target.value)} />
        </Field>
        <Field id="cat-sla" label={t('ws.sla_hours')} error={f.errors.slaHours}>
          <input type="number" min={1} max={8760} inputMode="numeric" value={d.slaHours} onChange={(e) => set('slaHours', e.target.value)} />
        </Field>
        <Field id="cat-clock" label={t('ws.sla_clock')} error={f.errors.slaClock}>
          <select value={d.slaClock} onChange={(e) => set('slaClock', e.target.value as Draft['slaClock'])}>
            <option value="calendar">{t('ws.sla_clock.calendar')}</option>
            <option value="working">{t('ws.sla_clock.working')}</option>
          </select>
        </Field>
        <Field id="cat-warn" label={t('ws.warn_percent')} error={f.errors.warnPercent}>
          <input type="number" min={1} max={99} inputMode="numeric" value={d.warnPercent} onChange={(e) => set('warnPercent', e.target.value)} />
        </Field>
        <Field id="cat-days" label={t('ui.resolution_days')} error={f.errors.resolutionDays}>
          <input type="number" min={1} max={3650} inputMode="numeric" value={d.resolutionDays} onChange={(e) => set('resolutionDays', e.target.value)} />
        </Field>
        <Field id="cat-fix-days" label={t('ws.fix_question_days')} error={f.errors.fixQuestionDays} hint={t('ws.fix_question_days_hint')}>
          <input type="number" min={0} max={365} inputMode="numeric" value={d.fixQuestionDays} onChange={(e) => set('fixQuestionDays', e.target.value)} />
        </Field>
        <Field id="cat-order" label={t('ws.sort_order')} error={f.errors.sortOrder}>
          <input type="number" inputMode="numeric" value={d.sortOrder} onChange={(e) => set('sortOrder', e.target.value)} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} /> {t('ui.active')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={d.reviewRequired} onChange={(e) => set('reviewRequired', e.target.checked)} /> {t('s48s.review_required')}
      </label>

      <fieldset aria-describedby={f.errors.fields ? 'cat-fields-error' : undefined}>
        <legend>{t('ws.extra_fields')}</legend>
        {f.errors.fields ? (
          <p className="field-error" id="cat-fields-error">
            {f.errors.fields}
          </p>
        ) : null}
        {d.fields.length === 0 ? <p className="empty">{t('ws.no_extra_fields')}</p> : null}
        {d.fields.map((fd, i) => {
          const which = t('ws.extra_field_n', { n: i + 1 });
          return (
            <fieldset key={i} className="extra-field">
              <legend>{which}</legend>
              <div className="grid-2">
                <Field id={`cf-${i}-code`} label={`${t('ui.code')} (${which})`}>
                  <input value={fd.code} maxLength={40} onChange={(e) => setField(i, { code: e.target.value })} />
                </Field>
                <Field id={`cf-${i}-type`} label={`${t('ui.kind')} (${which})`}>
                  <select value={fd.type} onChange={(e) => setField(i, { type: e.target.value as FieldType })}>
                    {FIELD_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {t(`ws.field_type.${x}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </Field>
                <NameInputs idPrefix={`cf-${i}-label`} value={fd.label} onChange={(v) => setField(i, { label: v })} label={which} kind="label" />
                {fd.type === 'singlevaluelist' || fd.type === 'multivaluelist' ? (
                  <Field id={`cf-${i}-options`} label={`${t('ws.options')} (${which})`} hint={t('ws.options_hint')}>
                    <textarea rows={3} value={fd.options} onChange={(e) => setField(i, { options: e.target.value })} />
                  </Field>
                ) : null}
              </div>
              <label className="checkbox">
                <input type="checkbox" checked={fd.required} onChange={(e) => setField(i, { required: e.target.checked })} /> {t('ws.required')} ({which})
              </label>
              <div>
                <button type="button" onClick={() => setD((x) => ({ ...x, fields: x.fields.filter((_, j) => j !== i) }))}>
                  {t('ws.remove_field', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => setD((x) => ({ ...x, fields: [...x.fields, { code: '', type: 'string', required: false, label: {}, options: '', original: null }] }))}
        >
          {t('ws.add_field')}
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </div>
    </form>
  );
}
