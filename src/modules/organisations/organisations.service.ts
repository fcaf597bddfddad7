/**
 * Partner organisations, policy-checked: listing, creating, renaming,
 * linking the directory organisations whose listings a provider keeps up to
 * date, and suspending (which stops every member of staff signing in and
 * ends their sessions at once).
 */
import { DomainError } from '../../platform/http/errors.ts';
import type { Access } from '../../platform/auth/access.ts';
import { deleteOrganisationSessions } from '../../platform/auth/session.repository.ts';
import type { StaffOrganisationKind } from '../../platform/db/schema.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Problem } from '../accounts/problems.ts';
import { canManageListings, isOrganisationKind, roleFitsOrganisation } from './roles.ts';

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: StaffOrganisationKind;
  operator: boolean;
  suspendedAt: Date | null;
  createdAt: Date;
  staffCount: number;
  listingCount: number;
}

export interface LinkedListing {
  id: string;
  name: string;
  serviceCount: number;
}

export interface OrganisationDetail extends OrganisationSummary {
  listings: LinkedListing[];
}

export type Result<T, F extends string = string> = { ok: true; value: T } | { ok: false; problems: Problem<F>[] };

export interface OrganisationInput {
  name: string;
  kind: string;
}

const cleanName = (s: string) => s.trim().replace(/\s+/g, ' ');
export const MAX_REASON_LENGTH = 500;

function checkInput(input: OrganisationInput): Problem<'name' | 'kind'>[] {
  const problems: Problem<'name' | 'kind'>[] = [];
  const name = cleanName(input.name);
  if (!name) problems.push({ field: 'name', code: 'nameMissing' });
  else if (name.length > 120) problems.push({ field: 'name', code: 'nameTooLong' });
  if (!isOrganisationKind(input.kind)) problems.push({ field: 'kind', code: 'kindInvalid' });
  return problems;
}

