import { z } from 'zod';
import { ContactPreferencesSchema, EMPTY_CONTACT_PREFERENCES } from './contactPreferences';
import { FLAG_KINDS, FlagSchema } from './flags';
import { StageChangeSchema } from './stages';
import { StampSchema } from './stamp';

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `Keep ${label} under ${max} characters`);

/** Card numbers are compared upper-case without spaces, so a typed "ab 123" finds a scanned "AB123". */
export function normaliseCardNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

const CardNumberSchema = z
  .string()
  .transform(normaliseCardNumber)
  .pipe(
    z.union([
      z.literal(''),
      z
        .string()
        .min(3, 'A card number has at least 3 characters')
        .max(32, 'A card number has at most 32 characters')
        .regex(/^[A-Z0-9-]+$/, 'Use only letters, digits and hyphens'),
    ]),
  );

export const PHONE_LABELS = ['mobile', 'home', 'work', 'other'] as const;
export const PhoneSchema = z.object({
  label: z.enum(PHONE_LABELS).default('mobile'),
  number: z
    .string()
    .trim()
    .min(1, 'Enter the number or remove this row')
    .regex(/^\+?[\d\s().-]+$/, 'Use digits, spaces, brackets, dots or hyphens, with an optional leading +')
    .refine((n) => n.replace(/\D/g, '').length >= 5, 'A phone number has at least 5 digits')
    .refine((n) => n.replace(/\D/g, '').length <= 20, 'A phone number has at most 20 digits'),
});
export type Phone = z.infer<typeof PhoneSchema>;

export const EMAIL_LABELS = ['personal', 'work', 'other'] as const;
export const EmailSchema = z.object({
  label: z.enum(EMAIL_LABELS).default('personal'),
  address: z
    .string()
    .trim()
    .min(1, 'Enter the address or remove this row')
    .pipe(z.email({ error: 'Not a valid email address (like name@example.org)' }))
    .transform((a) => a.toLowerCase()),
});
export type Email = z.infer<typeof EmailSchema>;

/**
 * The fields staff edit in the patron form. Everything else on a patron (flags,
 * preferences, stage, interests) has its own action so two edits never clobber each other.
 */
export const PatronDetailsSchema = z
  .object({
    title: trimmed(40, 'the title'),
    firstName: trimmed(100, 'the first name'),
    lastName: trimmed(100, 'the last name'),
    cardNumber: CardNumberSchema,
    phones: z.array(PhoneSchema).max(10, 'At most 10 phone numbers'),
    emails: z.array(EmailSchema).max(10, 'At most 10 email addresses'),
    address: trimmed(500, 'the address'),
    pronouns: trimmed(40, 'the pronouns'),
    language: trimmed(60, 'the language'),
    howWeMet: trimmed(1000, '"how we met"'),
  })
  .superRefine((p, ctx) => {
    if (p.firstName === '' && p.lastName === '') {
      ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Enter a first or last name' });
    }
    const seen = new Map<string, number>();
    p.emails.forEach((e, i) => {
      if (seen.has(e.address)) ctx.addIssue({ code: 'custom', path: ['emails', i, 'address'], message: 'This address is listed twice' });
      seen.set(e.address, i);
    });
  });
export type PatronDetails = z.infer<typeof PatronDetailsSchema>;
export type PatronDetailsInput = z.input<typeof PatronDetailsSchema>;

export const EMPTY_PATRON_DETAILS: PatronDetails = {
  title: '', firstName: '', lastName: '', cardNumber: '', phones: [], emails: [],
  address: '', pronouns: '', language: '', howWeMet: '',
};

export const InterestSchema = z
  .string()
  .trim()
  .min(1, 'Type an interest')
  .max(60, 'Keep an interest under 60 characters')
  .transform((s) => s.toLowerCase());

/** A patron as stored on every replica. */
export const PatronSchema = PatronDetailsSchema.safeExtend({
  id: z.string().min(1),
  branchId: z.string().min(1),
  contact: ContactPreferencesSchema,
  flags: z.array(FlagSchema),
  interests: z.array(z.string()),
  stageHistory: z.array(StageChangeSchema),
  created: StampSchema,
  updated: StampSchema,
  /** When the desk last had contact (a note, a reached/left-message/… outcome); starts at creation. */
  lastContactAt: z.number().int().nonnegative(),
  /** Folded search keys (see search/searchKeys.ts); derived, rebuilt on every write. */
  terms: z.array(z.string()),
  /**
   * Kinds of the flags not cleared (patronIndexKeys.ts); derived, rebuilt on every write.
   * Absent on rows stored before schema v4 that had no flags, which index the same.
   */
  flagKinds: z.array(z.enum(FLAG_KINDS)).optional(),
});
export type Patron = z.infer<typeof PatronSchema>;

export const EMPTY_CONTACT = EMPTY_CONTACT_PREFERENCES;

/** "Prof. Ada Lovelace" — title, first and last name, whichever are present. */
export function displayName(p: Pick<PatronDetails, 'title' | 'firstName' | 'lastName'>): string {
  return [p.title, p.firstName, p.lastName].filter((s) => s !== '').join(' ');
}

/** The editable details of a stored patron, e.g. to fill the edit form. */
export function detailsOf(p: Patron): PatronDetails {
  const { title, firstName, lastName, cardNumber, phones, emails, address, pronouns, language, howWeMet } = p;
  return { title, firstName, lastName, cardNumber, phones, emails, address, pronouns, language, howWeMet };
}
