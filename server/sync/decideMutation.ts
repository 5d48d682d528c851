import { codecOf } from '@shared/sync/entities';
import { applyEdit, sameJson } from '@shared/sync/fields';
import { hlcWall, MAX_DRIFT_MS } from '@shared/sync/hlc';
import type { FieldIssue, Mutation, RejectCode } from '@shared/sync/protocol';
import { canReachBranch, type StaffScope, type StoredRecord } from './storedRecord';

/**
 * What the server does with one pushed change, decided without touching the database:
 * the caller loads the record (and, for a child record, its patron) inside the batch's
 * transaction, and writes back what this returns.
 */
export type Decision =
  | { kind: 'reject'; code: RejectCode; reason: string; issues?: FieldIssue[] }
  /** Store `record`; `changed` is false when the edit lost on every field to later ones already stored. */
  | { kind: 'store'; record: StoredRecord; changed: boolean }
  | { kind: 'erase'; patronId: string; branchId: string };

export interface DecisionContext {
  scope: StaffScope;
  serverNow: number;
  existing: StoredRecord | undefined;
  /** For a note, request, follow-up or event: its patron's record, if the server has it. */
  patron: StoredRecord | undefined;
}

const reject = (code: RejectCode, reason: string, issues?: FieldIssue[]): Decision => ({ kind: 'reject', code, reason, ...(issues ? { issues } : {}) });

export function decideMutation(m: Mutation, ctx: DecisionContext): Decision {
  const { scope, existing, patron } = ctx;
  if (hlcWall(m.hlc) > ctx.serverNow + MAX_DRIFT_MS) {
    return reject('clock-ahead', 'This change is stamped more than 5 minutes ahead of the server clock; it is sent again once the desk clock is right.');
  }
  if (!canReachBranch(scope, m.branchId)) return reject('forbidden', `You may not change records of branch ${m.branchId}.`);
  if (existing && existing.branchId !== m.branchId) return reject('branch-mismatch', `This record belongs to branch ${existing.branchId}, not ${m.branchId}.`);

  if (m.kind === 'erase') {
    if (scope.role === 'desk') return reject('forbidden', 'Only a manager or an admin can erase a patron.');
    return { kind: 'erase', patronId: m.recordId, branchId: m.branchId };
  }

  if (existing?.erased || patron?.erased) return reject('erased', 'This patron was erased; changes about them are no longer kept.');
  const codec = codecOf(m.entity);
  const patronId = m.entity === 'patron' ? m.recordId : (existing?.patronId ?? m.fields.patronId);
  if (typeof patronId !== 'string' || patronId === '') return reject('invalid', 'A change to a new record must name its patron.', [{ path: 'patronId', message: 'Required' }]);
  if (existing && 'patronId' in m.fields && m.fields.patronId !== existing.patronId) {
    return reject('invalid', 'A record cannot move to another patron.', [{ path: 'patronId', message: 'Cannot change' }]);
  }
  if ('branchId' in m.fields && m.fields.branchId !== m.branchId) return reject('branch-mismatch', 'The record names another branch than the change.');
  if (m.entity !== 'patron' && patron && patron.branchId !== m.branchId) {
    return reject('branch-mismatch', `The patron belongs to branch ${patron.branchId}, not ${m.branchId}.`);
  }

  // A follow-up's own id names its "created" log entry (shared/followups/followUpLog.ts); an event under that id would take its place.
  if (m.entity === 'followUpEvent' && (m.fields.followUpId ?? existing?.fields.followUpId) === m.recordId) {
    return reject('invalid', 'A follow-up\'s log entry needs an id of its own, not its follow-up\'s.', [{ path: 'id', message: 'Same as the follow-up\'s id' }]);
  }
  if (codec.immutable && existing) {
    const same = Object.entries(m.fields).every(([k, v]) => k in existing.fields && sameJson(existing.fields[k]!, v));
    return same ? { kind: 'store', record: existing, changed: false } : reject('immutable', 'Follow-ups and their log entries cannot be changed once created.');
  }

  const state = { fields: { ...(existing?.fields ?? {}) }, clocks: { ...(existing?.clocks ?? {}) } };
  const changedValues = applyEdit(state, { fields: m.fields, hlc: m.hlc }, codec.policyOf);
  // A same-value edit with a later clock still counts: every replica must hold the same clocks,
  // or a later edit stamped between the two would win on one replica and lose on another.
  const changed = changedValues.length > 0 || !sameJson(state.clocks, existing?.clocks ?? {});
  const valid = codec.fromFields(m.recordId, state.fields, state.clocks);
  if (!valid.ok) {
    const issues = valid.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return reject('invalid', `The ${m.entity} would not be valid: ${issues.map((i) => `${i.path || 'record'}: ${i.message}`).join('; ')}`, issues);
  }
  return {
    kind: 'store',
    record: { entity: m.entity, id: m.recordId, branchId: m.branchId, patronId, fields: state.fields, clocks: state.clocks, erased: false },
    changed: existing === undefined || changed,
  };
}
