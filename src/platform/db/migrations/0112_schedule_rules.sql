-- Schedules as rows a query can test for a date and a time (issue 16): "on
-- today" and "open now" are decided in SQL over every match of a search,
-- not in memory over the first few hundred.
--
-- One row per schedule, compiled from it by schedule.ts (the one reading of
-- HSDS recurrences, with its defaults and its `count` worked out as a last
-- date), so the SQL test (service-search.repository.ts, `sessionCondition`)
-- is plain comparisons:
--   kind      'weekly', 'monthly', 'once' or 'unknown' (never happens)
--   weekdays  weekly: the weekdays, 0 = Monday … 6 = Sunday
--   weekday_any / weekday_nth  monthly: every such weekday / weekday*100 + ordinal (1..5, -1..-5)
--   month_days monthly: days of the month, negative from the end (-1 = last)
--   every     the interval; week_anchor (start of dtstart's week, from wkst)
--             and month_anchor (year*12 + month of dtstart) count it
--   first_day, last_day  bounds (dtstart, valid_from, until, valid_to, count)
--   opens_at, closes_at  both, or neither ("time not given")
-- Written with the schedule (saveServiceGraphs, the bulk loader); a schedule
-- changed any other way loses its row (trigger below) and is compiled again
-- before the next search that asks about times (compileMissingScheduleRules).
CREATE TABLE belong_schedule_rule (
  schedule_id uuid PRIMARY KEY REFERENCES schedule(id) ON DELETE CASCADE,
  service_id uuid,
  kind text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'once', 'unknown')),
  weekdays smallint[] NOT NULL DEFAULT '{}',
  weekday_any smallint[] NOT NULL DEFAULT '{}',
  weekday_nth smallint[] NOT NULL DEFAULT '{}',
  month_days smallint[] NOT NULL DEFAULT '{}',
  every integer NOT NULL DEFAULT 1,
  wkst smallint NOT NULL DEFAULT 0,
  week_anchor date,
  month_anchor integer,
  once_on date,
  first_day date,
  last_day date,
  opens_at time,
  closes_at time
);
CREATE INDEX belong_schedule_rule_service ON belong_schedule_rule (service_id) WHERE kind <> 'unknown';

CREATE FUNCTION belong_schedule_rule_stale() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM belong_schedule_rule WHERE schedule_id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER schedule_rule_stale AFTER UPDATE ON schedule FOR EACH ROW EXECUTE FUNCTION belong_schedule_rule_stale();
