import { v7 as uuidv7 } from 'uuid';
import type { Stamp } from '../../shared/domain/stamp';
import type { EntityName } from '../../shared/sync/entities';
import type { FieldMap } from '../../shared/sync/fields';
import { HlcClock } from '../../shared/sync/hlc';
import type { EditMutation, PulledRecord } from '../../shared/sync/protocol';
import { STAFF } from '../generator/names';
import type { Rng } from '../generator/prng';
import { newEvent, newFollowUp, newNote, newPatron, patronEdit, type FollowUpRef } from './ingestRecords';

/**
 * What one simulated desk writes between two syncs, as its outbox would push it.
 *
 * A desk syncs shortly after each local write (debounced), so most pushes carry one write
 * or a few: a note (the note and the patron's last contact: 2 changes), an edit of a
 * patron's details (1), a new patron (1), a follow-up (1), a follow-up event (1, or 2 when
 * it was a contact). Now and then a push is large: a campaign of 100–300 follow-ups made in
 * one write, or the backlog of a desk that was offline (150–400 changes). The shares are in
 * WRITE_SHARES and BATCH_SHAPES; the bench prints the mix it actually sent.
 */
export interface BatchMix {
  /** Share of pushes that are large (a campaign or an offline backlog). */
  largeShare: number;
  /** A small push stops growing at this many changes. */
  maxSmall: number;
}

export const DEFAULT_MIX: BatchMix = { largeShare: 0.01, maxSmall: 20 };

/** Writes per small push: [share, fewest, most]. */
const BATCH_SHAPES: ReadonlyArray<[number, number, number]> = [[0.55, 1, 1], [0.3, 2, 5], [0.15, 6, 12]];
/** Kinds of local write, by share. */
const WRITE_SHARES = { note: 0.35, patronEdit: 0.2, newPatron: 0.1, newFollowUp: 0.15, event: 0.2 } as const;
type WriteKind = keyof typeof WRITE_SHARES;

/** How many patrons and open follow-ups a desk keeps at hand to write about. */
const KNOWN_PATRONS = 2000;
const KNOWN_FOLLOW_UPS = 500;

export class DeskWorkload {
  private readonly clock: HlcClock;
  private readonly patrons: string[] = [];
  private readonly patronSet = new Set<string>();
  private readonly openFollowUps: FollowUpRef[] = [];
  private serial = 0;
  /** Records this desk created, by entity: the server must end with exactly these (plus the other desks'). */
  readonly created: Record<EntityName, number> = { patron: 0, note: 0, request: 0, followUp: 0, followUpEvent: 0 };
  readonly writes: Record<WriteKind | 'campaign' | 'backlog', number> = { note: 0, patronEdit: 0, newPatron: 0, newFollowUp: 0, event: 0, campaign: 0, backlog: 0 };

  constructor(
    readonly deskId: string,
    private readonly deskName: string,
    readonly branchId: string,
    private readonly serialBase: number,
    private readonly rng: Rng,
    private readonly mix: BatchMix,
  ) {
    this.clock = new HlcClock(deskId, Date.now);
  }

  /** The next push: the changes made since the last one. */
  nextBatch(): EditMutation[] {
    const out: EditMutation[] = [];
    if (this.rng.chance(this.mix.largeShare)) {
      if (this.rng.chance(0.5) && this.patrons.length > 0) {
        this.campaign(out, this.rng.int(100, 300));
        this.writes.campaign += 1;
      } else {
        const target = this.rng.int(150, 400);
        while (out.length < target) this.write(out);
        this.writes.backlog += 1;
      }
      return out;
    }
    const writes = this.writesInSmallPush();
    for (let i = 0; i < writes && out.length < this.mix.maxSmall - 1; i += 1) this.write(out);
    return out;
  }

  /** Takes in patrons and follow-ups other desks of the branch made, to write about them too. */
  learn(records: readonly PulledRecord[]): void {
    for (const r of records) {
      if (r.erased) continue;
      if (r.entity === 'patron') this.knowPatron(r.id);
      else if (r.entity === 'followUp' && (r.fields.created as Stamp | undefined)?.deskId !== this.deskId) this.knowFollowUp({ id: r.id, patronId: r.patronId });
    }
  }

