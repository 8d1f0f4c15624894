/**
 * Pure rules for mail coming in: which of our own messages a reply answers (by the Message-IDs in
 * In-Reply-To and References), which mail is automatic (never answered, so two robots cannot talk
 * to each other forever), and the plain text a new report gets.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Ids of our messages named in In-Reply-To / References (`<uuid@our-domain>`), most recent reference first. */
export function referencedMessageIds(inReplyTo: string | undefined, references: string | string[] | undefined, domain: string): string[] {
  const all = [inReplyTo ?? '', ...(Array.isArray(references) ? [...references].reverse() : [references ?? ''])].join(' ');
  const re = new RegExp(`<?(${UUID})@([A-Za-z0-9.-]+)>?`, 'gi');
  const out: string[] = [];
  for (const m of all.matchAll(re)) {
    if (m[2]!.toLowerCase() !== domain.toLowerCase()) continue;
    const id = m[1]!.toLowerCase();
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** Auto-replies, bounces, mailing lists: RFC 3834 Auto-Submitted, Precedence, and the usual vendor headers. */
export function isAutomaticMail(headers: Record<string, string>, envelopeFrom: string | null): boolean {
  const h = (k: string) => (headers[k] ?? '').toLowerCase().trim();
  if (h('auto-submitted') && h('auto-submitted') !== 'no') return true;
  if (['bulk', 'list', 'junk', 'auto_reply'].includes(h('precedence'))) return true;
  if (h('x-autoreply') || h('x-autorespond') || h('list-id') || h('x-auto-response-suppress').includes('all')) return true;
  if (envelopeFrom === '' || /^(mailer-daemon|postmaster)@/i.test(envelopeFrom ?? '')) return true;
  return false;
}

/** The citizen's own words: the quoted earlier message and the signature are left out. */
export function ownText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === '-- ' || line === '--') break;
    // "On Mon, … wrote:" / "… je napisao:" introduces the quote of our message.
    if (/^(on .+ wrote|.+ (je )?(napisao|napisala|napisa|pisal|pisala)):?\s*$/i.test(line.trim()) && out.length) break;
    if (line.startsWith('>')) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Subject and body of a new mail as one report description, within the 5000 characters a report holds. */
export function reportDescription(subject: string | undefined, text: string | undefined): string {
  const body = ownText(text ?? '');
  const s = (subject ?? '').trim();
  const joined = s && !body.startsWith(s) ? `${s}\n\n${body}` : body || s;
  return joined.slice(0, 5000).trim();
}
