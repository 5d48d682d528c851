import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  EmailSchema,
  EMPTY_PATRON_DETAILS,
  InterestSchema,
  PatronDetailsSchema,
  PhoneSchema,
  displayName,
  normaliseCardNumber,
  type PatronDetailsInput,
} from './patron';

const details = (over: Partial<PatronDetailsInput> = {}): PatronDetailsInput => ({
  ...EMPTY_PATRON_DETAILS,
  firstName: 'Ada',
  lastName: 'Lovelace',
  ...over,
});

/** The issues of a failed parse as [dotted path, message] pairs. */
function issuesOf(result: z.ZodSafeParseResult<unknown>): [string, string][] {
  if (result.success) throw new Error('expected the parse to fail');
  return result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

const parse = (over: Partial<PatronDetailsInput>) => PatronDetailsSchema.safeParse(details(over));

describe('PatronDetailsSchema', () => {
  it('accepts a minimal patron and returns it unchanged', () => {
    const r = parse({});
    expect(r.success).toBe(true);
    expect(r.data).toEqual(details());
  });

  it('needs a first or a last name, reported on lastName', () => {
    expect(issuesOf(parse({ firstName: '', lastName: '' }))).toEqual([['lastName', 'Enter a first or last name']]);
    expect(issuesOf(parse({ firstName: '   ', lastName: ' \t' }))).toEqual([['lastName', 'Enter a first or last name']]);
    expect(parse({ firstName: 'Ada', lastName: '' }).success).toBe(true);
    expect(parse({ firstName: '', lastName: 'Lovelace' }).success).toBe(true);
  });

  it('trims every text field', () => {
    const r = PatronDetailsSchema.parse(
      details({
        title: ' Prof. ',
        firstName: '  Ada ',
        lastName: '\tLovelace\n',
        address: ' 12 St James Sq ',
        pronouns: ' she/her ',
        language: ' English ',
        howWeMet: ' at the desk ',
      }),
    );
    expect(r).toMatchObject({
      title: 'Prof.',
      firstName: 'Ada',
      lastName: 'Lovelace',
      address: '12 St James Sq',
      pronouns: 'she/her',
      language: 'English',
      howWeMet: 'at the desk',
    });
  });

  it('limits field lengths after trimming, with a readable message', () => {
    expect(parse({ firstName: ` ${'x'.repeat(100)} ` }).success).toBe(true);
    expect(issuesOf(parse({ firstName: 'x'.repeat(101) }))).toEqual([['firstName', 'Keep the first name under 100 characters']]);
    expect(issuesOf(parse({ title: 'x'.repeat(41) }))).toEqual([['title', 'Keep the title under 40 characters']]);
  });

  it('reports a bad email at emails.N.address with a readable message', () => {
    const issues = issuesOf(
      parse({ emails: [{ label: 'work', address: 'ada@example.org' }, { label: 'personal', address: 'not an email' }] }),
    );
    expect(issues).toEqual([['emails.1.address', 'Not a valid email address (like name@example.org)']]);
  });

  it('asks to remove an empty email row', () => {
    expect(issuesOf(parse({ emails: [{ address: '   ' }] }))).toEqual([['emails.0.address', 'Enter the address or remove this row']]);
  });

  it('trims and lower-cases emails and defaults the label', () => {
    const r = PatronDetailsSchema.parse(details({ emails: [{ address: '  Ada@Example.ORG ' }] }));
    expect(r.emails).toEqual([{ label: 'personal', address: 'ada@example.org' }]);
  });

  it('rejects the same email twice, ignoring case, on the later row', () => {
    const issues = issuesOf(
      parse({
        emails: [
          { address: 'ada@example.org' },
          { address: 'babbage@example.org' },
          { address: ' ADA@example.org' },
        ],
      }),
    );
    expect(issues).toEqual([['emails.2.address', 'This address is listed twice']]);
  });

  it('reports several problems at once', () => {
    const issues = issuesOf(parse({ firstName: '', lastName: '', emails: [{ address: 'nope' }] }));
    expect(issues.map(([path]) => path).sort()).toEqual(['emails.0.address', 'lastName']);
  });

  it('normalises the card number: spaces removed, upper case', () => {
    expect(PatronDetailsSchema.parse(details({ cardNumber: ' ab 12-3 ' })).cardNumber).toBe('AB12-3');
    expect(PatronDetailsSchema.parse(details({ cardNumber: '' })).cardNumber).toBe('');
    expect(PatronDetailsSchema.parse(details({ cardNumber: '   ' })).cardNumber).toBe('');
  });

  it('rejects card numbers with other characters, too short or too long', () => {
    expect(issuesOf(parse({ cardNumber: 'AB/123' }))).toEqual([['cardNumber', 'Use only letters, digits and hyphens']]);
    expect(issuesOf(parse({ cardNumber: 'ÄB123' }))).toEqual([['cardNumber', 'Use only letters, digits and hyphens']]);
    expect(issuesOf(parse({ cardNumber: 'a b' }))).toEqual([['cardNumber', 'A card number has at least 3 characters']]);
    expect(issuesOf(parse({ cardNumber: '1'.repeat(33) }))).toEqual([['cardNumber', 'A card number has at most 32 characters']]);
    expect(parse({ cardNumber: '1'.repeat(32) }).success).toBe(true);
  });

  it('validates phone numbers', () => {
    const ok = PatronDetailsSchema.parse(details({ phones: [{ number: ' +44 (0)20 7946-0958 ' }, { label: 'home', number: '12.345' }] }));
    expect(ok.phones).toEqual([
      { label: 'mobile', number: '+44 (0)20 7946-0958' },
      { label: 'home', number: '12.345' },
    ]);

    const issues = issuesOf(parse({ phones: [{ number: '12-34' }, { number: '0207 abc 999' }, { number: '' }, { number: '1'.repeat(21) }] }));
    expect(issues).toContainEqual(['phones.0.number', 'A phone number has at least 5 digits']);
    expect(issues).toContainEqual(['phones.1.number', 'Use digits, spaces, brackets, dots or hyphens, with an optional leading +']);
    expect(issues).toContainEqual(['phones.2.number', 'Enter the number or remove this row']);
    expect(issues).toContainEqual(['phones.3.number', 'A phone number has at most 20 digits']);
  });

  it('rejects a + that is not leading and an unknown phone label', () => {
    expect(PhoneSchema.safeParse({ number: '0207+946 0958' }).success).toBe(false);
    expect(PhoneSchema.safeParse({ label: 'fax', number: '020 7946 0958' }).success).toBe(false);
  });

  it('caps phones and emails at 10', () => {
    const phones = Array.from({ length: 11 }, (_, i) => ({ number: `0207946${String(i).padStart(4, '0')}` }));
    expect(issuesOf(parse({ phones }))).toEqual([['phones', 'At most 10 phone numbers']]);
    const emails = Array.from({ length: 11 }, (_, i) => ({ address: `p${i}@example.org` }));
    expect(issuesOf(parse({ emails }))).toEqual([['emails', 'At most 10 email addresses']]);
  });

  it('parses its own output to the same value', () => {
    const word = fc.string({ unit: fc.constantFrom(...'adeklnoszéüøß '), maxLength: 12 });
    const input = fc.record({
      firstName: word,
      lastName: fc.string({ unit: fc.constantFrom(...'abcü'), minLength: 1, maxLength: 10 }),
      cardNumber: fc.string({ unit: fc.constantFrom(...'ab12- '), minLength: 0, maxLength: 10 }),
    });
    fc.assert(
      fc.property(input, (over) => {
        const first = PatronDetailsSchema.safeParse(details(over));
        if (!first.success) return;
        expect(PatronDetailsSchema.parse(first.data)).toEqual(first.data);
      }),
    );
  });
});

describe('normaliseCardNumber', () => {
  it('removes all whitespace and upper-cases', () => {
    expect(normaliseCardNumber(' ab 12\t3 ')).toBe('AB123');
    expect(normaliseCardNumber('lib-0042')).toBe('LIB-0042');
  });
});

describe('EmailSchema', () => {
  it('accepts common addresses', () => {
    expect(EmailSchema.parse({ address: 'first.last+desk@sub.example.ac.uk' }).address).toBe('first.last+desk@sub.example.ac.uk');
  });

  it('rejects addresses without a domain', () => {
    expect(EmailSchema.safeParse({ address: 'ada@' }).success).toBe(false);
    expect(EmailSchema.safeParse({ address: 'ada' }).success).toBe(false);
  });
});

describe('InterestSchema', () => {
  it('trims and lower-cases, rejects blank', () => {
    expect(InterestSchema.parse('  Local History ')).toBe('local history');
    expect(InterestSchema.safeParse('   ').success).toBe(false);
    expect(InterestSchema.safeParse('x'.repeat(61)).success).toBe(false);
  });
});

describe('displayName', () => {
  it('joins title, first and last name, skipping the empty ones', () => {
    expect(displayName({ title: 'Prof.', firstName: 'Ada', lastName: 'Lovelace' })).toBe('Prof. Ada Lovelace');
    expect(displayName({ title: '', firstName: 'Ada', lastName: 'Lovelace' })).toBe('Ada Lovelace');
    expect(displayName({ title: 'Dr', firstName: '', lastName: 'Who' })).toBe('Dr Who');
    expect(displayName({ title: '', firstName: 'Cher', lastName: '' })).toBe('Cher');
    expect(displayName({ title: '', firstName: '', lastName: '' })).toBe('');
  });
});
