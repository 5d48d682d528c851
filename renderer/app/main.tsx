import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_DB_NAME, DeskDb } from '../db/deskDb';
import { startSearchIndexLater } from '../features/search/searchAnswersFor';
import { resolveDeskHost } from '../platform/host';
import { App } from './App';
import { createDeskStore } from './store';
import './styles.css';

const services = {
  db: new DeskDb(DEFAULT_DB_NAME),
  host: resolveDeskHost(),
  store: createDeskStore(),
  now: () => Date.now(),
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
// The type-ahead answers from memory once this has loaded; until then from IndexedDB.
startSearchIndexLater(services.db);
