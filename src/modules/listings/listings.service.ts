/**
 * Editing listings (the write path for provider self-service), policy-checked:
 *
 *   listing.edit     save a service (provider staff: only services of the
 *                    directory organisations their organisation manages)
 *   listing.view     "Your listings" and one listing's edit pages
 *   listing.approve  decide on changes to sensitive fields
 *
 * Every save is audited with the fields that changed. Changes to sensitive
 * fields (safeguarding vetting, a confidential location; listing-changes.ts)
 * by anyone who may not approve them do not apply: they are kept as a
 * change request in `listing_change`, in the same transaction as the rest of
 * the edit, until an administrator approves or rejects them. Approving
 * applies them through the same save, and refuses when a field no longer has
 * the value it had when the change was asked for.
 *
 * A save can touch more than the service: it upserts the graph's
 * organisation and its locations, and a service or location may already
 * belong to someone else. So the resource is every directory organisation the
 * save would touch — the graph's organisation, the organisation that owns the
 * service now, and the owners of any existing locations it names — and each
 * must be managed by the actor's organisation. The set is worked out again
 * inside the transaction and the save refused if it changed meanwhile.
 */
import type { Kysely, Transaction } from 'kysely';
import { AccessDenied, type Access } from '../../platform/auth/access.ts';
import type { DB, ListingChangeStatus } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { loadFieldOrigins, saveServiceGraph, type FieldOriginRow, type SaveResult } from '../directory/directory.service.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import { applyChanges, changedPaths, sensitiveChanges, staleChanges, withoutSensitive, type FieldChange } from './listing-changes.ts';
import type { FormProblem, SectionResult } from './listing-form.ts';
import { loadServiceGraph } from './listing-graph.repository.ts';
import { applyQuickAction, reviewFlag, type QuickAction, type ReviewFlag } from './listing-quick.ts';

/** Stands for "no organisation" (a location without one): nobody but an administrator manages it. */
const UNOWNED = '(no organisation)';

type Db = Kysely<DB> | Transaction<DB>;

/** Every directory organisation a save of this graph would touch. */
export async function organisationsTouched(db: Db, graph: ServiceGraph): Promise<string[]> {
  const ids = new Set<string>([graph.organization.id]);
  const service = await db.selectFrom('service').select('organization_id').where('id', '=', graph.service.id).executeTakeFirst();
  if (service) ids.add(service.organization_id);
  const locationIds = graph.locations.map((l) => l.id);
  if (locationIds.length) {
    const rows = await db.selectFrom('location').select('organization_id').where('id', 'in', locationIds).execute();
    for (const r of rows) ids.add(r.organization_id ?? UNOWNED);
  }
  return [...ids].sort();
}

/** The organisations a stored service touches now: its own and its locations' owners (ids only). */
async function organisationsOfService(db: Db, serviceId: string): Promise<string[] | null> {
  const service = await db.selectFrom('service').select('organization_id').where('id', '=', serviceId).executeTakeFirst();
  if (!service) return null;
  const rows = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .select('l.organization_id')
    .where('sal.service_id', '=', serviceId)
    .execute();
  return [...new Set([service.organization_id, ...rows.map((r) => r.organization_id ?? UNOWNED)])].sort();
}

const today = (d: Date) => d.toISOString().slice(0, 10);

export interface ListingSummary {
  serviceId: string;
  name: string;
  organizationId: string;
  organizationName: string;
  status: string;
  /** null: not stated. */
  capacityStatus: string | null;
  acceptingReferrals: boolean | null;
  reviewDue: string | null;
  assuredDate: string | null;
  review: ReviewFlag;
  pending: number;
}

export type ListingFilter = 'all' | 'overdue' | 'dueSoon' | 'pending';
export const LISTING_FILTERS: readonly ListingFilter[] = ['all', 'overdue', 'dueSoon', 'pending'];

export interface ChangeRequest {
  id: string;
  serviceId: string;
  serviceName: string;
  organizationName: string;
  requestedBy: string;
  requestedByOrganisation: string;
  requestedAt: Date;
  changes: FieldChange[];
  status: ListingChangeStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
}

