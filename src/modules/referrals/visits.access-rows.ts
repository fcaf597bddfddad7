/**
 * Access-matrix row for "Visits you are going with": a volunteer named as the
 * companion for a first visit sees it; every other actor — provider staff of
 * the same organisation, connectors, commissioners, administrators, the
 * suspended and the signed out — is refused.
 */
import type { Row, World } from '../../../test/support/access-matrix.ts';
import { newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { buddySessionsService } from './buddy-sessions.service.ts';
import { visitsService } from './visits.service.ts';
import { referralWithAttempt } from './referrals.access-rows.ts';

const notifier: Notifier = { enqueue: async () => undefined };

/** A first visit booked at A's service with the volunteer as travel buddy: session 1, on a day already past. */
async function bookedSession(w: World, cell: string): Promise<Record<string, string>> {
  const t = await bookedVisit(w, cell);
  const session = newId();
  await w.database.db
    .insertInto('buddy_session')
    .values({
      id: session,
      attempt_id: t.attempt!,
      number: 1,
      buddy_account_id: w.accounts.volunteer,
      on_date: '2025-06-01',
      at_time: '10:30',
      meeting_point: 'Outside the library',
      booked_by: w.accounts.providerStaff,
      booked_side: 'recipient',
      booked_at: new Date('2026-03-01T09:00:00Z'),
    })
    .execute();
  return { ...t, session };
}

/** A person of the connector's organisation with a first visit booked at A's service, the volunteer going along. */
const bookedVisit = (w: World, cell: string) =>
  referralWithAttempt(w, cell, 'first_visit_booked', {
    shared: ['name'],
    attempt: {
      first_visit_date: '2026-03-10',
      companion_kind: 'volunteer',
      companion_account_id: w.accounts.volunteer,
      companion_name: 'Volunteer',
      version: 4,
    },
  });

export const VISIT_ROWS: Row[] = [
  {
    action: 'visit.view_own',
    does: 'see the first visits the volunteer is going with, and only what was shared',
    allowed: ['volunteer'],
    prepare: bookedVisit,
    attempt: async (a, _w, _c, t) => {
      const visits = await visitsService(a).mine();
      const v = visits.find((x) => x.attemptId === t.attempt);
      if (!v || v.person.name === undefined) throw new Error('the volunteer does not see the visit they are going with');
      return visits;
    },
  },
  {
    action: 'visit.plan',
    does: 'see and book the first visit and sessions with a vetted travel buddy (the two sides of the referral)',
    allowed: ['connector', 'providerManager', 'providerStaff'],
    prepare: (w, cell) => referralWithAttempt(w, cell, 'accepted', { shared: ['name'], attempt: { version: 3 } }),
    attempt: (a, _w, _c, t) => buddySessionsService(a, { notifier }).plan(t.attempt!),
  },
  {
    action: 'visit.record_outcome',
    does: 'say how a session went (only the session’s own buddy), which moves the referral on',
    allowed: ['volunteer'],
    prepare: bookedSession,
    attempt: async (a, _w, _c, t) => {
      const r = await buddySessionsService(a, { notifier }).recordOutcome(t.session!, { outcome: 'went_together' });
      if (!r.ok) throw new Error(`refused: ${r.problems.join(', ')}`);
      return r;
    },
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('buddy_session').select('outcome').where('id', '=', t.session!).executeTakeFirstOrThrow()).outcome ===
      'went_together',
  },
];
