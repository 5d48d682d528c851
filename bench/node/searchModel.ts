import { displayName, type Patron } from '../../shared/domain/patron';
import { matchesAllTokens, planSearch } from '../../shared/search/searchKeys';

/**
 * What the app's searchPatrons() returns for a query, computed in Node from the same
 * generated patrons, so the type-ahead bench knows which results to wait for without
 * reading the browser's database (which would warm exactly the pages being measured).
 *
 * It follows the same shared plan (planSearch) as renderer/db/patronSearch.ts, walking a
 * multi-entry index ordered by (term, primary key) in IndexedDB's code-unit string order.
 * A mismatch shows up in the bench as a timed-out keystroke with the rendered list.
 */
export interface ExpectedResults {
  /** The search box shows its list (the text is not blank). */
  open: boolean;
  /** "Display name|card number" per result, in order. */
  labels: string[];
}

export const RESULT_LIMIT = 20;

export function labelOf(p: Patron): string {
  return `${displayName(p)}|${p.cardNumber}`;
}

export class SearchModel {
  private readonly terms: string[] = [];
  private readonly owners: number[] = [];

  constructor(private readonly patrons: readonly Patron[]) {
    const entries: Array<[string, string, number]> = [];
    patrons.forEach((p, i) => {
      for (const t of p.terms) entries.push([t, p.id, i]);
    });
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const [term, , owner] of entries) {
      this.terms.push(term);
      this.owners.push(owner);
    }
  }

  get entryCount(): number {
    return this.terms.length;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.terms[mid] ?? '') < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Walks a prefix range in index order, each patron once, keeping those `keep` accepts. */
  private walk(prefix: string, keep: (p: Patron) => boolean, limit: number): { patrons: Patron[]; scanned: number } {
    const seen = new Set<number>();
    const found: Patron[] = [];
    let scanned = 0;
    for (let i = this.lowerBound(prefix); i < this.terms.length && found.length < limit; i++) {
      if (!(this.terms[i] ?? '').startsWith(prefix)) break;
      scanned++;
      const owner = this.owners[i]!;
      if (seen.has(owner)) continue;
      seen.add(owner);
      const p = this.patrons[owner]!;
      if (keep(p)) found.push(p);
    }
    return { patrons: found, scanned };
  }

  /** The patrons searchPatrons(raw) returns, and how many index entries its walks visit. */
  search(raw: string, limit = RESULT_LIMIT): { patrons: Patron[]; scanned: number } {
    const plan = planSearch(raw);
    if (plan.kind === 'none') return { patrons: [], scanned: 0 };
    let scanned = 0;
    if (plan.whole !== undefined) {
      const whole = this.walk(plan.whole, () => true, limit);
      if (whole.patrons.length > 0) return whole;
      scanned = whole.scanned;
    }
    const rest = this.walk(plan.prefix, (p) => plan.tokens.length === 1 || matchesAllTokens(p.terms, plan.tokens), limit);
    return { patrons: rest.patrons, scanned: scanned + rest.scanned };
  }

  expected(raw: string): ExpectedResults {
    return { open: raw.trim() !== '', labels: this.search(raw).patrons.map(labelOf) };
  }
}
