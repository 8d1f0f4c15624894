/**
 * The citizen's notification settings (OBVO): channels and their order, all events or key events
 * only (key ones listed as always sent, not switchable), language and script, quiet hours, and the
 * consent in force per channel, given or withdrawn here. Also the Viber link and the password.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n, LOCALES, LOCALE_NAMES, HTML_LANG, type Locale, type MessageKey } from '../../i18n.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../../components/common.tsx';
import { Qr } from '../../components/Qr.tsx';
import { portalApi, type MessageChannel, type MySettings, type NotificationKind, type PortalAccount } from './portal-api.ts';

const ALL_CHANNELS: MessageChannel[] = ['viber', 'sms', 'email'];

export function PortalSettings() {
  const { t } = useI18n();
  useTitle(t('portal.settings'));
  const [settings, setSettings] = useState<MySettings | null>(null);
  const [kinds, setKinds] = useState<NotificationKind[]>([]);
  const [account, setAccount] = useState<PortalAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([portalApi.settings(), portalApi.notificationKinds(), portalApi.account()]).then(
      ([s, k, a]) => {
        setSettings(s);
        setKinds(k.items);
        setAccount(a);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  if (error)
    return (
      <>
        <PageTitle>{t('portal.settings')}</PageTitle>
        <FormError message={error} />
      </>
    );
  if (!settings || !account) return <Loading />;
  return (
    <div className="portal-settings">
      <PageTitle>{t('portal.settings')}</PageTitle>
      <Preferences settings={settings} kinds={kinds} onSaved={setSettings} />
      <Consents settings={settings} onChanged={setSettings} />
      <Contacts settings={settings} onChanged={setSettings} />
      <Viber linked={account.viberLinked} />
      <Password account={account} onSaved={() => setAccount({ ...account, hasPassword: true })} />
    </div>
  );
}

function kindLabel(t: (k: MessageKey) => string, k: NotificationKind): string {
  return k.kind.startsWith('status:') ? t(`status.${k.kind.slice(7)}` as MessageKey) : t(`event.${k.eventType}` as MessageKey);
}

function Preferences({ settings, kinds, onSaved }: { settings: MySettings; kinds: NotificationKind[]; onSaved: (s: MySettings) => void }) {
  const { t } = useI18n();
  const p = settings.preferences;
  const [order, setOrder] = useState<MessageChannel[]>(() => [...p.channelOrder, ...ALL_CHANNELS.filter((c) => !p.channelOrder.includes(c))]);
  const [scope, setScope] = useState(p.scope);
  const [locale, setLocale] = useState<Locale | ''>(p.locale ?? '');
  const [quiet, setQuiet] = useState(p.quietHours !== null);
  const [from, setFrom] = useState(p.quietHours?.from ?? '22:00');
  const [to, setTo] = useState(p.quietHours?.to ?? '07:00');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['channelOrder', 'quietHours', 'locale'] as const);

  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setOrder(next);
    setSaved(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      onSaved(await portalApi.updateSettings({ channelOrder: order, scope, locale: locale || null, quietHours: quiet ? { from, to } : null }));
      f.reset();
      setSaved(true);
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const key = kinds.filter((k) => k.level === 'key');
  const other = kinds.filter((k) => k.level === 'notifiable');
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="prefs">
      <h2 id="prefs">{t('portal.channels')}</h2>
      <FormError message={f.formError} />
      <p className="hint" id="order-hint">
        {t('portal.channels_hint')}
      </p>
      <ol className="channel-order" aria-describedby="order-hint" data-testid="channel-order">
        {order.map((c, i) => (
          <li key={c}>
            <span className="channel-name">{t(`channel.${c}` as MessageKey)}</span>
            <span className="order-buttons">
              <button
                type="button"
                disabled={i === 0}
                aria-label={t('portal.move_up', { channel: t(`channel.${c}` as MessageKey) })}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                disabled={i === order.length - 1}
                aria-label={t('portal.move_down', { channel: t(`channel.${c}` as MessageKey) })}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>

      <fieldset>
        <legend>{t('portal.scope')}</legend>
        <label className="radio">
          <input
            type="radio"
            name="scope"
            checked={scope === 'all'}
            onChange={() => {
              setScope('all');
              setSaved(false);
            }}
          />{' '}
          {t('portal.scope_all')}
        </label>{' '}
        <label className="radio">
          <input
            type="radio"
            name="scope"
            checked={scope === 'key'}
            onChange={() => {
              setScope('key');
              setSaved(false);
            }}
          />{' '}
          {t('portal.scope_key')}
        </label>
        <div className="kinds">
          <h3 className="subhead">{t('portal.key_events')}</h3>
          <ul data-testid="key-kinds">
            {key.map((k) => (
              <li key={k.kind}>{kindLabel(t, k)}</li>
            ))}
          </ul>
          <h3 className="subhead">{t('portal.other_events')}</h3>
          <ul className={scope === 'key' ? 'off' : undefined}>
            {other.map((k) => (
              <li key={k.kind}>{kindLabel(t, k)}</li>
            ))}
          </ul>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('portal.quiet_hours')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={quiet}
            onChange={(e) => {
              setQuiet(e.target.checked);
              setSaved(false);
            }}
          />{' '}
          {t('portal.quiet_on')}
        </label>
        {quiet ? (
          <div className="quiet">
            <Field id="quiet-from" label={t('portal.quiet_from')}>
              <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field id="quiet-to" label={t('portal.quiet_to')}>
              <input type="time" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
          </div>
        ) : null}
      </fieldset>

      <Field id="message-locale" label={t('portal.message_language')} error={f.errors.locale}>
        <select
          value={locale}
          onChange={(e) => {
            setLocale(e.target.value as Locale | '');
            setSaved(false);
          }}
        >
          <option value="">—</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={HTML_LANG[l]}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('portal.save_settings')}
      </button>
      <p role="status" className={saved ? 'flash' : 'visually-hidden'}>
        {saved ? t('ui.saved') : ''}
      </p>
    </form>
  );
}

function Consents({ settings, onChanged }: { settings: MySettings; onChanged: (s: MySettings) => void }) {
  const { t, date } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function change(channel: MessageChannel, action: 'given' | 'withdrawn') {
    setBusy(true);
    setError(null);
    try {
      await portalApi.consent(channel, action);
      onChanged(await portalApi.settings());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="consent">
      <h2 id="consent">{t('portal.consent')}</h2>
      <FormError message={error} />
      <ul className="consents" data-testid="consents">
        {settings.consents.map((c) => {
          const name = t(`channel.${c.channel}` as MessageKey);
          return (
            <li key={c.channel} data-channel={c.channel}>
              <span>
                <strong>{name}</strong>: {c.consented && c.record ? t('portal.consent_given', { date: date(c.record.at) }) : t('portal.consent_none')}
              </span>
              {c.consented ? (
                <button type="button" disabled={busy} onClick={() => void change(c.channel, 'withdrawn')}>
                  {t('portal.consent_withdraw', { channel: name })}
                </button>
              ) : (
                <button type="button" disabled={busy} onClick={() => void change(c.channel, 'given')}>
                  {t('portal.consent_give', { channel: name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Viber({ linked }: { linked: boolean }) {
  const { t } = useI18n();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="viber">
      <h2 id="viber">{t('portal.viber_title')}</h2>
      {linked ? <p>{t('portal.viber_linked')}</p> : null}
      <p className="hint">{t('portal.viber_intro')}</p>
      <FormError message={error} />
      {link ? (
        <div className="viber-link">
          <Qr text={link} label={t('portal.viber_code_label')} />
          <p>
            <a className="button" href={link}>
              {t('portal.viber_open')}
            </a>
          </p>
        </div>
      ) : (
        <button
          type="button"
          onClick={() =>
            portalApi.viberLink().then(
              (r) => setLink(r.url),
              (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
            )
          }
        >
          {t('portal.viber_make')}
        </button>
      )}
    </section>
  );
}

function Password({ account, onSaved }: { account: PortalAccount; onSaved: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const f = useFormErrors(['password'] as const);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ password: [password, t('portal.new_password')] })) return;
    setBusy(true);
    try {
      await portalApi.setPassword(password);
      setPassword('');
      setSaved(true);
      f.reset();
      onSaved();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="pw">
      <h2 id="pw">{t('portal.password_title')}</h2>
      <p>{account.hasPassword ? t('portal.password_set') : t('portal.password_none')}</p>
      <FormError message={f.formError} />
      <Field id="portal-password" label={t('portal.new_password')} error={f.errors.password}>
        <input
          type="password"
          autoComplete="new-password"
          maxLength={200}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setSaved(false);
          }}
        />
      </Field>
      <button type="submit" disabled={busy}>
        {t('portal.save_password')}
      </button>
      <p role="status" className={saved ? 'flash' : 'visually-hidden'}>
        {saved ? t('ui.saved') : ''}
      </p>
    </form>
  );
}

/**
 * The citizen's phone and e-mail, each changed by a code sent to the new one: until the code comes
 * back the old contact stays. Once confirmed, the old consent has ended and consent for the new one is asked here.
 */
