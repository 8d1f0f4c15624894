/**
 * The public report form: what (category and its extra fields), where (an address, which is enough
 * on its own, or a pin on the map), a description, photos and an optional contact. While category
 * and place are known it shows open reports of the same kind nearby ("already reported: follow it").
 */
import { DateTimeInput } from '../../components/DateTimeInput.tsx';
import { CategorySuggestions } from '../../components/CategorySuggestions.tsx';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../../components/common.tsx';
import { AnswerTime } from './AnswerTime.tsx';
import { s48PublicApi, type AddressSuggestion, type CategoryFieldDef, type Duplicate, type FiledReport } from './s48-public-api.ts';
import { categoryIcon, Optional, useCategories, useMapSettings } from './shared.tsx';
import { DEFAULT_TIME_ZONE, localInputToInstant } from '../../tz.ts';
import type { LatLon } from './maps.tsx';

const PickMap = lazy(() => import('./maps.tsx').then((m) => ({ default: m.PickMap })));

const BASE_FIELDS = ['category', 'description', 'address', 'photos', 'name', 'phone', 'email'] as const;
type FieldValue = string | string[];

export function ReportForm() {
  const { t } = useI18n();
  useTitle(t('s48p.new_title'));
  const [filed, setFiled] = useState<FiledReport | null>(null);
  if (filed) return <Filed report={filed} onAnother={() => setFiled(null)} />;
  return (
    <div className="s48-form">
      <PageTitle>{t('s48p.new_title')}</PageTitle>
      <p className="hint">{t('s48a.new_intro')}</p>
      <ReportFormBody onFiled={setFiled} />
    </div>
  );
}

