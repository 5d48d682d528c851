import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { arrangeNotes } from '@shared/domain/note';
import { displayName, type Patron } from '@shared/domain/patron';
import { currentStage, stageLabel } from '@shared/domain/stages';
import { useDesk, useDeskState } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { formatStamp } from '../../app/ui/format';
import { markPatronOpened, readLadder } from '../../db/deskMeta';
import { followUpLogOfPatron } from '../../db/followUpsRepo';
import { notesOfPatron } from '../../db/notesRepo';
import { ContactPanel } from '../contact/ContactPanel';
import { PatronFollowUps } from '../followups/PatronFollowUps';
import { AlertBanner } from '../notes/AlertBanner';
import { NoteComposer } from '../notes/NoteComposer';
import { Timeline } from '../notes/Timeline';
import { InterestsPanel } from '../requests/InterestsPanel';
import { RequestsPanel } from '../requests/RequestsPanel';
import { StagePanel } from '../stages/StagePanel';
import { ErasePatron } from './ErasePatron';

/** A patron's page: alerts first, then how to reach them, the note box, open follow-ups, and the timeline of notes and follow-ups. */
export function PatronPage({ id }: { id: string }) {
  const { db, now } = useDesk();
  const patron = useLiveQuery(() => db.patrons.get(id), [db, id], null);
  const notes = useLiveQuery(() => notesOfPatron(db, id), [db, id]) ?? [];
  const followUpLog = useLiveQuery(() => followUpLogOfPatron(db, id), [db, id]) ?? [];

  useEffect(() => {
    if (patron) void markPatronOpened(db, id);
  }, [db, id, patron]);

  if (patron === null) return <p role="status">Loading…</p>;
  if (patron === undefined) return <p role="alert">This patron is not on this desk. <a href={hrefOf({ name: 'home' })}>Back to start</a></p>;

  const { alerts, timeline } = arrangeNotes(notes, now());
  return (
    <article className="patron-page" aria-labelledby="patron-name">
      <PatronHeader patron={patron} />
      <AlertBanner alerts={alerts} />
      <ContactPanel patron={patron} />
      <NoteComposer patronId={patron.id} />
      <PatronFollowUps patron={patron} />
      <div className="columns">
        <Timeline notes={timeline} followUpLog={followUpLog} />
        <aside className="side">
          <StagePanel patron={patron} />
          <RequestsPanel patronId={patron.id} />
          <InterestsPanel patron={patron} />
          <DetailsPanel patron={patron} />
        </aside>
      </div>
    </article>
  );
}

function PatronHeader({ patron }: { patron: Patron }) {
  const { db } = useDesk();
  const ladder = useLiveQuery(() => readLadder(db), [db]) ?? [];
  const stage = currentStage(patron.stageHistory);
  const loggedIn = useDeskState((st) => st.account !== null);
  const facts = [
    patron.cardNumber && `Card ${patron.cardNumber}`,
    patron.pronouns,
    patron.language && `Speaks ${patron.language}`,
    stage && stageLabel(stage, ladder),
  ].filter(Boolean);
  return (
    <header className="patron-header">
      <h1 id="patron-name">{displayName(patron)}</h1>
      <p className="facts">{facts.join(' · ')}</p>
      <a className="button" href={hrefOf({ name: 'edit-patron', id: patron.id })}>Edit details</a>
      {loggedIn && <a className="button" href={hrefOf({ name: 'log', patronId: patron.id })}>Follow-up log</a>}
      <ErasePatron patron={patron} />
    </header>
  );
}

function DetailsPanel({ patron }: { patron: Patron }) {
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl>
        {patron.address && <><dt>Address</dt><dd className="pre">{patron.address}</dd></>}
        {patron.howWeMet && <><dt>How we met</dt><dd className="pre">{patron.howWeMet}</dd></>}
        <dt>Created</dt><dd>{formatStamp(patron.created)}</dd>
        <dt>Last changed</dt><dd>{formatStamp(patron.updated)}</dd>
      </dl>
    </section>
  );
}
