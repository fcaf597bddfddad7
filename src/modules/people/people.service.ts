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
import { activeScopes, toConsent, toPerson, type Person, type PersonSummary } from './person.ts';

export const notFound = () => new DomainError('NotFound', 'There is no such person.');

/** The organisation that holds a record (an id only), or a 404. */
export async function holderOf(access: Access, personId: string): Promise<string> {
  if (!isUuid(personId)) throw notFound();
  const row = await access.lookup((db) => db.selectFrom('person').select('organisation_id').where('id', '=', personId).executeTakeFirst());
  if (!row) throw notFound();
  return row.organisation_id;
}

export async function loadPerson(trx: Transaction<DB>, id: string): Promise<Person> {
  const row = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const consents = await trx
    .selectFrom('person_consent')
    .selectAll()
    .where('person_id', '=', id)
    .orderBy('granted_at', 'desc')
    .orderBy('id')
    .execute();
  return toPerson(row, consents.map(toConsent));
}

function personColumns(input: PersonInput) {
  return {
    display_name: input.displayName,
    preferred_language: input.preferredLanguage,
    other_languages: input.otherLanguages,
    english_ok: input.englishOk,
    interpreter_needed: input.interpreterNeeded,
    interpreter_language: input.interpreterLanguage,
    contact_method: input.contactMethod,
    phone: input.phone,
    email: input.email,
    safe_to_call: input.safeToCall,
    safe_to_text: input.safeToText,
    safe_to_leave_message: input.safeToLeaveMessage,
    area: input.area,
    outcode: input.outcode,
    gender: input.gender,
    age_band: input.ageBand,
  };
}

const dayEnd = (d: string) => new Date(`${d}T23:59:59Z`);

export function peopleService(access: Access) {
  const subject = (id: string | null) => ({ subjectType: 'person', subjectId: id });

  async function insertConsent(trx: Transaction<DB>, personId: string, c: ConsentInput, by: string): Promise<string> {
    const id = newId();
    await trx
      .insertInto('person_consent')
      .values({
        id,
        person_id: personId,
        kind: c.kind,
        scope: c.scope,
        given_by: c.givenBy,
        recorded_by: by,
        granted_at: access.now(),
        expires_at: c.expiresOn ? dayEnd(c.expiresOn) : null,
      })
      .execute();
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
        async (trx) => {
          const rows = await trx
            .selectFrom('person as p')
            .select(['p.id', 'p.display_name', 'p.preferred_language', 'p.updated_at'])
            .select((eb) =>
              eb
                .selectFrom('conversation as c')
                .select('c.status')
                .whereRef('c.person_id', '=', 'p.id')
                .orderBy('c.started_at', 'desc')
                .limit(1)
                .as('last_status'),
            )
            .where('p.organisation_id', '=', org)
            .where('p.closed_at', 'is', null)
            .orderBy('p.updated_at', 'desc')
            .orderBy('p.id')
            .limit(500)
            .execute();
          return rows.map((r) => ({
            id: r.id,
            displayName: r.display_name,
            preferredLanguage: r.preferred_language,
            updatedAt: r.updated_at,
            lastConversation: r.last_status ?? null,
          }));
        },
      );
    },

    /** Makes a record together with its 'store' consent (and a 'contact' consent when given). */
    create: (input: PersonInput, store: ConsentInput, contact: ConsentInput | null): Promise<string> => {
      const org = access.actor?.organisationId ?? '';
      const id = newId();
      return access.run(
        'person.create',
        { organisationId: org },
        { ...subject(id), details: { storeScope: store.scope, contact: contact?.scope ?? [] } },
        async (trx, actor) => {
          const now = access.now();
          await trx
            .insertInto('person')
            .values({ id, organisation_id: org, ...personColumns(input), created_by: actor.accountId, created_at: now, updated_at: now })
            .execute();
          await insertConsent(trx, id, store, actor.accountId);
          if (contact) await insertConsent(trx, id, contact, actor.accountId);
          return id;
        },
      );
    },

    /** One record with its consents. Audited as a look at the record. */
    async get(id: string): Promise<Person> {
      const org = await holderOf(access, id);
      return access.run('person.view', { organisationId: org }, subject(id), (trx) => loadPerson(trx, id));
    },

    /** Changes the details. Phone and e-mail are refused unless contact details may be stored. */
    async update(id: string, input: PersonInput): Promise<{ ok: true } | { ok: false; field: string }> {
      const org = await holderOf(access, id);
      return access.run('person.update', { organisationId: org }, { ...subject(id), action: 'person.update' }, async (trx) => {
        const person = await loadPerson(trx, id);
        if ((input.phone || input.email) && !activeScopes(person.consents, 'store', access.now()).includes('contact_details'))
          return { ok: false, field: input.phone ? 'phone' : 'email' };
        await trx
          .updateTable('person')
          .set({ ...personColumns(input), updated_at: access.now() })
          .where('id', '=', id)
          .execute();
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
        (trx, actor) => insertConsent(trx, id, consent, actor.accountId),
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
          const c = await trx
            .selectFrom('person_consent')
            .selectAll()
            .where('id', '=', consentId)
            .where('person_id', '=', id)
            .executeTakeFirst();
          if (!c) throw new DomainError('NotFound', 'There is no such consent.');
          if (c.withdrawn_at) return;
          await trx
            .updateTable('person_consent')
            .set({ withdrawn_at: now, withdrawn_by: actor.accountId })
            .where('id', '=', consentId)
            .execute();
          const person = await loadPerson(trx, id);
          const stillStored = activeScopes(person.consents, 'store', now);
          if (!stillStored.includes('contact_details'))
            await trx.updateTable('person').set({ phone: null, email: null, updated_at: now }).where('id', '=', id).execute();
          if (!stillStored.includes('conversation')) {
            await trx
              .updateTable('conversation')
              .set({
                status: 'erased',
                answers: '{}',
                chosen: '[]',
                next_steps: null,
                erased_at: now,
                updated_at: now,
                updated_by: actor.accountId,
              })
              .where('person_id', '=', id)
              .where('status', '!=', 'erased')
              .execute();
          }
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
