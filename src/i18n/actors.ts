/**
 * The names Glas itself acts under (a system actor's name, stored with events, consents and audit
 * lines as it was said then) shown in the reader's language. A person's name is shown as it is.
 */
import { t } from './catalog.ts';
import type { MessageKey } from './catalog.ts';
import type { Locale } from './locales.ts';

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
