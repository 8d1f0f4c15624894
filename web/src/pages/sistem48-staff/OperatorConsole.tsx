/**
 * Sistem 48 operator console: a phone call or a walk-in becomes a problem report in one screen, by
 * keyboard. The caller is looked up by phone number while it is typed, the category is picked by
 * typing and arrow keys, duplicates nearby (by coordinates, else by address) are suggested while
 * category and location are given (Alt+1…9 adds the caller to one instead of filing a new report),
 * and after filing or adding the form is ready for the next call.
 */
import { DateTimeInput } from '../../components/DateTimeInput.tsx';
import { CategorySuggestions } from '../../components/CategorySuggestions.tsx';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { canLookUpCallers } from '../../../../src/sistem48/policy.ts';
import { api, ApiError, type OrgUnit } from '../../api.ts';
import { ws, type Category, type CategoryField } from '../../api-workspace.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, StatusBadge, useTitle } from '../../components/common.tsx';
import { formatDuration } from '../WorkQueue.tsx';
import {
  s48,
  type AddedReporter,
  type CallerLookup,
  type DuplicateSuggestion,
  type Duplicates,
  type FiledReport,
  type NewReport,
  type ReporterBody,
} from './s48-staff-api.ts';
import '../../components/workspace.css';
import './sistem48-staff.css';
import { useMapSettings } from '../sistem48-public/shared.tsx';
import { DEFAULT_TIME_ZONE, localInputToInstant } from '../../tz.ts';

const BASE_FIELDS = ['phone', 'category', 'description', 'address', 'location', 'lat', 'lon', 'name', 'email', 'partyId'] as const;

interface Filed {
  report: FiledReport;
  unitName: string | null;
  categoryName: string;
}
interface Added {
  added: AddedReporter;
  consent: boolean;
}

export function OperatorConsole() {
  const { t } = useI18n();
  useTitle(t('s48s.console_title'));
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [added, setAdded] = useState<Added | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    ws.categories().then(
      (r) => setCategories(r.items.filter((c) => c.active).sort((a, b) => a.sort_order - b.sort_order)),
      (e: Error) => {
        setLoadError(e.message);
        setCategories([]);
      },
    );
    api.listUnits().then(
      (r) => setUnits(r.items),
      () => {},
    );
  }, []);

  return (
    <div className="s48-console">
      <PageTitle>{t('s48s.console_title')}</PageTitle>
      <p className="hint">{t('s48s.console_hint', { enter: 'Enter', alt1: 'Alt+1' })}</p>
      <FormError message={loadError} />
      {filed ? <FiledSummary filed={filed} /> : null}
      {added ? <AddedSummary added={added} /> : null}
      {categories === null ? (
        <Loading />
      ) : (
        <ConsoleForm
          key={formKey}
          categories={categories}
          focusFirst={formKey > 0}
          onFiled={(report, categoryName) => {
            setAdded(null);
            setFiled({ report, categoryName, unitName: units.find((u) => u.id === report.unitId)?.name ?? null });
            setFormKey((k) => k + 1);
          }}
          onAdded={(a, consent) => {
            setFiled(null);
            setAdded({ added: a, consent });
            setFormKey((k) => k + 1);
          }}
        />
      )}
    </div>
  );
}

function FiledSummary({ filed }: { filed: Filed }) {
  const { t, dateTime } = useI18n();
  const { report } = filed;
  const left = new Date(report.firstResponseDueAt).getTime() - Date.now();
  const routed: MessageKey =
    report.routedBy === 'rule' ? 's48s.routed_by_rule' : report.routedBy === 'fallback' ? 's48s.routed_to_dispatcher' : 's48s.routed_nowhere';
  return (
    <section className="card s48-filed" aria-labelledby="s48-filed-title" data-testid="s48-filed">
      <div role="status">
        <h2 id="s48-filed-title">{t('s48s.filed_title', { number: report.number })}</h2>
      </div>
      <dl className="facts">
        <dt>{t('ws.category')}</dt>
        <dd>{filed.categoryName}</dd>
        <dt>{t('s48s.routed_to')}</dt>
        <dd data-testid="s48-filed-unit">
          {filed.unitName ?? '—'} <span className="meta">({t(routed)})</span>
        </dd>
        <dt>{t('s48s.first_response_deadline')}</dt>
        <dd data-testid="s48-filed-clock">
          {t('ws.clock_left', { time: formatDuration(left, t) })} · {t('sla.due_in', { due: dateTime(report.firstResponseDueAt) })}
        </dd>
        <dt>{t('ui.tracking_code')}</dt>
        <dd className="tracking-code">{report.trackingCode}</dd>
      </dl>
      <Link to={`/cases/${report.caseId}`}>{t('s48s.open_filed', { number: report.number })}</Link>
    </section>
  );
}