export function organisationsService(access: Access) {
  const notFound = () => new DomainError('NotFound', 'There is no such organisation.');

  async function load(trx: Parameters<Parameters<Access['run']>[3]>[0], id: string): Promise<OrganisationDetail | null> {
    const org = await trx.selectFrom('staff_organisation').selectAll().where('id', '=', id).executeTakeFirst();
    if (!org) return null;
    const staff = await trx
      .selectFrom('staff_account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow();
    const listings = await trx
      .selectFrom('staff_organisation_listing as l')
      .innerJoin('organization as d', 'd.id', 'l.organization_id')
      .select(['d.id', 'd.name'])
      .select((eb) =>
        eb
          .selectFrom('service as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.organization_id', '=', 'd.id')
          .as('services'),
      )
      .where('l.staff_organisation_id', '=', id)
      .orderBy('d.name')
      .execute();
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      operator: org.operator,
      suspendedAt: org.suspended_at,
      createdAt: org.created_at,
      staffCount: Number(staff.n),
      listingCount: listings.length,
      listings: listings.map((l) => ({ id: l.id, name: l.name, serviceCount: Number(l.services ?? 0) })),
    };
  }

  return {
    /** Every organisation, operator first, then by name. Names and counts only: no personal data, so not audited. */
    list: (): Promise<OrganisationSummary[]> =>
      access.run('organisation.list', {}, null, async (trx) => {
        const rows = await trx
          .selectFrom('staff_organisation as o')
          .selectAll('o')
          .select((eb) => [
            eb
              .selectFrom('staff_account as a')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('a.organisation_id', '=', 'o.id')
              .as('staff'),
            eb
              .selectFrom('staff_organisation_listing as l')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('l.staff_organisation_id', '=', 'o.id')
              .as('listings'),
          ])
          .orderBy('o.operator', 'desc')
          .orderBy('o.name')
          .execute();
        return rows.map((o) => ({
          id: o.id,
          name: o.name,
          kind: o.kind,
          operator: o.operator,
          suspendedAt: o.suspended_at,
          createdAt: o.created_at,
          staffCount: Number(o.staff ?? 0),
          listingCount: Number(o.listings ?? 0),
        }));
      }),

    async create(input: OrganisationInput): Promise<Result<string, 'name' | 'kind'>> {
      const problems = checkInput(input);
      if (problems.length) return { ok: false, problems };
      const name = cleanName(input.name);
      const kind = input.kind as StaffOrganisationKind;
      return access.run(
        'organisation.create',
        {},
        (r: Result<string>) => ({ subjectType: 'staff_organisation', subjectId: r.ok ? r.value : null, details: { name, kind, ok: r.ok } }),
        async (trx): Promise<Result<string, 'name' | 'kind'>> => {
          const clash = await trx
            .selectFrom('staff_organisation')
            .select('id')
            .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
            .executeTakeFirst();
          if (clash) return { ok: false, problems: [{ field: 'name', code: 'nameTaken' }] };
          const id = newId();
          await trx.insertInto('staff_organisation').values({ id, name, kind, created_at: access.now() }).execute();
          return { ok: true, value: id };
        },
      );
    },

    /** One organisation with its linked listings. Its own staff may see it; administrators any. */
    async get(id: string): Promise<OrganisationDetail> {
      if (!isUuid(id)) throw notFound();
      const org = await access.run('organisation.view', { organisationId: id }, null, (trx) => load(trx, id));
      if (!org) throw notFound();
      return org;
    },

    async update(id: string, input: OrganisationInput): Promise<Result<void, 'name' | 'kind'>> {
      if (!isUuid(id)) throw notFound();
      const problems = checkInput(input);
      if (problems.length) return { ok: false, problems };
      const name = cleanName(input.name);
      const kind = input.kind as StaffOrganisationKind;
      return access.run(
        'organisation.update',
        { organisationId: id },
        (r: Result<void>) => ({ subjectType: 'staff_organisation', subjectId: id, details: { name, kind, ok: r.ok } }),
        async (trx): Promise<Result<void, 'name' | 'kind'>> => {
          const org = await trx.selectFrom('staff_organisation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
          if (!org) throw notFound();
          const clash = await trx
            .selectFrom('staff_organisation')
            .select('id')
            .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
            .where('id', '!=', id)
            .executeTakeFirst();
          if (clash) return { ok: false, problems: [{ field: 'name', code: 'nameTaken' }] };
          const roles = await trx.selectFrom('staff_account').select('role').distinct().where('organisation_id', '=', id).execute();
          if (roles.some((r) => !roleFitsOrganisation(r.role, { kind, operator: org.operator }))) {
            return { ok: false, problems: [{ field: 'kind', code: 'kindDoesNotFitStaff' }] };
          }
          await trx.updateTable('staff_organisation').set({ name, kind }).where('id', '=', id).execute();
          if (!canManageListings(kind))
            await trx.deleteFrom('staff_organisation_listing').where('staff_organisation_id', '=', id).execute();
          return { ok: true, value: undefined };
        },
      );
    },

    /** Lets the organisation's provider staff edit this directory organisation's listings. */
    async linkListing(id: string, directoryOrganizationId: string): Promise<Result<void, 'listing'>> {
      if (!isUuid(id)) throw notFound();
      const target = directoryOrganizationId.trim().toLowerCase();
      return access.run(
        'organisation.update',
        { organisationId: id },
        (r: Result<void>) => ({
          action: 'organisation.listing_linked',
          subjectType: 'staff_organisation',
          subjectId: id,
          details: { organizationId: target, ok: r.ok },
        }),
        async (trx): Promise<Result<void, 'listing'>> => {
          const org = await trx.selectFrom('staff_organisation').select(['kind']).where('id', '=', id).executeTakeFirst();
          if (!org) throw notFound();
          if (!canManageListings(org.kind)) return { ok: false, problems: [{ field: 'listing', code: 'listingsOnlyForProviders' }] };
          const exists = isUuid(target) && (await trx.selectFrom('organization').select('id').where('id', '=', target).executeTakeFirst());
          if (!exists) return { ok: false, problems: [{ field: 'listing', code: 'listingUnknown' }] };
          await trx
            .insertInto('staff_organisation_listing')
            .values({ staff_organisation_id: id, organization_id: target })
            .onConflict((oc) => oc.columns(['staff_organisation_id', 'organization_id']).doNothing())
            .execute();
          return { ok: true, value: undefined };
        },
      );
    },

    async unlinkListing(id: string, directoryOrganizationId: string): Promise<void> {
      if (!isUuid(id) || !isUuid(directoryOrganizationId)) throw notFound();
      await access.run(
        'organisation.update',
        { organisationId: id },
        {
          action: 'organisation.listing_unlinked',
          subjectType: 'staff_organisation',
          subjectId: id,
          details: { organizationId: directoryOrganizationId },
        },
        async (trx) => {
          await trx
            .deleteFrom('staff_organisation_listing')
            .where('staff_organisation_id', '=', id)
            .where('organization_id', '=', directoryOrganizationId)
            .execute();
        },
      );
    },

    /** Suspends (with a reason) or reinstates an organisation. Suspending ends its staff's sessions. */
    async setSuspended(id: string, suspend: boolean, reason: string): Promise<Result<void, 'reason'>> {
      if (!isUuid(id)) throw notFound();
      const why = reason.trim();
      if (suspend && !why) return { ok: false, problems: [{ field: 'reason', code: 'reasonMissing' }] };
      if (why.length > MAX_REASON_LENGTH) return { ok: false, problems: [{ field: 'reason', code: 'reasonTooLong' }] };
      return access.run(
        'organisation.suspend',
        { organisationId: id },
        (r: Result<void> & { ended?: number }) => ({
          action: suspend ? 'organisation.suspended' : 'organisation.reinstated',
          subjectType: 'staff_organisation',
          subjectId: id,
          reason: why || null,
          details: { ok: r.ok, sessionsEnded: r.ended ?? 0 },
        }),
        async (trx): Promise<Result<void, 'reason'> & { ended?: number }> => {
          const org = await trx.selectFrom('staff_organisation').select(['operator']).where('id', '=', id).forUpdate().executeTakeFirst();
          if (!org) throw notFound();
          if (suspend && org.operator) return { ok: false, problems: [{ field: 'reason', code: 'cannotSuspendOperator' }] };
          await trx
            .updateTable('staff_organisation')
            .set({ suspended_at: suspend ? access.now() : null })
            .where('id', '=', id)
            .execute();
          const ended = suspend ? await deleteOrganisationSessions(trx, id) : 0;
          return { ok: true, value: undefined, ended };
        },
      );
    },

    /** Directory organisations whose name matches, for linking (public directory data). */
    findDirectoryOrganizations: (query: string): Promise<{ id: string; name: string }[]> => {
      const q = query.trim();
      if (q.length < 2) return Promise.resolve([]);
      return access.run('organisation.update', {}, null, (trx) =>
        trx
          .selectFrom('organization')
          .select(['id', 'name'])
          .where('name', 'ilike', `%${q.replace(/[\\%_]/g, '\\$&')}%`)
          .orderBy('name')
          .limit(20)
          .execute(),
      );
    },
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;
