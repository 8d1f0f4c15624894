/**
 * An Atom 1.0 feed (RFC 4287) of public problem reports: one entry per report, newest first, with
 * what the public page shows (category, address, status, the published description) and its link.
 * Text only, escaped; no names or contacts ever reach it (the rows are the public list's, masked).
 */
export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date | string;
  published: Date | string;
  summary: string;
  category: string;
}

const xml = (s: string) =>
  s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
const iso = (d: Date | string) => new Date(d).toISOString();

export function atomFeed(f: { id: string; title: string; self: string; alternate: string; updated: Date; lang: string; entries: AtomEntry[] }): string {
  const entries = f.entries.map(
    (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
    <published>${iso(e.published)}</published>
    <updated>${iso(e.updated)}</updated>
    <category term="${xml(e.category)}"/>
    <summary type="text">${xml(e.summary)}</summary>
  </entry>
`,
  );
  const updated = f.entries.reduce((max, e) => Math.max(max, new Date(e.updated).getTime()), 0);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(f.lang)}">
  <id>${xml(f.id)}</id>
  <title>${xml(f.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(f.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(f.alternate)}"/>
  <updated>${iso(updated ? new Date(updated) : f.updated)}</updated>
  <author><name>${xml(f.title)}</name></author>
${entries.join('')}</feed>
`;
}
