/**
 * Who is told, on which channel: pure decisions over a party's contacts, consent records and
 * preferences. Consent and a contact are both required for a channel, always; "key events only"
 * silences notifiable events but never key ones; quiet hours hold back notifiable events only.
 */
import type { ChannelName } from '../../channels/channel.ts';
import type { NotificationLevel } from './kinds.ts';

export const MESSAGE_CHANNELS = ['viber', 'sms', 'email'] as const satisfies readonly ChannelName[];
export type MessageChannel = ChannelName;
/** Used when a party has no preferences of its own: Viber is free for the citizen and the municipality, SMS reaches every phone. */
export const DEFAULT_CHANNEL_ORDER: readonly MessageChannel[] = MESSAGE_CHANNELS;

export type Scope = 'all' | 'key';

export interface PartyContacts {
  phone: string | null;
  email: string | null;
  viberUserId: string | null;
}
export interface PartyPreferences {
  channelOrder: readonly MessageChannel[];
  scope: Scope;
  quietFrom: number | null;
  quietTo: number | null;
}
/** The latest consent record per channel; only a 'given' one permits sending. */
export interface ConsentState {
  id: string;
  channel: MessageChannel;
  action: 'given' | 'withdrawn';
}

export interface ChannelChoice {
  channel: MessageChannel;
  address: string;
  consentId: string;
}

export function addressFor(channel: MessageChannel, c: PartyContacts): string | null {
  switch (channel) {
    case 'sms':
      return c.phone;
    case 'email':
      return c.email;
    case 'viber':
      return c.viberUserId;
  }
}

/** Whether an event of this level reaches a party with this scope at all. */
export function wantsLevel(level: NotificationLevel, scope: Scope): boolean {
  if (level === 'internal') return false;
  return level === 'key' || scope === 'all';
}

/**
 * The channels a party can be reached on now, in the party's order of preference: enabled in this
 * installation, consented to (latest record 'given'), and with an address.
 */
export function usableChannels(
  prefs: PartyPreferences,
  contacts: PartyContacts,
  consents: readonly ConsentState[],
  enabled: ReadonlySet<MessageChannel>,
): ChannelChoice[] {
  const out: ChannelChoice[] = [];
  for (const channel of prefs.channelOrder) {
    if (!enabled.has(channel) || out.some((c) => c.channel === channel)) continue;
    const consent = consents.find((c) => c.channel === channel);
    if (!consent || consent.action !== 'given') continue;
    const address = addressFor(channel, contacts);
    if (!address) continue;
    out.push({ channel, address, consentId: consent.id });
  }
  return out;
}

/** The next channel after those already tried for the same event, or null when none is left. */
export function nextChannel(usable: readonly ChannelChoice[], tried: readonly MessageChannel[]): ChannelChoice | null {
  return usable.find((c) => !tried.includes(c.channel)) ?? null;
}

/** Parties told about their case: everyone on it except an opposing party, whose interest is the other side's. */
export function isRecipientRole(role: string): boolean {
  return role !== 'opposing';
}
