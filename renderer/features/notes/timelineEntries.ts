import type { Note } from '@shared/domain/note';
import type { FollowUpLogEntry } from '../../db/followUpsRepo';

/** One line of a patron's timeline: a note, or something that happened to one of their follow-ups. */
export type TimelineEntry =
  | { kind: 'note'; at: number; id: string; note: Note }
  | { kind: 'follow-up'; at: number; id: string; entry: FollowUpLogEntry };

/**
 * Notes and follow-up log entries in one list, newest first. Ties (the same millisecond)
 * break on the id: notes and events both have time-ordered UUIDv7 ids, so the later one
 * still comes first.
 */
export function timelineEntries(notes: readonly Note[], log: readonly FollowUpLogEntry[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...notes.map((note) => ({ kind: 'note' as const, at: note.created.at, id: note.id, note })),
    ...log.map((entry) => ({ kind: 'follow-up' as const, at: entry.event.stamp.at, id: entry.event.id, entry })),
  ];
  return entries.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
