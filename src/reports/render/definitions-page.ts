/** /reports/definitions: how every published figure is computed, in the reader's language. */
import type { Locale } from '../../i18n/index.ts';
import type { PublishedDefinition } from '../domain/definitions.ts';
import { formats, html, page } from './html.ts';

export function renderDefinitions(o: {
  locale: Locale;
  municipality: string;
  municipalityCyrillic?: string | undefined;
  timezone: string;
  licence: string;
  definitions: PublishedDefinition[];
}): string {
  const f = formats(o.locale, o.timezone);
  const body = html`<h1>${f.t('reports.definitions_title')}</h1>
<p>${f.t('reports.definitions_intro', { timezone: o.timezone })}</p>
<dl class="defs">${o.definitions.map(
    (d) => html`
  <dt id="${d.id}">${d.title}</dt>
  <dd><p>${d.text}</p>
  <p class="small">${f.t('reports.def_timestamps')}: ${d.timestamps.map((ts) => html`<code>${ts}</code> `)}${d.clock === 'calendar' ? html`<br>${f.t('reports.def_clock')}` : ''}${d.excludesDuplicates ? html`<br>${f.t('reports.def_duplicates')}` : ''}</p></dd>`,
  )}
</dl>`;
  return page({
    locale: o.locale,
    title: f.t('reports.definitions_title'),
    municipality: o.municipality,
    municipalityCyrillic: o.municipalityCyrillic,
    path: '/reports/definitions',
    body,
    licence: o.licence,
  });
}
