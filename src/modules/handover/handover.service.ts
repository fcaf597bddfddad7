/**
 * Moving area (issue 6, item 6), policy-checked (policy.ts `handover.*`).
 *
 * Within one deployment the record MOVES (it is not copied): a connector of
 * the holding organisation offers a hand-over to another referrer
 * organisation, recording the person's 'share' consent (recipient: that
 * organisation; scope: what travels). A connector of the receiving
 * organisation accepts or declines it. Acceptance, in one transaction:
 *   - every open referral attempt closes as 'moved_area' through the one
 *     transition check (the referrals module's closeForMovedArea, side
 *     'referrer', in the name of the connector who offered the hand-over);
 *   - what the person did not agree to pass on is not kept: the conversation
 *     is erased, the plan emptied, measures removed; referrals not passed on
 *     stay with the old organisation as the record of its own work;
 *   - the record's holder becomes the receiving organisation (the old one
 *     loses access at once: every person.* grant is "own organisation"), and
 *     the referrals that travel move with it, so their history stays readable;
 *   - the area becomes the new area, ready for re-matching.
 * Declining changes nothing but the offer (and withdraws its consent, so
 * nothing is shared with an organisation that said no).
 *
 * Between deployments: see handover-packages.service.ts. Every step is
 * audited under the person.
 */
import type { Access } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { eraseConversations, holderOf, insertShareConsent } from '../people/people.service.ts';
import { closeForMovedArea, handOverReferrals } from '../referrals/person-referrals.service.ts';
import type { HandoverPart } from './handover-package.ts';
import { handoverPackagesService } from './handover-packages.service.ts';
import {
  connectorAddresses,
  consentEnded,
  deleteMeasures,
  destinations,
  emptyPlans,
  handoverById,
  handoverParties,
  handoversOfferedTo,
  handoversOfPerson,
  hasOpenHandover,
  importedHistories,
  insertHandover,
  lockHandover,
  lockPerson,
  markAccepted,
  markDeclined,
  moveRecord,
  OPEN_STATUS,
  personDisplayName,
  receivingOrganisation,
  referralHistory,
  withdrawConsent,
} from './handover.repository.ts';
import type { GivenBy, HandoverView, ImportedHistory, ReferralHistoryItem } from './handover.model.ts';

const en = createI18n('en');
export const handoverNotFound = () => new DomainError('NotFound', 'There is no such hand-over.');

export interface StartInput {
  toOrganisationId: string;
  scope: ('record' | HandoverPart)[];
  givenBy: GivenBy;
  newArea: string | null;
  note: string | null;
}

export type StartResult =
  { ok: true; handoverId: string } | { ok: false; error: 'no_such_organisation' | 'already_offered' | 'area_unknown' };
export type DecideResult =
  { ok: true; personId: string; closedAttempts: number } | { ok: false; error: 'already_decided' | 'consent_withdrawn' };


