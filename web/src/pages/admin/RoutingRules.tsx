/**
 * Sistem 48 routing rules, in the order they are tried: category (or any), the unit that acts, and
 * optionally the streets or the area (GeoJSON) the rule covers. Lower priority numbers win.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type OrgUnit } from '../../api.ts';
import { ws, type Category, type RoutingRule, type RuleBody } from '../../api-workspace.ts';
import { useI18n } from '../../i18n.ts';
import { Loading } from '../../components/common.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { useList, useSavedNotice } from './shared.tsx';

const FIELDS = ['categoryId', 'unitId', 'area', 'streets', 'priority', 'note'] as const;

interface Draft {
  categoryId: string;
  unitId: string;
  streets: string;
  area: string;
  priority: string;
  note: string;
  active: boolean;
}

const fromRule = (r: RoutingRule): Draft => ({
  categoryId: r.category_id === null ? '' : String(r.category_id),
  unitId: r.unit_id,
  streets: r.streets.join('\n'),
  area: r.area ? JSON.stringify(r.area) : '',
  priority: String(r.priority),
  note: r.note ?? '',
  active: r.active,
});

export function RoutingRules() {
  const { t, localName } = useI18n();
  const list = useList(ws.rules);
  const [categories, setCategories] = useState<Category[]>([]);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  useEffect(() => {
    ws.categories().then(
      (r) => setCategories(r.items),
      () => {},
    );
    api.listUnits().then(
      (r) => setUnits(r.items.filter((u) => u.active && u.kind !== 'external_institution')),
      () => {},
    );
  }, []);
  const categoryName = (id: number | null) => (id === null ? t('ws.any_category') : localName(categories.find((c) => c.id === id)?.name) || String(id));

  return (
    <>
      <p className="hint">{t('ws.rules_hint')}</p>
      <FormError message={list.error} />
      {list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="empty">{t('ws.no_rules')}</p>
      ) : (
        <table role="table" className="responsive" data-testid="rules">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ws.priority')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.category')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.unit')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.streets')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.area')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.note')}
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
            {list.items.map((r) => (
              <tr role="row" key={r.id}>
                <td role="cell" data-label={t('ws.priority')}>
                  {r.priority}
                </td>
                <td role="cell" data-label={t('ws.category')}>
                  {categoryName(r.category_id)}
                </td>
                <td role="cell" data-label={t('ui.unit')}>
                  {r.unit_name ?? '—'}
                </td>
                <td role="cell" data-label={t('ws.streets')}>
                  {r.streets.length ? r.streets.join(', ') : '—'}
                </td>
                <td role="cell" data-label={t('ws.area')}>
                  {t(r.area ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.note')}>
                  {r.note ?? '—'}
                </td>
                <td role="cell" data-label={t('ui.active')}>
                  {t(r.active ? 'ui.yes' : 'ui.no')}
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  <button type="button" onClick={() => setEditing(r)}>
                    {t('ws.edit')}
                    <span className="visually-hidden">
                      : {categoryName(r.category_id)} → {r.unit_name}
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('ws.new_rule')}
        </button>
      ) : (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          categories={categories}
          units={units}
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

function RuleForm({
  rule,
  categories,
  units,
  onDone,
  onCancel,
}: {
  rule: RoutingRule | null;
  categories: Category[];
  units: OrgUnit[];
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t, localName } = useI18n();
  const [d, setD] = useState<Draft>(() =>
    rule ? fromRule(rule) : { categoryId: '', unitId: '', streets: '', area: '', priority: '100', note: '', active: true },
  );
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(FIELDS);
  const saved = useSavedNotice();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ unitId: [d.unitId, t('ui.unit')], priority: [d.priority, t('ws.priority')] })) return;
    let area: unknown = null;
    if (d.area.trim()) {
      try {
        area = JSON.parse(d.area);
      } catch {
        f.fail(new ApiError(400, 'validation', t('ws.area_not_json'), { field: 'area' }));
        return;
      }
    }
    const body: RuleBody & { categoryId: number | null; unitId: string } = {
      categoryId: d.categoryId ? Number(d.categoryId) : null,
      unitId: d.unitId,
      area,
      streets: d.streets
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      priority: Number(d.priority),
      note: d.note.trim() || null,
      active: d.active,
    };
    setBusy(true);
    try {
      if (rule) await ws.updateRule(rule.id, body);
      else await ws.createRule(body);
      saved.notify();
      await onDone();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="rule-form-title">
      <h2 id="rule-form-title">{rule ? t('ws.edit_rule') : t('ws.new_rule')}</h2>
      {saved.node}
      <FormError message={f.formError} />
      <div className="grid-2">
        <Field id="rule-category" label={t('ws.category')} error={f.errors.categoryId}>
          <select value={d.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('ws.any_category')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rule-unit" label={t('ui.unit')} error={f.errors.unitId}>
          <select value={d.unitId} onChange={(e) => set('unitId', e.target.value)}>
            <option value="">{t('ui.select_placeholder')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rule-priority" label={t('ws.priority')} error={f.errors.priority} hint={t('ws.priority_hint')}>
          <input type="number" inputMode="numeric" value={d.priority} onChange={(e) => set('priority', e.target.value)} />
        </Field>
        <Field id="rule-note" label={t('ui.note')} error={f.errors.note}>
          <input value={d.note} maxLength={500} onChange={(e) => set('note', e.target.value)} />
        </Field>
        <Field id="rule-streets" label={t('ws.streets')} error={f.errors.streets} hint={t('ws.streets_hint')}>
          <textarea rows={3} value={d.streets} onChange={(e) => set('streets', e.target.value)} />
        </Field>
        <Field id="rule-area" label={t('ws.area')} error={f.errors.area} hint={t('ws.area_hint')}>
          <textarea rows={3} value={d.area} spellCheck={false} onChange={(e) => set('area', e.target.value)} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} /> {t('ui.active')}
      </label>
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
