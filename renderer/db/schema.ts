import type Dexie from 'dexie';

/**
 * Every schema version the desk database has had, oldest first. Never edit a published
 * version: add a new one with an upgrade function, so a desk that was offline for months
 * still opens its data.
 *
 * Indexes are kept lean because every index is paid for on every write (and the initial
 * sync of a new desk writes hundreds of thousands of rows; see bench/RESULTS.md):
 * - patrons.cardNumber: exact lookup for card scans and the uniqueness check;
 * - patrons.*terms: folded search keys, one multi-entry prefix scan per keystroke;
 * - notes.patronId, requests.patronId: a patron's page loads its own rows only.
 */
export function applySchema(db: Dexie): void {
  db.version(1).stores({
    patrons: 'id, cardNumber, *terms',
    notes: 'id, patronId',
    requests: 'id, patronId',
    meta: 'key',
  });
}