function ReportFormBody({ onFiled }: { onFiled: (r: FiledReport) => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const categories = useCategories();
  const settings = useMapSettings();
  const [code, setCode] = useState('');
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [point, setPoint] = useState<LatLon | null>(null);
  const [placeAtCentre, setPlaceAtCentre] = useState(0);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [photos, setPhotos] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const category = categories?.find((c) => c.code === code) ?? null;
  const extra = category?.fields ?? [];
  const fieldNames = useMemo(() => [...BASE_FIELDS, ...extra.map((f) => f.code)], [extra]);
  const f = useFormErrors(fieldNames);
  const duplicates = useDuplicates(code, point, address, description);
  // A pin is a place too: the "give the place" error goes once one is set, like when the address is typed.
  const { clear } = f;
  useEffect(() => {
    if (point) clear('address');
  }, [point, clear]);
  const maxPhotos = settings?.photoMaxCount ?? 3;

  function locateMe() {
    if (!navigator.geolocation) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lat: pos.coords.latitude, lon: pos.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const required: Partial<Record<string, [string, string, string?]>> = {
      // Named as the question on the screen reads ("What is the problem?").
      category: [code, t('s48p.category'), t('s48p.category_required')],
      address: [point ? 'pin' : address, t('s48p.address')],
    };
    for (const def of extra) if (def.required) required[def.code] = [String(values[def.code] ?? ''), def.label];
    if (!f.required(required)) return;
    if (photos.length > maxPhotos) {
      f.fail(new ApiError(400, 'validation', t('s48p.too_many_photos', { count: maxPhotos }), { field: 'photos' }));
      return;
    }
    const form = new FormData();
    form.append('category', code);
    if (description.trim()) form.append('description', description.trim());
    if (address.trim()) form.append('address', address.trim());
    if (point) {
      form.append('lat', point.lat.toFixed(6));
      form.append('lon', point.lon.toFixed(6));
    }
    for (const def of extra) {
      const v = values[def.code];
      if (Array.isArray(v)) for (const item of v) form.append(`field[${def.code}][]`, item);
      else if (v !== undefined && v.trim() !== '')
        form.append(`field[${def.code}]`, def.type === 'datetime' ? (localInputToInstant(v, settings?.timeZone ?? DEFAULT_TIME_ZONE) ?? v.trim()) : v.trim());
    }
    if (name.trim()) form.append('contact_name', name.trim());
    if (phone.trim()) form.append('contact_phone', phone.trim());
    if (email.trim()) form.append('contact_email', email.trim());
    if (consent) form.append('consent', '1');
    form.append('locale', locale);
    // Files last: the server reads the fields as they arrive.
    for (const p of photos) form.append('photos', p, p.name);
    setBusy(true);
    try {
      onFiled(await s48PublicApi.fileReport(form));
    } catch (err) {
      f.fail(blameField(err));
    } finally {
      setBusy(false);
    }
  }

  if (!categories) return <Loading />;
  const pinText = point ? t('s48p.pin_at', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) }) : t('s48p.no_pin');

  return (
    <form onSubmit={submit} onChange={f.clearOnChange} noValidate className="card" data-testid="report-form">
      <FormError message={f.formError} />
      <fieldset className="s48-categories" data-field="category">
        <legend>{t('s48p.category')}</legend>
        {f.errors.category ? (
          <p className="field-error" id="category-error">
            {f.errors.category}
          </p>
        ) : null}
        <ul>
          {categories.map((c, i) => (
            <li key={c.code}>
              <label className="s48-category">
                <input
                  type="radio"
                  name="category"
                  value={c.code}
                  checked={code === c.code}
                  id={i === 0 ? 'category' : undefined}
                  aria-invalid={f.errors.category ? true : undefined}
                  aria-describedby={
                    [f.errors.category ? 'category-error' : null, c.description ? `category-${c.code}-about` : null].filter(Boolean).join(' ') || undefined
                  }
                  onChange={() => {
                    setCode(c.code);
                    setValues({});
                  }}
                />
                <span className="s48-icon" aria-hidden="true">
                  {categoryIcon(c.icon)}
                </span>
                <span className="s48-category-text">
                  <strong>{c.name}</strong>
                  {c.description ? (
                    <span className="hint" id={`category-${c.code}-about`}>
                      {c.description}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {code ? <AnswerTime category={code} /> : null}
      </fieldset>

      {extra.length ? (
        <fieldset>
          <legend>{t('s48p.details')}</legend>
          {extra.map((def) => (
            <ExtraField
              key={`${code}-${def.code}`}
              def={def}
              value={values[def.code]}
              error={f.errors[def.code]}
              onChange={(v) => setValues((old) => ({ ...old, [def.code]: v }))}
            />
          ))}
        </fieldset>
      ) : null}

      <fieldset>
        <legend>{t('s48p.location')}</legend>
        {/* The map comes first (a tap is quickest on a phone); the address is the way for everyone the map does not suit. */}
        {settings ? (
          <p className="s48-type-address">
            <button type="button" className="link-button" onClick={() => document.getElementById('address')?.focus()}>
              {t('door.type_address_instead')}
            </button>
          </p>
        ) : null}
        {settings ? (
          <Optional>
            <Suspense fallback={null}>
              <PickMap
                settings={settings}
                point={point}
                onPick={(p) => {
                  setPoint(p);
                  setLocating('idle');
                }}
                placeAtCentre={placeAtCentre}
              />
            </Suspense>
          </Optional>
        ) : null}
        <div className="actions s48-map-tools">
          <button type="button" onClick={locateMe} disabled={locating === 'busy'}>
            {t('s48p.use_my_location')}
          </button>
          {settings ? (
            <button type="button" onClick={() => setPlaceAtCentre((n) => n + 1)}>
              {t('s48p.use_map_centre')}
            </button>
          ) : null}
          {point ? (
            <button type="button" onClick={() => setPoint(null)}>
              {t('s48p.remove_pin')}
            </button>
          ) : null}
        </div>
        <p role="status" className="hint" data-testid="pin-status">
          {locating === 'busy' ? t('s48p.locating') : locating === 'failed' ? t('s48p.location_unavailable') : pinText}
        </p>
        <Field id="address" label={t('s48p.address')} hint={t('s48p.location_hint')} error={f.errors.address}>
          <AddressInput
            value={address}
            onChange={setAddress}
            onPick={(s) => {
              setAddress(s.label);
              if (s.lat !== null && s.lon !== null) setPoint({ lat: s.lat, lon: s.lon });
            }}
          />
        </Field>
      </fieldset>

      <Duplicates items={duplicates} />

      <Field id="description" label={t('s48p.description')} hint={t('s48p.description_hint')} error={f.errors.description}>
        <textarea rows={4} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <CategorySuggestions
        text={description}
        classify={s48PublicApi.classify}
        nameOf={(c) => categories?.find((x) => x.code === c)?.name ?? null}
        chosen={code || null}
        onPick={(c) => {
          if (c !== code) {
            setCode(c);
            setValues({});
          }
        }}
      />

      <Field
        id="photos"
        label={t('s48p.photos', { count: maxPhotos })}
        error={f.errors.photos}
        hint={t('s48p.photos_hint', { size: Math.round((settings?.photoMaxBytes ?? 5_242_880) / 104_857.6) / 10 })}
      >
        <input type="file" accept="image/jpeg,image/png" multiple onChange={(e) => setPhotos([...(e.target.files ?? [])])} />
      </Field>

      <fieldset>
        <legend>{t('s48p.contact')}</legend>
        <p className="hint">{t('s48p.contact_hint')}</p>
        <Field id="name" label={t('s48p.name')} error={f.errors.name}>
          <input autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="phone" label={t('s48p.phone')} error={f.errors.phone}>
          <input type="tel" autoComplete="tel" maxLength={30} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field id="email" label={t('s48p.email')} error={f.errors.email}>
          <input type="email" autoComplete="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          {t('s48p.consent')}
        </label>
      </fieldset>

      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('s48p.sending') : t('s48p.submit')}
      </button>
    </form>
  );
}

/**
 * Puts an API error beside the input it is about: the location's errors beside the address (the
 * way to give a place without the map), a refused photo beside the photos.
 */
function blameField(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const raw = err.details && typeof err.details.field === 'string' ? err.details.field : null;
  let field: string | null = err.field;
  if (raw === 'location' || raw === 'lat' || raw === 'lon') field = 'address';
  else if (err.code === 'payload_too_large' || err.code === 'unsupported_media_type') field = 'photos';
  else if (raw?.startsWith('fields.')) field = raw.slice('fields.'.length);
  return field === err.field ? err : new ApiError(err.status, err.code, err.message, { ...err.details, field: field ?? undefined });
}

function ExtraField({
  def,
  value,
  error,
  onChange,
}: {
  def: CategoryFieldDef;
  value: FieldValue | undefined;
  error?: string;
  onChange: (v: FieldValue) => void;
}) {
  const id = def.code;
  const label = def.required ? `${def.label} *` : def.label;
  const hint = def.description || undefined;
  if (def.type === 'multivaluelist') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className={error ? 'inline invalid' : 'inline'} aria-describedby={error ? `${id}-error` : undefined} data-field={id}>
        <legend>{label}</legend>
        {def.options.map((o, i) => (
          <label key={o.key} className="checkbox">
            <input
              type="checkbox"
              id={i === 0 ? id : undefined}
              aria-invalid={error ? true : undefined}
              checked={chosen.includes(o.key)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o.key] : chosen.filter((k) => k !== o.key))}
            />
            {o.name}
          </label>
        ))}
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  }
  const v = typeof value === 'string' ? value : '';
  let control;
  if (def.type === 'singlevaluelist') {
    control = (
      <select value={v} onChange={(e) => onChange(e.target.value)} required={def.required}>
        <option value="">{'—'}</option>
        {def.options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.name}
          </option>
        ))}
      </select>
    );
  } else if (def.type === 'text') control = <textarea rows={3} maxLength={2000} value={v} onChange={(e) => onChange(e.target.value)} required={def.required} />;
  else if (def.type === 'number') control = <input inputMode="decimal" value={v} onChange={(e) => onChange(e.target.value)} required={def.required} />;
  else if (def.type === 'datetime') control = <DateTimeInput value={v} onChange={onChange} required={def.required} />;
  else control = <input maxLength={200} value={v} onChange={(e) => onChange(e.target.value)} required={def.required} />;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {control}
    </Field>
  );
}

