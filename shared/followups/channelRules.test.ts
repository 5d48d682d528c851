import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../domain/channels';
import type { Flag, FlagKind } from '../domain/flags';
import type { Patron } from '../domain/patron';
import { contactDetailFor, defaultChannel, flagsForbidding, isDoNotContact } from './channelRules';

/** Local-time instants, so the tests mean the same in any time zone. */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const NOW = at(2026, 11, 20, 14, 30);
const stamp = (when: number) => ({ staff: 'Sam', deskId: 'desk-a', at: when });

let n = 0;
const flag = (kind: FlagKind, over: Partial<Flag> = {}): Flag => ({
  id: `flag-${++n}`,
  kind,
  reason: 'patron asked',
  source: 'at the desk',
  set: stamp(at(2026, 1, 5)),
  ...over,
});

type ContactPatron = Pick<Patron, 'contact' | 'flags' | 'phones' | 'emails' | 'address'>;
const patron = (over: Partial<ContactPatron> = {}): ContactPatron => ({
  contact: { channels: [], bestTimes: [], note: '' },
  flags: [],
  phones: [],
  emails: [],
  address: '',
  ...over,
});
const ranked = (...channels: Channel[]) => ({ contact: { channels, bestTimes: [], note: '' } });

const forbidden = (flags: Flag[], now = NOW) => CHANNELS.filter((c) => flagsForbidding(c, flags, now).length > 0);

describe('flagsForbidding', () => {
  it('never-email forbids email only', () => {
    expect(forbidden([flag('never-email')])).toEqual(['email']);
  });

  it('phone-only forbids email, SMS and letter', () => {
    expect(forbidden([flag('phone-only')])).toEqual(['email', 'sms', 'letter']);
  });

  it('do-not-contact forbids every channel', () => {
    expect(forbidden([flag('do-not-contact')])).toEqual([...CHANNELS]);
  });

  it('flags about how, not whether, to contact forbid nothing', () => {
    expect(forbidden([flag('large-print'), flag('hard-of-hearing'), flag('other')])).toEqual([]);
  });

  it('returns the flags that forbid the channel, each once', () => {
    const a = flag('never-email');
    const b = flag('phone-only');
    const c = flag('large-print');
    expect(flagsForbidding('email', [a, b, c], NOW)).toEqual([a, b]);
    expect(flagsForbidding('sms', [a, b, c], NOW)).toEqual([b]);
    expect(flagsForbidding('phone', [a, b, c], NOW)).toEqual([]);
  });

  it('an expired flag forbids nothing; it still applies on its expiry day', () => {
    expect(forbidden([flag('do-not-contact', { expiresOn: '2026-11-19' })])).toEqual([]);
    expect(forbidden([flag('do-not-contact', { expiresOn: '2026-11-20' })])).toEqual([...CHANNELS]);
  });

  it('a cleared flag forbids nothing', () => {
    expect(forbidden([flag('never-email', { cleared: stamp(at(2026, 3, 1)) })])).toEqual([]);
  });
});

describe('isDoNotContact', () => {
  it('is true only for an active do-not-contact flag', () => {
    expect(isDoNotContact({ flags: [flag('do-not-contact')] }, NOW)).toBe(true);
    expect(isDoNotContact({ flags: [] }, NOW)).toBe(false);
    expect(isDoNotContact({ flags: [flag('phone-only'), flag('never-email')] }, NOW)).toBe(false);
    expect(isDoNotContact({ flags: [flag('do-not-contact', { expiresOn: '2026-11-01' })] }, NOW)).toBe(false);
    expect(isDoNotContact({ flags: [flag('do-not-contact', { cleared: stamp(at(2026, 2, 1)) })] }, NOW)).toBe(false);
  });
});

describe('defaultChannel', () => {
  const phones = [{ label: 'home' as const, number: '01632 960001' }];
  const emails = [{ label: 'personal' as const, address: 'ada@example.org' }];

  it('is the first ranked channel', () => {
    expect(defaultChannel(patron({ ...ranked('email', 'phone'), phones, emails }), NOW)).toBe('email');
    expect(defaultChannel(patron({ ...ranked('letter', 'email') }), NOW)).toBe('letter');
  });

  it('skips ranked channels the flags forbid', () => {
    expect(defaultChannel(patron({ ...ranked('email', 'sms', 'phone'), flags: [flag('never-email')] }), NOW)).toBe('sms');
    expect(defaultChannel(patron({ ...ranked('email', 'sms', 'phone'), flags: [flag('phone-only')] }), NOW)).toBe('phone');
  });

  it('does not skip a ranked channel whose flag has expired', () => {
    expect(defaultChannel(patron({ ...ranked('email', 'phone'), flags: [flag('never-email', { expiresOn: '2026-10-31' })] }), NOW)).toBe('email');
  });

  it('without preferences, falls back to what there are details for: phone, then email, then letter', () => {
    expect(defaultChannel(patron({ phones, emails, address: '1 High St' }), NOW)).toBe('phone');
    expect(defaultChannel(patron({ emails, address: '1 High St' }), NOW)).toBe('email');
    expect(defaultChannel(patron({ address: '1 High St' }), NOW)).toBe('letter');
  });

  it('the fallback also respects flags', () => {
    expect(defaultChannel(patron({ emails, address: '1 High St', flags: [flag('never-email')] }), NOW)).toBe('letter');
    expect(defaultChannel(patron({ ...ranked('email'), emails, phones, flags: [flag('never-email')] }), NOW)).toBe('phone');
  });

  it('when nothing is allowed or reachable: the first ranked channel, else phone', () => {
    expect(defaultChannel(patron(), NOW)).toBe('phone');
    expect(defaultChannel(patron({ emails, flags: [flag('never-email')] }), NOW)).toBe('phone');
    expect(defaultChannel(patron({ ...ranked('email', 'letter'), phones, flags: [flag('do-not-contact')] }), NOW)).toBe('email');
  });
});

describe('contactDetailFor', () => {
  const p = patron({
    phones: [{ label: 'home', number: '01632 960001' }, { label: 'mobile', number: '07700 900123' }],
    emails: [{ label: 'work', address: 'ada@work.example' }, { label: 'personal', address: 'ada@example.org' }],
    address: '1 High St, Anytown',
  });

  it('gives the detail each channel uses', () => {
    expect(contactDetailFor('phone', p)).toBe('01632 960001');
    expect(contactDetailFor('sms', p)).toBe('07700 900123'); // prefers a mobile
    expect(contactDetailFor('email', p)).toBe('ada@work.example');
    expect(contactDetailFor('letter', p)).toBe('1 High St, Anytown');
    expect(contactDetailFor('in-person', p)).toBe('');
  });

  it('SMS falls back to the first phone when there is no mobile', () => {
    expect(contactDetailFor('sms', patron({ phones: [{ label: 'work', number: '01632 960777' }] }))).toBe('01632 960777');
  });

  it('is empty when the patron has no such detail', () => {
    for (const c of CHANNELS) expect(contactDetailFor(c, patron())).toBe('');
  });
});
