import type { FastifyInstance } from 'fastify';
import type { Patron } from '@shared/domain/patron';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent, FollowUpEventBody } from '@shared/followups/followUpEvents';
import { patronSearchTerms } from '@shared/search/searchKeys';
import { followUpCodec, followUpEventCodec, noteCodec, patronCodec } from '@shared/sync/entities';
import { formatHlc } from '@shared/sync/hlc';
import { SYNC_HEADERS, SYNC_SCHEMA_VERSION, type Mutation, type PushResponse } from '@shared/sync/protocol';
import { as } from './testApp';

/** Builders for the records the managers' log is made from, pushed through the real sync endpoint. */
export const LOG_DESK = 'log-desk-1';
let counter = 0;
export const mutationId = () => `0193a0c0-0000-7000-9000-${String(++counter).padStart(12, '0')}`;
const hlc = () => formatHlc({ wall: Date.now(), counter: counter % 1000, deskId: LOG_DESK });
export const stampAt = (at: number, staff = 'Ada') => ({ staff, deskId: LOG_DESK, deskName: 'Front desk', at });

export function patron(id: string, branchId: string, names: Partial<Pick<Patron, 'title' | 'firstName' | 'lastName'>> & Partial<Patron> = {}): Patron {
  const now = Date.now();
  const p = {
    id, branchId, title: '', firstName: 'Yvonne', lastName: 'Ng', cardNumber: '', phones: [], emails: [], address: '', pronouns: '', language: '', howWeMet: '',
    contact: { channels: [], bestTimes: [], note: '' }, flags: [], interests: [], stageHistory: [], created: stampAt(now), updated: stampAt(now), lastContactAt: now, terms: [], ...names,
  } as Patron;
  return { ...p, terms: patronSearchTerms(p) };
}

export function followUp(id: string, patronId: string, branchId: string, over: Partial<FollowUp> = {}): FollowUp {
  const at = Date.now() - 3_600_000;
  return {
    id, patronId, branchId, reason: 'Book due back', channel: 'phone', firstDueAt: at + 60_000, assignee: { kind: 'queue' }, source: { kind: 'manual' },
    message: '', created: stampAt(at), ...over,
  };
}

export function event(id: string, f: Pick<FollowUp, 'id' | 'patronId' | 'branchId'>, body: FollowUpEventBody, at = Date.now() - 60_000, staff = 'Ada'): FollowUpEvent {
  return { id, followUpId: f.id, patronId: f.patronId, branchId: f.branchId, stamp: stampAt(at, staff), ...body } as FollowUpEvent;
}

const edit = (entity: Mutation['entity'], recordId: string, branchId: string, fields: Record<string, unknown>): Mutation =>
  ({ id: mutationId(), kind: 'edit', entity, recordId, branchId, hlc: hlc(), fields } as Mutation);

export const pushPatron = (p: Patron) => edit('patron', p.id, p.branchId, patronCodec.toFields(p));
export const pushFollowUp = (f: FollowUp) => edit('followUp', f.id, f.branchId, followUpCodec.toFields(f));
export const pushEvent = (e: FollowUpEvent) => edit('followUpEvent', e.id, e.branchId, followUpEventCodec.toFields(e));
export const pushNote = (id: string, patronId: string, branchId: string, at: number) =>
  edit('note', id, branchId, noteCodec.toFields({ id, patronId, branchId, body: 'Came in today', kind: 'note', created: stampAt(at) }));
export const eraseMutation = (patronId: string, branchId: string): Mutation => ({ id: mutationId(), kind: 'erase', entity: 'patron', recordId: patronId, branchId, hlc: hlc() });

/** Pushes and insists every change was applied. */
export async function pushAll(app: FastifyInstance, token: string, mutations: Mutation[]): Promise<void> {
  const headers = { [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION), [SYNC_HEADERS.deskId]: LOG_DESK, [SYNC_HEADERS.clock]: String(Date.now()) };
  const res = await as(app, token, { method: 'POST', url: '/api/sync/push', payload: { mutations }, headers });
  if (res.statusCode !== 200) throw new Error(`push failed: ${res.statusCode} ${res.body}`);
  const refused = res.json<PushResponse>().results.filter((r) => r.status === 'rejected');
  if (refused.length > 0) throw new Error(`push refused: ${JSON.stringify(refused)}`);
}
