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
import { currentCode, endSessionsOf, insertCode, personNameAndLanguage, revokeCodes } from './person-access.repository.ts';

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
        await revokeCodes(trx, personId, at);
        const expiresAt = accessExpiry(at);
        await insertCode(trx, {
          id: newId(),
          personId,
          codeHash: codeHash(key, code),
          pinHash,
          issuedBy: actor.accountId,
          issuedAt: at,
          expiresAt,
        });
        const p = await personNameAndLanguage(trx, personId);
        return {
          code,
          pin,
          expiresAt,
          personName: p.displayName,
          language: isLocaleCode(p.preferredLanguage) ? p.preferredLanguage : 'en',
        };
      });
    },

    async revoke(personId: string): Promise<void> {
      const org = await holderOf(access, personId);
      await access.run('person.update', { organisationId: org }, subject(personId, 'person_access.revoke'), async (trx) => {
        const at = access.now();
        await revokeCodes(trx, personId, at);
        await endSessionsOf(trx, personId, at);
      });
    },

    /** The code in use now, if any (for the person's page; dates only, so not an audited read of the record). */
    async status(personId: string): Promise<AccessStatus | null> {
      const org = await holderOf(access, personId);
      return access.run('person.view', { organisationId: org }, null, async (trx) => {
        const r = await currentCode(trx, personId);
        if (!r) return null;
        const now = access.now();
        return { issuedAt: r.issuedAt, expiresAt: r.expiresAt, locked: r.lockedAt !== null, expired: now >= r.expiresAt };
      });
    },
  };
}
