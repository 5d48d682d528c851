/**
 * The little of PouchDB's API the PouchDB comparison uses, for pouchdb-node (the server's
 * LevelDB store) and pouchdb-browser (the page's idb store). Not @types/pouchdb-*: those
 * pull the DOM library into every Node file type-checked with them.
 */
declare namespace PouchDBBench {
  interface Info {
    doc_count: number;
    update_seq: number | string;
    adapter?: string;
  }
  interface BulkResult {
    id?: string;
    ok?: boolean;
    error?: string | boolean;
    reason?: string;
  }
  interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
  }
  interface ReplicateResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }
  interface Database {
    info(): Promise<Info>;
    bulkDocs(docs: object[]): Promise<BulkResult[]>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  interface Static {
    new (name: string, options?: { adapter?: string; prefix?: string }): Database;
    defaults(options: { prefix?: string; adapter?: string }): Static;
    replicate(source: Database | string, target: Database | string, options?: ReplicateOptions): Promise<ReplicateResult>;
  }
}

declare module 'pouchdb-node' {
  const PouchDB: PouchDBBench.Static;
  export default PouchDB;
}

declare module 'pouchdb-browser' {
  const PouchDB: PouchDBBench.Static;
  export default PouchDB;
}
