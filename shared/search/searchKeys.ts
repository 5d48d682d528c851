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
  for (const word of wordTokens(foldForSearch(`${p.firstName} ${p.lastName}`))) terms.add(word);
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
