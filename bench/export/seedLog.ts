import type { Database } from '../../server/db/database';

/**
 * Fills log_entries with realistic rows by generate_series inside PostgreSQL (a million rows
 * in about a minute, no round trips): names from many languages (the sort key folded as
 * patronSortKey folds it), 40 staff, 12 desks, six branches, the usual mix of entry kinds,
 * outcomes only on attempts and dones, comments with commas, quotes, accents and the odd
 * formula, 20% campaign follow-ups, 2% whose follow-up has not arrived (no channel), and
 * times spread over two years.
 */
const FIRST = ['José', 'Zoë', 'Łukasz', 'Søren', 'Aoife', 'Nguyễn', 'Mary', 'Ahmed', 'Ines', 'Björn', 'Chloé', 'Wei', 'Olu', 'Priya', 'Seán', 'Anna'];
const FIRST_KEY = ['jose', 'zoe', 'lukasz', 'soren', 'aoife', 'nguyen', 'mary', 'ahmed', 'ines', 'bjorn', 'chloe', 'wei', 'olu', 'priya', 'sean', 'anna'];
const LAST = ['Núñez', 'Müller', 'Øberg', "O'Brien", 'Smith', 'Zhang 张', 'Dubois', 'Kowalski', 'Yates', 'Ødegaard', 'García', 'Jones', 'Nakamura', 'Rossi', 'Brown', 'Ng', 'Petrov', 'Okafor', 'Lee', 'Straße'];
const LAST_KEY = ['nunez', 'muller', 'oberg', "o'brien", 'smith', 'zhang 张', 'dubois', 'kowalski', 'yates', 'odegaard', 'garcia', 'jones', 'nakamura', 'rossi', 'brown', 'ng', 'petrov', 'okafor', 'lee', 'strasse'];
const COMMENTS = ['', '', 'Will call back after lunch', 'Asked for large print, sent by post', 'Said "not now", try next week', 'Très content, merci', '=SUM(A1:A9)', 'No answer; left voicemail, 2nd time', 'Moved to Leeds\nnew address on file', 'Book arrived: Der Zauberberg'];
const OUTCOMES = ['reached', 'left-message', 'no-answer', 'wrong-number', 'emailed', 'letter-sent', 'declined'];
const CHANNELS = ['phone', 'email', 'sms', 'letter', 'in-person'];
const DAY = 86_400_000;
export const SEED_START = Date.UTC(2024, 10, 1);
export const SEED_SPAN = 730 * DAY;

const arr = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Adds rows first..last (1-based) to log_entries; branchIds are the six seeded branches. */
export async function seedLogRows(db: Database, first: number, last: number, total: number, branchIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO log_entries (event_id, follow_up_id, patron_id, patron_name, patron_sort, branch_id, type, at, staff, desk_id, desk_name, outcome,
        comment, until, assigned_to, channel, reason, campaign_id, campaign_name, follow_up_created_at, first_due_at, seq)
     SELECT 'ev' || lpad(i::text, 8, '0'), 'fu' || (i / 4), 'pa' || p, fn || ' ' || ln, lk || ' ' || fk, ($3::text[])[1 + p % 6],
            t, at, 'Staff ' || (h2 % 40), 'desk-' || (h2 % 12), 'Desk ' || (h2 % 12),
            CASE WHEN t IN ('attempted', 'done') THEN (${arr(OUTCOMES)})[1 + h3 % 7] END,
            CASE WHEN t IN ('attempted', 'done', 'cancelled') THEN (${arr(COMMENTS)})[1 + h3 % 10] ELSE '' END,
            CASE WHEN t IN ('snoozed', 'reopened') THEN at + 86400000 END,
            CASE WHEN t = 'reassigned' THEN 'Staff ' || (h3 % 40) END,
            CASE WHEN h % 50 <> 0 THEN (${arr(CHANNELS)})[1 + (h / 7) % 5] END,
            CASE WHEN h % 50 <> 0 THEN CASE WHEN camp THEN 'We miss you ' || (h % 12) ELSE 'Book due back, please call' END END,
            CASE WHEN h % 50 <> 0 AND camp THEN 'campaign-' || (h % 12) END,
            CASE WHEN h % 50 <> 0 AND camp THEN 'We miss you ' || (h % 12) END,
            CASE WHEN h % 50 <> 0 THEN at - (h3 % 1440) * 60000 END,
            CASE WHEN h % 50 <> 0 THEN at + 86400000 END,
            i
       FROM generate_series($1::int, $2::int) AS i
       CROSS JOIN LATERAL (SELECT abs(hashint4(i)) AS h, abs(hashint4(i + 7919)) AS h2, abs(hashint4(i + 104729)) AS h3) r
       CROSS JOIN LATERAL (SELECT (r.h / 13) % 200000 AS p, r.h % 5 = 0 AS camp,
              ${SEED_START}::bigint + (i::bigint * ${SEED_SPAN} / $4::bigint) + (r.h3 % 60000) AS at,
              CASE WHEN r.h2 % 100 < 25 THEN 'created' WHEN r.h2 % 100 < 55 THEN 'attempted' WHEN r.h2 % 100 < 75 THEN 'done'
                   WHEN r.h2 % 100 < 85 THEN 'snoozed' WHEN r.h2 % 100 < 90 THEN 'claimed' WHEN r.h2 % 100 < 92 THEN 'released'
                   WHEN r.h2 % 100 < 95 THEN 'reassigned' WHEN r.h2 % 100 < 98 THEN 'cancelled' ELSE 'reopened' END AS t) v
       CROSS JOIN LATERAL (SELECT (${arr(FIRST)})[1 + v.p % 16] AS fn, (${arr(FIRST_KEY)})[1 + v.p % 16] AS fk,
              (${arr(LAST)})[1 + (v.p / 16) % 20] AS ln, (${arr(LAST_KEY)})[1 + (v.p / 16) % 20] AS lk) n`,
    [first, last, branchIds, total],
  );
}
