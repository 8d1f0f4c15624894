/**
 * Sistem 48 clock settings: the working week and hours (for categories on the working-hours clock),
 * the dispatcher's unit, the duplicate radius, and the holidays the working clock skips. Each
 * category's own response time is set with the category.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type OrgUnit } from '../../api.ts';
import { ws, type Holiday, type Sistem48Settings } from '../../api-workspace.ts';
import { HTML_LANG, useI18n, type MessageKey } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { Loading } from '../../components/common.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { useList, useSavedNotice } from './shared.tsx';
import { DateInput } from '../../components/DateInput.tsx';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function Sla() {
  const { t, localName } = useI18n();
  const categories = useList(ws.categories);
  return (
    <>
      <SettingsForm />
      <Holidays />
      <section className="card" aria-labelledby="sla-cat-title">
        <h2 id="sla-cat-title">{t('ws.sla_per_category')}</h2>
        <FormError message={categories.error} />
        {categories.items === null ? (
          <Loading />
        ) : (
          <ul className="plain">
            {categories.items.map((c) => (
              <li key={c.id}>
                {localName(c.name)}: {c.sla_hours} h · {t(`ws.sla_clock.${c.sla_clock}` as MessageKey)} · {t('ws.warn_at', { percent: c.warn_percent })}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/admin/categories">{t('ws.change_in_categories')}</Link>
        </p>
      </section>
    </>
  );
}

function SettingsForm() {
  const { t, locale } = useI18n();
  const [s, setS] = useState<Sistem48Settings | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [days, setDays] = useState<number[]>([]);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [dispatcher, setDispatcher] = useState('');
  const [radius, setRadius] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['workingDays', 'workingDayStart', 'workingDayEnd', 'dispatcherUnitId', 'duplicateRadiusM'] as const);
  const saved = useSavedNotice();
  const fill = (x: Sistem48Settings) => {
    setS(x);
    setDays(x.working_days);
    setStart(hhmm(x.working_day_start));
    setEnd(hhmm(x.working_day_end));
    setDispatcher(x.dispatcher_unit_id ?? '');
    setRadius(String(x.duplicate_radius_m));
  };
  useEffect(() => {
    ws.settings().then(fill, (e: Error) => setLoadError(e.message));
    api.listUnits().then(
      (r) => setUnits(r.items.filter((u) => u.active && u.kind !== 'external_institution')),
      () => {},
    );
  }, []);
  // ISO weekdays 1 (Monday) … 7 (Sunday), named by the browser in the screen's language; 2024-01-01 was a Monday.
  const weekday = (d: number) => new Intl.DateTimeFormat(HTML_LANG[locale], { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (
      !f.required({ workingDayStart: [start, t('ws.day_start')], workingDayEnd: [end, t('ws.day_end')], duplicateRadiusM: [radius, t('ws.duplicate_radius')] })
    )
      return;
    setBusy(true);
    try {
      fill(
        await ws.updateSettings({
          workingDays: [...days].sort(),
          workingDayStart: start,
          workingDayEnd: end,
          dispatcherUnitId: dispatcher || null,
          duplicateRadiusM: Number(radius),
        }),
      );
      saved.notify();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  if (loadError) return <FormError message={loadError} />;
  if (!s) return <Loading />;
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="sla-settings-title">
      <h2 id="sla-settings-title">{t('ws.working_time')}</h2>
      {saved.node}
      <FormError message={f.formError} />
      <fieldset className="inline" aria-describedby={f.errors.workingDays ? 'wd-error' : undefined}>
        <legend>{t('ws.working_days')}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <label key={d} className="checkbox">
            <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays((x) => (e.target.checked ? [...x, d] : x.filter((y) => y !== d)))} />{' '}
            {weekday(d)}
          </label>
        ))}
        {f.errors.workingDays ? (
          <p className="field-error" id="wd-error">
            {f.errors.workingDays}
          </p>
        ) : null}
      </fieldset>
      <div className="grid-2">
        <Field id="sla-start" label={t('ws.day_start')} error={f.errors.workingDayStart}>
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field id="sla-end" label={t('ws.day_end')} error={f.errors.workingDayEnd}>
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        </Field>
        <Field id="sla-dispatcher" label={t('ws.dispatcher')} error={f.errors.dispatcherUnitId} hint={t('ws.dispatcher_hint')}>
          <select value={dispatcher} onChange={(e) => setDispatcher(e.target.value)}>
            <option value="">{t('ui.none_option')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="sla-radius" label={t('ws.duplicate_radius')} error={f.errors.duplicateRadiusM}>
          <input type="number" min={1} max={5000} inputMode="numeric" value={radius} onChange={(e) => setRadius(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('ui.save')}
      </button>
    </form>
  );
}

function Holidays() {
  const { t, date } = useI18n();
  const from = `${new Date().getFullYear() - 1}-01-01`;
  const list = useList(() => ws.holidays(from));
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['day', 'name'] as const);
  const saved = useSavedNotice();

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ day: [day, t('ui.date')], name: [name, t('ui.name')] })) return;
    setBusy(true);
    try {
      await ws.setHoliday(day, name.trim());
      setDay('');
      setName('');
      await list.reload();
      saved.notify();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  async function remove(h: Holiday) {
    try {
      await ws.removeHoliday(h.day);
      await list.reload();
      saved.notify();
    } catch (err) {
      f.fail(err);
    }
  }
  return (
    <section className="card" aria-labelledby="holidays-title" data-testid="holidays-section">
      <h2 id="holidays-title">{t('ws.holidays')}</h2>
      {saved.node}
      <FormError message={list.error} />
      {list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="empty">{t('ws.no_holidays')}</p>
      ) : (
        <ul className="holidays" data-testid="holidays">
          {list.items.map((h) => (
            <li key={h.day}>
              <span>
                <time dateTime={h.day}>{date(`${h.day}T12:00:00Z`)}</time> · {h.name}
              </span>
              <button type="button" onClick={() => void remove(h)}>
                {t('ws.remove')}
                <span className="visually-hidden">
                  : {h.name} {h.day}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="inline-row">
        <FormError message={f.formError} />
        <Field id="hol-day" label={t('ui.date')} error={f.errors.day}>
          <DateInput value={day} onChange={setDay} />
        </Field>
        <Field id="hol-name" label={t('ui.name')} error={f.errors.name}>
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy}>
          {t('ws.add_holiday')}
        </button>
      </form>
    </section>
  );
}
