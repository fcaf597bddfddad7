/**
 * Storage of the crisis route: organisations' named safeguarding leads and
 * the safeguarding concerns ("someone is at risk") raised for them. Callers
 * are crisis.service.ts (policy-checked, audited) and the escalation job.
 */
import { sql, type Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB, SafeguardingConcernSource } from '../../platform/db/schema.ts';

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** The organisation's named lead, when they are still an active connector of it. */
export async function leadOf(db: Executor, organisationId: string): Promise<Recipient | undefined> {
  return db
    .selectFrom('organisation_safeguarding as os')
    .innerJoin('staff_account as a', 'a.id', 'os.lead_account_id')
    .select(['a.id', 'a.email', 'a.name'])
    .where('os.organisation_id', '=', organisationId)
    .where('a.organisation_id', '=', organisationId)
    .where('a.role', '=', 'connector')
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Active connectors of the organisation (who may be named lead; who is told when none is named). */
export async function activeConnectors(db: Executor, organisationId: string): Promise<(Recipient & { manager: boolean })[]> {
  return db
    .selectFrom('staff_account')
    .select(['id', 'email', 'name', 'manager'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'connector')
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function setLead(trx: Transaction<DB>, organisationId: string, leadId: string, by: string, at: Date): Promise<void> {
  await trx
    .insertInto('organisation_safeguarding')
    .values({ organisation_id: organisationId, lead_account_id: leadId, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ lead_account_id: leadId, updated_by: by, updated_at: at }))
    .execute();
}

/** Organisations that hold people's records (referrers), with their lead's name if any; one organisation when given. */
export async function organisationsWithLeads(db: Executor, only: string | null) {
  let q = db
    .selectFrom('staff_organisation as o')
    .leftJoin('organisation_safeguarding as os', 'os.organisation_id', 'o.id')
    .leftJoin('staff_account as a', 'a.id', 'os.lead_account_id')
    .select(['o.id', 'o.name', 'os.lead_account_id', 'a.name as lead_name', 'os.updated_at'])
    .where('o.kind', 'in', ['referrer', 'both'])
    .where('o.operator', '=', false)
    .orderBy('o.name')
    .orderBy('o.id');
  if (only) q = q.where('o.id', '=', only);
  return q.limit(500).execute();
}

export interface NewConcern {
  id: string;
  personId: string;
  organisationId: string;
  source: SafeguardingConcernSource;
  raisedBy: string | null;
  raisedAt: Date;
  note: string | null;
  leadId: string | null;
  acknowledgeBy: Date;
}

export async function insertConcern(trx: Transaction<DB>, c: NewConcern): Promise<void> {
  await trx
    .insertInto('safeguarding_concern')
    .values({
      id: c.id,
      person_id: c.personId,
      organisation_id: c.organisationId,
      source: c.source,
      raised_by: c.raisedBy,
      raised_at: c.raisedAt,
      note: c.note,
      lead_account_id: c.leadId,
      acknowledge_by: c.acknowledgeBy,
    })
    .execute();
}

/** A person's concerns, newest first, with the names of who raised, led and acknowledged. */
export async function concernsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('safeguarding_concern as c')
    .leftJoin('staff_account as r', 'r.id', 'c.raised_by')
    .leftJoin('staff_account as l', 'l.id', 'c.lead_account_id')
    .leftJoin('staff_account as k', 'k.id', 'c.acknowledged_by')
    .select([
      'c.id',
      'c.source',
      'c.raised_at',
      'c.note',
      'c.acknowledge_by',
      'c.acknowledged_at',
      'c.escalated_at',
      'r.name as raised_by_name',
      'l.name as lead_name',
      'k.name as acknowledged_by_name',
    ])
    .where('c.person_id', '=', personId)
    .orderBy('c.raised_at', 'desc')
    .orderBy('c.id')
    .limit(50)
    .execute();
}

/** The organisation's concerns not yet acknowledged, oldest due first, with the person's chosen name. */
export async function openConcerns(db: Executor, organisationId: string) {
  return db
    .selectFrom('safeguarding_concern as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'p.display_name', 'c.source', 'c.raised_at', 'c.acknowledge_by', 'c.escalated_at'])
    .where('c.organisation_id', '=', organisationId)
    .where('c.acknowledged_at', 'is', null)
    .orderBy('c.acknowledge_by')
    .orderBy('c.id')
    .limit(200)
    .execute();
}

export async function concernOwner(db: Executor, id: string) {
  return db.selectFrom('safeguarding_concern').select(['person_id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
}

/** Marks it acknowledged, once (false: it already was). */
export async function markAcknowledged(trx: Transaction<DB>, id: string, by: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('safeguarding_concern')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Claims up to `limit` concerns past their acknowledgement time, neither
 * acknowledged nor escalated, marking them escalated in one statement (rows
 * another process holds are skipped), so each is escalated once.
 */
export async function claimDueConcerns(trx: Transaction<DB>, now: Date, limit: number) {
  const r = await sql<{ id: string; person_id: string; organisation_id: string; raised_at: Date; acknowledge_by: Date }>`
    update safeguarding_concern c set escalated_at = ${now}
    where c.id in (
      select id from safeguarding_concern
      where acknowledged_at is null and escalated_at is null and acknowledge_by <= ${now}
      order by acknowledge_by, id
      limit ${limit}
      for update skip locked)
    returning c.id, c.person_id, c.organisation_id, c.raised_at, c.acknowledge_by`.execute(trx);
  return r.rows;
}

/**
 * Who is told of an escalation, for a set of organisations: each one's
 * active managers, and the deployment's active administrators (whose
 * organisation is not suspended), each address once per organisation.
 */
export async function escalationRecipients(db: Executor, organisationIds: readonly string[]) {
  if (!organisationIds.length) return { managers: [], administrators: [] };
  const managers = await db
    .selectFrom('staff_account as a')
    .select(['a.organisation_id', 'a.email', 'a.name'])
    .where('a.organisation_id', 'in', [...organisationIds])
    .where('a.manager', '=', true)
    .where('a.disabled_at', 'is', null)
    .orderBy('a.id')
    .execute();
  const administrators = await db
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.email', 'a.name'])
    .where('a.role', '=', 'administrator')
    .where('a.disabled_at', 'is', null)
    .where('o.suspended_at', 'is', null)
    .orderBy('a.id')
    .execute();
  return { managers, administrators };
}

export async function organisationNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('staff_organisation')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The organisation holding the person's record. */
export async function holdingOrganisation(db: Executor, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('person').select('organisation_id').where('id', '=', personId).executeTakeFirst();
  return row?.organisation_id;
}

/** For the person's own crisis page: their language and the name of the organisation holding their record. */
export async function personAndHolder(db: Executor, personId: string) {
  return db
    .selectFrom('person as p')
    .innerJoin('staff_organisation as o', 'o.id', 'p.organisation_id')
    .select(['p.preferred_language', 'o.name as organisation_name'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}
