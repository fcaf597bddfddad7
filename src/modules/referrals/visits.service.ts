/**
 * "Visits you are going with": the first visits a volunteer has been named
 * for as the person's companion. A volunteer sees only what is needed to go
 * along — the service, where it is (its public place: for a confidential
 * location only the area, never the address) and the date — and, only while
 * the person's share consent is in force and only if those fields were
 * shared, the person's chosen name and their language / interpreter need.
 * Never contact details, the need or the summary.
 *
 * Each person's visits are read in their own policy-checked transaction,
 * audited under that person.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { Executor } from '../../platform/db/executor.ts';
import { consentInForce, shareSource } from './referral-read.repository.ts';
import { sharedView, type SharedView } from './referral-sharing.ts';
import { firstLocationOf, peopleWithCompanion, visitsWithCompanion } from './visits.repository.ts';

/** The attempt states in which a booked visit is still ahead or going on. */
export const VISIT_STATES = ['first_visit_booked', 'attending'] as const;

/** Of the shared fields, the only ones a companion is shown. */
export const COMPANION_FIELDS = ['name', 'language'] as const;

export interface CompanionVisit {
  attemptId: string;
  serviceName: string;
  /** The public place: a named location with its town, or only the area of a confidential one. */
  place: string | null;
  firstVisitDate: string;
  /** Only 'name' and 'language', only when shared under a consent in force. */
  person: Pick<SharedView, 'name' | 'language'>;
}

/** Where a service happens, as the public may see it. */
async function publicPlace(db: Executor, serviceId: string): Promise<string | null> {
  const l = await firstLocationOf(db, serviceId);
  if (!l) return null;
  if (l.confidential) return l.areaName ?? null;
  return [l.name, l.city].filter((x): x is string => !!x && x.trim() !== '').join(', ') || l.areaName || null;
}

export function visitsService(access: Access) {
  return {
    /** The actor's own visits as companion, the soonest first. */
    async mine(): Promise<CompanionVisit[]> {
      const self = { accountId: access.actor?.accountId ?? '' };
      const accountId = self.accountId;
      // Ids only: whose visits there are, so each person's read is audited under them.
      const people = accountId ? await access.lookup((db) => peopleWithCompanion(db, accountId, VISIT_STATES)) : [];
      if (!people.length) return access.run('visit.view_own', self, null, async () => []);
      const out: CompanionVisit[] = [];
      for (const personId of people) {
        const visits = await access.run(
          'visit.view_own',
          self,
          { subjectType: 'person', subjectId: personId, action: 'visit.view_own' },
          async (trx, actor) => {
            const now = access.now();
            const rows = await visitsWithCompanion(trx, personId, actor.accountId, VISIT_STATES);
            const found: CompanionVisit[] = [];
            for (const a of rows) {
              if (!a.firstVisitDate) continue;
              const live = await consentInForce(trx, a.shareConsentId, now);
              const fields = live ? a.sharedFields.filter((f) => (COMPANION_FIELDS as readonly string[]).includes(f)) : [];
              const view = fields.length ? sharedView(fields, await shareSource(trx, a.referralId, now)) : {};
              found.push({
                attemptId: a.attemptId,
                serviceName: a.serviceName,
                place: await publicPlace(trx, a.serviceId),
                firstVisitDate: a.firstVisitDate,
                person: { ...(view.name !== undefined ? { name: view.name } : {}), ...(view.language ? { language: view.language } : {}) },
              });
            }
            return found;
          },
        );
        out.push(...visits);
      }
      return out.sort((x, y) => x.firstVisitDate.localeCompare(y.firstVisitDate) || x.attemptId.localeCompare(y.attemptId));
    },
  };
}
