-- Sync: every record of every desk as its current fields with per-field clocks, ordered by
-- one server sequence; the ids of applied changes, so a resent one is answered "duplicate"; and this database's epoch, so a desk whose cursor comes from another database
-- (a restore, a reset) is told to pull everything again.

CREATE SEQUENCE sync_seq AS bigint;

CREATE TABLE sync_records (
  entity text NOT NULL CHECK (entity IN ('patron', 'note', 'request', 'followUp', 'followUpEvent')),
  id text NOT NULL,
  branch_id text NOT NULL,
  -- The patron a record belongs to (a patron's own id): erasure removes everything by it.
  patron_id text NOT NULL,
  fields jsonb NOT NULL,
  clocks jsonb NOT NULL,
  -- An erased patron: no fields left, only this id.
  erased boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, id),
  CHECK (NOT erased OR (entity = 'patron' AND fields = '{}'::jsonb))
);
CREATE UNIQUE INDEX sync_records_seq ON sync_records (seq);
CREATE INDEX sync_records_branch_seq ON sync_records (branch_id, seq);
CREATE INDEX sync_records_patron ON sync_records (patron_id);

-- Changes applied, by id: a resent one (its answer was lost) is answered "duplicate". Refused
-- changes are not kept; resent, they are decided again.
CREATE TABLE sync_mutations (
  id uuid PRIMARY KEY,
  staff_id uuid NOT NULL,
  desk_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- The sequence number of the record it changed (null: it lost to later edits on every field).
  seq bigint
);

CREATE TABLE sync_epoch (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  epoch uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO sync_epoch DEFAULT VALUES;
