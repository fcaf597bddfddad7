/**
 * Writes simulated activity (made-up people, their referrals and each step
 * the referrals went through) straight into the tables, for the demo area
 * and for report tests. Every person it writes is named "Made-up person …"
 * and held by the organisation passed in, so the simulation is plain to see
 * and never mixed with real records.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { newId } from '../../platform/ids.ts';
import { SIMULATED_NEED } from '../reports/categories.ts';

export interface SimulatedPerson {
  label: string;
  language: string;
  ethnicity: string | null;
  ageBand: 'under_16' | '16_17' | '18_24' | '25_49' | '50_64' | '65_plus' | null;
  gender: 'woman' | 'man' | 'another' | null;
  outcode: string | null;
}

export interface SimulatedReferral {
  person: SimulatedPerson;
  route: string | null;
  serviceId: string;
  serviceName: string;
  sentAt: Date;
  /** The states the attempt went through after "sent", with when. The last is where it is now. */
  steps: { state: string; at: Date }[];
}

export interface SimulationOwner {
  organisationId: string;
  accountId: string;
}

/** Insert the people (one per distinct label) and their referrals; returns the people's ids by label. */
export async function insertSimulatedReferrals(
  db: Executor,
  owner: SimulationOwner,
  items: SimulatedReferral[],
): Promise<Map<string, string>> {
  const people = new Map<string, string>();
  for (const item of items) {
    let personId = people.get(item.person.label);
    if (!personId) {
      personId = newId();
      people.set(item.person.label, personId);
      const p = item.person;
      await db
        .insertInto('person')
        .values({
          id: personId,
          organisation_id: owner.organisationId,
          display_name: `Made-up person ${p.label}`,
          preferred_language: p.language,
          area: p.outcode,
          outcode: p.outcode,
          gender: p.gender,
          age_band: p.ageBand,
          ethnicity: p.ethnicity,
          ethnicity_asked_at: p.ethnicity ? item.sentAt : null,
          created_by: owner.accountId,
          created_at: item.sentAt,
          updated_at: item.sentAt,
        })
        .execute();
    }
    const referralId = newId();
    const attemptId = newId();
    const last = item.steps.at(-1);
    const state = last?.state ?? 'sent';
    const updated = last?.at ?? item.sentAt;
    await db
      .insertInto('referral')
      .values({
        id: referralId,
        person_id: personId,
        organisation_id: owner.organisationId,
        connector_account_id: owner.accountId,
        need: SIMULATED_NEED,
        route: item.route,
        created_at: item.sentAt,
        updated_at: updated,
        closed_at: ['declined', 'completed', 'not_taken_up', 'withdrawn', 'expired'].includes(state) ? updated : null,
      })
      .execute();
    await db
      .insertInto('referral_attempt')
      .values({
        id: attemptId,
        referral_id: referralId,
        service_id: item.serviceId,
        service_name: item.serviceName,
        state,
        sent_at: item.sentAt,
        decline_reason: state === 'declined' ? 'full' : null,
        not_taken_up_reason: state === 'not_taken_up' ? 'person_chose_not_to' : null,
        created_at: item.sentAt,
        updated_at: updated,
      })
      .execute();
    let from = 'draft';
    const events = [{ state: 'sent', at: item.sentAt }, ...item.steps].map((s) => {
      const e = {
        id: newId(),
        attempt_id: attemptId,
        referral_id: referralId,
        at: s.at,
        actor_account_id: null,
        side: 'system',
        event_type: 'simulated',
        payload: '{}',
        from_state: from,
        to_state: s.state,
      };
      from = s.state;
      return e;
    });
    await db.insertInto('referral_event').values(events).execute();
  }
  return people;
}
