/**
 * Plain, accessible, printable HTML for the public report pages: escaped text, one stylesheet
 * inlined (no scripts, works without JavaScript), a language switcher, and number, date and
 * duration formats of the reader's language.
 */
import { LOCALES, municipalityIn, t, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.ts';

export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A piece of HTML that is already safe, as opposed to text that must be escaped. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}
export const raw = (s: string) => new Html(s);

/** Tagged template: interpolated values are escaped unless they are Html (or arrays of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += (Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.value : esc(x))).join('') : v instanceof Html ? v.value : esc(v)) + strings[i + 1]!;
  });
  return new Html(out);
}

const INTL_TAG: Record<Locale, string> = {
  'sr-Latn': 'sr-Latn-RS',
  'sr-Cyrl': 'sr-Cyrl-RS',
  bs: 'bs-Latn-BA',
  hr: 'hr-HR',
  cnr: 'sr-Latn-ME',
  sl: 'sl-SI',
  en: 'en-GB',
};
const HTML_LANG: Record<Locale, string> = { 'sr-Latn': 'sr-Latn', 'sr-Cyrl': 'sr-Cyrl', bs: 'bs', hr: 'hr', cnr: 'cnr', sl: 'sl', en: 'en' };
const LANGUAGE_NAMES: Record<Locale, string> = {
  'sr-Latn': 'Srpski',
  'sr-Cyrl': 'Српски',
  bs: 'Bosanski',
  hr: 'Hrvatski',
  cnr: 'Crnogorski',
  sl: 'Slovenščina',
  en: 'English',
};

/** Formats in the reader's language. */
export function formats(locale: Locale, timeZone: string) {
  const tag = INTL_TAG[locale];
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const one = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(tag, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(tag, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const tr = (key: MessageKey, params?: MessageParams) => t(locale, key, params);
  return {
    locale,
    t: tr,
    int: (n: number) => int.format(n),
    money: (n: number) => money.format(n),
    share: (s: number | null) => (s === null ? '–' : pct.format(s)),
    date: (d: Date | string) => date.format(new Date(d)),
    dateTime: (d: Date | string) => dateTime.format(new Date(d)),
    /** Hours below two days in hours, longer ones in days, one decimal. */
    hours: (h: number | null) =>
      h === null ? '–' : h < 48 ? tr('reports.hours_value', { n: one.format(h) }) : tr('reports.days_value', { n: one.format(h / 24) }),
  };
}
export type Formats = ReturnType<typeof formats>;

const STYLE = `
:root { --ink:#1b1f24; --muted:#555d66; --line:#d0d5db; --accent:#0b5cad; --good:#1a7f37; --bad:#b42318; --bg:#fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header.site { border-bottom: 3px solid var(--accent); padding: 12px 24px; display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; justify-content: space-between; }
header.site .muni { font-weight: 700; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 16px; }
main { max-width: 1040px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 1.75rem; margin: 16px 0 4px; } h2 { font-size: 1.3rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 0 0 8px; }
.figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px 24px; align-items: start; break-inside: avoid; page-break-inside: avoid; }
@media (max-width: 760px) { .figure { grid-template-columns: 1fr; } }
.big { font-size: 2.2rem; font-weight: 700; line-height: 1.1; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; break-inside: avoid; }
.card .label { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg { max-width: 100%; height: auto; font-family: inherit; }
.scroll { overflow-x: auto; } tbody th { white-space: nowrap; }
svg text { fill: var(--ink); font-size: 12px; }
.pager { display: flex; justify-content: space-between; gap: 16px; margin: 8px 0; }
.actions { display: flex; gap: 16px; flex-wrap: wrap; margin: 8px 0 16px; }
footer { color: var(--muted); border-top: 1px solid var(--line); margin-top: 40px; padding: 8px 24px; font-size: .9rem; }
dl.defs dt { font-weight: 700; margin-top: 16px; } dl.defs dd { margin: 4px 0 0; }
.small { font-size: .85rem; color: var(--muted); }
@media print {
  header.site nav, .actions, .pager, .skip, .langs { display: none !important; }
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  @page { margin: 15mm; }
}`;

export interface PageOptions {
  locale: Locale;
  title: string;
  municipality: string;
  /** Its configured Cyrillic form (GLAS_MUNICIPALITY_CYRILLIC), shown on Cyrillic pages instead of a transliteration. */
  municipalityCyrillic?: string | undefined;
  path: string;
  query?: Record<string, string>;
  body: Html;
  licence?: string;
  canonical?: string;
}

function langHref(path: string, query: Record<string, string> | undefined, locale: Locale): string {
  const q = new URLSearchParams({ ...(query ?? {}), lang: locale });
  return `${path}?${q.toString()}`;
}

/** A whole page: header with navigation and languages, the body, and the licence in the footer. */
export function page(o: PageOptions): string {
  const f = (key: MessageKey, p?: MessageParams) => t(o.locale, key, p);
  // The municipality's name in the script of the page.
  const municipality = municipalityIn(o.locale, { municipalityName: o.municipality, municipalityNameCyrillic: o.municipalityCyrillic });
  const link = (href: string, key: MessageKey) => html`<li><a href="${langHref(href, undefined, o.locale)}">${f(key)}</a></li>`;
  const langs = LOCALES.map((l) =>
    l === o.locale
      ? html`<li><strong aria-current="true" lang="${HTML_LANG[l]}">${LANGUAGE_NAMES[l]}</strong></li>`
      : html`<li><a href="${langHref(o.path, o.query, l)}" hreflang="${HTML_LANG[l]}" lang="${HTML_LANG[l]}">${LANGUAGE_NAMES[l]}</a></li>`,
  );
  return (
    '<!doctype html>\n' +
    html`<html lang="${HTML_LANG[o.locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${municipality}</title>
${o.canonical ? html`<link rel="canonical" href="${o.canonical}">` : ''}
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${f('reports.skip')}</a>
<header class="site">
  <div class="muni">${municipality}</div>
  <nav aria-label="${f('door.menu')}"><ul>
    ${link('/', 'door.home')}${link('/problems/new', 's48p.report_problem')}${link('/problems', 's48p.problems_title')}${link('/track', 'ui.track_title')}${link('/portal', 'portal.my_cases')}
  </ul></nav>
  <nav aria-label="${f('reports.nav_weekly')}"><ul>
    ${link('/reports/weekly/latest', 'reports.nav_weekly')}${link('/reports/weekly', 'reports.nav_archive')}${link('/reports/definitions', 'reports.nav_definitions')}
    <li><a href="/api/v1/public/open-data">${f('reports.nav_open_data')}</a></li>
  </ul></nav>
  <nav class="langs" aria-label="${f('reports.language')}"><ul>${langs}</ul></nav>
</header>
<main id="main">
${o.body}
</main>
<footer><div class="wrap">${o.licence ? f('reports.licence', { licence: o.licence }) : ''}</div></footer>
</body>
</html>`.value
  );
}
