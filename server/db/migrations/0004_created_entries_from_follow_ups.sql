-- A follow-up is its own "created" log entry (event_id = the follow-up's id, written from the
-- follow-up record; shared/followups/followUpLog.ts). Desks no longer store a separate
-- "created" event, and the ones earlier desks stored are left out of the log, so no follow-up
-- shows as created twice. Their entries go here; migrate.ts then writes one per follow-up.
DELETE FROM log_entries WHERE type = 'created' AND event_id <> follow_up_id;
