/**
 * People's records, policy-checked: only connectors of the organisation that
 * holds a record reach it (policy.ts, `person.*`), and every read is written
 * to the audit log under the person (subject type 'person'), so "who has
 * looked at this record" is complete.
 *
 * Consent: a record is only made together with a 'store' consent (what may
 * be kept: always the record itself, and optionally the conversation,
 * measures and contact details). Withdrawing a consent stops that use at
 * once:
 *   - 'store' covering contact_details: phone and e-mail are blanked;
 *   - 'store' covering ethnicity: their ethnic group is forgotten;
 *   - 'store' covering conversation: every conversation's answers and plan
 *     are erased (status 'erased'), and no conversation can be started or
 *     continued until the person agrees again;
 *   - 'contact': the plan can no longer be sent that way.
 * Consents are never deleted, so what was agreed, and when, stays visible.
 */
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { auditEventsForSubject, type AuditRow } from '../../platform/audit/audit.repository.ts';
import type { ConsentInput, PersonInput } from './person-form.ts';
import { activeScopes, type Person, type PersonSummary } from './person.ts';
import {
  eraseConversations,
  findConsent,
  forgetContactDetails,
  forgetEthnicity,
  insertConsent,
  insertPerson,
  loadPerson,
  peopleOf,
  personHolder,
  updatePerson,
  withdrawConsent,
} from './people.repository.ts';

export const notFound = () => new DomainError('NotFound', 'There is no such person.');

/** The organisation that holds a record (an id only), or a 404. */
export async function holderOf(access: Access, personId: string): Promise<string> {
  if (!isUuid(personId)) throw notFound();
  const org = await access.lookup((db) => personHolder(db, personId));
  if (!org) throw notFound();
  return org;
}

/**
 * For the modules built on a person's record, inside their own
 * policy-checked transaction: the record with its consents, a 'share'
 * consent the person gives (a referral sent, a hand-over), and erasing their
 * conversations (a record handed over without them).
 */
export { eraseConversations, insertShareConsent, loadPerson } from './people.repository.ts';

export function peopleService(access: Access) {
  const subject = (id: string | null) => ({ subjectType: 'person', subjectId: id });

  async function addConsent(trx: Transaction<DB>, personId: string, consent: ConsentInput, by: string): Promise<string> {
    const id = newId();
    await insertConsent(trx, { id, personId, consent, recordedBy: by, at: access.now() });
    return id;
  }

  return {
    /** The records this connector's organisation holds, newest first. */
    list: (): Promise<PersonSummary[]> => {
      const org = access.actor?.organisationId ?? '';
      return access.run(
        'person.list',
        { organisationId: org },
        { subjectType: 'person', subjectId: null, details: { organisationId: org } },
        (trx) => peopleOf(trx, org),
      );
    },

    /** Makes a record together with its 'store' consent (and a 'contact' consent when given). */
    create: (input: PersonInput, store: ConsentInput, contact: ConsentInput | null): Promise<string> => {
      const org = access.actor?.organisationId ?? '';
      const id = newId();
      if (input.ethnicity && !store.scope.includes('ethnicity'))
        return Promise.reject(new DomainError('BadRequest', 'An ethnic group is kept only when the person agreed to it being kept.'));
      return access.run(
        'person.create',
        { organisationId: org },
        { ...subject(id), details: { storeScope: store.scope, contact: contact?.scope ?? [] } },
        async (trx, actor) => {
          await insertPerson(trx, { id, organisationId: org, input, createdBy: actor.accountId, at: access.now() });
          await addConsent(trx, id, store, actor.accountId);
          if (contact) await addConsent(trx, id, contact, actor.accountId);
          return id;
        },
      );
    },

    /** One record with its consents. Audited as a look at the record. */
    async get(id: string): Promise<Person> {
      const org = await holderOf(access, id);
      return access.run('person.view', { organisationId: org }, subject(id), (trx) => loadPerson(trx, id));
    },

    /** Changes the details. Phone and e-mail (ethnic group) are refused unless contact details (ethnicity) may be stored. */
    async update(id: string, input: PersonInput): Promise<{ ok: true } | { ok: false; field: string }> {
      const org = await holderOf(access, id);
      return access.run('person.update', { organisationId: org }, { ...subject(id), action: 'person.update' }, async (trx) => {
        const person = await loadPerson(trx, id);
        if ((input.phone || input.email) && !activeScopes(person.consents, 'store', access.now()).includes('contact_details'))
          return { ok: false, field: input.phone ? 'phone' : 'email' };
        if (input.ethnicity && !activeScopes(person.consents, 'store', access.now()).includes('ethnicity'))
          return { ok: false, field: 'ethnicity' };
        await updatePerson(trx, id, input, access.now());
        return { ok: true };
      });
    },

    /** Records a consent the person has given. */
    async recordConsent(id: string, consent: ConsentInput): Promise<string> {
      const org = await holderOf(access, id);
      return access.run(
        'consent.record',
        { organisationId: org },
        { ...subject(id), details: { kind: consent.kind, scope: consent.scope } },
        (trx, actor) => addConsent(trx, id, consent, actor.accountId),
      );
    },

    /** Withdraws a consent and stops the use it allowed (see the module comment). */
    async withdrawConsent(id: string, consentId: string): Promise<void> {
      const org = await holderOf(access, id);
      if (!isUuid(consentId)) throw new DomainError('NotFound', 'There is no such consent.');
      await access.run(
        'consent.record',
        { organisationId: org },
        { ...subject(id), action: 'consent.withdraw', details: { consentId } },
        async (trx, actor) => {
          const now = access.now();
          const c = await findConsent(trx, id, consentId);
          if (!c) throw new DomainError('NotFound', 'There is no such consent.');
          if (c.withdrawnAt) return;
          await withdrawConsent(trx, consentId, actor.accountId, now);
          const person = await loadPerson(trx, id);
          const stillStored = activeScopes(person.consents, 'store', now);
          if (!stillStored.includes('contact_details')) await forgetContactDetails(trx, id, now);
          if (!stillStored.includes('ethnicity')) await forgetEthnicity(trx, id, now);
          if (!stillStored.includes('conversation')) await eraseConversations(trx, id, actor.accountId, now);
        },
      );
    },

    /** Who has looked at or changed this record, newest first (the connectors who hold it may see this). */
    async history(id: string): Promise<AuditRow[]> {
      const org = await holderOf(access, id);
      return access.run('person.history', { organisationId: org }, { ...subject(id), action: 'person.history' }, (trx) =>
        auditEventsForSubject(trx, 'person', id),
      );
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