export function handoverService(access: Access, deps: { notifier: Notifier }) {
  const subject = (id: string | null) => ({ subjectType: 'person', subjectId: id });
  const ownOrg = () => access.actor?.organisationId ?? '';

  /** The receiving organisation of a hand-over (an id only), or a 404. */
  async function receiverOf(handoverId: string): Promise<{ to: string; personId: string }> {
    if (!isUuid(handoverId)) throw handoverNotFound();
    const row = await access.lookup((db) => handoverParties(db, handoverId));
    if (!row) throw handoverNotFound();
    return row;
  }

  return {
    /** What the "hand over" page needs: where it can go, and this record's hand-overs so far. */
    async overview(personId: string): Promise<{
      personName: string;
      destinations: { id: string; name: string }[];
      handovers: HandoverView[];
      imported: ImportedHistory[];
    }> {
      const org = await holderOf(access, personId);
      return access.run('handover.start', { organisationId: org }, { ...subject(personId), action: 'handover.view' }, async (trx) => ({
        personName: await personDisplayName(trx, personId),
        destinations: await destinations(trx, org),
        handovers: await handoversOfPerson(trx, personId),
        imported: await importedHistories(trx, personId, org),
      }));
    },

    /** Offers the record to another referrer organisation, with the person's consent to pass on `scope`. */
    async start(personId: string, input: StartInput): Promise<StartResult> {
      const org = await holderOf(access, personId);
      let messages: Message[] = [];
      const result = await access.run(
        'handover.start',
        { organisationId: org },
        (r: StartResult) => ({
          ...subject(personId),
          action: 'handover.start',
          details: {
            toOrganisationId: input.toOrganisationId,
            scope: input.scope,
            ...(r.ok ? { handoverId: r.handoverId } : { error: r.error }),
          },
        }),
        async (trx, actor): Promise<StartResult> => {
          if (!isUuid(input.toOrganisationId) || input.toOrganisationId === org) return { ok: false, error: 'no_such_organisation' };
          const to = await receivingOrganisation(trx, input.toOrganisationId);
          if (!to) return { ok: false, error: 'no_such_organisation' };
          if (input.newArea && !lookupPlace(input.newArea)) return { ok: false, error: 'area_unknown' };
          // Lock the record so two offers at once cannot both be made.
          await lockPerson(trx, personId);
          if (await hasOpenHandover(trx, personId)) return { ok: false, error: 'already_offered' };
          const at = access.now();
          const consentId = newId();
          const id = newId();
          await insertShareConsent(trx, {
            id: consentId,
            personId,
            scope: input.scope,
            recipientOrganisationId: to,
            purpose: `handover:${id}`,
            givenBy: input.givenBy,
            recordedBy: actor.accountId,
            at,
          });
          await insertHandover(trx, {
            id,
            personId,
            fromOrganisationId: org,
            toOrganisationId: to,
            consentId,
            scope: input.scope,
            newArea: input.newArea?.toUpperCase() ?? null,
            note: input.note,
            startedBy: actor.accountId,
            at,
          });
          messages = (await connectorAddresses(trx, to)).map((address) => ({
            to: address,
            subject: en.staff('handover.notify.offeredSubject'),
            text: en.staff('handover.notify.offeredBody'),
          }));
          await deps.notifier.enqueue(trx, messages);
          return { ok: true, handoverId: id };
        },
      );
      return result;
    },

    /** Hand-overs waiting for the actor's organisation. */
    incoming(): Promise<HandoverView[]> {
      const org = ownOrg();
      return access.run(
        'handover.incoming',
        { organisationId: org },
        { subjectType: 'handover', subjectId: null, action: 'handover.incoming', details: { organisationId: org } },
        (trx) => handoversOfferedTo(trx, org),
      );
    },

    /** One hand-over, for the receiving organisation; after acceptance, with the referral history that came along. */
    async get(handoverId: string): Promise<HandoverView & { referrals: ReferralHistoryItem[] }> {
      const { to, personId } = await receiverOf(handoverId);
      return access.run(
        'handover.incoming',
        { organisationId: to },
        { ...subject(personId), action: 'handover.view', details: { handoverId } },
        async (trx) => {
          const view = await handoverById(trx, handoverId);
          const referrals = view.status === 'accepted' ? await referralHistory(trx, personId, to) : [];
          return { ...view, referrals };
        },
      );
    },

    /** Accepts: the record moves to the receiving organisation (see the module comment), all in one transaction. */
    async accept(handoverId: string): Promise<DecideResult> {
      const { to, personId } = await receiverOf(handoverId);
      let messages: Message[] = [];
      const result = await access.run(
        'handover.respond',
        { organisationId: to },
        (r: DecideResult) => ({
          ...subject(personId),
          action: 'handover.accept',
          details: { handoverId, ...(r.ok ? { closedAttempts: r.closedAttempts } : { error: r.error }) },
        }),
        async (trx, actor): Promise<DecideResult> => {
          const h = await lockHandover(trx, handoverId);
          if (h.status !== OPEN_STATUS) return { ok: false, error: 'already_decided' };
          const at = access.now();
          if (await consentEnded(trx, h.consentId, at)) return { ok: false, error: 'consent_withdrawn' };
          await lockPerson(trx, personId);
          const travels = (p: HandoverPart) => h.scope.includes(p);

          // 1. Local referrals close as "moved area", through the one transition check.
          const { closed, tell } = await closeForMovedArea(trx, personId, h.startedBy, at);

          // 2. What the person did not agree to pass on is not kept.
          if (!travels('conversation')) await eraseConversations(trx, personId, actor.accountId, at);
          else if (!travels('plan')) await emptyPlans(trx, personId, actor.accountId, at);
          if (!travels('measures')) await deleteMeasures(trx, personId);

          // 3. The record (and the referrals that travel) move to the receiving organisation.
          if (travels('referrals')) await handOverReferrals(trx, personId, to, actor.accountId, at);
          const place = h.newArea ? lookupPlace(h.newArea) : null;
          await moveRecord(trx, personId, to, place && h.newArea ? { area: h.newArea, outcode: place.code.split(' ')[0]! } : null, at);
          await markAccepted(trx, h.id, actor.accountId, at);

          messages = [
            ...tell.map(({ to: address, service }) => ({
              to: address,
              subject: en.staff('referrals.notify.changedSubject'),
              text: en.staff('handover.notify.movedBody', { service }),
            })),
            ...(await connectorAddresses(trx, h.fromOrganisationId)).map((address) => ({
              to: address,
              subject: en.staff('handover.notify.acceptedSubject'),
              text: en.staff('handover.notify.acceptedBody'),
            })),
          ];
          await deps.notifier.enqueue(trx, messages);
          return { ok: true, personId, closedAttempts: closed };
        },
      );
      return result;
    },

    /** Declines: nothing changes but the offer, whose consent is withdrawn (nothing goes to an organisation that said no). */
    async decline(handoverId: string, note: string | null): Promise<DecideResult> {
      const { to, personId } = await receiverOf(handoverId);
      return access.run(
        'handover.respond',
        { organisationId: to },
        (r: DecideResult) => ({ ...subject(personId), action: 'handover.decline', details: { handoverId, ok: r.ok } }),
        async (trx, actor): Promise<DecideResult> => {
          const h = await lockHandover(trx, handoverId);
          if (h.status !== OPEN_STATUS) return { ok: false, error: 'already_decided' };
          const at = access.now();
          await markDeclined(trx, h.id, actor.accountId, at, note);
          await withdrawConsent(trx, h.consentId, actor.accountId, at);
          return { ok: true, personId, closedAttempts: 0 };
        },
      );
    },

    ...handoverPackagesService(access),
  };
}

export type HandoverService = ReturnType<typeof handoverService>;
