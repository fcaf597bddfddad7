/**
 * Giving a person access to their own record at /my (connectors of the
 * organisation that holds the record; policy action `person.update`,
 * audited as `person_access.issue` / `person_access.revoke` under the person).
 *
 * No separate consent is asked: what the person sees at /my is their own
 * information (their right of access), and they choose whether to use the
 * code. The code and PIN are returned once, to be printed for the person;
 * only hashes are kept. Issuing again revokes any earlier code.
 */
import type { Access } from '../../platform/auth/access.ts';
import { addressHashKey } from '../../platform/auth/client-address.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import { holderOf } from '../people/people.service.ts';
import { accessExpiry, codeHash, newAccessCode, newPin } from './access-code.ts';

export interface IssuedAccess {
  code: string;
  pin: string;
  expiresAt: Date;
  personName: string;
  language: LocaleCode;
}

export interface AccessStatus {
  issuedAt: Date;
  expiresAt: Date;
  locked: boolean;
  expired: boolean;
}

export function personAccessService(access: Access) {
  const subject = (personId: string, action: string) => ({ subjectType: 'person', subjectId: personId, action });
  return {
    async issue(personId: string): Promise<IssuedAccess> {
      const org = await holderOf(access, personId);
      const key = await access.lookup((db) => addressHashKey(db));
      const code = newAccessCode();
      const pin = newPin();
      const pinHash = await hashPassword(pin);
      return access.run('person.update', { organisationId: org }, subject(personId, 'person_access.issue'), async (trx, actor) => {
        const at = access.now();
        await trx
          .updateTable('person_access')
          .set({ revoked_at: at })
          .where('person_id', '=', personId)
          .where('revoked_at', 'is', null)
          .execute();
        const expiresAt = accessExpiry(at);
        await trx
          .insertInto('person_access')
          .values({
            id: newId(),
            person_id: personId,
            code_hash: codeHash(key, code),
            pin_hash: pinHash,
            issued_by: actor.accountId,
            issued_at: at,
            expires_at: expiresAt,
          })
          .execute();
        const p = await trx
          .selectFrom('person')
          .select(['display_name', 'preferred_language'])
          .where('id', '=', personId)
          .executeTakeFirstOrThrow();
        return {
          code,
          pin,
          expiresAt,
          personName: p.display_name,
          language: isLocaleCode(p.preferred_language) ? p.preferred_language : 'en',
        };
      });
    },

    async revoke(personId: string): Promise<void> {
      const org = await holderOf(access, personId);
      await access.run('person.update', { organisationId: org }, subject(personId, 'person_access.revoke'), async (trx) => {
        const at = access.now();
        await trx
          .updateTable('person_access')
          .set({ revoked_at: at })
          .where('person_id', '=', personId)
          .where('revoked_at', 'is', null)
          .execute();
        await trx
          .updateTable('person_access_session')
          .set({ ended_at: at })
          .where('person_id', '=', personId)
          .where('ended_at', 'is', null)
          .execute();
      });
    },

    /** The code in use now, if any (for the person's page; dates only, so not an audited read of the record). */
    async status(personId: string): Promise<AccessStatus | null> {
      const org = await holderOf(access, personId);
      return access.run('person.view', { organisationId: org }, null, async (trx) => {
        const r = await trx
          .selectFrom('person_access')
          .select(['issued_at', 'expires_at', 'locked_at'])
          .where('person_id', '=', personId)
          .where('revoked_at', 'is', null)
          .orderBy('issued_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (!r) return null;
        const now = access.now();
        return { issuedAt: r.issued_at, expiresAt: r.expires_at, locked: r.locked_at !== null, expired: now >= r.expires_at };
      });
    },
  };
}
