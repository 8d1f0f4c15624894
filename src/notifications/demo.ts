/**
 * Demo-only pieces: consent for the demo parties (so the demo's messages really go out), and what the
 * local peers received, as JSON and as a small self-refreshing page.
 */
import type { Ctx } from '../kernel/context.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { recordConsentInTx } from './commands/record-consent.ts';
import { allPartyContacts, ensurePreferences, updatePreferences } from './repositories/contact-repository.ts';
import type { DemoPeers } from './service.ts';

/**
 * Every demo party with a mobile number signed SMS consent at the counter, those with only an e-mail
 * address consented to e-mail; the Bosnian demo citizen follows Stari Grad and prefers Viber.
 */
export async function grantDemoConsents(ctx: Ctx): Promise<void> {
  const actor = { ...SYSTEM_ACTOR, name: 'Demo: potpisana saglasnost na šalteru' };
  await ctx.db.transaction().execute(async (tx) => {
    const parties = await allPartyContacts(tx);
    let viberTaken = false;
    for (const p of parties) {
      if (p.phone) {
        await recordConsentInTx(tx, ctx, actor, { partyId: p.id, channel: 'sms', action: 'given', method: 'counter_signed', documentRef: 'DEMO' });
        if (p.name === 'Amra Hodžić' && !viberTaken) {
          viberTaken = true;
          await ensurePreferences(tx, p.id);
          await updatePreferences(tx, p.id, { viber_user_id: 'demo-viber-amra', channel_order: ['viber', 'sms', 'email'] }, ctx.now());
          await recordConsentInTx(tx, ctx, actor, { partyId: p.id, channel: 'viber', action: 'given', method: 'counter_signed', documentRef: 'DEMO' });
        }
      } else if (p.email) {
        await recordConsentInTx(tx, ctx, actor, { partyId: p.id, channel: 'email', action: 'given', method: 'counter_signed', documentRef: 'DEMO' });
      }
    }
  });
}

export function peerMessages(peers: DemoPeers, limit = 100) {
  const newest = <T extends { receivedAt: Date }>(items: T[]) => items.slice(-limit).reverse();
  return {
    ports: { smsc: peers.smsc.port, smtp: peers.smtp.port, viber: peers.viber.port },
    sms: newest(peers.smsc.received()).map((m) => ({
      to: m.destination,
      from: m.source,
      text: m.text,
      encoding: m.dataCoding === 8 ? 'UCS-2' : 'GSM-7',
      parts: m.parts,
      receivedAt: m.receivedAt,
    })),
    email: newest(peers.smtp.received()).map((m) => ({
      to: m.to,
      subject: m.subject ?? '',
      text: m.text ?? '',
      listUnsubscribe: m.headers['list-unsubscribe'] ?? null,
      receivedAt: m.receivedAt,
    })),
    viber: newest(peers.viber.received()).map((m) => ({ to: m.receiver, text: m.text ?? '', receivedAt: m.receivedAt })),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function peerMessagesPage(peers: DemoPeers): string {
  const m = peerMessages(peers, 50);
  const time = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
  const rows = (items: { to: string | string[]; head: string; text: string; at: Date }[]) =>
    items.length
      ? items
          .map(
            (i) =>
              `<tr><td>${esc(time(i.at))}</td><td>${esc(Array.isArray(i.to) ? i.to.join(', ') : i.to)}</td><td>${esc(i.head)}</td><td><pre>${esc(i.text)}</pre></td></tr>`,
          )
          .join('')
      : '<tr><td colspan="4">—</td></tr>';
  const table = (title: string, head: string, items: Parameters<typeof rows>[0]) =>
    `<h2>${title}</h2><table><thead><tr><th>UTC</th><th>To</th><th>${head}</th><th>Text</th></tr></thead><tbody>${rows(items)}</tbody></table>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Glas demo: messages received by the local peers</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}pre{margin:0;white-space:pre-wrap;font-family:inherit}</style></head><body>
<h1>Messages received by the demo's local peers</h1>
<p>What Glas sent to the local SMS centre (SMPP, port ${m.ports.smsc}), mail sink (SMTP, port ${m.ports.smtp}) and Viber API (port ${m.ports.viber}). Register a case or change its status and watch it arrive; the page refreshes itself.</p>
${table(
  'SMS',
  'Encoding, parts',
  m.sms.map((s) => ({ to: s.to, head: `${s.encoding}, ${s.parts}`, text: s.text, at: s.receivedAt })),
)}
${table(
  'Viber',
  '',
  m.viber.map((v) => ({ to: v.to, head: '', text: v.text, at: v.receivedAt })),
)}
${table(
  'E-mail',
  'Subject',
  m.email.map((e) => ({ to: e.to, head: e.subject, text: e.text, at: e.receivedAt })),
)}
</body></html>`;
}
