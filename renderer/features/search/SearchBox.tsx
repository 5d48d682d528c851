import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { normaliseCardNumber } from '@shared/domain/patron';
import { FLAG_LABELS, isFlagActive } from '@shared/domain/flags';
import { looksLikeCardScan } from '@shared/search/searchKeys';
import { useDesk } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { findPatronByCard } from '../../db/patronsRepo';
import type { SearchHit } from '../../db/searchHit';
import { usePatronSearch } from './usePatronSearch';

/** Puts the cursor in the search box from anywhere (Ctrl+K / ⌘K). */
export function useSearchShortcut(inputRef: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [inputRef]);
}

/**
 * One box for name, card number, phone and email. Arrow keys move through the results,
 * Enter opens one. A card scan (a run of digits then Enter, as scanners type it) opens
 * the card's holder directly without waiting for the type-ahead. Enter typed faster than
 * the search answers ("yates⏎") waits for the answer to what was typed (the results on
 * screen may still be an earlier prefix's) and opens its top result, or the patron
 * highlighted with the arrow keys if the answer has them. Typing, the arrow keys, Escape or
 * leaving the box forgets that Enter: nothing opens behind the back of someone who moved on.
 */
export function SearchBox() {
  const { db, now } = useDesk();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState('');
  /** An Enter pressed before the results for its query came (see onEnter), and the patron then highlighted, if one was. */
  const [enterPending, setEnterPending] = useState<{ query: string; highlighted?: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const { results, settled, answers } = usePatronSearch(query);
  const open = query.trim() !== '';
  useSearchShortcut(inputRef);

  function forgetEnter() {
    if (enterPending === null) return;
    setEnterPending(null);
    setMessage('');
  }

  function openPatron(p: { id: string }) {
    setQuery('');
    setMessage('');
    setEnterPending(null);
    navigate({ name: 'patron', id: p.id });
  }

  async function onEnter() {
    const raw = query.trim();
    if (raw === '') return;
    // Cards are often printed in groups ("AB 123"); the stored number has no spaces.
    if (looksLikeCardScan(normaliseCardNumber(raw))) {
      const holder = await findPatronByCard(db, raw);
      if (holder) return openPatron(holder);
      // Typed on (or Escape) during the lookup: this Enter was for text no longer in the box.
      if (inputRef.current && inputRef.current.value !== query) return;
    }
    if (!settled) {
      const highlighted = active > 0 ? results[active]?.id : undefined;
      setEnterPending(highlighted ? { query, highlighted } : { query });
      setMessage('Still searching…');
      return;
    }
    const chosen = results[active];
    if (chosen) return openPatron(chosen);
    setMessage(`No patron matches “${raw}”`);
  }

  // The answer to an Enter that came first: the query is unchanged since (typing forgets it).
  useEffect(() => {
    if (enterPending === null || !settled || enterPending.query !== query) return;
    setEnterPending(null);
    const chosen = results.find((p) => p.id === enterPending.highlighted) ?? results[0];
    if (chosen) openPatron(chosen);
    else setMessage(`No patron matches “${query.trim()}”`);
  }, [enterPending, settled, query, results]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') forgetEnter();
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') void onEnter();
    else if (e.key === 'Escape') {
      forgetEnter();
      setQuery('');
    }
    else return;
    e.preventDefault();
  }

  const activeId = open && results[active] ? `${listId}-${active}` : undefined;
  return (
    <div className="search" role="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">Find a patron</label>
      <input
        id={`${listId}-input`}
        ref={inputRef}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-keyshortcuts="Control+K"
        placeholder="Find a patron: name, card, phone or email (Ctrl+K)"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setMessage('');
          setEnterPending(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={forgetEnter}
      />
      {open && (
        // data-answers: the text these results answer (the type-ahead bench waits for it to match the box).
        <ul id={listId} role="listbox" aria-label="Matching patrons" className="search__results" data-answers={answers}>
          {results.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => openPatron(p)}
            >
              <SearchResult hit={p} now={now()} />
            </li>
          ))}
          {settled && results.length === 0 && <li role="presentation" className="search__empty">No matches</li>}
        </ul>
      )}
      <p role="status" className="search__status">{message}</p>
    </div>
  );
}

function SearchResult({ hit, now }: { hit: SearchHit; now: number }) {
  const flags = hit.flags.filter((f) => isFlagActive(f, now));
  return (
    <>
      <span className="search__name">{hit.name}</span>
      {hit.cardNumber && <span className="search__card">Card {hit.cardNumber}</span>}
      {hit.contact && <span className="search__contact">{hit.contact}</span>}
      {flags.map((f) => (
        <span key={f.id} className={`flag-chip flag-chip--${f.kind}`}>{FLAG_LABELS[f.kind]}</span>
      ))}
    </>
  );
}
