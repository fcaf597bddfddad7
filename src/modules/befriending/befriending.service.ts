/**
 * Befriending matches, policy-checked. A coordinator (a connector of the
 * organisation holding the person's record) finds volunteers of their own
 * organisation who break no hard rule (volunteer-match.ts), proposes one, and
 * records the person's agreement (a share consent naming the volunteer's
 * organisation). The volunteer accepts or declines. Only when both agreed
 * does the volunteer see who the person is and how to reach them, and the
 * person see the volunteer's first name at /my. A match then runs over
 * weeks: planned contacts, a log of each (done / missed, a note), the
 * person's check-ins, a review date, and a kind ending with a goodbye step.
 * A safeguarding concern raised from a contact reaches the coordinator at
 * once (a message in the same transaction, and a flag on their list).
 *
 * Every read or change that touches a person is audited under the person.
 */
import type { Transaction } from 'kysely';
import type { Access, AuditSpec } from '../../platform/auth/access.ts';
import type { DB, MatchEndReason, MatchMode } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { londonDate } from '../matching/match.service.ts';
import { holderOf, insertShareConsent, loadPerson } from '../people/people.service.ts';
import { inForce, languagesSpoken, type Person } from '../people/person.ts';
import type { Slot } from './availability.ts';
import {
  accountBasics,
  checkInsOf,
  checksOf,
  concernsOf,
  connectorsOf,
  contactOf,
  contactsOf,
  insertConcern,
  insertContact,
  insertMatch,
  lockMatch,
  markConcernSeen,
  matchesOfOrganisation,
  matchesOfPerson,
  matchesOfVolunteer,
  matchById,
  matchParties,
  openMatchCounts,
  setPathwayStage,
  updateContact,
  updateMatch,
  volunteersOf,
  type MatchRow,
} from './befriending.repository.ts';
import { addDays } from './vetting.ts';
import { matchVolunteers, type BefriendingRequest, type VolunteerCandidate, type VolunteerMatchResult } from './volunteer-match.ts';
import { toRecord } from './volunteers.service.ts';

export const matchNotFound = () => new DomainError('NotFound', 'There is no such match.');

/** How long after the start a match is first reviewed. */
export const FIRST_REVIEW_DAYS = 8 * 7;
/** What the person agrees to pass to their volunteer. */
export const MATCH_SHARE_SCOPE = ['name', 'language', 'contact_details'];
export const END_REASONS = ['goal_met', 'group', 'person_choice', 'volunteer_choice'] as const satisfies readonly MatchEndReason[];
export const MAX_NOTE = 1000;

export interface FindInput {
  wantedGender: 'woman' | 'man' | null;
  mode: MatchMode | 'either';
  times: Slot[];
}

export type Result<E extends string = string> = { ok: true } | { ok: false; error: E };

export function requestFor(p: Person, f: FindInput): BefriendingRequest {
  return {
    ...languagesSpoken(p),
    outcode: p.outcode,
    wantedGender: f.wantedGender,
    mode: f.mode,
    times: f.times,
  };
}

/** The volunteers of an organisation who have a profile, as matching sees them. */
async function candidatesOf(trx: Transaction<DB>, organisationId: string): Promise<VolunteerCandidate[]> {
  const rows = (await volunteersOf(trx, organisationId)).filter((r) => r.updated_at !== null);
  const ids = rows.map((r) => r.id);
  const checks = await checksOf(trx, ids);
  const open = await openMatchCounts(trx, ids);
  return rows.map((r) => ({
    accountId: r.id,
    name: r.name,
    gender: r.gender ?? null,
    languages: r.languages ?? [],
    areas: r.areas ?? [],
    availability: r.availability ?? [],
    interests: r.interests ?? [],
    offers: r.offers ?? [],
    livedExperience: r.lived_experience ?? false,
    maxMatches: r.max_matches ?? 0,
    paused: r.paused ?? false,
    openMatches: open.get(r.id) ?? 0,
    checks: checks.filter((c) => c.account_id === r.id).map(toRecord),
  }));
}

/** Both sides agreed (and the person's share consent is still in force): the volunteer may know who the person is. */
export function bothAgreed(m: Pick<MatchRow, 'person_agreed_at' | 'volunteer_agreed_at' | 'state'>): boolean {
  return m.person_agreed_at !== null && m.volunteer_agreed_at !== null && ['active', 'ending', 'ended'].includes(m.state);
}

