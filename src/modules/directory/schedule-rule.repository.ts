/**
 * Schedules compiled into rows SQL can test for a date and a time
 * (belong_schedule_rule, migration 0112; the compiling is schedule.ts's
 * `scheduleRuleRow`). Written with the schedules; any schedule that has no
 * row (written some other way, or changed since) is compiled by
 * `compileMissingScheduleRules` before a search asks about times.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import { SCHEDULE_COLUMNS, scheduleRuleRow, type ScheduleInput, type ScheduleRuleRow } from './schedule.ts';

/** Saves compiled rows (replacing older ones); rows of schedules deleted meanwhile are skipped. */
export async function saveScheduleRules(db: Executor, rows: readonly ScheduleRuleRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const json = JSON.stringify(rows.slice(i, i + 2000));
    await sql`insert into belong_schedule_rule
      select r.* from json_populate_recordset(null::belong_schedule_rule, ${json}::json) r
      where exists (select 1 from schedule s where s.id = r.schedule_id)
      on conflict (schedule_id) do update set
        service_id = excluded.service_id, kind = excluded.kind, weekdays = excluded.weekdays,
        weekday_any = excluded.weekday_any, weekday_nth = excluded.weekday_nth, month_days = excluded.month_days,
        every = excluded.every, wkst = excluded.wkst, week_anchor = excluded.week_anchor,
        month_anchor = excluded.month_anchor, once_on = excluded.once_on, first_day = excluded.first_day,
        last_day = excluded.last_day, opens_at = excluded.opens_at, closes_at = excluded.closes_at`.execute(db);
  }
}

/** Compiles and saves the rules of these schedules (as just written). */
export function saveRulesOf(db: Executor, schedules: readonly (ScheduleInput & { service_id?: string | null })[]): Promise<void> {
  return saveScheduleRules(db, schedules.map(scheduleRuleRow));
}

/**
 * Compiles every schedule that has no rule row yet, `batchSize` at a time
 * (each batch one read and one write). Returns how many it compiled.
 */
export async function compileMissingScheduleRules(db: Executor, batchSize = 2000): Promise<number> {
  let done = 0;
  for (;;) {
    const missing = await db
      .selectFrom('schedule as s')
      .select(SCHEDULE_COLUMNS.map((f) => `s.${f}` as const))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('belong_schedule_rule as r')
              .select(sql`1`.as('one'))
              .whereRef('r.schedule_id', '=', 's.id'),
          ),
        ),
      )
      .limit(batchSize)
      .execute();
    if (!missing.length) return done;
    await saveRulesOf(db, missing);
    done += missing.length;
    if (missing.length < batchSize) return done;
  }
}