/**
 * The address with suggestions of the streets and addresses Glas knows, as an ARIA combobox: arrows
 * move through the list, Enter takes one, Escape closes it; typing freely is always allowed.
 */
function AddressInput({
  value,
  onChange,
  onPick,
  ...aria
}: {
  value: string;
  onChange: (v: string) => void;
  onPick: (s: AddressSuggestion) => void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useI18n();
  const id = aria.id ?? 'address';
  const [items, setItems] = useState<AddressSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const chosen = useRef<string | null>(null);

  useEffect(() => {
    const q = value.trim();
    if (q.length < 2 || chosen.current === value) {
      setItems([]);
      setOpen(false);
      return;
    }
    let live = true;
    // Wait for a pause in typing: one request per word, not per key, on a slow connection.
    const timer = setTimeout(() => {
      s48PublicApi.addresses(q).then(
        (r) => {
          if (!live) return;
          setItems(r.items);
          setActive(-1);
          setOpen(r.items.length > 0);
        },
        () => {
          if (live) {
            setItems([]);
            setOpen(false);
          }
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value]);

  function choose(s: AddressSuggestion) {
    chosen.current = s.label;
    setOpen(false);
    setActive(-1);
    onPick(s);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      choose(items[active]!);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  const listId = `${id}-suggestions`;
  return (
    <div className="s48-combo">
      <input
        id={id}
        value={value}
        maxLength={300}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={aria['aria-invalid']}
        aria-describedby={aria['aria-describedby']}
        onChange={(e) => {
          chosen.current = null;
          onChange(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t('s48p.address_suggestions')} className="s48-suggestions" hidden={!open}>
        {items.map((s, i) => (
          <li
            key={`${s.source}-${s.label}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(s);
            }}
          >
            {s.label} <span className="hint">({t(s.source === 'street' ? 's48p.suggestion_street' : 's48p.suggestion_report')})</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {open ? t('s48p.suggestions_count', { count: items.length }) : ''}
      </p>
    </div>
  );
}

/**
 * Open reports of the chosen category near the pin, or at the typed address when there is no pin,
 * asked again whenever either changes (after a pause in typing).
 */
function useDuplicates(category: string, point: LatLon | null, address: string, description: string): Duplicate[] {
  const [items, setItems] = useState<Duplicate[]>([]);
  const typed = point ? '' : address.trim().length >= 3 ? address.trim() : '';
  // Reports that say the same count too (the server compares texts within the category's radius and days).
  const said = description.trim().length >= 12 ? description.trim() : '';
  useEffect(() => {
    if (!category || (!point && !typed && !said)) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(
      () => {
        s48PublicApi.duplicates(category, point ? { lat: point.lat, lon: point.lon } : typed ? { address: typed } : {}, said).then(
          (r) => {
            if (live) setItems(r.items);
          },
          () => {
            if (live) setItems([]);
          },
        );
      },
      point ? 300 : 500,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [category, point, typed, said]);
  return items;
}

function Duplicates({ items }: { items: Duplicate[] }) {
  const { t, dateTime } = useI18n();
  return (
    <div aria-live="polite" data-testid="duplicates">
      {items.length ? (
        <section className="s48-duplicates" aria-labelledby="duplicates-title">
          <h2 id="duplicates-title">{t('s48p.duplicates_title')}</h2>
          <p>{t('s48p.duplicates_intro')}</p>
          <ul>
            {items.map((d) => (
              <li key={d.id}>
                <Link to={`/problems/${d.id}`}>{t('s48p.follow_report', { number: d.number })}</Link>{' '}
                <span className="hint">
                  {d.distanceM !== null ? t('s48p.distance', { metres: Math.round(d.distanceM) }) : t(d.sameAddress ? 's48p.same_address' : 's48p.same_street')}{' '}
                  · {t(`status.${d.status}`)} · {dateTime(d.registeredAt)}
                  {d.address ? ` · ${d.address}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function Filed({ report, onAnother }: { report: FiledReport; onAnother: () => void }) {
  const { t, dateTime } = useI18n();
  useTitle(t('s48p.sent_title'));
  return (
    <section className="card s48-filed" data-testid="filed">
      <PageTitle>{t('s48p.sent_title')}</PageTitle>
      <dl className="facts">
        <dt>{t('s48p.report_number')}</dt>
        <dd className="case-number" data-testid="filed-number">
          {report.number}
        </dd>
        <dt>{t('s48p.tracking_code')}</dt>
        <dd className="case-number" data-testid="filed-code">
          {report.trackingCode}
        </dd>
      </dl>
      <p>{t('s48p.sent_keep')}</p>
      <p>{t('s48p.sent_due', { date: dateTime(report.firstResponseDueAt) })}</p>
      <div className="actions">
        <Link className="button" to={`/problems/${report.id}`}>
          {t('s48p.follow_this')}
        </Link>
        <button type="button" onClick={onAnother}>
          {t('s48p.another')}
        </button>
      </div>
    </section>
  );
}
