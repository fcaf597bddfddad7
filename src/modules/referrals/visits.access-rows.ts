/**
 * Access-matrix row for "Visits you are going with": a volunteer named as the
 * companion for a first visit sees it; every other actor — provider staff of
 * the same organisation, connectors, commissioners, administrators, the
 * suspended and the signed out — is refused.
 */
import { newId } from '../../platform/ids.ts';
import type { Row, World } from '../../platform/auth/access-matrix.support.ts';
import { visitsService } from './visits.service.ts';

/** A person of the connector's organisation with a first visit booked at A's service, the volunteer going along. */
async function bookedVisit(w: World, cell: string): Promise<Record<string, string>> {
  const db = w.database.db;
  const now = new Date();
  const person = newId();
  const referral = newId();
  const attempt = newId();
  const consent = newId();
  await db.insertInto('person').values({ id: person, organisation_id: w.orgConnector, display_name: `Person ${cell}`, preferred_language: 'en', created_at: now, updated_at: now }).execute();
  await db.insertInto('referral').values({ id: referral, person_id: person, organisation_id: w.orgConnector, connector_account_id: w.accounts.connector, need: `Need ${cell}`, created_at: now, updated_at: now }).execute();
  await db.insertInto('person_consent').values({ id: consent, person_id: person, kind: 'share', scope: ['name'], recipient_organisation_id: w.orgA, given_by: 'verbal', granted_at: now }).execute();
  await db
    .insertInto('referral_attempt')
    .values({
      id: attempt,
      referral_id: referral,
      service_id: w.graphA.service.id,
      service_name: w.graphA.service.name,
      recipient_organisation_id: w.orgA,
      state: 'first_visit_booked',
      shared_fields: ['name'],
      share_consent_id: consent,
      sent_at: now,
      first_visit_date: '2026-03-10',
      companion_kind: 'volunteer',
      companion_account_id: w.accounts.volunteer,
      companion_name: 'Volunteer',
      version: 4,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { person, referral, attempt };
}

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
