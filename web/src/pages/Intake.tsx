/**
 * Registry intake: a new case in one screen, with the consent to notifications the citizen signed at
 * the counter, ending with the receipt to print and hand over.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHANNELS, type Channel } from '../../../src/kernel/types.ts';
import { api, type CaseType, type NewParty, type OrgUnit, type Party, type RegisterCaseBody } from '../api.ts';
import { HTML_LANG, LOCALE_NAMES, LOCALES, useI18n, type Locale } from '../i18n.ts';
import { Link } from '../router.tsx';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { flash, Flash, Loading, PageTitle, useTitle } from '../components/common.tsx';
import { Receipt, type ReceiptData } from '../components/Receipt.tsx';
import { ws, type MessageChannel } from '../api-workspace.ts';

const FIELDS = [
  'caseTypeId',
  'subject',
  'description',
  'channel',
  'name',
  'phone',
  'email',
  'idNumber',
  'address',
  'deliverToUnitId',
  'party',
  'viberPhone',
] as const;

/** Bodies a case can be delivered to: not the registry itself, not an outside institution. */
export const decidingUnits = (units: OrgUnit[]) => units.filter((u) => u.active && u.kind !== 'external_institution' && u.kind !== 'registry_office');

export function Intake() {
  const { t } = useI18n();
  useTitle(t('ui.nav_new_case'));
  const [types, setTypes] = useState<CaseType[] | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [receipt, setReceipt] = useState<(ReceiptData & { id: string }) | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    Promise.all([api.listCaseTypes(), api.listUnits()]).then(
      ([ct, u]) => {
        setTypes(ct.items.filter((x) => x.active));
        setUnits(decidingUnits(u.items));
      },
      (e: Error) => {
        setLoadError(e.message);
        setTypes([]);
      },
    );
  }, []);

  if (receipt) {
    return (
      <>
        <PageTitle>{receipt.number}</PageTitle>
        <Flash />
        <Receipt data={receipt} />
        <div className="actions no-print">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('ui.print_receipt')}
          </button>
          {receipt.consentStatementUrl ? (
            <a className="button" href={receipt.consentStatementUrl} target="_blank" rel="noopener" data-testid="consent-statement">
              {t('cstmt.print')}
            </a>
          ) : null}
          <Link to={`/cases/${receipt.id}`} className="button">
            {t('ui.open_case')}
          </Link>
          <button
            type="button"
            onClick={() => {
              setReceipt(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('ui.nav_new_case')}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('ui.nav_new_case')}</PageTitle>
      <FormError message={loadError} />
      {types === null ? <Loading /> : <IntakeForm key={formKey} types={types} units={units} onRegistered={setReceipt} />}
    </>
  );
}

