/**
 * Writes simulated activity (made-up people, their referrals and each step
 * the referrals went through) straight into the tables, for the demo area
 * and for report tests. Every person it writes is named "Made-up person …"
 * and held by the organisation passed in, so the simulation is plain to see
 * and never mixed with real records.
 */
import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId, uuidV5 } from '../../platform/ids.ts';
import {
  MADE_UP_FEEDBACK,
  MADE_UP_POPULATION_SOURCE,
  type DemoActivity,
  type SimulatedFeedback,
  type SimulatedMeasure,
  type SimulatedReferral,
} from './demo-activity.ts';
import { SIMULATED_NEED } from '../reports/categories.ts';

export type { SimulatedPerson, SimulatedReferral } from './demo-activity.ts';

export interface SimulationOwner {
  organisationId: string;
  accountId: string;
}

const CLOSED = ['declined', 'completed', 'not_taken_up', 'withdrawn', 'expired', 'redirected', 'moved_area'];
const CHUNK = 400;

async function insertChunked<T extends keyof DB>(db: Executor, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

/**
 * Insert the people (one per distinct label) and their referrals, in a few
 * multi-row statements (the demo's start-up time stays low); returns the
 * people's ids by label.
 */
export async function insertSimulatedReferrals(
  db: Executor,
  owner: SimulationOwner,
  items: SimulatedReferral[],
): Promise<Map<string, string>> {
  const people = new Map<string, string>();
  const personRows: Insertable<DB['person']>[] = [];
  const referralRows: Insertable<DB['referral']>[] = [];
  const attemptRows: Insertable<DB['referral_attempt']>[] = [];
  const eventRows: Insertable<DB['referral_event']>[] = [];
  for (const item of items) {
    let personId = people.get(item.person.label);
    if (!personId) {
      personId = newId();
      people.set(item.person.label, personId);
      const p = item.person;
      personRows.push({
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
      });
    }
    const referralId = newId();
    const attemptId = newId();
    const last = item.steps.at(-1);
    const state = last?.state ?? 'sent';
    const updated = last?.at ?? item.sentAt;
    referralRows.push({
      id: referralId,
      person_id: personId,
      organisation_id: owner.organisationId,
      connector_account_id: owner.accountId,
      need: SIMULATED_NEED,
      route: item.route,
      created_at: item.sentAt,
      updated_at: updated,
      closed_at: CLOSED.includes(state) ? updated : null,
    });
    attemptRows.push({
      id: attemptId,
      referral_id: referralId,
      service_id: item.serviceId,
      service_name: item.serviceName,
      state: state as never,
      sent_at: item.sentAt,
      decline_reason: state === 'declined' ? 'full' : null,
      not_taken_up_reason: state === 'not_taken_up' ? 'person_chose_not_to' : null,
      created_at: item.sentAt,
      updated_at: updated,
    });
    let from = 'draft';
    for (const s of [{ state: 'sent', at: item.sentAt }, ...item.steps]) {
      eventRows.push({
        id: newId(),
        attempt_id: attemptId,
        referral_id: referralId,
        at: s.at,
        actor_account_id: null,
        side: 'system',
        event_type: 'simulated',
        payload: '{}',
        from_state: from as never,
        to_state: s.state as never,
      });
      from = s.state;
    }
  }
  await insertChunked(db, 'person', personRows);
  await insertChunked(db, 'referral', referralRows);
  await insertChunked(db, 'referral_attempt', attemptRows);
  await insertChunked(db, 'referral_event', eventRows);
  return people;
}

/** Measures (baseline and follow-up) for simulated people, by their labels. */
export async function insertSimulatedMeasures(db: Executor, people: Map<string, string>, measures: SimulatedMeasure[]): Promise<void> {
  const rows: Insertable<DB['measure_administration']>[] = [];
  for (const m of measures) {
    const personId = people.get(m.personLabel);
    if (!personId) continue;
    rows.push({
      id: newId(),
      person_id: personId,
      measure_id: m.measureId,
      measure_version: m.version,
      occasion: m.occasion,
      occasion_date: m.date,
      language: 'en',
      translation_status: 'official',
      mode: 'self',
      explanation_shown: true,
      answers: '{}',
      scores: JSON.stringify(m.scores),
      recorded_at: new Date(`${m.date}T12:00:00Z`),
    });
  }
  await insertChunked(db, 'measure_administration', rows);
}

/** Anonymous feedback ratings (no person, no attempt), each saying it is made up. */
export async function insertSimulatedFeedback(db: Executor, feedback: SimulatedFeedback[]): Promise<void> {
  await insertChunked(
    db,
    'service_feedback',
    feedback.map((f) => ({
      id: newId(),
      service_id: f.serviceId,
      service_name: f.serviceName,
      person_id: null,
      attempt_id: null,
      anonymous: true,
      rating: f.rating,
      comment: MADE_UP_FEEDBACK,
      given_on: f.givenOn,
    })),
  );
}

/** The organisation and account that hold the simulated people (nobody can sign in as it). */
export const DEMO_ACTIVITY_OWNER: SimulationOwner = {
  organisationId: uuidV5('demo:activity:organisation'),
  accountId: uuidV5('demo:activity:account'),
};

/** Whether the simulated activity is already there (a second start adds nothing). */
export async function demoActivityLoaded(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('organisation_id', '=', DEMO_ACTIVITY_OWNER.organisationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Active demo services to send the simulated referrals to (name-based ids: the same on every start). */
export async function demoServices(db: Executor): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('service').select(['id', 'name']).where('status', '=', 'active').orderBy('id').limit(120).execute();
}

/** The made-up organisation and its account, the simulated activity, and the made-up population baseline, in the caller's transaction. */
export async function insertDemoActivity(db: Executor, activity: DemoActivity, at: Date): Promise<void> {
  const owner = DEMO_ACTIVITY_OWNER;
  await db
    .insertInto('staff_organisation')
    .values({ id: owner.organisationId, name: 'Made-up connector service (demo)', kind: 'referrer', operator: false, created_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('staff_account')
    .values({
      id: owner.accountId,
      organisation_id: owner.organisationId,
      email: 'made-up-connector@demo.invalid',
      name: 'Made-up connector (demo)',
      role: 'connector',
      password_hash: null,
      disabled_at: at,
      created_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const people = await insertSimulatedReferrals(db, owner, activity.referrals);
  await insertSimulatedMeasures(db, people, activity.measures);
  await insertSimulatedFeedback(db, activity.feedback);
  const hasBaseline = await db.selectFrom('report_population').select('area').limit(1).executeTakeFirst();
  if (!hasBaseline)
    await insertChunked(
      db,
      'report_population',
      activity.population.map((p) => ({ ...p, source: MADE_UP_POPULATION_SOURCE, uploaded_by: null, uploaded_at: at })),
    );
}
