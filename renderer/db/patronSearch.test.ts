import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices } from '../test/renderDesk';
import { searchPatrons } from './patronSearch';

let services: DeskServices;
const names = async (q: string, limit?: number) =>
  (await searchPatrons(services.db, q, limit)).map((p) => `${p.firstName} ${p.lastName}`).sort();

beforeEach(async () => {
  services = await deskServices();
});

describe('searchPatrons by name', () => {
  beforeEach(async () => {
    await arrangePatron(services, { firstName: 'José', lastName: 'Núñez' });
    await arrangePatron(services, { firstName: 'Jörg', lastName: 'Müller' });
    await arrangePatron(services, { firstName: 'Joan', lastName: 'Smith' });
    await arrangePatron(services, { firstName: 'John', lastName: 'Smythe' });
    await arrangePatron(services, { firstName: 'Sam', lastName: 'Jones' });
  });

  it('ignores accents and case', async () => {
    expect(await names('jose')).toEqual(['José Núñez']);
    expect(await names('NUNEZ')).toEqual(['José Núñez']);
    expect(await names('MULLER')).toEqual(['Jörg Müller']);
    expect(await names('Müll')).toEqual(['Jörg Müller']);
  });

  it('matches word prefixes anywhere in the name', async () => {
    expect(await names('jo')).toEqual(['Joan Smith', 'John Smythe', 'José Núñez', 'Jörg Müller', 'Sam Jones']);
    expect(await names('smy')).toEqual(['John Smythe']);
  });

  it('needs every word of a two-word query, in any order', async () => {
    expect(await names('jo sm')).toEqual(['Joan Smith', 'John Smythe']);
    expect(await names('smith jo')).toEqual(['Joan Smith']);
    expect(await names('sam jo')).toEqual(['Sam Jones']);
    expect(await names('jo xyz')).toEqual([]);
  });

  it('finds nothing for a blank query or an unknown word', async () => {
    expect(await searchPatrons(services.db, '   ')).toEqual([]);
    expect(await names('zebedee')).toEqual([]);
  });
});

describe('searchPatrons by phone, email and card', () => {
  beforeEach(async () => {
    await arrangePatron(services, {
      firstName: 'Ada',
      phones: [{ label: 'home', number: '+44 20 7946 0958' }],
      emails: [{ label: 'personal', address: 'ada.l@example.org' }],
      cardNumber: 'LIB-20417',
    });
    await arrangePatron(services, {
      firstName: 'Bea',
      lastName: 'Jones',
      phones: [{ label: 'mobile', number: '(555) 010-4477' }],
      emails: [{ label: 'work', address: 'bea@uni.example.edu' }],
      cardNumber: 'AB123',
    });
  });

  it('finds a phone by its leading digits however they are typed', async () => {
    expect(await names('020 7946')).toEqual(['Ada Lovelace']);
    expect(await names('020-7946-0958')).toEqual(['Ada Lovelace']);
    expect(await names('+44 20 79')).toEqual(['Ada Lovelace']);
    expect(await names('555 010')).toEqual(['Bea Jones']);
    expect(await names('7946')).toEqual([]);
  });

  it('finds an email by its prefix', async () => {
    expect(await names('ada.l@ex')).toEqual(['Ada Lovelace']);
    expect(await names('BEA@UNI')).toEqual(['Bea Jones']);
    expect(await names('bea@example')).toEqual([]);
  });

  it('finds a card by its prefix', async () => {
    expect(await names('ab12')).toEqual(['Bea Jones']);
    expect(await names('LIB-204')).toEqual(['Ada Lovelace']);
    expect(await names('lib20417')).toEqual(['Ada Lovelace']);
  });
});

describe('searchPatrons results', () => {
  it('lists a patron matching through several terms once', async () => {
    const p = await arrangePatron(services, { firstName: 'Anna', lastName: 'Annandale', emails: [{ label: 'personal', address: 'anna@example.org' }] });
    const found = await searchPatrons(services.db, 'ann');
    expect(found.map((x) => x.id)).toEqual([p.id]);
  });

  it('stops at the limit, counting each patron once', async () => {
    // Index order: ann→X, anne→X, annie→Y, annika→Z. Without distinct the first two rows are both X.
    await arrangePatron(services, { firstName: 'Ann', lastName: 'Anne' });
    await arrangePatron(services, { firstName: 'Annie', lastName: 'Baker' });
    await arrangePatron(services, { firstName: 'Annika', lastName: 'Cole' });
    expect(await names('ann', 2)).toEqual(['Ann Anne', 'Annie Baker']);
    expect(await names('ann')).toEqual(['Ann Anne', 'Annie Baker', 'Annika Cole']);
  });

  it('applies the limit after the other words filter', async () => {
    for (let i = 0; i < 4; i++) await arrangePatron(services, { firstName: 'Anna', lastName: `Brown${i}` });
    await arrangePatron(services, { firstName: 'Anna', lastName: 'Zed' });
    await arrangePatron(services, { firstName: 'Annabel', lastName: 'Zed' });
    expect(await names('anna zed', 2)).toEqual(['Anna Zed', 'Annabel Zed']);
  });
});

describe('searchPatrons with several words', () => {
  it('needs two words to start two different words of the name', async () => {
    await arrangePatron(services, { firstName: 'John', lastName: 'Smith' });
    await arrangePatron(services, { firstName: 'Joanna', lastName: 'Jones' });
    expect(await names('jo jon')).toEqual(['Joanna Jones']);
    expect(await names('o jo')).toEqual([]);
  });

  it('finds a name with an apostrophe typed with or without it', async () => {
    await arrangePatron(services, { firstName: 'Siobhán', lastName: "O'Brien" });
    expect(await names("o'bri")).toEqual(["Siobhán O'Brien"]);
    expect(await names('obrien')).toEqual([]);
    expect(await names('siob o')).toEqual(["Siobhán O'Brien"]);
  });

  it('reads a card or an address typed as one string whole, else word by word', async () => {
    await arrangePatron(services, { firstName: 'Sue', lastName: 'Park', cardNumber: 'LIB-00541', emails: [{ label: 'personal', address: 'brown.mavis@example.org' }] });
    await arrangePatron(services, { firstName: 'Mary', lastName: 'Brown' });
    // "brown.ma" starts Sue's address, so the address wins; "brown.mar" starts none, so the names answer.
    expect(await names('brown.ma')).toEqual(['Sue Park']);
    expect(await names('brown.mar')).toEqual(['Mary Brown']);
    expect(await names('lib-005')).toEqual(['Sue Park']);
    expect(await names('park 0054')).toEqual(['Sue Park']);
  });

  it('walks past non-matching patrons in the pair range until the limit', async () => {
    for (let i = 0; i < 30; i++) await arrangePatron(services, { firstName: 'Jo', lastName: `Smith${String.fromCharCode(97 + (i % 26))}` });
    await arrangePatron(services, { firstName: 'Jack', lastName: 'Smoke' });
    const found = await searchPatrons(services.db, 'jo sm', 5);
    expect(found).toHaveLength(5);
    expect(found.every((p) => p.firstName === 'Jo')).toBe(true);
    expect(await names('ja sm')).toEqual(['Jack Smoke']);
  });
});
