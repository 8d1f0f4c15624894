/**
 * Demo only (issue 14, item 8): the citizen's phone. Choose a demo citizen, write to Glas by SMS or
 * Viber, and read the conversation: the messages go through the demo's real local SMS centre and
 * Viber API, so what answers is the real chatbot, status by SMS and reporting by SMS.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { call, ENDPOINTS } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { Loading, PageTitle, useTitle } from '../components/common.tsx';

interface DemoCitizen {
  name: string;
  phone: string;
  viber_user_id: string | null;
}
interface Line {
  channel: 'sms' | 'viber';
  direction: 'in' | 'out';
  text: string;
  at: string;
  /** The chatbot's keyboard under its message: what each button shows and what tapping it sends. */
  buttons?: { text: string; reply: string }[];
}

export const demoApi = {
  citizens: () => call<{ items: DemoCitizen[] }>(ENDPOINTS.demoCitizens),
  send: (b: { channel: 'sms' | 'viber'; from: string; text: string; name: string }) => call<{ sent: true }>(ENDPOINTS.demoSend, { body: b }),
  conversation: (phone: string, viber: string) => call<{ items: Line[] }>(ENDPOINTS.demoConversation, { query: { phone, viber } }),
};

/** The Viber user a demo citizen writes as: their linked one, or a new one the bot does not know yet. */
const viberOf = (c: DemoCitizen) => c.viber_user_id ?? `demo-viber-${c.phone.replace(/\D/g, '')}`;

export function DemoPhone() {
  const { t, dateTime } = useI18n();
  useTitle(t('demo.phone_title'));
  const [citizens, setCitizens] = useState<DemoCitizen[] | null>(null);
  const [who, setWho] = useState(0);
  const [channel, setChannel] = useState<'sms' | 'viber'>('sms');
  const [body, setBody] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const f = useFormErrors(['text'] as const);

  useEffect(() => {
    demoApi.citizens().then(
      (r) => setCitizens(r.items),
      (e: unknown) => {
        setCitizens([]);
        f.fail(e);
      },
    );
  }, []);
  const citizen = citizens?.[who];
  // The replies come by themselves (the worker sends them): ask again every two seconds.
  useEffect(() => {
    const id = window.setInterval(() => setTick((n) => n + 1), 2000);
    return () => window.clearInterval(id);
  }, []);
  useEffect(() => {
    if (!citizen) return;
    let live = true;
    demoApi.conversation(citizen.phone, viberOf(citizen)).then(
      (r) => {
        if (live) setLines(r.items);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [citizen, tick]);

  async function send(e: FormEvent) {
    e.preventDefault();
    await say(channel, body);
  }

  async function say(on: 'sms' | 'viber', words: string) {
    if (!citizen || !words.trim()) return;
    setBusy(true);
    try {
      await demoApi.send({ channel: on, from: on === 'sms' ? citizen.phone : viberOf(citizen), text: words.trim(), name: citizen.name });
      if (words === body) setBody('');
      setTick((n) => n + 1);
      f.reset();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  // Viber shows the keyboard of the bot's latest message only; tapping a button sends what it says back.
  const lastViber = lines.findLast((l) => l.channel === 'viber' && l.direction === 'out');

  if (!citizens) return <Loading />;
  return (
    <div className="narrow demo-phone" data-testid="demo-phone">
      <PageTitle>{t('demo.phone_title')}</PageTitle>
      <p className="hint">{t('demo.phone_intro')}</p>
      <FormError message={f.formError} />
      <form onSubmit={send} noValidate className="card">
        <Field id="demo-citizen" label={t('demo.citizen')}>
          <select value={who} onChange={(e) => setWho(Number(e.target.value))}>
            {citizens.map((c, i) => (
              <option key={`${c.phone}-${i}`} value={i}>
                {c.name} ({c.phone})
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="inline">
          <legend>{t('demo.channel')}</legend>
          {(['sms', 'viber'] as const).map((c) => (
            <label key={c} className="checkbox">
              <input type="radio" name="demo-channel" checked={channel === c} onChange={() => setChannel(c)} />
              {t(`channel.${c}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <Field id="demo-text" field="text" label={t('demo.message')} error={f.errors.text}>
          <textarea rows={2} maxLength={1000} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy || !citizen}>
          {t('demo.send')}
        </button>
      </form>
      <section className="card" aria-labelledby="demo-conversation">
        <h2 id="demo-conversation">{t('demo.conversation')}</h2>
        {lines.length === 0 ? (
          <p className="empty">{t('demo.empty')}</p>
        ) : (
          <ol className="demo-lines" data-testid="demo-conversation" aria-live="polite">
            {lines.map((l, i) => (
              <li key={i} className={`demo-line demo-${l.direction}`} data-direction={l.direction}>
                <div className="meta">
                  {l.direction === 'in' ? t('demo.from_citizen') : t('demo.from_glas')} · {t(`channel.${l.channel}` as MessageKey)} · {dateTime(l.at)}
                </div>
                <div className="demo-text">{l.text}</div>
                {l === lastViber && l.buttons?.length ? (
                  <div className="demo-buttons" data-testid="demo-viber-buttons">
                    {l.buttons.map((b) => (
                      <button key={b.reply} type="button" disabled={busy} onClick={() => void say('viber', b.reply)}>
                        {b.text}
                      </button>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
