/**
 * Hand-overs between deployments, policy-checked (policy.ts `handover.*`):
 * exportPackage seals only what the person agreed to pass on
 * (handover-package.ts; their consent is recorded as a 'share' consent with
 * no recipient organisation in this deployment); importPackage opens it and
 * makes a new record held by the importing organisation, with the referral
 * history kept as history only (table handover_import). Every step is
 * audited under the person. Part of handoverService (handover.service.ts).
 */
import type { Access } from '../../platform/auth/access.ts';
import { newId } from '../../platform/ids.ts';
import { holderOf, insertShareConsent } from '../people/people.service.ts';
import { activeScopes } from '../people/person.ts';
import {
  newPackageId,
  openPackage,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  sealPackage,
  type HandoverContents,
  type HandoverPart,
  type OpenError,
} from './handover-package.ts';
import {
  insertImportedRecord,
  latestFinishedConversation,
  measuresForPackage,
  organisationName,
  packageImported,
  personForPackage,
  referralsForPackage,
} from './handover-packages.repository.ts';
import type { GivenBy } from './handover.model.ts';

export type ImportResult = { ok: true; personId: string } | { ok: false; error: OpenError | 'already_imported'; detail?: string };

export function handoverPackagesService(access: Access) {
  const subject = (id: string | null) => ({ subjectType: 'person', subjectId: id });
  const ownOrg = () => access.actor?.organisationId ?? '';

  return {
    /**
     * Seals a package with what the person agreed to pass on (their consent
     * is recorded as a 'share' consent with no recipient organisation in this
     * deployment). Returns the file's text and a file name.
     */
    async exportPackage(
      personId: string,
      scope: ('record' | HandoverPart)[],
      givenBy: GivenBy,
      passphrase: string,
    ): Promise<{ fileName: string; text: string }> {
      const org = await holderOf(access, personId);
      const packageId = newPackageId();
      const contents = await access.run(
        'handover.export',
        { organisationId: org },
        { ...subject(personId), action: 'handover.export', details: { packageId, scope } },
        async (trx, actor) => {
          const at = access.now();
          await insertShareConsent(trx, {
            id: newId(),
            personId,
            scope,
            recipientOrganisationId: null,
            purpose: `handover-export:${packageId}`,
            givenBy,
            recordedBy: actor.accountId,
            at,
          });
          const { person, consents } = await personForPackage(trx, personId);
          const contactKept = activeScopes(consents, 'store', at).includes('contact_details');
          const fromOrganisation = await organisationName(trx, org);
          const conv = await latestFinishedConversation(trx, personId);
          const has = (part: HandoverPart) => scope.includes(part);
          const measures = has('measures') ? await measuresForPackage(trx, personId) : [];
          const referrals = has('referrals') ? await referralsForPackage(trx, personId) : [];
          const out: HandoverContents = {
            format: PACKAGE_FORMAT,
            version: PACKAGE_VERSION,
            packageId,
            exportedAt: at.toISOString(),
            fromOrganisation,
            scope,
            person: { ...person, phone: contactKept ? person.phone : null, email: contactKept ? person.email : null },
            conversation: has('conversation') && conv ? conv.conversation : null,
            plan: has('plan') && has('conversation') && conv ? conv.plan : null,
            measures,
            referrals,
          };
          return out;
        },
      );
      const text = await sealPackage(contents, passphrase);
      return { fileName: `belong-handover-${packageId.slice(0, 8)}.json`, text };
    },

    /** Opens a package and makes a new record held by the actor's organisation. Nothing is saved unless it opens. */
    async importPackage(fileText: string, passphrase: string, givenBy: GivenBy): Promise<ImportResult> {
      const org = ownOrg();
      if (!access.can('handover.import', { organisationId: org })) {
        // Let the policy refuse (and record the refusal) before anything is opened.
        await access.run(
          'handover.import',
          { organisationId: org },
          { subjectType: 'person', subjectId: null, action: 'handover.import' },
          async () => null,
        );
      }
      const opened = await openPackage(fileText, passphrase);
      if (!opened.ok) {
        await access.run(
          'handover.import',
          { organisationId: org },
          { subjectType: 'person', subjectId: null, action: 'handover.import_refused', details: { error: opened.error } },
          async () => null,
        );
        return { ok: false, error: opened.error, ...(opened.detail ? { detail: opened.detail } : {}) };
      }
      const c = opened.contents;
      const personId = newId();
      return access.run(
        'handover.import',
        { organisationId: org },
        (r: ImportResult) =>
          r.ok
            ? {
                ...subject(personId),
                action: 'handover.import',
                details: { packageId: c.packageId, scope: c.scope, fromOrganisation: c.fromOrganisation },
              }
            : {
                subjectType: 'person',
                subjectId: null,
                action: 'handover.import_refused',
                details: { error: r.error, packageId: c.packageId },
              },
        async (trx, actor): Promise<ImportResult> => {
          if (await packageImported(trx, c.packageId, org)) return { ok: false, error: 'already_imported' };
          const contact = !!(c.person.phone || c.person.email);
          const store = [
            'record',
            ...(c.conversation ? ['conversation'] : []),
            ...(c.measures.length ? ['measures'] : []),
            ...(contact ? ['contact_details'] : []),
          ];
          await insertImportedRecord(trx, c, { personId, organisationId: org, store, givenBy, by: actor.accountId, at: access.now() });
          return { ok: true, personId };
        },
      );
    },
  };
}
