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
import {
  directoryOrganizationExists,
  directoryOrganizationsNamed,
  insertOrganisation,
  linkListing,
  listOrganisations,
  loadOrganisation,
  organisationKind,
  organisationNameTaken,
  renameOrganisation,
  setOrganisationSuspended,
  staffRolesIn,
  unlinkListings,
  type OrganisationDetail,
  type OrganisationSummary,
} from './organisations.repository.ts';
import { canManageListings, isOrganisationKind, roleFitsOrganisation } from './roles.ts';

export type { LinkedListing, OrganisationDetail, OrganisationSummary } from './organisations.repository.ts';

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

  return {
    /** Every organisation, operator first, then by name. Names and counts only: no personal data, so not audited. */
    list: (): Promise<OrganisationSummary[]> => access.run('organisation.list', {}, null, (trx) => listOrganisations(trx)),

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
          if (await organisationNameTaken(trx, name)) return { ok: false, problems: [{ field: 'name', code: 'nameTaken' }] };
          const id = newId();
          await insertOrganisation(trx, { id, name, kind, createdAt: access.now() });
          return { ok: true, value: id };
        },
      );
    },

    /** One organisation with its linked listings. Its own staff may see it; administrators any. */
    async get(id: string): Promise<OrganisationDetail> {
      if (!isUuid(id)) throw notFound();
      const org = await access.run('organisation.view', { organisationId: id }, null, (trx) => loadOrganisation(trx, id));
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
          const org = await organisationKind(trx, id, { lock: true });
          if (!org) throw notFound();
          if (await organisationNameTaken(trx, name, id)) return { ok: false, problems: [{ field: 'name', code: 'nameTaken' }] };
          const roles = await staffRolesIn(trx, id);
          if (roles.some((role) => !roleFitsOrganisation(role, { kind, operator: org.operator }))) {
            return { ok: false, problems: [{ field: 'kind', code: 'kindDoesNotFitStaff' }] };
          }
          await renameOrganisation(trx, id, { name, kind });
          if (!canManageListings(kind)) await unlinkListings(trx, id);
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
          const org = await organisationKind(trx, id);
          if (!org) throw notFound();
          if (!canManageListings(org.kind)) return { ok: false, problems: [{ field: 'listing', code: 'listingsOnlyForProviders' }] };
          const exists = isUuid(target) && (await directoryOrganizationExists(trx, target));
          if (!exists) return { ok: false, problems: [{ field: 'listing', code: 'listingUnknown' }] };
          await linkListing(trx, id, target);
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
        (trx) => unlinkListings(trx, id, directoryOrganizationId),
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
          const org = await organisationKind(trx, id, { lock: true });
          if (!org) throw notFound();
          if (suspend && org.operator) return { ok: false, problems: [{ field: 'reason', code: 'cannotSuspendOperator' }] };
          await setOrganisationSuspended(trx, id, suspend ? access.now() : null);
          const ended = suspend ? await deleteOrganisationSessions(trx, id) : 0;
          return { ok: true, value: undefined, ended };
        },
      );
    },

    /** Directory organisations whose name matches, for linking (public directory data). */
    findDirectoryOrganizations: (query: string): Promise<{ id: string; name: string }[]> => {
      const q = query.trim();
      if (q.length < 2) return Promise.resolve([]);
      return access.run('organisation.update', {}, null, (trx) => directoryOrganizationsNamed(trx, q));
    },
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;
