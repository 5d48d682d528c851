import type { PatronDetails } from '../domain/patron';
import { foldForSearch, wordTokens } from './fold';
import { phoneSearchKeys } from './phoneKeys';

/**
 * The folded keys a patron is found by: every word of the names, the card number,
 * each phone's digits (as typed and in national form) and each email address whole. Stored as a multi-entry index so a
 * type-ahead query is one prefix range scan, not a table scan.
 */
export function patronSearchTerms(p: Pick<PatronDetails, 'firstName' | 'lastName' | 'cardNumber' | 'phones' | 'emails'>): string[] {
  const terms = new Set<string>();
  const words = [...new Set(wordTokens(foldForSearch(`${p.firstName} ${p.lastName}`)))];
  for (const word of words) terms.add(word);
  for (const key of namePairKeys(words)) terms.add(key);
  if (p.cardNumber !== '') {
    const card = foldForSearch(p.cardNumber);
    terms.add(card);
    // The query splits "AB-123" into words and collapses a phone-like "1234-5678" to digits,
    // so a hyphenated card is also stored without its hyphens and as its parts.
    terms.add(card.replace(/-/g, ''));
    for (const part of wordTokens(card)) terms.add(part);
  }
  for (const phone of p.phones) for (const key of phoneSearchKeys(phone.number)) terms.add(key);
  for (const email of p.emails) terms.add(foldForSearch(email.address));
  return [...terms];
}

/** Starts a name-pair key in `terms`; folded query tokens never contain it. */
export const PAIR_MARK = '\u0001';

/**
 * One key per ordered pair of different name words: the first letter of one and the whole
 * other ("Joan Smith" → "␁jsmith", "␁sjoan"). A two-word query "jo sm" is then one prefix
 * range, "␁jsm", holding only patrons with both a j… word and an sm… word, instead of a
 * walk over every "jo…" patron (bench/RESULTS.md). Keys are deduplicated, so a name of n
 * words adds at most n × (n − 1).
 */
export function namePairKeys(words: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const a of words) for (const b of words) if (a !== b) keys.add(`${PAIR_MARK}${a[0]}${b}`);
  return [...keys];
}

/** A parsed type-ahead query: the tokens every match must have a term starting with. */
export interface SearchQuery {
  tokens: string[];
}

const PHONE_LIKE = /^\+?[\d\s().-]+$/;

/**
 * Parses what staff type. A phone-like query ("020 7946-0958") becomes one digits token,
 * a query with "@" keeps the address whole, anything else is split into words.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  const text = raw.trim();
  if (text === '') return { tokens: [] };
  if (PHONE_LIKE.test(text) && /\d/.test(text)) return { tokens: [text.replace(/\D/g, '')] };
  const tokens: string[] = [];
  for (const part of foldForSearch(text).split(/\s+/)) {
    if (part.includes('@')) tokens.push(part);
    else tokens.push(...wordTokens(part));
  }
  return { tokens: [...new Set(tokens)] };
}

/** True when every query token is a prefix of at least one of the terms. */
export function matchesAllTokens(terms: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((t) => terms.some((term) => term.startsWith(t)));
}

const LETTERS_ONLY = /^\p{L}+$/u;

/**
 * How the type-ahead reads the `terms` index for a query. Every step is a prefix range
 * walked in index order, each patron once, up to the result limit:
 * - one token: its range;
 * - several tokens typed as one string ("lib-0054", "brown.ma"): the whole string first,
 *   a card or an email address starting with it; only if none does, as separate words;
 * - several words: the name-pair range of the two longest words (each must start a
 *   different word of the name), every token checked on the record;
 * - otherwise (a word and digits, "smith 0207"): the longest token's range, every token
 *   checked on the record.
 */
export type SearchPlan =
  | { kind: 'none' }
  | { kind: 'prefix'; prefix: string; whole?: string; tokens: string[] };

export function planSearch(raw: string): SearchPlan {
  const { tokens } = parseSearchQuery(raw);
  if (tokens.length === 0) return { kind: 'none' };
  if (tokens.length === 1) return { kind: 'prefix', prefix: tokens[0]!, tokens };
  const text = raw.trim();
  const whole = /\s/.test(text) ? undefined : foldForSearch(text);
  const words = tokens.filter((t) => LETTERS_ONLY.test(t)).sort((a, b) => b.length - a.length);
  const prefix = words.length >= 2 ? `${PAIR_MARK}${words[1]![0]}${words[0]}` : leadingToken({ tokens })!;
  return { kind: 'prefix', prefix, tokens, ...(whole === undefined ? {} : { whole }) };
}

/**
 * Whether a patron with these terms is a result of the plan, ignoring the limit: the pure
 * statement of what searchPatrons() finds, for tests and the bench's model.
 */
export function planMatches(plan: SearchPlan, terms: readonly string[], wholeFoundAny: boolean): boolean {
  if (plan.kind === 'none') return false;
  if (plan.whole !== undefined && wholeFoundAny) return terms.some((t) => t.startsWith(plan.whole!));
  return terms.some((t) => t.startsWith(plan.prefix)) && matchesAllTokens(terms, plan.tokens);
}

/** The token to drive the index scan with: the longest is usually the most selective. */
export function leadingToken(query: SearchQuery): string | undefined {
  let best: string | undefined;
  for (const t of query.tokens) if (best === undefined || t.length > best.length) best = t;
  return best;
}

/** What a card scanner sends: one run of letters/digits, no spaces, at least 3 characters. */
export function looksLikeCardScan(raw: string): boolean {
  return /^[A-Za-z0-9-]{3,32}$/.test(raw.trim()) && /\d/.test(raw);
}
