import type { Channel } from '../domain/channels';
import { isFlagActive, type Flag, type FlagKind } from '../domain/flags';
import type { Patron } from '../domain/patron';

/** Which channels each contact flag rules out. */
const FORBIDS: Partial<Record<FlagKind, readonly Channel[]>> = {
  'never-email': ['email'],
  'phone-only': ['email', 'sms', 'letter'],
  'do-not-contact': ['phone', 'email', 'sms', 'letter', 'in-person'],
};

/** The patron's active flags that forbid this channel (empty when it is fine to use). */
export function flagsForbidding(channel: Channel, flags: readonly Flag[], now: number): Flag[] {
  return flags.filter((f) => isFlagActive(f, now) && (FORBIDS[f.kind] ?? []).includes(channel));
}

/** True when the patron asked not to be contacted at all (active do-not-contact flag). */
export function isDoNotContact(patron: Pick<Patron, 'flags'>, now: number): boolean {
  return patron.flags.some((f) => f.kind === 'do-not-contact' && isFlagActive(f, now));
}

/**
 * The channel a new follow-up starts with: the patron's best-ranked channel their flags
 * allow, else one they have details for (phone before email before letter).
 */
export function defaultChannel(patron: Pick<Patron, 'contact' | 'flags' | 'phones' | 'emails' | 'address'>, now: number): Channel {
  const allowed = (c: Channel) => flagsForbidding(c, patron.flags, now).length === 0;
  const ranked = patron.contact.channels.find(allowed);
  if (ranked) return ranked;
  const reachable: Channel[] = [
    ...(patron.phones.length > 0 ? (['phone'] as const) : []),
    ...(patron.emails.length > 0 ? (['email'] as const) : []),
    ...(patron.address !== '' ? (['letter'] as const) : []),
  ];
  return reachable.find(allowed) ?? patron.contact.channels[0] ?? 'phone';
}

/** The contact detail to use for a channel: a phone number, an email address, the postal address. */
export function contactDetailFor(channel: Channel, patron: Pick<Patron, 'phones' | 'emails' | 'address'>): string {
  switch (channel) {
    case 'phone':
    case 'sms':
      return patron.phones.find((p) => channel !== 'sms' || p.label === 'mobile')?.number ?? patron.phones[0]?.number ?? '';
    case 'email':
      return patron.emails[0]?.address ?? '';
    case 'letter':
      return patron.address;
    case 'in-person':
      return '';
  }
}
