/**
 * Storage for check-in messages (check-in-messages.ts): the first visits due
 * a check-in, a bounded page at a time with the contact ways each person has
 * consented to (one query), and the claim that makes each check-in happen once.
 */
import { sql, type Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface DueCheckIn {
  attemptId: string;
  referralId: string;
  serviceName: string;
  firstVisitDate: string;
  personId: string;
  preferredLanguage: string | null;
  phone: string | null;
  email: string | null;
  safeToText: boolean | null;
  /** Contact ways in live 'contact' consents (not withdrawn, not expired at `now`). */
  ways: string[];
  /** The organisation holding the person's record (its connectors may read the message). */
  holderOrganisationId: string;
}

/** Where a run has got to: first visits are visited in (date, attempt id) order. */
export interface CheckInCursor {
  date: string;
  attemptId: string;
}

/** Up to `limit` booked first visits on or before `cutoff` with no check-in yet, after the cursor. */
export async function dueCheckIns(
  db: Executor,
  cutoff: string,
  now: Date,
  after: CheckInCursor | null,
  limit: number,
): Promise<DueCheckIn[]> {
  let q = db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('person_check_in_message as m', (j) =>
      j.onRef('m.attempt_id', '=', 'a.id').onRef('m.first_visit_date', '=', 'a.first_visit_date'),
    )
    .select([
      'a.id',
      'a.referral_id',
      'a.service_name',
      'a.first_visit_date',
      'p.id as person_id',
      'p.organisation_id',
      'p.preferred_language',
      'p.phone',
      'p.email',
      'p.safe_to_text',
      sql<string[]>`coalesce((select array_agg(distinct w) from person_consent c cross join unnest(c.scope) as w
        where c.person_id = p.id and c.kind = 'contact' and c.withdrawn_at is null
          and (c.expires_at is null or c.expires_at > ${now})), '{}')`.as('ways'),
    ])
    .where('a.state', '=', 'first_visit_booked')
    .where('a.first_visit_date', '<=', cutoff)
    .where('m.attempt_id', 'is', null);
  if (after) q = q.where((eb) => eb(eb.refTuple('a.first_visit_date', 'a.id'), '>', eb.tuple(after.date, after.attemptId)));
  const rows = await q.orderBy('a.first_visit_date').orderBy('a.id').limit(limit).execute();
  return rows.map((r) => ({
    attemptId: r.id,
    referralId: r.referral_id,
    serviceName: r.service_name,
    firstVisitDate: r.first_visit_date!,
    personId: r.person_id,
    holderOrganisationId: r.organisation_id,
    preferredLanguage: r.preferred_language,
    phone: r.phone,
    email: r.email,
    safeToText: r.safe_to_text,
    ways: r.ways ?? [],
  }));
}

/**
 * Records the check-ins (one row per attempt and first visit date); returns the attempts this
 * call recorded. One that another run recorded first is left out (ON CONFLICT DO NOTHING).
 */
export async function claimCheckIns(
  trx: Transaction<DB>,
  rows: readonly { attemptId: string; firstVisitDate: string; channel: 'text' | 'email' }[],
  now: Date,
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const claimed = await trx
    .insertInto('person_check_in_message')
    .values(rows.map((r) => ({ attempt_id: r.attemptId, first_visit_date: r.firstVisitDate, channel: r.channel, sent_at: now })))
    .onConflict((oc) => oc.columns(['attempt_id', 'first_visit_date']).doNothing())
    .returning('attempt_id')
    .execute();
  return new Set(claimed.map((c) => c.attempt_id));
}
