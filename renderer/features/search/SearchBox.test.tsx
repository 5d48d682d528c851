import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import type { DeskServices } from '../../app/deskContext';
import type * as PatronSearchModule from '../../db/patronSearch';
import { addFlag } from '../../db/patronsRepo';
import { arrangePatron, deskServices, renderWithDesk, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { SearchBox } from './SearchBox';
import { searchIndexOf } from './searchAnswersFor';

// The type-ahead can be held back, so a test can act before any result exists, then let it answer.
const search = vi.hoisted(() => ({ held: false, waiting: [] as Array<() => void> }));
vi.mock('../../db/patronSearch', async (importOriginal) => {
  const real = await importOriginal<typeof PatronSearchModule>();
  return {
    searchPatrons: (...args: Parameters<typeof real.searchPatrons>) =>
      search.held
        ? new Promise<Awaited<ReturnType<typeof real.searchPatrons>>>((resolve, reject) => search.waiting.push(() => real.searchPatrons(...args).then(resolve, reject)))
        : real.searchPatrons(...args),
  };
});
/** Lets every held search answer. */
function releaseSearches(): void {
  search.held = false;
  for (const answer of search.waiting.splice(0)) answer();
}

let services: DeskServices;
let joan: Patron;
let john: Patron;

beforeEach(async () => {
  search.held = false;
  search.waiting = [];
  services = await deskServices();
  joan = await arrangePatron(services, { firstName: 'Joan', lastName: 'Smith', cardNumber: 'AB123', phones: [{ label: 'mobile', number: '07700 900123' }] });
  john = await arrangePatron(services, { firstName: 'John', lastName: 'Smythe', emails: [{ label: 'personal', address: 'john@example.org' }] });
  await arrangePatron(services, { firstName: 'Bea', lastName: 'Jones', cardNumber: 'AB1234' });
  // Matches "jo s" but not "jo sm": two options on screen then come only from the finished query.
  await arrangePatron(services, { firstName: 'Jo', lastName: 'Spencer' });
});

function renderSearch() {
  renderWithDesk(<SearchBox />, services);
  return screen.getByRole('combobox', { name: 'Find a patron' });
}

const options = () => within(screen.getByRole('listbox', { name: 'Matching patrons' })).queryAllByRole('option');

describe('SearchBox', UI_TEST, () => {
  it('lists matching patrons as options while typing', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.type(box, 'jo sm');

    await waitFor(() => expect(options()).toHaveLength(2));
    expect(options()[0]).toHaveTextContent('Joan Smith');
    expect(options()[0]).toHaveTextContent('Card AB123');
    expect(options()[0]).toHaveTextContent('07700 900123');
    expect(options()[1]).toHaveTextContent('John Smythe');
    expect(options()[1]).toHaveTextContent('john@example.org');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('shows a text answered before (a backspace) in the same render as the keystroke, with no wait for the database', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'joh');
    const listbox = screen.getByRole('listbox', { name: 'Matching patrons' });
    await waitFor(() => expect(listbox).toHaveAttribute('data-answers', 'joh'));
    await user.type(box, 'n');
    await waitFor(() => expect(listbox).toHaveAttribute('data-answers', 'john'));
    search.held = true; // from here on the database never answers: only a kept answer can show
    await user.type(box, '{Backspace}');
    expect(listbox).toHaveAttribute('data-answers', 'joh');
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('John Smythe')]);
  });

  it('answers every keystroke in its own render once the in-memory index is loaded, with no wait for the database', async () => {
    const index = searchIndexOf(services.db);
    index.start();
    await index.whenFresh();
    search.held = true; // the database never answers: only the in-memory index can
    const user = userEvent.setup();
    const box = renderSearch();
    const shownAfter = async (key: string) => {
      await user.type(box, key);
      return options().map((o) => o.querySelector('.search__name')?.textContent);
    };
    // In index order: key "jo" before "joan", "john", "jones".
    expect(await shownAfter('j')).toEqual(['Jo Spencer', 'Joan Smith', 'John Smythe', 'Bea Jones']);
    expect(await shownAfter('o')).toEqual(['Jo Spencer', 'Joan Smith', 'John Smythe', 'Bea Jones']);
    expect(await shownAfter(' ')).toEqual(['Jo Spencer', 'Joan Smith', 'John Smythe', 'Bea Jones']);
    expect(await shownAfter('s')).toEqual(['Jo Spencer', 'Joan Smith', 'John Smythe']);
    expect(await shownAfter('m')).toEqual(['Joan Smith', 'John Smythe']);
    expect(screen.getByRole('listbox')).toHaveAttribute('data-answers', 'jo sm');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${joan.id}`));
  });

  it('with the in-memory index, a patron changed under the open list shows changed (a sync renamed them)', async () => {
    const index = searchIndexOf(services.db);
    index.start();
    await index.whenFresh();
    const user = userEvent.setup();
    await user.type(renderSearch(), 'smythe');
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('John Smythe')]);
    await services.db.patrons.put({ ...john, firstName: 'Jon' });
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('Jon Smythe')]));
    await index.whenFresh();
    await user.type(screen.getByRole('combobox'), '{Backspace}');
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('Jon Smythe')]);
  });

  it('searches again when patrons change under the open list (a sync brought a new one)', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'jo sm');
    await waitFor(() => expect(options()).toHaveLength(2));
    await arrangePatron(services, { firstName: 'Joss', lastName: 'Smale' });
    await waitFor(() => expect(options()).toHaveLength(3));
  });

  it('ArrowDown then Enter opens the second result', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'jo sm');
    await waitFor(() => expect(options()).toHaveLength(2));

    await user.keyboard('{ArrowDown}');
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', options()[1]?.id);
    await user.keyboard('{Enter}');

    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${john.id}`));
    expect(box).toHaveValue('');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('ArrowUp goes back and the selection stops at the ends', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'jo sm');
    await waitFor(() => expect(options()).toHaveLength(2));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{ArrowUp}{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${joan.id}`));
  });

  it('opens a card holder on Enter at once, before any result shows', async () => {
    search.held = true;
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'ab123');
    expect(options()).toHaveLength(0);
    await user.keyboard('{Enter}');

    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${joan.id}`));
    expect(box).toHaveValue('');
  });

  it('opens a card typed with spaces, as it is printed on the card', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'ab 123');
    expect(await screen.findByText('No matches')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${joan.id}`));
  });

  it('says it is still searching when Enter comes before the results, then opens the top result when they come', async () => {
    search.held = true;
    const user = userEvent.setup();
    await user.type(renderSearch(), 'smythe{Enter}');
    expect(await screen.findByText('Still searching…')).toBeInTheDocument();
    expect(window.location.hash).toBe('');
    releaseSearches();
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${john.id}`));
  });

  it('answers an early Enter from the finished query, not the earlier prefix still on screen, keeping a highlighted patron', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'jo s');
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('Jo Spencer'), expect.stringContaining('Joan Smith'), expect.stringContaining('John Smythe')]));
    // "jo sm" is slow; its Enter comes while "jo s"'s three are still shown.
    search.held = true;
    await user.type(box, 'm{Enter}');
    expect(await screen.findByText('Still searching…')).toBeInTheDocument();
    releaseSearches();
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${joan.id}`));
  });

  it('answers an early Enter with the patron highlighted before it, found in the answer by who it is, not where', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'jo s');
    await waitFor(() => expect(options()).toHaveLength(3));
    // John Smythe is third of "jo s"'s three, second of "jo sm"'s two.
    search.held = true;
    await user.type(box, 'm{ArrowDown}{ArrowDown}{Enter}');
    expect(await screen.findByText('Still searching…')).toBeInTheDocument();
    releaseSearches();
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${john.id}`));
  });

  it('forgets an early Enter when more is typed, an arrow key is pressed or the box is left, and says so when the answer is no one', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    // A query of its own each time: one already answered would be answered at once.
    for (const [query, moveOn] of [['smythe', 'x{Backspace}'], ['john', '{ArrowDown}'], ['joan', 'leave']] as const) {
      search.held = true;
      await user.clear(box);
      await user.type(box, `${query}{Enter}`);
      expect(await screen.findByText('Still searching…')).toBeInTheDocument();
      if (moveOn === 'leave') await user.click(document.body);
      else await user.type(box, moveOn);
      releaseSearches();
      await waitFor(() => expect(options()).toHaveLength(1));
      expect(screen.queryByText('Still searching…'), moveOn).not.toBeInTheDocument();
      expect(window.location.hash, moveOn).toBe('');
    }

    search.held = true;
    await user.clear(box);
    await user.type(box, 'smythexq{Enter}');
    releaseSearches();
    expect(await screen.findByText('No patron matches “smythexq”')).toBeInTheDocument();
    expect(window.location.hash).toBe('');
  });

  it('opens the type-ahead result for a card-like query that is no one\'s card', async () => {
    const zed = await arrangePatron(services, { firstName: 'Zed', lastName: 'Xu', phones: [{ label: 'mobile', number: '0161 496 0000' }] });
    const user = userEvent.setup();
    const box = renderSearch();
    await user.click(box);
    await user.paste('01614');
    await waitFor(() => expect(options()).toHaveLength(1));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${zed.id}`));
  });

  it('says "No patron matches" for an unknown query on Enter', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'zebedee');
    expect(await screen.findByText('No matches')).toBeInTheDocument();
    await user.keyboard('{Enter}');

    expect(await screen.findByText('No patron matches “zebedee”')).toBeInTheDocument();
    expect(window.location.hash).toBe('');
    await user.type(box, 'x');
    expect(screen.queryByText(/No patron matches/)).not.toBeInTheDocument();
  });

  it('opens a result on click and clears on Escape', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    await user.type(box, 'smythe');
    await waitFor(() => expect(options()).toHaveLength(1));
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();

    await user.type(box, 'john@ex');
    await waitFor(() => expect(options()).toHaveLength(1));
    await user.click(options()[0]!);
    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${john.id}`));
  });

  it('shows active flags on a result, not cleared or expired ones', async () => {
    const ctx = writeContextOf(services);
    await addFlag(services.db, ctx, joan.id, { kind: 'never-email', reason: "Doesn't read it" });
    await addFlag(services.db, ctx, joan.id, { kind: 'large-print', expiresOn: '2026-11-01' });
    const user = userEvent.setup();
    await user.type(renderSearch(), 'joan');
    await waitFor(() => expect(options()).toHaveLength(1));
    expect(options()[0]).toHaveTextContent('Never email');
    expect(options()[0]).not.toHaveTextContent('Large print');
  });

  it('Ctrl+K puts the cursor in the box from anywhere', async () => {
    const user = userEvent.setup();
    const box = renderSearch();
    box.blur();
    expect(box).not.toHaveFocus();
    await user.keyboard('{Control>}k{/Control}');
    expect(box).toHaveFocus();
  });
});