/** The caller was added to a report already open: its number, and whether they will hear how it goes. */
function AddedSummary({ added }: { added: Added }) {
  const { t } = useI18n();
  return (
    <section className="card s48-filed" aria-labelledby="s48-added-title" data-testid="s48-added">
      <div role="status">
        <h2 id="s48-added-title">{t('s48s.caller_added_title', { number: added.added.number })}</h2>
        <p>{t(added.consent ? 's48s.caller_will_be_told' : 's48s.caller_not_told')}</p>
      </div>
      <Link to={`/cases/${added.added.caseId}`}>{t('s48s.open_filed', { number: added.added.number })}</Link>
    </section>
  );
}

/** Lower case without diacritics, so "sme" finds "Smeće" and "dj" is not needed for "đ". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

const number = (s: string): number | null => {
  const v = s.trim().replace(',', '.');
  if (!v || !/^-?\d+(\.\d+)?$/.test(v)) return null;
  return Number(v);
};

function ConsoleForm({
  categories,
  focusFirst,
  onFiled,
  onAdded,
}: {
  categories: Category[];
  focusFirst: boolean;
  onFiled: (r: FiledReport, categoryName: string) => void;
  onAdded: (r: AddedReporter, consent: boolean) => void;
}) {
  const { t, localName } = useI18n();
  // Until the server answers, the product's default zone (the server's own default too).
  const timeZone = useMapSettings()?.timeZone ?? DEFAULT_TIME_ZONE;
  const { me } = useSession();
  const mayLookUp = canLookUpCallers(me);
  const phoneRef = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState('');
  const [lookup, setLookup] = useState<CallerLookup | null>(null);
  const [partyId, setPartyId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone');
  const [category, setCategory] = useState<Category | null>(null);
  const [values, setValues] = useState<Record<string, string | string[]>>({});
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [dups, setDups] = useState<Duplicates | null>(null);
  const [busy, setBusy] = useState(false);
  const errorFields = useMemo(() => [...BASE_FIELDS, ...(category?.fields.map((f) => f.code) ?? [])], [category]);
  const f = useFormErrors(errorFields);

  // After a report is filed the next call starts at the phone number.
  useEffect(() => {
    if (focusFirst) phoneRef.current?.focus();
  }, [focusFirst]);

  // The caller is looked up while the number is typed; a number that is not one yet just shows nothing.
  useEffect(() => {
    const digits = phone.replace(/\D/g, '');
    if (!mayLookUp || digits.length < 6) {
      setLookup(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      s48.lookUpCaller(phone.trim()).then(
        (r) => {
          if (!live) return;
          setLookup(r);
          const only = r.parties.length === 1 ? r.parties[0]! : null;
          setPartyId(only?.id ?? null);
          if (only) {
            setName(only.name);
            setEmail(only.email ?? '');
          }
        },
        () => {
          if (live) {
            setLookup(null);
            setPartyId(null);
          }
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [phone, mayLookUp]);

  // Duplicates refresh while category and location are typed: by coordinates when given, else by
  // the address (most callers give only an address), after a pause in typing.
  const latN = number(lat);
  const lonN = number(lon);
  const point = latN !== null && lonN !== null && Math.abs(latN) <= 90 && Math.abs(lonN) <= 180 ? { lat: latN, lon: lonN } : null;
  const dupLat = point?.lat ?? null;
  const dupLon = point?.lon ?? null;
  const dupAddress = point ? '' : address.trim().length >= 3 ? address.trim() : '';
  const byAddress = !point && dupAddress !== '';
  // Reports that say the same as the caller count too (compared on the server within the category's radius and days).
  const dupText = description.trim().length >= 12 ? description.trim() : '';
  useEffect(() => {
    if (!category || ((dupLat === null || dupLon === null) && !dupAddress && !dupText)) {
      setDups(null);
      return;
    }
    let live = true;
    const where = dupLat !== null && dupLon !== null ? { lat: dupLat, lon: dupLon } : dupAddress ? { address: dupAddress } : {};
    const timer = setTimeout(
      () => {
        s48.duplicates(category.id, where, dupText).then(
          (r) => {
            if (live) setDups(r);
          },
          () => {
            if (live) setDups(null);
          },
        );
      },
      'address' in where ? 400 : 250,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [category, dupLat, dupLon, dupAddress, dupText]);

  /** What the caller left: a known party, and/or the contact typed for them. */
  function callerContact(): ReporterBody['contact'] | undefined {
    if (!phone.trim() && !name.trim() && !email.trim()) return undefined;
    return {
      consent,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
    };
  }

  /** The call is about a report already open: the caller joins it (and hears how it goes) instead of filing a new one. */
  async function addCaller(d: DuplicateSuggestion) {
    if (busy) return;
    const contact = callerContact();
    if (!partyId && !contact) {
      f.fail(new ApiError(400, 'validation', t('s48s.caller_needed'), { field: 'phone' }));
      return;
    }
    setBusy(true);
    try {
      const r = await s48.addReporter(d.caseId, { ...(partyId ? { partyId } : {}), ...(contact ? { contact } : {}) });
      onAdded(r, consent);
    } catch (err) {
      f.fail(err);
      setBusy(false);
    }
  }

  function onFormKey(e: KeyboardEvent<HTMLFormElement>) {
    // Alt+1…9 adds the caller to the suggested report instead of filing a new one.
    if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
      const item = dups?.items[Number(e.code.slice(5)) - 1];
      if (item) {
        e.preventDefault();
        void addCaller(item);
      }
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!category) {
      f.required({ category: ['', t('ws.category')] });
      return;
    }
    // Refused here in the screen's words, beside the field, like the server's refusals.
    if ((lat.trim() || lon.trim()) && !point) {
      f.fail(new ApiError(400, 'validation', t('s48s.coordinates_invalid'), { field: latN === null || Math.abs(latN) > 90 ? 'lat' : 'lon' }));
      return;
    }
    if (!address.trim() && !point) {
      f.fail(new ApiError(400, 'validation', t('s48s.location_required'), { field: 'address' }));
      return;
    }
    const fields: Record<string, string | string[]> = {};
    for (const fd of category.fields) {
      const v = values[fd.code];
      if (!(Array.isArray(v) ? v.length : v?.trim())) continue;
      // A date and time typed here is wall time in the municipality, whatever zone the browser runs in;
      // a value that is no real date goes as typed so the server refuses it beside its field.
      fields[fd.code] = fd.type === 'datetime' && typeof v === 'string' ? (localInputToInstant(v, timeZone) ?? v) : v!;
    }
    const body: NewReport = {
      category: category.id,
      channel,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(point ? point : {}),
      ...(Object.keys(fields).length ? { fields } : {}),
      ...(partyId ? { partyId } : {}),
    };
    const contact = callerContact();
    if (contact) body.contact = { ...contact, consent };
    setBusy(true);
    try {
      const r = await s48.fileReport(body);
      onFiled(r, localName(category.name));
    } catch (err) {
      f.fail(err);
      setBusy(false);
    }
  }

  const chosen = lookup?.parties.find((p) => p.id === partyId) ?? null;
  return (
    <form onSubmit={submit} onKeyDown={onFormKey} onChange={f.clearOnChange} noValidate className="s48-console-form" aria-label={t('s48s.console_title')}>
      <FormError message={f.formError} />
      <fieldset>
        <legend>{t('s48s.caller')}</legend>
        <div className="grid-2">
          <Field id="s48-phone" field="phone" label={t('ui.phone')} error={f.errors.phone} hint={mayLookUp ? t('s48s.phone_hint') : undefined}>
            <input
              ref={phoneRef}
              type="tel"
              value={phone}
              maxLength={30}
              autoComplete="off"
              onChange={(e) => {
                setPhone(e.target.value);
                setPartyId(null);
              }}
            />
          </Field>
          <fieldset className="inline s48-channel">
            <legend>{t('ui.channel')}</legend>
            {(['phone', 'counter'] as const).map((c) => (
              <label key={c} className="radio">
                <input type="radio" name="s48-channel" checked={channel === c} onChange={() => setChannel(c)} />
                {t(`channel.${c}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <div aria-live="polite" className="s48-caller" data-testid="s48-caller">
          {lookup ? (
            lookup.parties.length === 0 ? (
              <p className="meta">{t('s48s.caller_unknown', { phone: lookup.phone })}</p>
            ) : (
              <>
                {lookup.parties.length > 1 ? (
                  <fieldset className="inline">
                    <legend>{t('s48s.which_caller')}</legend>
                    {lookup.parties.map((p) => (
                      <label key={p.id} className="radio">
                        <input
                          type="radio"
                          name="s48-party"
                          checked={partyId === p.id}
                          onChange={() => {
                            setPartyId(p.id);
                            setName(p.name);
                            setEmail(p.email ?? '');
                          }}
                        />
                        {p.name}
                        {p.address ? ` · ${p.address}` : ''}
                      </label>
                    ))}
                  </fieldset>
                ) : null}
                {chosen ? (
                  <p className="s48-known-caller">
                    <strong>{t('s48s.known_caller', { name: chosen.name })}</strong>{' '}
                    <button type="button" className="link" onClick={() => setPartyId(null)}>
                      {t('s48s.not_this_caller')}
                    </button>
                  </p>
                ) : null}
                {lookup.reports.length ? (
                  <>
                    <p className="label">{t('s48s.earlier_reports', { n: lookup.reports.length })}</p>
                    <ul className="plain s48-earlier">
                      {lookup.reports.map((r) => (
                        <li key={r.caseId}>
                          <Link to={`/cases/${r.caseId}`}>{r.number}</Link> · {r.category.name} · <StatusBadge status={r.status} />
                          {r.address ? ` · ${r.address}` : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="meta">{t('s48s.no_earlier_reports')}</p>
                )}
              </>
            )
          ) : null}
        </div>
        <div className="grid-2">
          <Field id="s48-name" field="name" label={t('ui.party_name')} error={f.errors.name}>
            <input value={name} maxLength={200} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id="s48-email" field="email" label={t('ui.email')} error={f.errors.email}>
            <input type="email" value={email} maxLength={254} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          {t('s48s.consent')}
        </label>
      </fieldset>

      <CategoryPicker
        categories={categories}
        value={category}
        error={f.errors.category}
        onChange={(c) => {
          setCategory(c);
          setValues({});
        }}
      />
      {category?.fields.length ? (
        <fieldset className="s48-extra">
          <legend>{t('s48s.extra_fields')}</legend>
          {category.fields.map((fd) => (
            <ExtraField
              key={fd.code}
              field={fd}
              value={values[fd.code]}
              error={f.errors[fd.code as keyof typeof f.errors]}
              onChange={(v) => setValues((o) => ({ ...o, [fd.code]: v }))}
            />
          ))}
        </fieldset>
      ) : null}

      <Field id="s48-description" field="description" label={t('ui.description')} error={f.errors.description}>
        <textarea rows={3} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <CategorySuggestions
        text={description}
        classify={s48.classify}
        nameOf={(code) => {
          const c = categories.find((x) => x.code === code && x.active);
          return c ? localName(c.name) : null;
        }}
        chosen={category?.code ?? null}
        onPick={(code) => {
          const c = categories.find((x) => x.code === code);
          if (c && c.id !== category?.id) {
            setCategory(c);
            setValues({});
          }
        }}
      />

      <fieldset>
        <legend>{t('s48s.location')}</legend>
        <Field id="s48-address" field="address location" label={t('s48s.address')} error={f.errors.address ?? f.errors.location} hint={t('s48s.location_hint')}>
          <input value={address} maxLength={300} autoComplete="off" onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <div className="grid-2">
          <Field id="s48-lat" field="lat location" label={t('s48s.lat')} error={f.errors.lat}>
            <input inputMode="decimal" value={lat} maxLength={20} autoComplete="off" onChange={(e) => setLat(e.target.value)} />
          </Field>
          <Field id="s48-lon" field="lon location" label={t('s48s.lon')} error={f.errors.lon}>
            <input inputMode="decimal" value={lon} maxLength={20} autoComplete="off" onChange={(e) => setLon(e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <section aria-labelledby="s48-dups-title" className="s48-dups" data-testid="s48-duplicates">
        <h2 id="s48-dups-title">{t('s48s.duplicates')}</h2>
        <div aria-live="polite">
          {!category || (!point && !byAddress) ? (
            <p className="meta">{t('s48s.duplicates_hint')}</p>
          ) : !dups ? null : dups.items.length === 0 ? (
            <p className="meta">{byAddress ? t('s48s.no_duplicates_address') : t('s48s.no_duplicates', { m: dups.radiusM })}</p>
          ) : (
            <>
              <p>
                {byAddress
                  ? t('s48s.duplicates_found_address', { n: dups.items.length })
                  : t('s48s.duplicates_found', { n: dups.items.length, m: dups.radiusM })}
              </p>
              <ol className="s48-dup-list">
                {dups.items.slice(0, 9).map((d, i) => (
                  <li key={d.caseId} data-testid="s48-duplicate">
                    <button type="button" className="s48-add-caller" aria-keyshortcuts={`Alt+${i + 1}`} disabled={busy} onClick={() => void addCaller(d)}>
                      {t('s48s.add_caller_to', { number: d.number })}
                    </button>{' '}
                    <kbd aria-hidden="true">Alt+{i + 1}</kbd>
                    <span className="meta">
                      {' '}
                      {d.distanceM !== null
                        ? t('s48s.metres_away', { m: Math.round(d.distanceM) })
                        : t(d.sameAddress ? 's48s.same_address' : 's48s.same_street')}
                      {d.address ? ` · ${d.address}` : ''}
                    </span>{' '}
                    <a href={`/cases/${d.caseId}`} target="_blank" rel="noopener">
                      {t('s48s.open_in_new_tab', { number: d.number })}
                    </a>
                    {d.description ? <div className="meta">{d.description}</div> : null}
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      </section>

      <button type="submit" className="primary" disabled={busy}>
        {t('s48s.file_report')}
      </button>
    </form>
  );
}

/** Type-to-filter category choice (the ARIA combobox pattern): arrows move, Enter takes, Escape closes. */
function CategoryPicker({
  categories,
  value,
  error,
  onChange,
}: {
  categories: Category[];
  value: Category | null;
  error?: string | null;
  onChange: (c: Category | null) => void;
}) {
  const { t, localName } = useI18n();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = fold(text.trim());
    if (!q) return categories;
    return categories.filter((c) => [localName(c.name), c.code, ...c.keywords].some((s) => fold(s).includes(q)));
  }, [text, categories, localName]);

  function take(c: Category) {
    onChange(c);
    setText(localName(c.name));
    setOpen(false);
  }
  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const n = matches.length;
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter') {
      // Enter takes the highlighted category; it must not file the report.
      if (open && matches[active]) {
        e.preventDefault();
        take(matches[active]!);
      } else if (!value) e.preventDefault();
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  }
  const listId = 's48-category-list';
  return (
    <div className="s48-category">
      <Field id="s48-category" field="category" label={t('ws.category')} error={error} hint={t('s48s.category_hint', { enter: 'Enter' })}>
        <input
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && matches[active] ? `s48-cat-${matches[active]!.id}` : undefined}
          value={text}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(0);
            if (value) onChange(null);
          }}
          onKeyDown={onKey}
          onBlur={() => setOpen(false)}
          onFocus={() => {
            if (!value) setOpen(true);
          }}
        />
      </Field>
      <ul id={listId} role="listbox" aria-label={t('ws.category')} className="s48-category-list" hidden={!open}>
        {matches.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="meta">
            {t('s48s.no_category_match')}
          </li>
        ) : (
          matches.map((c, i) => (
            <li
              key={c.id}
              id={`s48-cat-${c.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                take(c);
              }}
            >
              {localName(c.name)} <span className="meta">{t('s48s.sla_hours_short', { h: c.sla_hours })}</span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

function ExtraField({
  field,
  value,
  error,
  onChange,
}: {
  field: CategoryField;
  value: string | string[] | undefined;
  error?: string | null;
  onChange: (v: string | string[]) => void;
}) {
  const { t, localName } = useI18n();
  const id = `s48-field-${field.code}`;
  const label = (
    <>
      {localName(field.label)}
      {field.required ? ` (${t('ws.required').toLowerCase()})` : ''}
    </>
  );
  const hint = field.description ? localName(field.description) : undefined;
  const str = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'text':
      return (
        <Field id={id} field={field.code} label={label} error={error} hint={hint}>
          <textarea rows={2} value={str} maxLength={2000} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
    case 'number':
      return (
        <Field id={id} field={field.code} label={label} error={error} hint={hint}>
          <input inputMode="decimal" value={str} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
    case 'datetime':
      return (
        <Field id={id} field={field.code} label={label} error={error} hint={hint}>
          <DateTimeInput value={str} onChange={onChange} />
        </Field>
      );
    case 'singlevaluelist':
      return (
        <Field id={id} field={field.code} label={label} error={error} hint={hint}>
          <select value={str} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('ui.select_placeholder')}</option>
            {(field.options ?? []).map((o) => (
              <option key={o.key} value={o.key}>
                {localName(o.name)}
              </option>
            ))}
          </select>
        </Field>
      );
    case 'multivaluelist': {
      const list = Array.isArray(value) ? value : [];
      return (
        <fieldset className={error ? 'inline invalid' : 'inline'} aria-describedby={error ? `${id}-error` : undefined} data-field={field.code}>
          <legend>{label}</legend>
          {(field.options ?? []).map((o) => (
            <label key={o.key} className="checkbox">
              <input
                type="checkbox"
                checked={list.includes(o.key)}
                aria-invalid={error ? true : undefined}
                onChange={(e) => onChange(e.target.checked ? [...list, o.key] : list.filter((k) => k !== o.key))}
              />
              {localName(o.name)}
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
    default:
      return (
        <Field id={id} field={field.code} label={label} error={error} hint={hint}>
          <input value={str} maxLength={200} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
  }
}
