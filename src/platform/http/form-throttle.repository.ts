/**
 * One slot of a public form's per-address throttle (form-throttle.ts), taken
 * inside the caller's transaction: the address's row is created if new, locked,
 * and counted, so two requests at once from one address cannot both slip past
 * the limit. Used by the listing problem report, "ask someone to contact me"
 * and the unfair-treatment report, each with its own table.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { takeReport } from './form-throttle.ts';

/** The throttle tables, and the column each counts in. */
const THROTTLES = {
  listing_report_throttle: 'reports',
  unfair_treatment_throttle: 'reports',
  contact_request_throttle: 'requests',
} as const;
export type ThrottleTable = keyof typeof THROTTLES;

export type ThrottleSlot = { allowed: true } | { allowed: false; retryAt: Date };

export async function takeThrottleSlot(trx: Transaction<DB>, table: ThrottleTable, key: string, now: Date): Promise<ThrottleSlot> {
  const t = sql.table(table);
  const count = sql.ref(THROTTLES[table]);
  await sql`insert into ${t} (key, window_started_at, ${count}) values (${key}, ${now}, 0) on conflict (key) do nothing`.execute(trx);
  const { rows } = await sql<{ window_started_at: Date | string; n: number }>`
    select window_started_at, ${count} as n from ${t} where key = ${key} for update`.execute(trx);
  const row = rows[0]!;
  const state = row.n === 0 ? null : { windowStartedAt: new Date(row.window_started_at), reports: Number(row.n) };
  const decision = takeReport(state, now);
  if (!decision.allowed) return { allowed: false, retryAt: decision.retryAt };
  await sql`update ${t} set window_started_at = ${decision.next.windowStartedAt}, ${count} = ${decision.next.reports} where key = ${key}`.execute(
    trx,
  );
  return { allowed: true };
}
