import { useState } from 'react';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { describeBestTime } from '@shared/domain/contactPreferences';
import { FLAG_LABELS, partitionFlags, type Flag } from '@shared/domain/flags';
import type { Patron } from '@shared/domain/patron';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { formatDay, formatStamp } from '../../app/ui/format';
import { clearFlag } from '../../db/patronsRepo';
import { FlagForm } from './FlagForm';
import { PreferencesEditor } from './PreferencesEditor';

/** "How to contact": the first thing on a patron's page, so nobody emails someone who never reads it. */
export function ContactPanel({ patron }: { patron: Patron }) {
  const { db, now, store } = useDesk();
  const ctx = useWriteContext();
  const [editing, setEditing] = useState<'none' | 'preferences' | 'flag'>('none');
  const { active, history } = partitionFlags(patron.flags, now());
  const { channels, bestTimes, note } = patron.contact;
  // Said next to the address itself, so nobody copies an email the patron never reads.
  const emailWarning = active.find((f) => f.kind === 'never-email' || f.kind === 'do-not-contact' || f.kind === 'phone-only');
  const phoneWarning = active.find((f) => f.kind === 'do-not-contact');

  async function clear(flag: Flag) {
    await clearFlag(db, ctx, patron.id, flag.id);
    store.getState().showToast(`Cleared “${FLAG_LABELS[flag.kind]}”`);
  }

  return (
    <section className="panel contact-panel" aria-labelledby="contact-title">
      <h2 id="contact-title">How to contact</h2>
      {active.length > 0 && (
        <ul className="flags" aria-label="Active flags">
          {active.map((flag) => (
            <li key={flag.id} className={`flag flag--${flag.kind}`}>
              <strong>{FLAG_LABELS[flag.kind]}</strong>
              {flag.reason && <> — {flag.reason}</>}
              <span className="meta">
                Set by {formatStamp(flag.set)}
                {flag.source && `; source: ${flag.source}`}
                {flag.expiresOn && `; until ${formatDay(flag.expiresOn)}`}
              </span>
              <button type="button" onClick={() => void clear(flag)} aria-label={`Clear flag ${FLAG_LABELS[flag.kind]}`}>Clear</button>
            </li>
          ))}
        </ul>
      )}
      <div className="contact-grid">
        <div>
          <h3>Preferred channels</h3>
          {channels.length > 0 ? (
            <ol aria-label="Preferred channels">
              {channels.map((c) => <li key={c}>{CHANNEL_LABELS[c]}</li>)}
            </ol>
          ) : (
            <p className="muted">No preference recorded</p>
          )}
        </div>
        <div>
          <h3>Best times to call</h3>
          {bestTimes.length > 0 ? (
            <ul aria-label="Best times to call">
              {bestTimes.map((t, i) => <li key={i}>{describeBestTime(t)}</li>)}
            </ul>
          ) : (
            <p className="muted">Any time</p>
          )}
          {note && <p>{note}</p>}
        </div>
        <div>
          <h3>Reach them at</h3>
          <ul aria-label="Phone numbers and emails">
            {patron.phones.map((p, i) => (
              <li key={`p${i}`}>
                {p.label}: <a href={`tel:${p.number}`}>{p.number}</a>
                {phoneWarning && <strong className="warn"> — {FLAG_LABELS[phoneWarning.kind]}</strong>}
              </li>
            ))}
            {patron.emails.map((e, i) => (
              <li key={`e${i}`}>
                {e.label}: {emailWarning ? <del>{e.address}</del> : <a href={`mailto:${e.address}`}>{e.address}</a>}
                {emailWarning && <strong className="warn"> — {FLAG_LABELS[emailWarning.kind]}</strong>}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="actions">
        <button type="button" onClick={() => setEditing(editing === 'preferences' ? 'none' : 'preferences')} aria-expanded={editing === 'preferences'}>
          Edit preferences
        </button>
        <button type="button" onClick={() => setEditing(editing === 'flag' ? 'none' : 'flag')} aria-expanded={editing === 'flag'}>
          Add flag
        </button>
      </div>
      {editing === 'preferences' && <PreferencesEditor patron={patron} onDone={() => setEditing('none')} />}
      {editing === 'flag' && <FlagForm patronId={patron.id} onDone={() => setEditing('none')} />}
      {history.length > 0 && (
        <details className="flag-history">
          <summary>Flag history ({history.length})</summary>
          <ul aria-label="Flag history">
            {history.map((flag) => (
              <li key={flag.id}>
                {FLAG_LABELS[flag.kind]}{flag.reason && ` — ${flag.reason}`}. Set by {formatStamp(flag.set)}.{' '}
                {flag.cleared ? `Cleared by ${formatStamp(flag.cleared)}.` : `Expired after ${formatDay(flag.expiresOn ?? '')}.`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
