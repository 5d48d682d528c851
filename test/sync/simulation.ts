import type { FastifyInstance } from 'fastify';
import { FLAG_KINDS } from '@shared/domain/flags';
import { EMPTY_PATRON_DETAILS, type Patron } from '@shared/domain/patron';
import { codecOf, ENTITY_NAMES, type EntityName } from '@shared/sync/entities';
import type { ClockMap, FieldMap } from '@shared/sync/fields';
import type { Database } from '../../server/db/database';
import { addFlag, addInterest, createPatron, removeInterest, updatePatronDetails } from '../../renderer/db/patronsRepo';
import { addNote, deleteNote, editNote, restoreNote } from '../../renderer/db/notesRepo';
import { addRequest } from '../../renderer/db/requestsRepo';
import { createFollowUp, recordFollowUpEvent } from '../../renderer/db/followUpsRepo';
import { erasePatron } from '../../renderer/sync/erasePatron';
import { syncOnce } from '../../renderer/sync/syncOnce';
import { SyncRequestError } from '../../renderer/sync/syncTransport';
import { createRng, type Rng } from './prng';
import { SimDesk, type HeldRequest } from './simDesk';

export interface SimServer {
  db: Database;
  app: () => FastifyInstance;
  restart: () => Promise<void>;
  /** Logs in a staff member of the branch with this role; returns the token. */
  staffToken: (role: 'desk' | 'manager', branchId: string) => Promise<string>;
  branchId: string;
}

export interface SimOptions {
  seed: number;
  desks?: number;
  steps?: number;
}

export interface SimReport {
  seed: number;
  steps: number;
  mutationsAcknowledged: number;
  /** Pushes that reached the server late, after requests sent after them. */
  heldPushesDelivered: number;
  records: number;
  erased: number;
  log: string[];
}

const DAY = 86_400_000;

/**
 * The convergence fuzzer (issue 4): 5 desks and the real server; random creates, edits,
 * deletes, follow-up events and erasures; random partitions, lost answers (the server acted,
 * the desk never heard), requests delivered twice, pushes held up in the network and delivered
 * out of order (after later requests, the desk's own resend included), server restarts and
 * desk clocks skewed up to a day either way; the desks' requests reach the server in random
 * interleavings.
 * Then the network heals, clocks are set right and every desk syncs until quiet. Every desk
 * must then hold exactly what the server holds, and no change the server acknowledged may
 * be missing. Throws with the seed and a step log when either fails.
 */
export async function runSimulation(server: SimServer, options: SimOptions): Promise<SimReport> {
  const rng = createRng(options.seed);
  const log: string[] = [];
  const desks: SimDesk[] = [];
  const network: HeldRequest[] = [];
  let heldPushesDelivered = 0;
  const deliverHeld = async (): Promise<HeldRequest> => {
    const held = network.splice(rng.int(0, network.length - 1), 1)[0]!;
    await held.deliver();
    heldPushesDelivered++;
    return held;
  };
  const count = options.desks ?? 5;
  for (let i = 0; i < count; i++) {
    const role = i === 0 ? 'manager' : 'desk';
    const token = await server.staffToken(role, server.branchId);
    const desk = new SimDesk(`sim-${options.seed}-${i}-${Math.random().toString(36).slice(2)}`, role, server.branchId, token, server.app, rng, network);
    await desk.open();
    desk.skewMs = rng.chance(0.4) ? rng.int(-DAY, DAY) : 0;
    desk.delayPushes = rng.chance(0.4) ? 0.3 : 0;
    desks.push(desk);
  }

  try {
    const steps = options.steps ?? 80;
    let refused = 0;
    for (let step = 0; step < steps; step++) {
      if (network.length > 0 && rng.chance(0.25)) {
        const held = await deliverHeld();
        log.push(`${step}: the network delivers a held-up push from ${held.from.split('-').slice(0, 3).join('-')}`);
      }
      const desk = rng.pick(desks);
      const op = await randomStep(rng, desk, desks, server);
      if (op.startsWith('refused')) refused++;
      log.push(`${step}: ${desk.name.split('-').slice(0, 3).join('-')} ${op}`);
    }
    // Desks refuse some random operations (an event the follow-up's state forbids); most must go through.
    if (refused > steps / 4) throw new Error(`${refused} of ${steps} operations were refused by the desks: the fuzzer is not exercising sync`);

    // Heal: the network returns, pushes still on their way arrive (in random order), answers
    // arrive, clocks are set right; sync until nothing moves.
    while (network.length > 0) await deliverHeld();
    for (const d of desks) {
      d.partitioned = false;
      d.dropAnswers = 0;
      d.duplicateRequests = 0;
      d.delayPushes = 0;
      d.skewMs = 0;
    }
    for (let round = 0; round < 6; round++) {
      let moved = 0;
      for (const d of desks) {
        const r = await syncOnce(d.db, d.transport(), { now: () => d.now() });
        moved += r.pushed + r.rejected + r.pulled;
      }
      const pending = (await Promise.all(desks.map((d) => d.db.outbox.count()))).reduce((a, b) => a + b, 0);
      if (round > 0 && moved === 0 && pending === 0) break;
    }

    const serverRecords = await readServer(server.db, server.branchId);
    for (const d of desks) await assertDeskEqualsServer(d, serverRecords);
    assertNothingAcknowledgedLost(desks, serverRecords);
    return {
      seed: options.seed,
      steps,
      mutationsAcknowledged: desks.reduce((n, d) => n + d.acknowledged.length, 0),
      heldPushesDelivered,
      records: [...serverRecords.values()].filter((r) => !r.erased).length,
      erased: [...serverRecords.values()].filter((r) => r.erased).length,
      log,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`Convergence failed for seed ${options.seed}: ${message}\n  replay: npm run fuzz -- --seed ${options.seed}\n  last steps:\n    ${log.slice(-25).join('\n    ')}`, { cause: err });
  } finally {
    for (const d of desks) {
      d.db.close();
      await d.db.delete().catch(() => undefined);
    }
  }
}

