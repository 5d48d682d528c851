-- A follow-up is its own "created" log entry (event_id = the follow-up's id, written from the
-- follow-up record; shared/followups/followUpLog.ts). Desks no longer store a separate
-- "created" event, and the ones earlier desks stored are left out of the log, so no follow-up
-- shows as created twice. The entries of those stored events take their follow-up's id
-- rather than being dropped: an erased patron's follow-ups are gone from sync_records, so
-- their anonymised entries could not be written again. Then migrate.ts rewrites the entry of
-- every follow-up still on record from the record itself.

-- At most one entry per follow-up can take its id: drop any stored event's entry whose
-- follow-up already has one, and all but the first of several.
DELETE FROM log_entries l
 WHERE l.type = 'created' AND l.event_id <> l.follow_up_id
   AND (EXISTS (SELECT 1 FROM log_entries own WHERE own.event_id = l.follow_up_id)
        OR EXISTS (SELECT 1 FROM log_entries other
                    WHERE other.follow_up_id = l.follow_up_id AND other.type = 'created'
                      AND other.event_id <> other.follow_up_id AND other.event_id < l.event_id));

UPDATE log_entries SET event_id = follow_up_id WHERE type = 'created' AND event_id <> follow_up_id;
