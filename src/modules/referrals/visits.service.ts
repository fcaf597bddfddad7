/**
 * "Visits you are going with": the first visits (and the first few sessions
 * after them) a volunteer has been named for as the person's companion or
 * travel buddy. A volunteer sees only what is needed to go along — the
 * service, where it is (its public place: for a confidential location only
 * the area, never the address), the date, and for each of their own sessions
 * the time and the meeting point — and, only while the person's share consent
 * is in force and only if those fields were shared, the person's chosen name
 * and their language / interpreter need. How to reach someone: the person's
 * phone only when the booker recorded the person agreed to it and it is
 * shared under a consent in force, otherwise the coordinator who booked it
 * (their work e-mail). Never the need or the summary, and never another
 * buddy's sessions.
 *
 * Each person's visits are read in their own policy-checked transaction,
 * audited under that person.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { Executor } from '../../platform/db/executor.ts';
import { consentInForce, shareSource } from './referral-read.repository.ts';
import { sharedView, type SharedView } from './referral-sharing.ts';
import { reachFor, type Reach } from './buddy-sessions.ts';
import { attemptsWithBuddy, bookerContact, firstVisitBooker, peopleWithBuddy, sessionsOfAttempt } from './buddy-sessions.repository.ts';
import type { PlannedSession } from './buddy-sessions.service.ts';
import { referrerOf } from './referral-inbox.repository.ts';
import type { AttemptState } from './referral-states.ts';
import { firstLocationOf } from './visits.repository.ts';

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
  state: AttemptState;
  /** Only the sessions this volunteer is the buddy for, in order. */
  sessions: Omit<PlannedSession, 'buddyAccountId' | 'buddyName'>[];
  /** Whom to call if plans change: the person (when they agreed) or the coordinator who booked it. */
  reach: Reach;
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
      const people = accountId ? await access.lookup((db) => peopleWithBuddy(db, accountId, VISIT_STATES)) : [];
      if (!people.length) return access.run('visit.view_own', self, null, async () => []);
      const out: CompanionVisit[] = [];
      for (const personId of people) {
        const visits = await access.run(
          'visit.view_own',
          self,
          { subjectType: 'person', subjectId: personId, action: 'visit.view_own' },
          async (trx, actor) => {
            const now = access.now();
            const rows = await attemptsWithBuddy(trx, personId, actor.accountId, VISIT_STATES);
            const found: CompanionVisit[] = [];
            for (const a of rows) {
              if (!a.first_visit_date) continue;
              const live = await consentInForce(trx, a.share_consent_id, now);
              const mine = (await sessionsOfAttempt(trx, a.id)).filter((x) => x.buddy_account_id === actor.accountId);
              const contactAgreed = mine.some((x) => x.contact_shared);
              const wanted = [...COMPANION_FIELDS, ...(contactAgreed ? (['contact'] as const) : [])] as readonly string[];
              const fields = live ? a.shared_fields.filter((f) => wanted.includes(f)) : [];
              const view = fields.length ? sharedView(fields, await shareSource(trx, a.referral_id, now)) : {};
              const latest = mine[mine.length - 1];
              const booker = latest?.booked_by ?? (await firstVisitBooker(trx, a.id));
              const coordinator = booker ? await bookerContact(trx, booker) : await referrerOf(trx, a.referral_id);
              found.push({
                attemptId: a.id,
                serviceName: a.service_name,
                place: await publicPlace(trx, a.service_id),
                firstVisitDate: String(a.first_visit_date),
                person: { ...(view.name !== undefined ? { name: view.name } : {}), ...(view.language ? { language: view.language } : {}) },
                state: a.state as AttemptState,
                sessions: mine.map((x) => ({
                  id: x.id,
                  number: x.number,
                  date: String(x.on_date),
                  time: x.at_time,
                  meetingPoint: x.meeting_point,
                  contactShared: x.contact_shared,
                  outcome: x.outcome,
                  outcomeNote: x.outcome_note,
                })),
                reach: reachFor(contactAgreed, view, coordinator),
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