function Contacts({ settings, onChanged }: { settings: MySettings; onChanged: (s: MySettings) => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<'phone' | 'email' | null>(null);
  const [value, setValue] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState<'sms' | 'email' | null>(null);
  const f = useFormErrors(['phone', 'email', 'code'] as const);

  function start(field: 'phone' | 'email') {
    setEditing(field);
    setValue('');
    setSentTo(null);
    setCode('');
    setChanged(null);
    f.reset();
  }
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    setBusy(true);
    try {
      const r = await portalApi.requestContactChange(editing === 'phone' ? { phone: value } : { email: value });
      setSentTo(r.address);
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await portalApi.confirmContactChange(code);
      onChanged(await portalApi.settings());
      setChanged(r.field === 'phone' ? 'sms' : 'email');
      setEditing(null);
      setSentTo(null);
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  async function consentToNew(channel: 'sms' | 'email') {
    setBusy(true);
    try {
      await portalApi.consent(channel, 'given');
      onChanged(await portalApi.settings());
      setChanged(null);
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="contacts" data-testid="contacts">
      <h2 id="contacts">{t('portal.contacts')}</h2>
      <FormError message={f.formError} />
      <dl className="facts">
        <dt>{t('ui.phone')}</dt>
        <dd data-testid="contact-phone">{settings.contacts.phone ?? t('portal.not_given')}</dd>
        <dt>{t('ui.email')}</dt>
        <dd data-testid="contact-email">{settings.contacts.email ?? t('portal.not_given')}</dd>
      </dl>
      {changed ? (
        <div role="status" className="notice">
          <p>{t('portal.contact_changed')}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void consentToNew(changed)}>
            {t('portal.consent_new_contact')}
          </button>
        </div>
      ) : null}
      {editing === null ? (
        <div className="actions">
          <button type="button" onClick={() => start('phone')}>
            {t('portal.change_phone')}
          </button>
          <button type="button" onClick={() => start('email')}>
            {t('portal.change_email')}
          </button>
        </div>
      ) : sentTo === null ? (
        <form onSubmit={send} noValidate>
          <Field id={editing} label={t(editing === 'phone' ? 'portal.new_phone' : 'portal.new_email')} error={f.errors[editing]}>
            <input
              type={editing === 'phone' ? 'tel' : 'email'}
              autoComplete={editing === 'phone' ? 'tel' : 'email'}
              maxLength={editing === 'phone' ? 30 : 254}
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('portal.send_contact_code')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('ui.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={confirm} noValidate>
          <p role="status">{t('portal.contact_code_sent', { address: sentTo })}</p>
          <Field id="code" label={t('portal.contact_code')} error={f.errors.code}>
            <input inputMode="numeric" autoComplete="one-time-code" maxLength={12} value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('portal.confirm_contact')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('ui.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