/**
 * Desks 3 and up join late: they stay empty until the others have something to pull, and
 * their first step is a first sync in small pages with staff using the desk while pages
 * arrive (the fresh-pull path of applyPulledPage, with local writes in between).
 */
async function joinsLate(desk: SimDesk, desks: readonly SimDesk[], patrons: readonly Patron[]): Promise<boolean> {
  return desks.indexOf(desk) >= 2 && patrons.length === 0 && (await desk.db.syncState.get('cursor')) === undefined && (await desk.db.outbox.count()) === 0;
}

async function firstSync(rng: Rng, desk: SimDesk, desks: readonly SimDesk[], server: SimServer): Promise<string> {
  let busy = false;
  const meanwhile: string[] = [];
  desk.joining = {
    maxPage: rng.int(1, 4),
    meanwhile: async () => {
      if (busy) return;
      busy = true;
      try {
        meanwhile.push(await randomStep(rng, desk, desks, server, true));
      } finally {
        busy = false;
      }
    },
  };
  try {
    const r = await syncOnce(desk.db, desk.transport(), { now: () => desk.now() });
    return `first sync pulled ${r.pulled} (meanwhile: ${meanwhile.join('; ') || 'nothing'})`;
  } catch (err) {
    if (err instanceof SyncRequestError) return `first sync failed: ${err.code ?? err.kind} (meanwhile: ${meanwhile.join('; ') || 'nothing'})`;
    throw err;
  } finally {
    desk.joining = undefined;
  }
}

