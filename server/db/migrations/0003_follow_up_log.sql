-- The managers' follow-up log: a projection of the synced follow-up events (one row per
-- event), kept in the push transaction by server/log/logProjection.ts, plus one row per
-- follow-up with the state the dashboard needs. Rows that existed before this migration are
-- filled by a one-time TypeScript step (server/log/backfillLog.ts) that migrate() runs in the
-- same transaction, because the rows are built by the shared buildLogEntry, not by SQL.
--
-- Text that the log sorts by is COLLATE "C" (code-point order), so PostgreSQL, PGlite and
-- the desk's JavaScript comparisons agree whatever locale the database was created with.

CREATE TABLE log_entries (
  event_id text COLLATE "C" PRIMARY KEY,
  follow_up_id text NOT NULL,
  patron_id text NOT NULL,
  -- Null once the patron was erased (the entry stays, anonymised).
  patron_name text,
  -- patronSortKey(): last name then first name, accents and case folded; null once erased.
  patron_sort text COLLATE "C",
  branch_id text NOT NULL,
  type text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  staff text COLLATE "C" NOT NULL,
  desk_id text NOT NULL,
  desk_name text,
  outcome text COLLATE "C",
  comment text NOT NULL,
  until bigint,
  assigned_to text,
  -- From the follow-up: null until it reaches the server.
  channel text COLLATE "C",
  reason text,
  campaign_id text,
  campaign_name text,
  follow_up_created_at bigint,
  first_due_at bigint,
  -- The sync sequence number of the event: an export reads only entries up to where it began.
  seq bigint NOT NULL
);

-- Every sort (LOG_SORT_FIELDS) ties on at, then event_id, in the sort's direction, with nulls
-- last both ways. An ascending index read backwards gives DESC NULLS FIRST, so the nullable
-- sort keys get a second, descending index.
CREATE INDEX log_entries_at ON log_entries (at, event_id);
CREATE INDEX log_entries_branch_at ON log_entries (branch_id, at, event_id);
CREATE INDEX log_entries_patron_sort ON log_entries (patron_sort, at, event_id);
CREATE INDEX log_entries_patron_sort_desc ON log_entries (patron_sort DESC NULLS LAST, at DESC, event_id DESC);
CREATE INDEX log_entries_staff ON log_entries (staff, at, event_id);
CREATE INDEX log_entries_type ON log_entries (type, at, event_id);
CREATE INDEX log_entries_channel ON log_entries (channel, at, event_id);
CREATE INDEX log_entries_channel_desc ON log_entries (channel DESC NULLS LAST, at DESC, event_id DESC);
CREATE INDEX log_entries_outcome ON log_entries (outcome, at, event_id);
CREATE INDEX log_entries_outcome_desc ON log_entries (outcome DESC NULLS LAST, at DESC, event_id DESC);
-- Filters that pick few rows, and the projection's own updates (a follow-up arriving, a rename, an erasure).
CREATE INDEX log_entries_patron ON log_entries (patron_id, at);
CREATE INDEX log_entries_follow_up ON log_entries (follow_up_id);
CREATE INDEX log_entries_campaign ON log_entries (campaign_id, at) WHERE campaign_id IS NOT NULL;

-- One row per follow-up that has reached the server: its state from the shared foldFollowUp.
CREATE TABLE log_follow_ups (
  follow_up_id text PRIMARY KEY,
  patron_id text NOT NULL,
  branch_id text NOT NULL,
  channel text NOT NULL,
  campaign_id text,
  campaign_name text,
  created_at bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled', 'erased')),
  -- The due time while open (pendingDueAtOf); null once closed.
  due_at bigint,
  -- The first attempt or done, for "time to first contact".
  first_contact_at bigint,
  reached boolean NOT NULL DEFAULT false
);
CREATE INDEX log_follow_ups_due ON log_follow_ups (due_at) WHERE status = 'open';
CREATE INDEX log_follow_ups_branch ON log_follow_ups (branch_id, created_at);
CREATE INDEX log_follow_ups_campaign ON log_follow_ups (campaign_id, created_at) WHERE campaign_id IS NOT NULL;
CREATE INDEX log_follow_ups_patron ON log_follow_ups (patron_id);
