import { useLiveQuery } from 'dexie-react-hooks';
import { detailsOf, EMPTY_PATRON_DETAILS } from '@shared/domain/patron';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { useSubmit } from '../../app/ui/fieldErrors';
import { createPatron, updatePatronDetails } from '../../db/patronsRepo';
import { PatronForm } from './PatronForm';

export function NewPatronPage() {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const { errors, formError, busy, submit } = useSubmit();
  return (
    <section aria-labelledby="new-patron-title" className="page">
      <h1 id="new-patron-title">New patron</h1>
      <PatronForm
        initial={EMPTY_PATRON_DETAILS}
        errors={errors}
        formError={formError}
        busy={busy}
        submitLabel="Create patron"
        onCancel={() => history.back()}
        onSubmit={(draft) =>
          void submit(async () => {
            const patron = await createPatron(db, ctx, draft);
            navigate({ name: 'patron', id: patron.id });
          })
        }
      />
    </section>
  );
}

export function EditPatronPage({ id }: { id: string }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const patron = useLiveQuery(() => db.patrons.get(id), [db, id], null);
  const { errors, formError, busy, submit } = useSubmit();
  if (patron === null) return <p role="status">Loading…</p>;
  if (patron === undefined) return <p role="alert">This patron is not on this desk.</p>;
  return (
    <section aria-labelledby="edit-patron-title" className="page">
      <h1 id="edit-patron-title">Edit details</h1>
      <PatronForm
        // Keyed by id so a different patron starts a fresh draft, but a save elsewhere never resets typing.
        key={patron.id}
        initial={detailsOf(patron)}
        errors={errors}
        formError={formError}
        busy={busy}
        submitLabel="Save changes"
        onCancel={() => navigate({ name: 'patron', id })}
        onSubmit={(draft) =>
          void submit(async () => {
            await updatePatronDetails(db, ctx, id, draft);
            navigate({ name: 'patron', id });
          })
        }
      />
    </section>
  );
}
