/**
 * Storage of "ask someone to contact me" requests: the public side stores a
 * request (throttled per hashed address) as a new person record with its
 * contact consent and a queue entry; the staff side lists an organisation's
 * queue and marks a request picked up. The SQL of the safety module's
 * contact requests lives here.
 */
import type { Kysely } from 'kysely';
import type { AuditOrigin } from '../../platform/audit/audit.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { ContactWay, DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { takeThrottleSlot } from '../../platform/http/form-throttle.repository.ts';
import type { ContactRequestInput } from './contact-request-form.ts';

/** A request is due this long after it was made: someone gets back within two days. */
export const CONTACT_DUE_MS = 2 * 24 * 60 * 60 * 1000;

export type StoreContactResult =
  { stored: true; requestId: string; personId: string; organisationId: string } | { stored: false; retryAt: Date };

/**
 * The referring organisation whose connectors cover the outward code (the
 * one with fewest open requests, then by name); failing that, the
 * deployment's own team. Null only when there is no operator organisation.
 */
export async function queueOwner(db: Executor, outcode: string | null): Promise<string | null> {
  if (outcode) {
    const covering = await db
      .selectFrom('staff_organisation_area as a')
      .innerJoin('staff_organisation as o', 'o.id', 'a.staff_organisation_id')
      .select('o.id')
      .where('a.outcode', '=', outcode.toUpperCase())
      .where('o.kind', 'in', ['referrer', 'both'])
      .where('o.suspended_at', 'is', null)
      .orderBy((eb) =>
        eb
          .selectFrom('contact_request as r')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('r.organisation_id', '=', 'o.id')
          .where('r.status', '=', 'new'),
      )
      .orderBy('o.name')
      .executeTakeFirst();
    if (covering) return covering.id;
  }
  const operator = await db.selectFrom('staff_organisation').select('id').where('operator', '=', true).executeTakeFirst();
  return operator?.id ?? null;
}

/** Stores a request as a new self-referred person in the area's queue, with its audit entry; throttled per address. */
export async function storeContactRequest(
  db: Kysely<DB>,
  args: { input: ContactRequestInput; outcode: string | null; throttleKey: string; origin: AuditOrigin },
): Promise<StoreContactResult> {
  const now = args.origin.now;
  const { input } = args;
  return db.transaction().execute(async (trx) => {
    const slot = await takeThrottleSlot(trx, 'contact_request_throttle', args.throttleKey, now);
    if (!slot.allowed) return { stored: false, retryAt: slot.retryAt };
    const organisationId = await queueOwner(trx, args.outcode);
    if (!organisationId) throw new Error('There is no organisation to take contact requests: create the deployment’s own team first.');
    const personId = newId();
    const safe = (w: ContactWay) => !input.unsafeWays.includes(w);
    await trx
      .insertInto('person')
      .values({
        id: personId,
        organisation_id: organisationId,
        display_name: input.name,
        preferred_language: input.language,
        contact_method: input.way === 'call' ? 'phone' : input.way,
        phone: input.way === 'email' ? null : input.reach,
        email: input.way === 'email' ? input.reach : null,
        safe_to_call: safe('call'),
        safe_to_text: safe('text'),
        safe_to_leave_message: null,
        area: input.where,
        outcode: args.outcode,
        referral_route: 'self_referral',
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // What they agreed to by sending the form: we keep these contact details, and contact them the way they chose.
    await trx
      .insertInto('person_consent')
      .values([
        {
          id: newId(),
          person_id: personId,
          kind: 'store',
          scope: ['contact_details'],
          given_by: 'self',
          recorded_by: null,
          granted_at: now,
        },
        { id: newId(), person_id: personId, kind: 'contact', scope: [input.way], given_by: 'self', recorded_by: null, granted_at: now },
      ])
      .execute();
    const requestId = newId();
    await trx
      .insertInto('contact_request')
      .values({
        id: requestId,
        person_id: personId,
        organisation_id: organisationId,
        contact_way: input.way,
        unsafe_ways: input.unsafeWays,
        safe_times: input.safeTimes,
        about: input.about,
        due_at: new Date(now.getTime() + CONTACT_DUE_MS),
        created_at: now,
      })
      .execute();
    await appendAuditEvent(trx, args.origin, {
      action: 'contact_request.create',
      outcome: 'allowed',
      subjectType: 'person',
      subjectId: personId,
      details: { requestId, organisationId, way: input.way, unsafeWays: input.unsafeWays },
    });
    await trx
      .deleteFrom('contact_request_throttle')
      .where('window_started_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000))
      .execute();
    return { stored: true, requestId, personId, organisationId };
  });
}

export interface QueuedRequest {
  id: string;
  personId: string;
  name: string;
  language: string;
  way: ContactWay;
  unsafeWays: ContactWay[];
  safeTimes: string | null;
  about: string | null;
  area: string | null;
  status: 'new' | 'picked_up';
  dueAt: Date;
  createdAt: Date;
  pickedUpBy: string | null;
}

/** An organisation's requests: new ones first, soonest due first; then the last picked up. */
export async function loadQueue(db: Executor, organisationId: string): Promise<QueuedRequest[]> {
  const rows = await db
    .selectFrom('contact_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('staff_account as s', 's.id', 'r.picked_up_by')
    .select([
      'r.id',
      'r.person_id',
      'p.display_name',
      'p.preferred_language',
      'r.contact_way',
      'r.unsafe_ways',
      'r.safe_times',
      'r.about',
      'p.area',
      'r.status',
      'r.due_at',
      'r.created_at',
      's.name as picked_up_by_name',
    ])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('r.status')
    .orderBy('r.due_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.display_name,
    language: r.preferred_language,
    way: r.contact_way,
    unsafeWays: r.unsafe_ways,
    safeTimes: r.safe_times,
    about: r.about,
    area: r.area,
    status: r.status,
    dueAt: r.due_at,
    createdAt: r.created_at,
    pickedUpBy: r.picked_up_by_name ?? null,
  }));
}

/** The queue a request is in, or null when there is no such request. */
export async function requestOwner(db: Executor, id: string): Promise<{ organisationId: string; personId: string; status: string } | null> {
  const row = await db
    .selectFrom('contact_request')
    .select(['organisation_id', 'person_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { organisationId: row.organisation_id, personId: row.person_id, status: row.status } : null;
}

/** Marks a new request picked up by a connector; false when someone already had. */
export async function markPickedUp(db: Executor, id: string, accountId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('contact_request')
    .set({ status: 'picked_up', picked_up_by: accountId, picked_up_at: at })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
