/** express-pouchdb ships no types; the bench uses it only as a Node request handler. */
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface ExpressPouchOptions {
    /** Which routes to serve: 'minimumForPouchDB' is what PouchDB clients need (replication included). */
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    /** Keep the CouchDB-style config in memory instead of writing config.json to the working directory. */
    inMemoryConfig?: boolean;
    logPath?: string;
  }

  export default function expressPouchDB(pouchDB: unknown, options?: ExpressPouchOptions): (req: IncomingMessage, res: ServerResponse) => void;
}
