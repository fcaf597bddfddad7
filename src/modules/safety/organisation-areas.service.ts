/**
 * Administrators say which areas each referring organisation covers
 * (organisation.update; audited with the codes before and after).
 */
import type { Access } from '../../platform/auth/access.ts';
import {
  isReferringOrganisation,
  loadOrganisationAreas,
  replaceOrganisationAreas,
  type OrganisationAreas,
} from './organisation-areas.repository.ts';

export type { OrganisationAreas };

export function organisationAreasService(access: Access) {
  return {
    list(): Promise<OrganisationAreas[]> {
      return access.run('organisation.list', {}, null, (trx) => loadOrganisationAreas(trx));
    },
    /** False when there is no such referring organisation. */
    async save(organisationId: string, outcodes: readonly string[]): Promise<boolean> {
      if (!(await access.lookup((db) => isReferringOrganisation(db, organisationId)))) return false;
      await access.run(
        'organisation.update',
        { organisationId },
        (before: string[]) => ({
          action: 'organisation.areas',
          subjectType: 'staff_organisation',
          subjectId: organisationId,
          details: { before, after: outcodes },
        }),
        (trx) => replaceOrganisationAreas(trx, organisationId, outcodes),
      );
      return true;
    },
  };
}