/** What a volunteer sees of a match. */
export interface VolunteerMatchView {
  id: string;
  state: MatchRow['state'];
  mode: MatchMode;
  /** Before both agreed: only what helps them decide (no name, no contact). */
  about: { language: string | null; area: string | null; times: string[] };
  /** Only after both agreed, and while the person's consent is in force. */
  person: { name: string; language: string; phone: string | null; safeToCall: boolean | null; safeToText: boolean | null } | null;
  coordinator: { name: string; email: string };
  reviewOn: string | null;
  goodbyeOn: string | null;
  endReason: MatchEndReason | null;
  contacts: Awaited<ReturnType<typeof contactsOf>>;
}

const reasonValue = (reasons: readonly string[], code: string): string | null => {
  const r = reasons.find((x) => x.startsWith(`${code}:`));
  return r ? r.slice(code.length + 1) : null;
};

export function befriendingService(access: Access, deps: { notifier: Notifier }) {
  const today = () => londonDate(access.now());
  const personAudit = (personId: string, action: string, details?: Record<string, unknown>): AuditSpec => ({
    subjectType: 'person',
    subjectId: personId,
    action,
    ...(details ? { details } : {}),
  });

  /** The ids the policy needs for a match (holder organisation, volunteer), or a 404. */
  async function parties(matchId: string) {
    if (!isUuid(matchId)) throw matchNotFound();
    const p = await access.lookup((db) => matchParties(db, matchId));
    if (!p) throw matchNotFound();
    return { personId: p.person_id, resource: { organisationId: p.organisation_id, accountId: p.volunteer_account_id } };
  }

  async function locked(trx: Transaction<DB>, matchId: string): Promise<MatchRow> {
    const m = await lockMatch(trx, matchId);
    if (!m) throw matchNotFound();
    return m;
  }

  async function tell(trx: Transaction<DB>, accountId: string, subject: string, text: string) {
    const a = await accountBasics(trx, accountId);
    if (a?.active) await deps.notifier.enqueue(trx, { to: a.email, subject, text });
  }

  async function activateIfAgreed(trx: Transaction<DB>, m: MatchRow, patch: Partial<MatchRow>) {
    const next = { ...m, ...patch };
    const now = access.now();
    if (next.person_agreed_at && next.volunteer_agreed_at)
      await updateMatch(trx, m.id, {
        ...patch,
        state: 'active',
        review_on: m.review_on ?? addDays(today(), FIRST_REVIEW_DAYS),
        updated_at: now,
      });
    else await updateMatch(trx, m.id, { ...patch, updated_at: now });
  }

  async function volunteerView(trx: Transaction<DB>, m: MatchRow): Promise<VolunteerMatchView> {
    const coordinator = await accountBasics(trx, m.coordinator_account_id);
    let person: VolunteerMatchView['person'] = null;
    if (bothAgreed(m) && m.share_consent_id) {
      const p = await loadPerson(trx, m.person_id);
      const consent = p.consents.find((c) => c.id === m.share_consent_id);
      if (consent && inForce(consent, access.now())) {
        const contact = consent.scope.includes('contact_details');
        person = {
          name: p.displayName,
          language: p.spokenLanguage ?? p.preferredLanguage,
          phone: contact ? p.phone : null,
          safeToCall: contact ? p.safeToCall : null,
          safeToText: contact ? p.safeToText : null,
        };
      }
    }
    return {
      id: m.id,
      state: m.state,
      mode: m.mode,
      about: {
        language: reasonValue(m.reasons, 'language'),
        area: reasonValue(m.reasons, 'area'),
        times: (reasonValue(m.reasons, 'times') ?? '').split(',').filter(Boolean),
      },
      person,
      coordinator: { name: coordinator?.name ?? '', email: coordinator?.email ?? '' },
      reviewOn: m.review_on,
      goodbyeOn: m.goodbye_on,
      endReason: m.end_reason,
      contacts: bothAgreed(m) ? await contactsOf(trx, m.id) : [],
    };
  }

  return {
    /** Volunteers of the coordinator's organisation for this person: suggestions with reasons, and who was ruled out by which rule. */
    async find(personId: string, f: FindInput): Promise<{ personName: string; request: BefriendingRequest; result: VolunteerMatchResult }> {
      const org = await holderOf(access, personId);
      return access.run('befriending.find', { organisationId: org }, personAudit(personId, 'befriending.find'), async (trx) => {
        const person = await loadPerson(trx, personId);
        const request = requestFor(person, f);
        return { personName: person.displayName, request, result: matchVolunteers(request, await candidatesOf(trx, org), today()) };
      });
    },

    /**
     * Proposes a match. The hard rules are checked again here, at the moment of proposing,
     * so a volunteer whose vetting ran out (or who filled up) since the list was shown is refused.
     */
    async propose(
      personId: string,
      f: FindInput & { volunteerAccountId: string; goal: string | null },
    ): Promise<{ ok: true; matchId: string } | { ok: false; error: 'not_suitable' | 'already' }> {
      const org = await holderOf(access, personId);
      return access.run(
        'befriending.propose',
        { organisationId: org },
        (r) =>
          personAudit(
            personId,
            'befriending.propose',
            r.ok ? { matchId: r.matchId, volunteer: f.volunteerAccountId } : { refused: r.error },
          ),
        async (trx, actor) => {
          const person = await loadPerson(trx, personId);
          const result = matchVolunteers(requestFor(person, f), await candidatesOf(trx, org), today());
          const chosen = result.suggestions.find((s) => s.accountId === f.volunteerAccountId);
          if (!chosen) return { ok: false as const, error: 'not_suitable' as const };
          const existing = await matchesOfPerson(trx, personId);
          if (existing.some((m) => m.volunteer_account_id === chosen.accountId && ['proposed', 'active', 'ending'].includes(m.state)))
            return { ok: false as const, error: 'already' as const };
          const id = newId();
          const now = access.now();
          await insertMatch(trx, {
            id,
            person_id: personId,
            organisation_id: org,
            volunteer_account_id: chosen.accountId,
            coordinator_account_id: actor.accountId,
            mode: chosen.mode,
            state: 'proposed',
            reasons: chosen.reasons,
            goal: f.goal,
            created_at: now,
            updated_at: now,
          });
          await tell(
            trx,
            chosen.accountId,
            'A befriending match has been proposed to you',
            `${actor.name} has proposed that you befriend someone. Sign in to Belong and open "Your befriending" to see what you need to decide, then accept or decline.`,
          );
          return { ok: true as const, matchId: id };
        },
      );
    },

    /** The coordinator records that the person agreed (in their words, to the coordinator): their share consent for the volunteer. */
    async personAgreed(matchId: string): Promise<Result<'not_proposed'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.manage',
        resource,
        personAudit(personId, 'befriending.person_agreed', { matchId }),
        async (trx, actor) => {
          const m = await locked(trx, matchId);
          if (m.state !== 'proposed' || m.person_agreed_at) return { ok: false, error: 'not_proposed' };
          const volunteer = await accountBasics(trx, m.volunteer_account_id);
          const consentId = newId();
          const now = access.now();
          await insertShareConsent(trx, {
            id: consentId,
            personId,
            scope: MATCH_SHARE_SCOPE,
            recipientOrganisationId: volunteer?.organisationId ?? null,
            purpose: 'befriending',
            givenBy: 'verbal',
            recordedBy: actor.accountId,
            at: now,
          });
          await activateIfAgreed(trx, m, { person_agreed_at: now, share_consent_id: consentId });
          return { ok: true };
        },
      );
    },

    /** The coordinator withdraws a proposal, or records that the person said no. */
    async decline(matchId: string, by: 'person' | 'coordinator'): Promise<Result<'not_proposed'>> {
      const { personId, resource } = await parties(matchId);
      return access.run('befriending.manage', resource, personAudit(personId, 'befriending.decline', { matchId, by }), async (trx) => {
        const m = await locked(trx, matchId);
        if (m.state !== 'proposed') return { ok: false, error: 'not_proposed' };
        await updateMatch(trx, matchId, { state: by === 'person' ? 'declined' : 'withdrawn', declined_by: by, updated_at: access.now() });
        await tell(
          trx,
          m.volunteer_account_id,
          'A befriending proposal was withdrawn',
          'A befriending match proposed to you will not go ahead. Thank you.',
        );
        return { ok: true };
      });
    },

    /** The volunteer accepts or declines a proposal made to them. */
    async respond(matchId: string, answer: 'accept' | 'decline'): Promise<Result<'not_proposed'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.respond',
        resource,
        personAudit(personId, `befriending.volunteer_${answer}`, { matchId }),
        async (trx) => {
          const m = await locked(trx, matchId);
          if (m.state !== 'proposed' || m.volunteer_agreed_at) return { ok: false, error: 'not_proposed' };
          if (answer === 'decline') {
            await updateMatch(trx, matchId, { state: 'declined', declined_by: 'volunteer', updated_at: access.now() });
            await tell(
              trx,
              m.coordinator_account_id,
              'A volunteer declined a befriending match',
              'A volunteer has declined a match you proposed. Open the person’s page in Belong to find someone else.',
            );
          } else {
            await activateIfAgreed(trx, m, { volunteer_agreed_at: access.now() });
          }
          return { ok: true };
        },
      );
    },

    /** Plans a contact (the volunteer or a coordinator). */
    async planContact(matchId: string, c: { date: string; time: string | null }): Promise<Result<'not_running'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.log_contact',
        resource,
        personAudit(personId, 'befriending.contact_plan', { matchId }),
        async (trx) => {
          const m = await locked(trx, matchId);
          if (m.state !== 'active' && m.state !== 'ending') return { ok: false, error: 'not_running' };
          await insertContact(trx, {
            id: newId(),
            match_id: matchId,
            planned_on: c.date,
            planned_time: c.time,
            status: 'planned',
            created_at: access.now(),
          });
          return { ok: true };
        },
      );
    },

    /**
     * Logs a contact: a planned one (contactId) or one not planned (date), done or missed, with a note.
     * A concern, when given, reaches the coordinator at once.
     */
    async logContact(
      matchId: string,
      c: { contactId: string | null; date: string | null; status: 'done' | 'missed'; note: string | null; concern: string | null },
    ): Promise<Result<'not_running' | 'no_contact'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.log_contact',
        resource,
        personAudit(personId, 'befriending.contact_log', { matchId, status: c.status, concern: !!c.concern }),
        async (trx, actor) => {
          const m = await locked(trx, matchId);
          if (m.state !== 'active' && m.state !== 'ending') return { ok: false, error: 'not_running' };
          const now = access.now();
          let contactId = c.contactId;
          if (contactId) {
            const planned = isUuid(contactId) ? await contactOf(trx, matchId, contactId) : undefined;
            if (!planned || planned.status !== 'planned') return { ok: false, error: 'no_contact' };
            await updateContact(trx, contactId, { status: c.status, note: c.note, logged_by: actor.accountId, logged_at: now });
          } else {
            contactId = newId();
            await insertContact(trx, {
              id: contactId,
              match_id: matchId,
              planned_on: c.date ?? today(),
              status: c.status,
              note: c.note,
              logged_by: actor.accountId,
              logged_at: now,
              created_at: now,
            });
          }
          if (c.concern) {
            await insertConcern(trx, {
              id: newId(),
              match_id: matchId,
              contact_id: contactId,
              raised_by: actor.accountId,
              raised_at: now,
              note: c.concern,
            });
            // At once, and to every coordinator of the organisation, so nobody on leave holds it up.
            const to = new Set([m.coordinator_account_id, ...(await connectorsOf(trx, m.organisation_id)).map((x) => x.id)]);
            for (const id of to)
              await tell(
                trx,
                id,
                'Safeguarding concern raised',
                `${actor.name} raised a safeguarding concern from a befriending contact. Open Belong now: Befriending, then the match marked "new concern".`,
              );
          }
          return { ok: true };
        },
      );
    },

    async setReview(matchId: string, date: string): Promise<Result<'not_running'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.manage',
        resource,
        personAudit(personId, 'befriending.review_date', { matchId, date }),
        async (trx) => {
          const m = await locked(trx, matchId);
          if (m.state !== 'active' && m.state !== 'ending') return { ok: false, error: 'not_running' };
          await updateMatch(trx, matchId, { review_on: date, updated_at: access.now() });
          return { ok: true };
        },
      );
    },

    /** Starts a kind ending: why, and the day of the goodbye contact. Moving on to a group moves the pathway on too. */
    async startEnding(matchId: string, e: { reason: MatchEndReason; goodbyeOn: string }): Promise<Result<'not_active'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.manage',
        resource,
        personAudit(personId, 'befriending.ending', { matchId, reason: e.reason }),
        async (trx, actor) => {
          const m = await locked(trx, matchId);
          if (m.state !== 'active') return { ok: false, error: 'not_active' };
          const now = access.now();
          await updateMatch(trx, matchId, {
            state: 'ending',
            end_reason: e.reason,
            goodbye_on: e.goodbyeOn,
            ending_started_at: now,
            updated_at: now,
          });
          await insertContact(trx, {
            id: newId(),
            match_id: matchId,
            planned_on: e.goodbyeOn,
            planned_time: null,
            status: 'planned',
            note: 'goodbye',
            created_at: now,
          });
          if (e.reason === 'group') await setPathwayStage(trx, personId, 'groups', actor.accountId, now);
          await tell(
            trx,
            m.volunteer_account_id,
            'A befriending match is coming to an end',
            `The match will end with a goodbye contact on ${e.goodbyeOn}. Thank you for everything you have done.`,
          );
          return { ok: true };
        },
      );
    },

    /** The goodbye happened: the match ends. */
    async finish(matchId: string, note: string | null): Promise<Result<'not_ending'>> {
      const { personId, resource } = await parties(matchId);
      return access.run('befriending.manage', resource, personAudit(personId, 'befriending.ended', { matchId }), async (trx) => {
        const m = await locked(trx, matchId);
        if (m.state !== 'ending') return { ok: false, error: 'not_ending' };
        const now = access.now();
        await updateMatch(trx, matchId, { state: 'ended', goodbye_note: note, ended_at: now, updated_at: now });
        return { ok: true };
      });
    },

    async concernSeen(matchId: string, concernId: string): Promise<Result<'not_found'>> {
      const { personId, resource } = await parties(matchId);
      return access.run(
        'befriending.manage',
        resource,
        personAudit(personId, 'befriending.concern_seen', { matchId, concernId }),
        async (trx, actor) =>
          isUuid(concernId) && (await markConcernSeen(trx, matchId, concernId, actor.accountId, access.now()))
            ? { ok: true as const }
            : { ok: false as const, error: 'not_found' as const },
      );
    },

    /** A match as its coordinator sees it: everything, with the contacts, concerns and the person's check-ins. */
    async detail(matchId: string) {
      const { personId, resource } = await parties(matchId);
      return access.run('befriending.view', resource, personAudit(personId, 'befriending.view', { matchId }), async (trx) => {
        const m = (await matchById(trx, matchId))!;
        const person = await loadPerson(trx, personId);
        const volunteer = await accountBasics(trx, m.volunteer_account_id);
        return {
          match: m,
          personName: person.displayName,
          personLanguage: person.spokenLanguage ?? person.preferredLanguage,
          volunteerName: volunteer?.name ?? '',
          contacts: await contactsOf(trx, matchId),
          concerns: await concernsOf(trx, matchId),
          checkIns: await checkInsOf(trx, matchId),
        };
      });
    },

    /** A person's matches (their page). */
    async ofPerson(personId: string) {
      const org = await holderOf(access, personId);
      return access.run('befriending.view', { organisationId: org }, personAudit(personId, 'befriending.view'), (trx) =>
        matchesOfPerson(trx, personId),
      );
    },

    /** The coordinator's list: every open match of their organisation, concerns first. */
    async ofOrganisation() {
      const org = access.actor?.organisationId ?? '';
      return access.run(
        'befriending.view',
        { organisationId: org },
        { subjectType: 'person', subjectId: null, action: 'befriending.list', details: { organisationId: org } },
        async (trx) => {
          const rows = await matchesOfOrganisation(trx, org);
          return rows.map((r) => ({ ...r, open_concerns: Number(r.open_concerns ?? 0) })).sort((a, b) => b.open_concerns - a.open_concerns);
        },
      );
    },

    /** The signed-in volunteer's own matches; each read audited under its person. */
    async mine(): Promise<VolunteerMatchView[]> {
      const self = access.actor?.accountId ?? '';
      const ids = self ? await access.lookup((db) => matchesOfVolunteer(db, self)) : [];
      if (!ids.length) return access.run('befriending.view_own', { accountId: self }, null, async () => []);
      const out: VolunteerMatchView[] = [];
      for (const row of ids)
        out.push(
          await access.run(
            'befriending.view_own',
            { accountId: self },
            personAudit(row.person_id, 'befriending.view_own', { matchId: row.id }),
            async (trx) => volunteerView(trx, (await matchById(trx, row.id))!),
          ),
        );
      return out;
    },

    /** One match as its volunteer sees it (another volunteer is refused by the policy). */
    async forVolunteer(matchId: string): Promise<VolunteerMatchView> {
      const { personId, resource } = await parties(matchId);
      return access.run('befriending.view_own', resource, personAudit(personId, 'befriending.view_own', { matchId }), async (trx) =>
        volunteerView(trx, (await matchById(trx, matchId))!),
      );
    },
  };
}

export type BefriendingService = ReturnType<typeof befriendingService>;
