import type { ServerRecord } from './syncDataset';

/**
 * How the sync data set becomes PouchDB documents for the PouchDB comparison: one document
 * per record, `_id` = `entity:id` (unique across entities, and it keeps a patron, its notes
 * and its follow-up apart by kind), the record's fields at the top level as a PouchDB app
 * would store them, plus `entity`, `branchId` and `patronId`. The per-field clocks are left
 * out: PouchDB keeps its own revision per document for what they do (conflicts), and adds
 * `_rev` and a revision history to every document it sends.
 */
export interface PouchRecordDoc {
  _id: string;
  entity: string;
  branchId: string;
  patronId: string;
  [field: string]: unknown;
}

/** Bump when the mapping changes: the kept server database is rebuilt. */
export const POUCH_DOC_MAPPING_VERSION = 1;

export function pouchDocOf(r: ServerRecord): PouchRecordDoc {
  for (const k of Object.keys(r.fields)) {
    // PouchDB refuses top-level names starting with "_" (they are its own).
    if (k.startsWith('_')) throw new Error(`field ${k} of ${r.entity} ${r.id} cannot be a PouchDB field`);
  }
  return { ...r.fields, _id: `${r.entity}:${r.id}`, entity: r.entity, branchId: r.branchId, patronId: r.patronId };
}
