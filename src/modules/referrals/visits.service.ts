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
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { consentInForce, shareSource } from './referral-read.ts';
import { sharedView, type SharedView } from './referral-sharing.ts';

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
async function publicPlace(trx: Transaction<DB>, serviceId: string): Promise<string | null> {
  const l = await trx
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .leftJoin('belong_location as bl', 'bl.location_id', 'l.id')
    .leftJoin('address as ad', (j) => j.onRef('ad.location_id', '=', 'l.id').on('ad.address_type', '=', 'physical'))
    .select(['l.name', 'l.location_type', 'bl.confidential', 'bl.area_name', 'ad.city'])
    .where('sal.service_id', '=', serviceId)
    .orderBy('l.name')
    .orderBy('l.id')
    .executeTakeFirst();
  if (!l) return null;
  if (l.confidential) return l.area_name ?? null;
  return [l.name, l.city].filter((x): x is string => !!x && x.trim() !== '').join(', ') || l.area_name || null;
}

export function visitsService(access: Access) {
  return {
    /** The actor's own visits as companion, the soonest first. */
    async mine(): Promise<CompanionVisit[]> {
      const self = { accountId: access.actor?.accountId ?? '' };
      const accountId = self.accountId;
      // Ids only: whose visits there are, so each person's read is audited under them.
      const people = accountId
        ? await access.lookup((db) =>
            db
              .selectFrom('referral_attempt as a')
              .innerJoin('referral as r', 'r.id', 'a.referral_id')
              .select('r.person_id')
              .distinct()
              .where('a.companion_account_id', '=', accountId)
              .where('a.state', 'in', [...VISIT_STATES])
              .execute(),
          )
        : [];
      if (!people.length) return access.run('visit.view_own', self, null, async () => []);
      const out: CompanionVisit[] = [];
      for (const { person_id } of people) {
        const visits = await access.run(
          'visit.view_own',
          self,
          { subjectType: 'person', subjectId: person_id, action: 'visit.view_own' },
          async (trx, actor) => {
            const now = access.now();
            const rows = await trx
              .selectFrom('referral_attempt as a')
              .innerJoin('referral as r', 'r.id', 'a.referral_id')
              .select([
                'a.id',
                'a.referral_id',
                'a.service_id',
                'a.service_name',
                'a.first_visit_date',
                'a.shared_fields',
                'a.share_consent_id',
              ])
              .where('r.person_id', '=', person_id)
              .where('a.companion_account_id', '=', actor.accountId)
              .where('a.state', 'in', [...VISIT_STATES])
              .execute();
            const found: CompanionVisit[] = [];
            for (const a of rows) {
              if (!a.first_visit_date) continue;
              const live = await consentInForce(trx, a.share_consent_id, now);
              const fields = live ? a.shared_fields.filter((f) => (COMPANION_FIELDS as readonly string[]).includes(f)) : [];
              const view = fields.length ? sharedView(fields, await shareSource(trx, a.referral_id, now)) : {};
              found.push({
                attemptId: a.id,
                serviceName: a.service_name,
                place: await publicPlace(trx, a.service_id),
                firstVisitDate: a.first_visit_date,
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