function IntakeForm({ types, units, onRegistered }: { types: CaseType[]; units: OrgUnit[]; onRegistered: (r: ReceiptData & { id: string }) => void }) {
  const { t, localName } = useI18n();
  const f = useFormErrors(FIELDS);
  const [caseTypeId, setCaseTypeId] = useState(types.length === 1 ? String(types[0]!.id) : '');
  const [channel, setChannel] = useState<Channel>('counter');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<Party | null>(null);
  const [party, setParty] = useState({ name: '', phone: '', email: '', idNumber: '', address: '', locale: '' });
  const [deliverTo, setDeliverTo] = useState('');
  const [consent, setConsent] = useState<MessageChannel[]>([]);
  // Viber consent is recorded with the number the citizen uses on Viber; the statement's QR code links their Viber user.
  const [viber, setViber] = useState(false);
  const [viberPhone, setViberPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const setP = (k: keyof typeof party) => (v: string) => setParty((p) => ({ ...p, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const needed = {
      caseTypeId: [caseTypeId, t('ui.case_type')],
      subject: [subject, t('ui.subject')],
      ...(chosen ? {} : { name: [party.name, t('ui.party_name')] }),
    } as const;
    if (!f.required(needed as Parameters<typeof f.required>[0])) return;
    const newParty: NewParty = { name: party.name.trim() };
    for (const k of ['phone', 'email', 'idNumber', 'address'] as const) if (party[k].trim()) newParty[k] = party[k].trim();
    if (party.locale) newParty.locale = party.locale as Locale;
    const body: RegisterCaseBody = {
      caseTypeId: Number(caseTypeId),
      subject: subject.trim(),
      channel,
      parties: [chosen ? { partyId: chosen.id } : newParty],
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(deliverTo ? { deliverToUnitId: deliverTo } : {}),
    };
    setBusy(true);
    try {
      // Consent signed at the counter goes with the registration, so the "received" message is queued with it.
      const r = consent.length
        ? await ws.registerWithConsent({ ...body, parties: [{ ...body.parties[0]!, consent: { channels: consent, method: 'counter_signed' } }] })
        : await api.registerCase(body);
      const partyId = r.partyIds[0] ?? null;
      // The case is registered by now: a Viber number that is not one is said, never a reason to register twice.
      if (viber && partyId)
        await ws.counterViberConsent(partyId, viberPhone.trim() || party.phone.trim()).catch((e: unknown) => flash(e instanceof Error ? e.message : String(e)));
      const type = types.find((x) => x.id === Number(caseTypeId));
      onRegistered({
        id: r.id,
        number: r.number,
        trackingCode: r.trackingCode,
        registeredAt: r.registeredAt,
        subject: body.subject,
        caseTypeName: localName(type?.name),
        partyName: chosen?.name ?? newParty.name,
        consentStatementUrl: partyId && (consent.length || viber) ? ws.consentStatementUrl(partyId, r.id) : null,
      });
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="intake">
      <FormError message={f.formError} />
      <div className="grid-2">
        <Field id="caseTypeId" label={t('ui.case_type')} error={f.errors.caseTypeId}>
          <select value={caseTypeId} onChange={(e) => setCaseTypeId(e.target.value)}>
            <option value="">{t('ui.select_placeholder')}</option>
            {types.map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="channel" label={t('ui.channel')} error={f.errors.channel}>
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.filter((c) => c !== 'api').map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="subject" label={t('ui.subject')} error={f.errors.subject}>
        <input value={subject} maxLength={300} onChange={(e) => setSubject(e.target.value)} />
      </Field>
      <Field id="description" label={t('ui.description')} error={f.errors.description}>
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>

      <fieldset>
        <legend>{t('ui.party')}</legend>
        {chosen ? (
          <div className="chosen-party" role="status">
            <p>
              <strong>{t('ui.selected_party')}:</strong> {chosen.name}
              {chosen.phone ? `, ${chosen.phone}` : ''}
              {chosen.email ? `, ${chosen.email}` : ''}
            </p>
            <button type="button" onClick={() => setChosen(null)}>
              {t('ui.change_party')}
            </button>
          </div>
        ) : (
          <>
            <PartySearch onChoose={setChosen} />
            <fieldset className="new-party">
              <legend>{t('ui.new_party')}</legend>
              <div className="grid-2">
                <Field id="name" label={t('ui.party_name')} error={f.errors.name}>
                  <input value={party.name} maxLength={200} autoComplete="off" onChange={(e) => setP('name')(e.target.value)} />
                </Field>
                <Field id="phone" label={t('ui.phone')} error={f.errors.phone}>
                  <input type="tel" value={party.phone} maxLength={30} autoComplete="off" onChange={(e) => setP('phone')(e.target.value)} />
                </Field>
                <Field id="email" label={t('ui.email')} error={f.errors.email}>
                  <input type="email" value={party.email} maxLength={254} autoComplete="off" onChange={(e) => setP('email')(e.target.value)} />
                </Field>
                <Field id="idNumber" label={t('ui.id_number')} error={f.errors.idNumber}>
                  <input value={party.idNumber} maxLength={40} autoComplete="off" onChange={(e) => setP('idNumber')(e.target.value)} />
                </Field>
                <Field id="address" label={t('ui.address')} error={f.errors.address}>
                  <input value={party.address} maxLength={300} autoComplete="off" onChange={(e) => setP('address')(e.target.value)} />
                </Field>
                <Field id="partyLocale" label={t('ui.party_language')}>
                  <select value={party.locale} onChange={(e) => setP('locale')(e.target.value)}>
                    <option value="">{t('ui.select_placeholder')}</option>
                    {LOCALES.map((l) => (
                      <option key={l} value={l} lang={HTML_LANG[l]}>
                        {LOCALE_NAMES[l]}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
            </fieldset>
          </>
        )}
      </fieldset>

      <fieldset className="consent">
        <legend>{t('ws.consent_legend')}</legend>
        <p className="hint">{t('ws.consent_hint')}</p>
        {(['sms', 'email'] as const).map((ch) => (
          <label key={ch} className="checkbox">
            <input
              type="checkbox"
              checked={consent.includes(ch)}
              onChange={(e) => setConsent((c) => (e.target.checked ? [...c, ch] : c.filter((x) => x !== ch)))}
            />
            {t(ch === 'sms' ? 'ws.consent_sms' : 'ws.consent_email')}
          </label>
        ))}
        <label className="checkbox">
          <input type="checkbox" checked={viber} onChange={(e) => setViber(e.target.checked)} />
          {t('cstmt.viber_consent')}
        </label>
        {viber ? (
          <Field id="viberPhone" label={t('cstmt.viber_number')} error={f.errors.viberPhone}>
            <input type="tel" autoComplete="off" maxLength={30} value={viberPhone} placeholder={party.phone} onChange={(e) => setViberPhone(e.target.value)} />
          </Field>
        ) : null}
      </fieldset>

      <Field id="deliverToUnitId" label={t('ui.deliver_to')} error={f.errors.deliverToUnitId}>
        <select value={deliverTo} onChange={(e) => setDeliverTo(e.target.value)}>
          <option value="">{t('ui.deliver_later')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('ui.register_case')}
      </button>
    </form>
  );
}

function PartySearch({ onChoose }: { onChoose: (p: Party) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Party[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  async function search() {
    const text = q.trim();
    if (text.length < 2) return;
    const mine = ++seq.current;
    try {
      const r = await api.findParties(text);
      if (mine === seq.current) {
        setResults(r.items);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(e instanceof Error ? e.message : String(e));
    }
  }
  // Enter in the search box searches; it must not submit the whole intake form.
  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void search();
    }
  }

  return (
    <div className="party-search">
      <Field id="party-q" label={t('ui.find_party')} error={error}>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onKey} maxLength={100} autoComplete="off" />
      </Field>
      <button type="button" onClick={() => void search()}>
        {t('ui.search')}
      </button>
      <div aria-live="polite">
        {results === null ? null : results.length === 0 ? (
          <p className="empty">{t('ui.no_parties_found')}</p>
        ) : (
          <ul className="party-results" aria-label={t('ui.found_parties')}>
            {results.map((p) => (
              <li key={p.id}>
                <span>
                  {p.name}
                  {p.phone ? ` · ${p.phone}` : ''}
                  {p.email ? ` · ${p.email}` : ''}
                  {p.id_number ? ` · ${p.id_number}` : ''}
                </span>
                <button type="button" onClick={() => onChoose(p)} aria-label={`${t('ui.choose')}: ${p.name}`}>
                  {t('ui.choose')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