/** One random thing at a desk; `localOnly`: only what staff do at the desk (no sync, network or server events). */
async function randomStep(rng: Rng, desk: SimDesk, desks: readonly SimDesk[], server: SimServer, localOnly = false): Promise<string> {
  const ctx = desk.context(desk.role === 'manager' ? 'Mo (manager)' : `Staff ${desks.indexOf(desk)}`);
  const patrons = (await desk.db.patrons.toArray()) as Patron[];
  const somePatron = () => (patrons.length > 0 ? rng.pick(patrons) : undefined);
  const roll = rng.next();
  try {
    if (!localOnly && (await joinsLate(desk, desks, patrons))) {
      if (!desks.some((d) => d.acknowledged.length > 5)) return 'not joined yet';
      return await firstSync(rng, desk, desks, server);
    }
    if (roll < 0.12 || patrons.length === 0) {
      const p = await createPatron(desk.db, ctx, { ...EMPTY_PATRON_DETAILS, firstName: rng.pick(['Ada', 'José', 'Søren', 'Yvonne', 'Chidi']), lastName: rng.pick(['Ng', 'Núñez', 'Müller', 'Okafor']) });
      return `create patron ${p.id.slice(-6)}`;
    }
    const p = somePatron()!;
    if (roll < 0.2) {
      const { title, firstName, cardNumber, phones, emails, address, pronouns, language, howWeMet } = p;
      await updatePatronDetails(desk.db, ctx, p.id, { title, firstName, cardNumber, phones, emails, address, pronouns, language, howWeMet, lastName: `${p.lastName.split(' ')[0]} ${rng.int(1, 99)}` });
      return `edit patron ${p.id.slice(-6)}`;
    }
    if (roll < 0.25) {
      await addFlag(desk.db, ctx, p.id, { kind: rng.pick(FLAG_KINDS.filter((k) => k !== 'do-not-contact' && k !== 'never-email')), reason: 'Asked for it', source: 'patron' });
      return `flag ${p.id.slice(-6)}`;
    }
    if (roll < 0.3) {
      const tag = rng.pick(['jazz', 'chess', 'maps', 'zines']);
      if (p.interests.includes(tag)) await removeInterest(desk.db, ctx, p.id, tag);
      else await addInterest(desk.db, ctx, p.id, tag);
      return `interest ${tag} ${p.id.slice(-6)}`;
    }
    if (roll < 0.45) {
      const n = await addNote(desk.db, ctx, p.id, { body: `Note ${rng.int(1, 1e6)}` });
      return `note ${n.id.slice(-6)} on ${p.id.slice(-6)}`;
    }
    if (roll < 0.55) {
      const notes = await desk.db.notes.toArray();
      if (notes.length === 0) return 'no note to change';
      const n = rng.pick(notes);
      const what = rng.int(0, 2);
      if (what === 0) await editNote(desk.db, ctx, n.id, { body: `Edited ${rng.int(1, 1e6)}`, kind: n.kind });
      else if (what === 1 && !n.deleted) await deleteNote(desk.db, ctx, n.id);
      else if (n.deleted) await restoreNote(desk.db, n.id);
      return `note change ${what} ${n.id.slice(-6)}`;
    }
    if (roll < 0.6) {
      await addRequest(desk.db, ctx, p.id, { resource: `Book ${rng.int(1, 50)}`, requestedOn: '2026-11-01' });
      return `request on ${p.id.slice(-6)}`;
    }
    if (roll < 0.66) {
      const f = await createFollowUp(desk.db, ctx, { patronId: p.id, reason: 'Book due', dueAt: desk.now() + rng.int(1, 5) * DAY, channel: 'phone', assignee: { kind: 'queue' } });
      return `follow-up ${f.id.slice(-6)}`;
    }
    if (roll < 0.74) {
      const open = await desk.db.followUps.toArray();
      if (open.length === 0) return 'no follow-up';
      const f = rng.pick(open);
      const body = rng.pick([
        { type: 'claimed' as const },
        { type: 'snoozed' as const, until: desk.now() + DAY },
        { type: 'done' as const, outcome: 'reached' as const, comment: '' },
        { type: 'attempted' as const, outcome: 'no-answer' as const, comment: '' },
        { type: 'reopened' as const },
      ]);
      await recordFollowUpEvent(desk.db, ctx, f.id, body);
      return `event ${body.type} ${f.id.slice(-6)}`;
    }
    if (roll < 0.8 && desk.role === 'manager') {
      await erasePatron(desk.db, p.id);
      return `erase ${p.id.slice(-6)}`;
    }
    if (localOnly && roll >= 0.8) return 'nothing';
    if (roll < 0.9) {
      try {
        const r = await syncOnce(desk.db, desk.transport(), { now: () => desk.now() });
        return `sync pushed ${r.pushed} rejected ${r.rejected} pulled ${r.pulled}`;
      } catch (err) {
        if (err instanceof SyncRequestError) return `sync failed: ${err.code ?? err.kind}`;
        throw err;
      }
    }
    if (roll < 0.95) {
      desk.partitioned = !desk.partitioned;
      desk.dropAnswers = rng.chance(0.5) ? 0.3 : 0;
      desk.duplicateRequests = rng.chance(0.5) ? 0.3 : 0;
      desk.delayPushes = rng.chance(0.5) ? 0.3 : 0;
      return `partitioned=${desk.partitioned} dropAnswers=${desk.dropAnswers} duplicateRequests=${desk.duplicateRequests} delayPushes=${desk.delayPushes}`;
    }
    await server.restart();
    return 'server restarted';
  } catch (err) {
    // A refusal by the desk's own validation (e.g. a follow-up event its state forbids) is a
    // normal outcome of random operations, not a sync failure.
    if (err instanceof Error && 'code' in err && typeof (err as { code: unknown }).code === 'string' && err.name === 'DeskError') return `refused: ${err.message}`;
    throw err;
  }
}

export interface ServerRecord {
  entity: EntityName;
  id: string;
  fields: FieldMap;
  clocks: ClockMap;
  erased: boolean;
  patronId: string;
}

