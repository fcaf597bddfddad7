/**
 * Access-matrix row for "Visits you are going with": a volunteer named as the
 * companion for a first visit sees it; every other actor — provider staff of
 * the same organisation, connectors, commissioners, administrators, the
 * suspended and the signed out — is refused.
 */
import type { Row, World } from '../../../test/support/access-matrix.ts';
import { visitsService } from './visits.service.ts';
import { referralWithAttempt } from './referrals.access-rows.ts';

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
];