  /** Patrons the server already held before the desks started (the branch's existing patrons). */
  knowPatron(id: string): void {
    if (this.patronSet.has(id)) return;
    if (this.patrons.length >= KNOWN_PATRONS) {
      const slot = this.rng.int(0, KNOWN_PATRONS - 1);
      this.patronSet.delete(this.patrons[slot]!);
      this.patrons[slot] = id;
    } else {
      this.patrons.push(id);
    }
    this.patronSet.add(id);
  }

  private knowFollowUp(ref: FollowUpRef): void {
    if (this.openFollowUps.length >= KNOWN_FOLLOW_UPS) this.openFollowUps[this.rng.int(0, KNOWN_FOLLOW_UPS - 1)] = ref;
    else this.openFollowUps.push(ref);
  }

  private writesInSmallPush(): number {
    let x = this.rng.next() * BATCH_SHAPES.reduce((s, [share]) => s + share, 0);
    for (const [share, fewest, most] of BATCH_SHAPES) {
      x -= share;
      if (x < 0) return this.rng.int(fewest, most);
    }
    return 1;
  }

  private kindOfWrite(): WriteKind {
    let x = this.rng.next();
    for (const [kind, share] of Object.entries(WRITE_SHARES) as Array<[WriteKind, number]>) {
      x -= share;
      if (x < 0) return kind;
    }
    return 'note';
  }

  private stamp(): Stamp {
    return { staff: this.rng.pick(STAFF), deskId: this.deskId, deskName: this.deskName, at: Date.now() };
  }

  private push(out: EditMutation[], entity: EntityName, recordId: string, fields: FieldMap): void {
    out.push({ id: uuidv7(), kind: 'edit', entity, recordId, branchId: this.branchId, hlc: this.clock.tick(), fields });
  }

  /** One local write: its changes, in the order the outbox would queue them. */
  private write(out: EditMutation[]): void {
    let kind = this.patrons.length === 0 ? 'newPatron' : this.kindOfWrite();
    if (kind === 'event' && this.openFollowUps.length === 0) kind = 'newFollowUp';
    const stamp = this.stamp();
    const patronId = () => this.rng.pick(this.patrons);
    this.writes[kind] += 1;
    if (kind === 'newPatron') {
      const patron = newPatron(this.serialBase + this.serial++, this.branchId, stamp);
      this.push(out, 'patron', patron.id, patron.fields);
      this.created.patron += 1;
      this.knowPatron(patron.id);
    } else if (kind === 'note') {
      const pid = patronId();
      const { note, lastContact } = newNote(this.rng, pid, this.branchId, stamp);
      this.push(out, 'note', note.id, note.fields);
      this.push(out, 'patron', pid, lastContact);
      this.created.note += 1;
    } else if (kind === 'patronEdit') {
      this.push(out, 'patron', patronId(), patronEdit(this.rng, stamp));
    } else if (kind === 'newFollowUp') {
      const pid = patronId();
      const followUp = newFollowUp(this.rng, pid, this.branchId, stamp);
      this.push(out, 'followUp', followUp.id, followUp.fields);
      this.created.followUp += 1;
      this.knowFollowUp({ id: followUp.id, patronId: pid });
    } else {
      const at = this.rng.int(0, this.openFollowUps.length - 1);
      const ref = this.openFollowUps[at]!;
      const { event, closes, contact } = newEvent(this.rng, ref, this.branchId, stamp);
      this.push(out, 'followUpEvent', event.id, event.fields);
      if (contact) this.push(out, 'patron', ref.patronId, { lastContactAt: stamp.at });
      this.created.followUpEvent += 1;
      if (closes) this.openFollowUps.splice(at, 1);
    }
  }

  /** A campaign: one write that makes a follow-up for each of many patrons. */
  private campaign(out: EditMutation[], size: number): void {
    const stamp = this.stamp();
    const campaign = { id: uuidv7(), name: `We miss you ${stamp.at}` };
    for (let i = 0; i < size; i += 1) {
      const pid = this.rng.pick(this.patrons);
      const followUp = newFollowUp(this.rng, pid, this.branchId, stamp, campaign);
      this.push(out, 'followUp', followUp.id, followUp.fields);
      this.created.followUp += 1;
    }
  }
}