/** The server's records of one branch, keyed "entity:id" (also used by the crash-safety test). */
export async function readServer(db: Database, branchId: string): Promise<Map<string, ServerRecord>> {
  const rows = await db.query<{ entity: EntityName; id: string; fields: FieldMap; clocks: ClockMap; erased: boolean; patron_id: string }>(
    'SELECT entity, id, fields, clocks, erased, patron_id FROM sync_records WHERE branch_id = $1',
    [branchId],
  );
  return new Map(rows.rows.map((r) => [`${r.entity}:${r.id}`, { entity: r.entity, id: r.id, fields: r.fields, clocks: r.clocks, erased: r.erased, patronId: r.patron_id }]));
}

/** Throws unless the desk has nothing unsent or refused and holds exactly the server's records. */
export async function assertDeskEqualsServer(desk: Pick<SimDesk, 'name' | 'db'>, server: Map<string, ServerRecord>): Promise<void> {
  const pending = await desk.db.outbox.count();
  if (pending > 0) throw new Error(`${desk.name} still has ${pending} unsent changes after healing`);
  const rejected = await desk.db.syncRejected.toArray();
  if (rejected.length > 0) throw new Error(`${desk.name} has refused changes: ${rejected.map((r) => `${r.code} ${r.reason}`).join('; ')}`);
  const local = new Map<string, FieldMap>();
  for (const entity of ENTITY_NAMES) {
    const codec = codecOf(entity);
    const rows = (await desk.db.table(codec.table).toArray()) as Array<Record<string, unknown> & { _extra?: FieldMap }>;
    for (const row of rows) local.set(`${entity}:${String(row.id)}`, { ...(row._extra ?? {}), ...codec.toFields(row as never) });
  }
  for (const [key, record] of server) {
    if (record.erased) {
      if (local.has(key)) throw new Error(`${desk.name} still holds erased patron ${key}`);
      continue;
    }
    const mine = local.get(key);
    if (!mine) throw new Error(`${desk.name} is missing ${key}`);
    const a = JSON.stringify(sortKeys(withoutRemovedMembers(mine)));
    const b = JSON.stringify(sortKeys(withoutRemovedMembers(record.fields)));
    if (a !== b) throw new Error(`${desk.name} differs from the server on ${key}:\n      desk   ${a}\n      server ${b}`);
    local.delete(key);
  }
  if (local.size > 0) throw new Error(`${desk.name} holds records the server does not: ${[...local.keys()].slice(0, 5).join(', ')}`);
}

function assertNothingAcknowledgedLost(desks: readonly SimDesk[], server: Map<string, ServerRecord>): void {
  const erasedPatrons = new Set([...server.values()].filter((r) => r.erased).map((r) => r.id));
  // A change to an existing record does not repeat its patron; the record's creation does.
  const patronOf = new Map<string, string>();
  for (const d of desks) {
    for (const m of d.acknowledged) {
      if (m.kind !== 'edit') continue;
      if (m.entity === 'patron') patronOf.set(`patron:${m.recordId}`, m.recordId);
      else if (typeof m.fields.patronId === 'string') patronOf.set(`${m.entity}:${m.recordId}`, m.fields.patronId);
    }
  }
  for (const d of desks) {
    for (const m of d.acknowledged) {
      if (m.kind === 'erase') {
        if (!erasedPatrons.has(m.recordId)) throw new Error(`acknowledged erasure of ${m.recordId} is not on the server`);
        continue;
      }
      const key = `${m.entity}:${m.recordId}`;
      const patronId = patronOf.get(key);
      if (patronId !== undefined && erasedPatrons.has(patronId)) continue; // erased with its patron: gone on purpose
      const record = server.get(key);
      if (!record) throw new Error(`acknowledged ${key} is missing on the server`);
      const codec = codecOf(m.entity);
      for (const [field, value] of Object.entries(m.fields)) {
        if (codec.policyOf(field) === 'max') {
          if (typeof value === 'number' && !((record.fields[field] as number) >= value)) throw new Error(`acknowledged ${key}.${field} = ${value} was lost: server has ${String(record.fields[field])}`);
          continue;
        }
        const clock = record.clocks[field];
        if (clock === undefined || clock < m.hlc) throw new Error(`acknowledged edit of ${key}.${field} (${m.hlc}) was lost: server has ${clock}`);
      }
    }
  }
}

/** A list member set to null ("interest:jazz": null) is a removed member: the same as no field. */
function withoutRemovedMembers(fields: FieldMap): FieldMap {
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => !(k.includes(':') && v === null)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}
