import type { Note } from '@shared/domain/note';
import type { FollowUpLogEntry } from '../../db/followUpsRepo';
import { FollowUpTimelineItem } from '../followups/FollowUpTimelineItem';
import { NoteItem } from './NoteItem';
import { timelineEntries } from './timelineEntries';

/**
 * The patron's history, newest first: notes, and every follow-up log entry (created,
 * attempted with its outcome, done, snoozed, cancelled…), each with who, desk and time.
 */
export function Timeline({ notes, followUpLog }: { notes: Note[]; followUpLog: FollowUpLogEntry[] }) {
  const entries = timelineEntries(notes, followUpLog);
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">No notes or follow-ups yet.</p>
      ) : (
        <ol className="timeline" aria-label="Notes and follow-ups, newest first">
          {entries.map((e) => (e.kind === 'note' ? <NoteItem key={e.id} note={e.note} /> : <FollowUpTimelineItem key={e.id} entry={e.entry} />))}
        </ol>
      )}
    </section>
  );
}
