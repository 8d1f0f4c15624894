/**
 * The names Glas itself acts under (a system actor's name, stored with events, consents and audit
 * lines as it was said then) shown in the reader's language. A person's name is shown as it is.
 */
import { t } from './catalog.ts';
import type { MessageKey } from './catalog.ts';
import type { Locale } from './locales.ts';
import { latToCyr } from './transliterate.ts';

const SYSTEM_NAMES: Readonly<Record<string, MessageKey>> = {
  'Web form': 'actor.web_form',
  'Viber chatbot': 'actor.viber_chatbot',
  Portal: 'actor.portal',
  'E-mail': 'channel.email',
};

export function actorLabel(locale: Locale, name: string): string {
  const key = SYSTEM_NAMES[name];
  return key ? t(locale, key) : name;
}

/**
 * The municipality's name in the script of the message: its configured Cyrillic form in Serbian
 * Cyrillic (GLAS_MUNICIPALITY_CYRILLIC), else the Latin name transliterated; the name as it is elsewhere.
 */
export function municipalityIn(locale: Locale, names: { municipalityName: string; municipalityNameCyrillic?: string | undefined }): string {
  if (locale !== 'sr-Cyrl') return names.municipalityName;
  return names.municipalityNameCyrillic ?? latToCyr(names.municipalityName);
}
