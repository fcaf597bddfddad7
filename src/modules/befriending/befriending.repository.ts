/**
 * Storage for volunteers (profiles, vetting checks), befriending matches
 * (contacts, concerns, the person's check-ins) and pathways. Callers are the
 * policy-checked services of this module (and the reminder job and /my,
 * which check on their own).
 */
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  BefriendingMatchTable,
  DB,
  MatchState,
  PathwayStage,
  PathwayStepTable,
  VolunteerCheckTable,
  VolunteerProfileTable,
} from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/executor.ts';

export type MatchRow = Selectable<BefriendingMatchTable>;
export type ProfileRow = Selectable<VolunteerProfileTable>;
export type CheckRow = Selectable<VolunteerCheckTable>;
export const OPEN_STATES: readonly MatchState[] = ['proposed', 'active', 'ending'];

// --- accounts ------------------------------------------------------------------

export interface AccountBasics {
  id: string;
  organisationId: string;
  role: string;
  name: string;
  email: string;
  active: boolean;
}

export async function accountBasics(db: Executor, id: string): Promise<AccountBasics | undefined> {
  const r = await db
    .selectFrom('staff_account')
    .select(['id', 'organisation_id', 'role', 'name', 'email', 'disabled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, organisationId: r.organisation_id, role: r.role, name: r.name, email: r.email, active: r.disabled_at === null };
}

/** The active volunteer accounts of an organisation, with their profiles when they have one. */
export async function volunteersOf(db: Executor, organisationId: string) {
  return db
    .selectFrom('staff_account as a')
    .leftJoin('volunteer_profile as p', 'p.account_id', 'a.id')
    .select(['a.id', 'a.name', 'a.email'])
    .select([
      'p.gender',
      'p.languages',
      'p.areas',
      'p.availability',
      'p.interests',
      'p.offers',
      'p.lived_experience',
      'p.max_matches',
      'p.paused',
      'p.updated_at',
    ])
    .where('a.organisation_id', '=', organisationId)
    .where('a.role', '=', 'volunteer')
    .where('a.disabled_at', 'is', null)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

/** Connectors (coordinators) of an organisation who can be told about a volunteer's checks. */
export async function connectorsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom('staff_account')
    .select(['id', 'email', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'connector')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
}

// --- profiles and checks ---------------------------------------------------------

export async function profileOf(db: Executor, accountId: string): Promise<ProfileRow | undefined> {
  return db.selectFrom('volunteer_profile').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function saveProfile(trx: Transaction<DB>, row: Insertable<VolunteerProfileTable>): Promise<void> {
  const { account_id: _id, ...rest } = row;
  await trx
    .insertInto('volunteer_profile')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doUpdateSet(rest))
    .execute();
}

export async function checksOf(db: Executor, accountIds: readonly string[]): Promise<CheckRow[]> {
  if (!accountIds.length) return [];
  return db
    .selectFrom('volunteer_check')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .orderBy('account_id')
    .orderBy('recorded_at', 'desc')
    .execute();
}

export async function insertCheck(trx: Transaction<DB>, row: Insertable<VolunteerCheckTable>): Promise<void> {
  await trx.insertInto('volunteer_check').values(row).execute();
}

/** Checks running out on or before `until` whose reminder has not gone, the soonest first, newest of each kind only. */
export async function checksDueForReminder(db: Executor, until: string, limit: number) {
  return db
    .selectFrom('volunteer_check as c')
    .innerJoin('staff_account as a', 'a.id', 'c.account_id')
    .select(['c.id', 'c.account_id', 'c.kind', 'c.expires_on', 'a.name', 'a.email', 'a.organisation_id'])
    .where('c.reminded_at', 'is', null)
    .where('c.expires_on', '<=', until)
    .where('a.disabled_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('volunteer_check as n')
            .select('n.id')
            .whereRef('n.account_id', '=', 'c.account_id')
            .whereRef('n.kind', '=', 'c.kind')
            .whereRef('n.checked_on', '>', 'c.checked_on'),
        ),
      ),
    )
    .orderBy('c.expires_on')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export async function markReminded(trx: Executor, checkId: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('volunteer_check')
    .set({ reminded_at: at })
    .where('id', '=', checkId)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- matches ---------------------------------------------------------------------

export async function openMatchCounts(db: Executor, accountIds: readonly string[]): Promise<Map<string, number>> {
  if (!accountIds.length) return new Map();
  const rows = await db
    .selectFrom('befriending_match')
    .select(['volunteer_account_id'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('volunteer_account_id', 'in', accountIds)
    .where('state', 'in', OPEN_STATES)
    .groupBy('volunteer_account_id')
    .execute();
  return new Map(rows.map((r) => [r.volunteer_account_id, Number(r.n)]));
}

export async function insertMatch(trx: Transaction<DB>, row: Insertable<BefriendingMatchTable>): Promise<void> {
  await trx.insertInto('befriending_match').values(row).execute();
}

export async function matchById(db: Executor, id: string): Promise<MatchRow | undefined> {
  return db.selectFrom('befriending_match').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The match, locked for a change. */
export async function lockMatch(trx: Transaction<DB>, id: string): Promise<MatchRow | undefined> {
  return trx.selectFrom('befriending_match').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateMatch(trx: Transaction<DB>, id: string, patch: Updateable<BefriendingMatchTable>): Promise<void> {
  await trx.updateTable('befriending_match').set(patch).where('id', '=', id).execute();
}

/** Ids only: the holder organisation and the volunteer of a match (for the policy). */
export async function matchParties(db: Executor, id: string) {
  return db
    .selectFrom('befriending_match')
    .select(['person_id', 'organisation_id', 'volunteer_account_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function matchesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('befriending_match as m')
    .innerJoin('staff_account as v', 'v.id', 'm.volunteer_account_id')
    .selectAll('m')
    .select('v.name as volunteer_name')
    .where('m.person_id', '=', personId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id')
    .execute();
}

export async function matchesOfVolunteer(db: Executor, accountId: string) {
  return db
    .selectFrom('befriending_match')
    .selectAll()
    .where('volunteer_account_id', '=', accountId)
    .where('state', 'in', ['proposed', 'active', 'ending'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Open matches of an organisation with the person's chosen name, the volunteer's name and unseen concerns. */
export async function matchesOfOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom('befriending_match as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .innerJoin('staff_account as v', 'v.id', 'm.volunteer_account_id')
    .select(['m.id', 'm.person_id', 'm.state', 'm.mode', 'm.review_on', 'p.display_name', 'v.name as volunteer_name'])
    .select((eb) =>
      eb
        .selectFrom('befriending_concern as c')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('c.match_id', '=', 'm.id')
        .where('c.seen_at', 'is', null)
        .as('open_concerns'),
    )
    .where('m.organisation_id', '=', organisationId)
    .where('m.state', 'in', OPEN_STATES)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

// --- contacts, concerns, check-ins ---------------------------------------------------

export async function contactsOf(db: Executor, matchId: string) {
  return db
    .selectFrom('befriending_contact')
    .selectAll()
    .where('match_id', '=', matchId)
    .orderBy('planned_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertContact(trx: Transaction<DB>, row: Insertable<DB['befriending_contact']>): Promise<void> {
  await trx.insertInto('befriending_contact').values(row).execute();
}

export async function contactOf(trx: Executor, matchId: string, contactId: string) {
  return trx.selectFrom('befriending_contact').selectAll().where('id', '=', contactId).where('match_id', '=', matchId).executeTakeFirst();
}

export async function updateContact(trx: Transaction<DB>, id: string, patch: Updateable<DB['befriending_contact']>): Promise<void> {
  await trx.updateTable('befriending_contact').set(patch).where('id', '=', id).execute();
}

export async function insertConcern(trx: Transaction<DB>, row: Insertable<DB['befriending_concern']>): Promise<void> {
  await trx.insertInto('befriending_concern').values(row).execute();
}

export async function concernsOf(db: Executor, matchId: string) {
  return db
    .selectFrom('befriending_concern as c')
    .innerJoin('staff_account as a', 'a.id', 'c.raised_by')
    .selectAll('c')
    .select('a.name as raised_by_name')
    .where('c.match_id', '=', matchId)
    .orderBy('c.raised_at', 'desc')
    .orderBy('c.id')
    .execute();
}

export async function markConcernSeen(trx: Transaction<DB>, matchId: string, concernId: string, by: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('befriending_concern')
    .set({ seen_by: by, seen_at: at })
    .where('id', '=', concernId)
    .where('match_id', '=', matchId)
    .where('seen_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertCheckIn(trx: Executor, row: Insertable<DB['befriending_check_in']>): Promise<void> {
  await trx.insertInto('befriending_check_in').values(row).execute();
}

export async function checkInsOf(db: Executor, matchId: string) {
  return db.selectFrom('befriending_check_in').selectAll().where('match_id', '=', matchId).orderBy('at', 'desc').orderBy('id').execute();
}

/** For /my: the person's running matches with the volunteer's name. */
export async function runningMatchesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('befriending_match as m')
    .innerJoin('staff_account as v', 'v.id', 'm.volunteer_account_id')
    .select(['m.id', 'm.state', 'm.mode', 'v.name as volunteer_name'])
    .select((eb) =>
      eb
        .selectFrom('befriending_contact as c')
        .select((e) => e.fn.min('c.planned_on').as('d'))
        .whereRef('c.match_id', '=', 'm.id')
        .where('c.status', '=', 'planned')
        .as('next_contact'),
    )
    .where('m.person_id', '=', personId)
    .where('m.state', 'in', ['active', 'ending'])
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

// --- pathways ----------------------------------------------------------------------

export async function pathwayStage(db: Executor, personId: string): Promise<PathwayStage | null> {
  const r = await db.selectFrom('person_pathway').select('stage').where('person_id', '=', personId).executeTakeFirst();
  return r?.stage ?? null;
}

export async function setPathwayStage(trx: Executor, personId: string, stage: PathwayStage, by: string | null, at: Date): Promise<void> {
  await trx
    .insertInto('person_pathway')
    .values({ person_id: personId, stage, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ stage, updated_by: by, updated_at: at }))
    .execute();
}

export async function stepsOf(db: Executor, personId: string) {
  return db.selectFrom('pathway_step').selectAll().where('person_id', '=', personId).orderBy('created_at').orderBy('id').execute();
}

export async function insertStep(trx: Transaction<DB>, row: Insertable<PathwayStepTable>): Promise<void> {
  await trx.insertInto('pathway_step').values(row).execute();
}

export async function decideStep(trx: Transaction<DB>, personId: string, stepId: string, status: 'taken_up' | 'not_now', at: Date) {
  const r = await trx
    .updateTable('pathway_step')
    .set({ status, decided_at: at })
    .where('id', '=', stepId)
    .where('person_id', '=', personId)
    .where('status', '=', 'offered')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ids only: the organisation holding a pathway step's person. */
export async function stepHolder(db: Kysely<DB>, stepId: string) {
  return db
    .selectFrom('pathway_step as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select(['p.organisation_id', 's.person_id'])
    .where('s.id', '=', stepId)
    .executeTakeFirst();
}