export type EditOutcome = { ok: true; applied: string[]; pending: FieldChange[] } | { ok: false; problems: FormProblem[] };
export type DecisionOutcome = { ok: true } | { ok: false; why: 'notPending' | 'stale' | 'noteMissing'; fields?: string[] };

/** Thrown inside a transaction to undo it and report form problems instead. */
class Rejected extends Error {
  constructor(public readonly problems: FormProblem[]) {
    super('rejected');
  }
}
class Refused extends Error {
  constructor(public readonly outcome: Extract<DecisionOutcome, { ok: false }>) {
    super('refused');
  }
}

const MAX_LIST = 200;

async function changeRequests(
  db: Db,
  where: { ids?: string[]; serviceId?: string; status?: ListingChangeStatus },
): Promise<ChangeRequest[]> {
  let q = db
    .selectFrom('listing_change as c')
    .innerJoin('service as s', 's.id', 'c.service_id')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .innerJoin('staff_account as a', 'a.id', 'c.requested_by')
    .innerJoin('staff_organisation as so', 'so.id', 'a.organisation_id')
    .leftJoin('staff_account as d', 'd.id', 'c.decided_by')
    .select([
      'c.id',
      'c.service_id',
      'c.requested_at',
      'c.changes',
      'c.status',
      'c.decided_at',
      'c.note',
      's.name as service_name',
      'o.name as organization_name',
      'a.name as requested_by',
      'so.name as requested_by_org',
      'd.name as decided_by',
    ]);
  if (where.ids) q = q.where('c.id', 'in', where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  if (where.serviceId) q = q.where('c.service_id', '=', where.serviceId);
  if (where.status) q = q.where('c.status', '=', where.status);
  const rows = await q.orderBy('c.requested_at').orderBy('c.id').limit(MAX_LIST).execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationName: r.organization_name,
    requestedBy: r.requested_by,
    requestedByOrganisation: r.requested_by_org,
    requestedAt: r.requested_at,
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as FieldChange[],
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    note: r.note,
  }));
}

export function listingsService(access: Access) {
  /** Resource for reading listings: everything for those the policy lets see any; else the actor's own. */
  const viewScope = () => (access.can('listing.view') ? {} : { listingOrganizationIds: access.actor?.listingOrganizationIds ?? [] });

  async function serviceResource(serviceId: string): Promise<string[]> {
    const orgs = await access.lookup((db) => organisationsOfService(db, serviceId));
    if (!orgs) throw new DomainError('NotFound', 'There is no such listing.');
    return orgs;
  }

  const self = {
    /** Saves a whole service (validated by the caller with parseServiceGraph). */
    async save(graph: ServiceGraph, reason?: string): Promise<SaveResult> {
      const touched = await access.lookup((db) => organisationsTouched(db, graph));
      return access.run(
        'listing.edit',
        { listingOrganizationIds: touched },
        (r: SaveResult) => ({
          subjectType: 'service',
          subjectId: graph.service.id,
          reason: reason?.trim() || null,
          details: { created: r.created, changedFields: r.changedFields, organizationId: graph.organization.id },
        }),
        async (trx, actor) => {
          const again = await organisationsTouched(trx, graph);
          if (again.join() !== touched.join()) throw new AccessDenied('listing.edit', 'noGrant');
          return saveServiceGraph(trx, graph, `staff:${actor.accountId}`);
        },
      );
    },

    /** The listings this person looks after (administrators: all, filtered), soonest review first. */
    async list(opts: { filter?: ListingFilter; q?: string } = {}): Promise<ListingSummary[]> {
      const now = today(access.now());
      return access.run('listing.view', viewScope(), null, async (trx, actor) => {
        let q = trx
          .selectFrom('service as s')
          .innerJoin('organization as o', 'o.id', 's.organization_id')
          .leftJoin('belong_service as b', 'b.service_id', 's.id')
          .select((eb) => [
            's.id',
            's.name',
            's.status',
            's.assured_date',
            'o.id as organization_id',
            'o.name as organization_name',
            'b.capacity_status',
            'b.accepting_referrals',
            'b.review_due',
            eb
              .selectFrom('listing_change as c')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('c.service_id', '=', 's.id')
              .where('c.status', '=', 'pending')
              .as('pending'),
          ]);
        if (!access.can('listing.view'))
          q = q.where(
            's.organization_id',
            'in',
            actor.listingOrganizationIds.length ? actor.listingOrganizationIds : ['00000000-0000-0000-0000-000000000000'],
          );
        const text = opts.q?.trim();
        if (text)
          q = q.where((eb) =>
            eb.or([
              eb('s.name', 'ilike', `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
              eb('o.name', 'ilike', `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
            ]),
          );
        if (opts.filter === 'overdue') q = q.where((eb) => eb.or([eb('b.review_due', '<', now), eb('b.review_due', 'is', null)]));
        if (opts.filter === 'dueSoon') q = q.where('b.review_due', '>=', now);
        if (opts.filter === 'pending')
          q = q.where((eb) =>
            eb.exists(
              eb.selectFrom('listing_change as c').select('c.id').whereRef('c.service_id', '=', 's.id').where('c.status', '=', 'pending'),
            ),
          );
        const rows = await q
          .orderBy('b.review_due', (ob) => ob.asc().nullsFirst())
          .orderBy('s.name')
          .orderBy('s.id')
          .limit(MAX_LIST)
          .execute();
        const out = rows.map((r) => {
          const due = r.review_due ? String(r.review_due).slice(0, 10) : null;
          return {
            serviceId: r.id,
            name: r.name,
            organizationId: r.organization_id,
            organizationName: r.organization_name,
            status: r.status,
            capacityStatus: r.capacity_status ?? null,
            acceptingReferrals: r.accepting_referrals ?? null,
            reviewDue: due,
            assuredDate: r.assured_date ? String(r.assured_date).slice(0, 10) : null,
            review: reviewFlag(due, now),
            pending: Number(r.pending ?? 0),
          };
        });
        return opts.filter === 'dueSoon' ? out.filter((l) => l.review === 'dueSoon') : out;
      });
    },

    /** One listing as a whole graph, with its change requests still waiting and the fields people changed in Belong. */
    async get(serviceId: string): Promise<{ graph: ServiceGraph; pending: ChangeRequest[]; origins: Map<string, FieldOriginRow> }> {
      const orgs = await serviceResource(serviceId);
      return access.run('listing.view', { listingOrganizationIds: orgs }, null, async (trx) => {
        const graph = await loadServiceGraph(trx, serviceId, today(access.now()));
        if (!graph) throw new DomainError('NotFound', 'There is no such listing.');
        const origins = await loadFieldOrigins(trx, serviceId, graph.organization.id);
        return { graph, pending: await changeRequests(trx, { serviceId, status: 'pending' }), origins };
      });
    },

    /**
     * Changes a listing: `change` gets the listing as it is now (read inside
     * the transaction) and returns the new version or form problems. Sensitive
     * changes by someone who may not approve them become a change request.
     */
    async edit(
      serviceId: string,
      change: (current: ServiceGraph) => SectionResult,
      opts: { what?: string; reason?: string } = {},
    ): Promise<EditOutcome> {
      const orgs = await serviceResource(serviceId);
      try {
        return await access.run(
          'listing.edit',
          { listingOrganizationIds: orgs },
          (r: Extract<EditOutcome, { ok: true }>) => ({
            subjectType: 'service',
            subjectId: serviceId,
            reason: opts.reason?.trim() || null,
            details: { what: opts.what ?? null, changedFields: r.applied, waitingForApproval: r.pending.map((c) => c.field) },
          }),
          async (trx, actor) => {
            const current = await loadServiceGraph(trx, serviceId, today(access.now()));
            if (!current) throw new DomainError('NotFound', 'There is no such listing.');
            const result = change(current);
            if (!result.ok) throw new Rejected(result.problems);
            const touched = await organisationsTouched(trx, result.graph);
            if (touched.some((id) => !orgs.includes(id)) && !access.can('listing.edit', { listingOrganizationIds: touched }))
              throw new AccessDenied('listing.edit', 'noGrant');
            const sensitive = sensitiveChanges(current, result.graph);
            const direct = access.can('listing.approve');
            const next = direct ? result.graph : withoutSensitive(result.graph, sensitive);
            const pending = direct ? [] : sensitive;
            const applied = changedPaths(current, next);
            if (applied.length)
              await saveServiceGraph(trx, next, `staff:${actor.accountId}`, {
                origin: direct ? 'administrator' : 'provider',
                before: current,
              });
            if (pending.length) {
              await trx
                .insertInto('listing_change')
                .values({
                  id: newId(),
                  service_id: serviceId,
                  requested_by: actor.accountId,
                  requested_at: access.now(),
                  changes: JSON.stringify(pending),
                })
                .execute();
            }
            return { ok: true as const, applied, pending };
          },
        );
      } catch (e) {
        if (e instanceof Rejected) return { ok: false, problems: e.problems };
        throw e;
      }
    },

    /** A one-tap change from the listings page (full, places available, still correct, …). */
    quick(serviceId: string, action: QuickAction): Promise<EditOutcome> {
      const who = access.actor ? `${access.actor.name} (${access.actor.organisationName})` : 'staff';
      return self.edit(serviceId, (g) => ({ ok: true, graph: applyQuickAction(g, action, today(access.now()), who) }), {
        what: `quick:${action}`,
      });
    },

    /** Change requests waiting for a decision (administrators). */
    pendingApprovals(): Promise<ChangeRequest[]> {
      return access.run('listing.approve', {}, null, (trx) => changeRequests(trx, { status: 'pending' }));
    },

    /** One change request with the listing as it is now, for the diff. */
    approval(id: string): Promise<{ request: ChangeRequest; current: ServiceGraph | null }> {
      return access.run('listing.approve', {}, null, async (trx) => {
        const [request] = await changeRequests(trx, { ids: [id] });
        if (!request) throw new DomainError('NotFound', 'There is no such change request.');
        return { request, current: await loadServiceGraph(trx, request.serviceId, today(access.now())) };
      });
    },

    /** Approves (applies) or rejects a change request; a rejection needs a reason. */
    async decide(id: string, decision: 'approved' | 'rejected', note: string): Promise<DecisionOutcome> {
      const reason = note.trim();
      if (decision === 'rejected' && !reason) return { ok: false, why: 'noteMissing' };
      try {
        return await access
          .run(
            'listing.approve',
            {},
            (r: { serviceId: string; fields: string[] }) => ({
              action: decision === 'approved' ? 'listing.approve' : 'listing.reject',
              subjectType: 'listing_change',
              subjectId: id,
              reason: reason || null,
              details: { serviceId: r.serviceId, fields: r.fields },
            }),
            async (trx, actor) => {
              const row = await trx
                .selectFrom('listing_change')
                .select(['service_id', 'status'])
                .where('id', '=', id)
                .forUpdate()
                .executeTakeFirst();
              if (!row) throw new DomainError('NotFound', 'There is no such change request.');
              if (row.status !== 'pending') throw new Refused({ ok: false, why: 'notPending' });
              const [request] = await changeRequests(trx, { ids: [id] });
              const fields = request!.changes.map((c) => c.field);
              if (decision === 'approved') {
                const current = await loadServiceGraph(trx, row.service_id, today(access.now()));
                if (!current) throw new DomainError('NotFound', 'There is no such listing.');
                const stale = staleChanges(current, request!.changes);
                if (stale.length) throw new Refused({ ok: false, why: 'stale', fields: stale.map((c) => c.field) });
                await saveServiceGraph(trx, applyChanges(current, request!.changes), `staff:${actor.accountId}`, {
                  origin: 'administrator',
                  before: current,
                });
              }
              await trx
                .updateTable('listing_change')
                .set({ status: decision, decided_by: actor.accountId, decided_at: access.now(), note: reason || null })
                .where('id', '=', id)
                .execute();
              return { serviceId: row.service_id, fields };
            },
          )
          .then(() => ({ ok: true as const }));
      } catch (e) {
        if (e instanceof Refused) return e.outcome;
        throw e;
      }
    },
  };
  return self;
}

export type ListingsService = ReturnType<typeof listingsService>;
