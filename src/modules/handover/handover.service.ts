/**
 * Moving area (issue 6, item 6), policy-checked (policy.ts `handover.*`).
 *
 * Within one deployment the record MOVES (it is not copied): a connector of
 * the holding organisation offers a hand-over to another referrer
 * organisation, recording the person's 'share' consent (recipient: that
 * organisation; scope: what travels). A connector of the receiving
 * organisation accepts or declines it. Acceptance, in one transaction:
 *   - every open referral attempt closes as 'moved_area' through the one
 *     transition check (referral-store.ts storeEvent, side 'referrer', in the
 *     name of the connector who offered the hand-over);
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
 * Between deployments: exportPackage seals only what the person agreed to
 * pass on (handover-package.ts); importPackage opens it and makes a new
 * record held by the importing organisation, with the referral history kept
 * as history only (table handover_import). Every step is audited under the
 * person.
 */
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { recipientAddresses } from '../referrals/referral-read.ts';
import { CLOSED_STATES, type AttemptState } from '../referrals/referral-states.ts';
import { storeEvent } from '../referrals/referral-store.ts';
import { holderOf } from '../people/people.service.ts';
import { activeScopes, toConsent } from '../people/person.ts';
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

const en = createI18n('en');
export const handoverNotFound = () => new DomainError('NotFound', 'There is no such hand-over.');

export type GivenBy = 'verbal' | 'written' | 'self';

export interface StartInput {
  toOrganisationId: string;
  scope: ('record' | HandoverPart)[];
  givenBy: GivenBy;
  newArea: string | null;
  note: string | null;
}

export interface HandoverView {
  id: string;
  personId: string;
  personName: string;
  preferredLanguage: string;
  fromOrganisation: string;
  toOrganisation: string;
  scope: string[];
  newArea: string | null;
  note: string | null;
  status: 'offered' | 'accepted' | 'declined';
  startedAt: Date;
  decidedAt: Date | null;
}

export interface ReferralHistoryItem {
  referralId: string;
  need: string;
  attempts: { serviceName: string; state: string }[];
}

export interface ImportedHistory {
  fromOrganisation: string | null;
  exportedAt: Date;
  referrals: HandoverContents['referrals'];
}

export type StartResult =
  { ok: true; handoverId: string } | { ok: false; error: 'no_such_organisation' | 'already_offered' | 'area_unknown' };
export type DecideResult =
  { ok: true; personId: string; closedAttempts: number } | { ok: false; error: 'already_decided' | 'consent_withdrawn' };
export type ImportResult = { ok: true; personId: string } | { ok: false; error: OpenError | 'already_imported'; detail?: string };

async function connectorAddresses(trx: Transaction<DB>, organisationId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('staff_account')
    .select('email')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'connector')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

const OPEN_STATUS = 'offered';

export function handoverService(access: Access, deps: { notifier: Notifier }) {
  const subject = (id: string | null) => ({ subjectType: 'person', subjectId: id });
  const ownOrg = () => access.actor?.organisationId ?? '';

  /** The receiving organisation of a hand-over (an id only), or a 404. */
  async function receiverOf(handoverId: string): Promise<{ to: string; personId: string }> {
    if (!isUuid(handoverId)) throw handoverNotFound();
    const row = await access.lookup((db) =>
      db.selectFrom('handover').select(['to_organisation_id', 'person_id']).where('id', '=', handoverId).executeTakeFirst(),
    );
    if (!row) throw handoverNotFound();
    return { to: row.to_organisation_id, personId: row.person_id };
  }

  function viewQuery(trx: Transaction<DB>) {
    return trx
      .selectFrom('handover as h')
      .innerJoin('person as p', 'p.id', 'h.person_id')
      .innerJoin('staff_organisation as f', 'f.id', 'h.from_organisation_id')
      .innerJoin('staff_organisation as t', 't.id', 'h.to_organisation_id')
      .select([
        'h.id',
        'h.person_id',
        'p.display_name',
        'p.preferred_language',
        'f.name as from_name',
        't.name as to_name',
        'h.scope',
        'h.new_area',
        'h.note',
        'h.status',
        'h.started_at',
        'h.decided_at',
      ]);
  }
  type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['execute']>>[number];
  const toView = (r: ViewRow): HandoverView => ({
    id: r.id,
    personId: r.person_id,
    personName: r.display_name,
    preferredLanguage: r.preferred_language,
    fromOrganisation: r.from_name,
    toOrganisation: r.to_name,
    scope: r.scope,
    newArea: r.new_area,
    note: r.note,
    status: r.status,
    startedAt: r.started_at,
    decidedAt: r.decided_at,
  });

  async function referralHistory(trx: Transaction<DB>, personId: string, organisationId: string): Promise<ReferralHistoryItem[]> {
    const refs = await trx
      .selectFrom('referral')
      .select(['id', 'need'])
      .where('person_id', '=', personId)
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const out: ReferralHistoryItem[] = [];
    for (const r of refs) {
      const attempts = await trx
        .selectFrom('referral_attempt')
        .select(['service_name', 'state'])
        .where('referral_id', '=', r.id)
        .orderBy('seq')
        .execute();
      out.push({ referralId: r.id, need: r.need, attempts: attempts.map((a) => ({ serviceName: a.service_name, state: a.state })) });
    }
    return out;
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
      return access.run('handover.start', { organisationId: org }, { ...subject(personId), action: 'handover.view' }, async (trx) => {
        const p = await trx.selectFrom('person').select('display_name').where('id', '=', personId).executeTakeFirstOrThrow();
        const destinations = await trx
          .selectFrom('staff_organisation')
          .select(['id', 'name'])
          .where('kind', 'in', ['referrer', 'both'])
          .where('operator', '=', false)
          .where('suspended_at', 'is', null)
          .where('id', '!=', org)
          .orderBy('name')
          .orderBy('id')
          .execute();
        const handovers = (
          await viewQuery(trx).where('h.person_id', '=', personId).orderBy('h.started_at', 'desc').orderBy('h.id').execute()
        ).map(toView);
        const imports = await trx
          .selectFrom('handover_import')
          .select(['from_organisation_name', 'exported_at', 'referral_history'])
          .where('person_id', '=', personId)
          .where('organisation_id', '=', org)
          .orderBy('imported_at')
          .execute();
        return {
          personName: p.display_name,
          destinations,
          handovers,
          imported: imports.map((i) => ({
            fromOrganisation: i.from_organisation_name,
            exportedAt: i.exported_at,
            referrals: i.referral_history as HandoverContents['referrals'],
          })),
        };
      });
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
          const to = await trx
            .selectFrom('staff_organisation')
            .select(['id'])
            .where('id', '=', input.toOrganisationId)
            .where('kind', 'in', ['referrer', 'both'])
            .where('suspended_at', 'is', null)
            .where('operator', '=', false)
            .executeTakeFirst();
          if (!to) return { ok: false, error: 'no_such_organisation' };
          if (input.newArea && !lookupPlace(input.newArea)) return { ok: false, error: 'area_unknown' };
          // Lock the record so two offers at once cannot both be made.
          await trx.selectFrom('person').select('id').where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
          const open = await trx
            .selectFrom('handover')
            .select('id')
            .where('person_id', '=', personId)
            .where('status', '=', OPEN_STATUS)
            .executeTakeFirst();
          if (open) return { ok: false, error: 'already_offered' };
          const at = access.now();
          const consentId = newId();
          const id = newId();
          await trx
            .insertInto('person_consent')
            .values({
              id: consentId,
              person_id: personId,
              kind: 'share',
              scope: input.scope,
              recipient_organisation_id: to.id,
              purpose: `handover:${id}`,
              given_by: input.givenBy,
              recorded_by: actor.accountId,
              granted_at: at,
            })
            .execute();
          await trx
            .insertInto('handover')
            .values({
              id,
              person_id: personId,
              from_organisation_id: org,
              to_organisation_id: to.id,
              consent_id: consentId,
              scope: input.scope,
              new_area: input.newArea?.toUpperCase() ?? null,
              note: input.note,
              status: 'offered',
              started_by: actor.accountId,
              started_at: at,
            })
            .execute();
          messages = (await connectorAddresses(trx, to.id)).map((address) => ({
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
        async (trx) =>
          (
            await viewQuery(trx)
              .where('h.to_organisation_id', '=', org)
              .where('h.status', '=', OPEN_STATUS)
              .orderBy('h.started_at')
              .orderBy('h.id')
              .limit(200)
              .execute()
          ).map(toView),
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
          const view = toView(await viewQuery(trx).where('h.id', '=', handoverId).executeTakeFirstOrThrow());
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
          const h = await trx.selectFrom('handover').selectAll().where('id', '=', handoverId).forUpdate().executeTakeFirstOrThrow();
          if (h.status !== OPEN_STATUS) return { ok: false, error: 'already_decided' };
          const at = access.now();
          const consent = await trx.selectFrom('person_consent').selectAll().where('id', '=', h.consent_id).executeTakeFirstOrThrow();
          if (consent.withdrawn_at || (consent.expires_at && consent.expires_at <= at)) return { ok: false, error: 'consent_withdrawn' };
          const person = await trx.selectFrom('person').selectAll().where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
          const travels = (p: HandoverPart) => h.scope.includes(p);

          // 1. Local referrals close as "moved area", through the one transition check.
          const open = await trx
            .selectFrom('referral_attempt as a')
            .innerJoin('referral as r', 'r.id', 'a.referral_id')
            .select(['a.id', 'a.state', 'a.sent_at', 'a.recipient_organisation_id', 'a.service_name'])
            .where('r.person_id', '=', personId)
            .orderBy('a.seq')
            .execute();
          let closed = 0;
          const told = new Map<string, string[]>();
          for (const a of open) {
            if (CLOSED_STATES.has(a.state as AttemptState)) continue;
            const stored = await storeEvent(trx, {
              attemptId: a.id,
              event: { type: 'move_area' },
              ctx: { side: 'referrer' },
              actorAccountId: h.started_by,
              now: at,
            });
            if (!stored?.ok)
              throw new DomainError('Conflict', `A referral could not be closed as moved area (${stored ? stored.error : 'missing'}).`);
            if (stored.changed) closed += 1;
            if (stored.changed && a.sent_at && a.recipient_organisation_id)
              told.set(a.recipient_organisation_id, [...(told.get(a.recipient_organisation_id) ?? []), a.service_name]);
          }
          await trx
            .updateTable('referral')
            .set({ closed_at: at, updated_at: at })
            .where('person_id', '=', personId)
            .where('closed_at', 'is', null)
            .execute();

          // 2. What the person did not agree to pass on is not kept.
          if (!travels('conversation')) {
            await trx
              .updateTable('conversation')
              .set({
                status: 'erased',
                answers: '{}',
                chosen: '[]',
                next_steps: null,
                erased_at: at,
                updated_at: at,
                updated_by: actor.accountId,
              })
              .where('person_id', '=', personId)
              .where('status', '!=', 'erased')
              .execute();
          } else if (!travels('plan')) {
            await trx
              .updateTable('conversation')
              .set({ chosen: '[]', next_steps: null, updated_at: at, updated_by: actor.accountId })
              .where('person_id', '=', personId)
              .execute();
          }
          if (!travels('measures')) await trx.deleteFrom('measure_administration').where('person_id', '=', personId).execute();

          // 3. The record (and the referrals that travel) move to the receiving organisation.
          if (travels('referrals'))
            await trx
              .updateTable('referral')
              .set({ organisation_id: to, connector_account_id: actor.accountId, updated_at: at })
              .where('person_id', '=', personId)
              .execute();
          const place = h.new_area ? lookupPlace(h.new_area) : null;
          await trx
            .updateTable('person')
            .set({ organisation_id: to, updated_at: at, ...(place ? { area: h.new_area, outcode: place.code.split(' ')[0]! } : {}) })
            .where('id', '=', person.id)
            .execute();
          await trx
            .updateTable('handover')
            .set({ status: 'accepted', decided_by: actor.accountId, decided_at: at })
            .where('id', '=', h.id)
            .execute();

          for (const [org, services] of told) {
            for (const address of await recipientAddresses(trx, org)) {
              for (const service of services)
                messages.push({
                  to: address,
                  subject: en.staff('referrals.notify.changedSubject'),
                  text: en.staff('handover.notify.movedBody', { service }),
                });
            }
          }
          messages = [
            ...messages,
            ...(await connectorAddresses(trx, h.from_organisation_id)).map((address) => ({
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
          const h = await trx.selectFrom('handover').selectAll().where('id', '=', handoverId).forUpdate().executeTakeFirstOrThrow();
          if (h.status !== OPEN_STATUS) return { ok: false, error: 'already_decided' };
          const at = access.now();
          await trx
            .updateTable('handover')
            .set({ status: 'declined', decided_by: actor.accountId, decided_at: at, decline_note: note })
            .where('id', '=', h.id)
            .execute();
          await trx
            .updateTable('person_consent')
            .set({ withdrawn_at: at, withdrawn_by: actor.accountId })
            .where('id', '=', h.consent_id)
            .where('withdrawn_at', 'is', null)
            .execute();
          return { ok: true, personId, closedAttempts: 0 };
        },
      );
    },

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
          await trx
            .insertInto('person_consent')
            .values({
              id: newId(),
              person_id: personId,
              kind: 'share',
              scope,
              recipient_organisation_id: null,
              purpose: `handover-export:${packageId}`,
              given_by: givenBy,
              recorded_by: actor.accountId,
              granted_at: at,
            })
            .execute();
          const p = await trx.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
          const consents = (await trx.selectFrom('person_consent').selectAll().where('person_id', '=', personId).execute()).map(toConsent);
          const contactKept = activeScopes(consents, 'store', at).includes('contact_details');
          const from = await trx.selectFrom('staff_organisation').select('name').where('id', '=', org).executeTakeFirstOrThrow();
          const conv = await trx
            .selectFrom('conversation')
            .selectAll()
            .where('person_id', '=', personId)
            .where('status', '=', 'complete')
            .orderBy('completed_at', 'desc')
            .orderBy('id')
            .limit(1)
            .executeTakeFirst();
          const has = (part: HandoverPart) => scope.includes(part);
          const measures = has('measures')
            ? await trx
                .selectFrom('measure_administration')
                .selectAll()
                .where('person_id', '=', personId)
                .orderBy('occasion_date')
                .orderBy('id')
                .execute()
            : [];
          const referrals = [];
          if (has('referrals')) {
            const refs = await trx
              .selectFrom('referral')
              .select(['id', 'need', 'created_at'])
              .where('person_id', '=', personId)
              .orderBy('created_at')
              .orderBy('id')
              .execute();
            for (const r of refs) {
              const attempts = await trx
                .selectFrom('referral_attempt')
                .select(['id', 'service_id', 'service_name', 'state', 'sent_at'])
                .where('referral_id', '=', r.id)
                .orderBy('seq')
                .execute();
              const list = [];
              for (const a of attempts) {
                const events = await trx
                  .selectFrom('referral_event')
                  .select(['at', 'event_type', 'from_state', 'to_state'])
                  .where('attempt_id', '=', a.id)
                  .orderBy('seq')
                  .execute();
                list.push({
                  serviceName: a.service_name,
                  orukServiceId: a.service_id,
                  state: a.state,
                  sentAt: a.sent_at ? a.sent_at.toISOString() : null,
                  events: events.map((e) => ({ at: e.at.toISOString(), type: e.event_type, from: e.from_state, to: e.to_state })),
                });
              }
              referrals.push({ need: r.need, createdAt: r.created_at.toISOString(), attempts: list });
            }
          }
          const out: HandoverContents = {
            format: PACKAGE_FORMAT,
            version: PACKAGE_VERSION,
            packageId,
            exportedAt: at.toISOString(),
            fromOrganisation: from.name,
            scope,
            person: {
              displayName: p.display_name,
              preferredLanguage: p.preferred_language,
              otherLanguages: p.other_languages,
              englishOk: p.english_ok,
              interpreterNeeded: p.interpreter_needed,
              interpreterLanguage: p.interpreter_language,
              contactMethod: p.contact_method,
              phone: contactKept ? p.phone : null,
              email: contactKept ? p.email : null,
              safeToCall: p.safe_to_call,
              safeToText: p.safe_to_text,
              safeToLeaveMessage: p.safe_to_leave_message,
              area: p.area,
              outcode: p.outcode,
              gender: p.gender,
              ageBand: p.age_band,
            },
            conversation:
              has('conversation') && conv
                ? {
                    answersFormat: conv.answers_format,
                    answers: conv.answers,
                    language: conv.language,
                    completedAt: conv.completed_at ? conv.completed_at.toISOString() : null,
                  }
                : null,
            plan:
              has('plan') && has('conversation') && conv
                ? { chosen: conv.chosen as Record<string, unknown>[], nextSteps: conv.next_steps }
                : null,
            measures: measures.map((m) => ({
              measureId: m.measure_id,
              measureVersion: m.measure_version,
              occasion: m.occasion,
              occasionDate: m.occasion_date,
              language: m.language,
              translationStatus: m.translation_status,
              mode: m.mode,
              explanationShown: m.explanation_shown,
              declined: m.declined,
              answers: m.answers,
              scores: m.scores,
            })),
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
          const again = await trx
            .selectFrom('handover_import')
            .select('id')
            .where('package_id', '=', c.packageId)
            .where('organisation_id', '=', org)
            .executeTakeFirst();
          if (again) return { ok: false, error: 'already_imported' };
          const at = access.now();
          const p = c.person;
          const contact = !!(p.phone || p.email);
          await trx
            .insertInto('person')
            .values({
              id: personId,
              organisation_id: org,
              display_name: p.displayName,
              preferred_language: p.preferredLanguage,
              other_languages: p.otherLanguages,
              english_ok: p.englishOk,
              interpreter_needed: p.interpreterNeeded,
              interpreter_language: p.interpreterLanguage,
              contact_method: p.contactMethod,
              phone: p.phone,
              email: p.email,
              safe_to_call: p.safeToCall,
              safe_to_text: p.safeToText,
              safe_to_leave_message: p.safeToLeaveMessage,
              area: p.area,
              outcode: p.outcode,
              gender: p.gender,
              age_band: p.ageBand,
              created_by: actor.accountId,
              created_at: at,
              updated_at: at,
            })
            .execute();
          const store = [
            'record',
            ...(c.conversation ? ['conversation'] : []),
            ...(c.measures.length ? ['measures'] : []),
            ...(contact ? ['contact_details'] : []),
          ];
          await trx
            .insertInto('person_consent')
            .values({
              id: newId(),
              person_id: personId,
              kind: 'store',
              scope: store,
              given_by: givenBy,
              recorded_by: actor.accountId,
              granted_at: at,
              note: `handover-import:${c.packageId}`,
            })
            .execute();
          if (c.conversation) {
            const done = c.conversation.completedAt ? new Date(c.conversation.completedAt) : at;
            await trx
              .insertInto('conversation')
              .values({
                id: newId(),
                person_id: personId,
                status: 'complete',
                answers_format: c.conversation.answersFormat,
                answers: JSON.stringify(c.conversation.answers),
                language: c.conversation.language,
                chosen: JSON.stringify(c.plan?.chosen ?? []),
                next_steps: c.plan?.nextSteps ?? null,
                started_by: actor.accountId,
                started_at: done,
                updated_by: actor.accountId,
                updated_at: at,
                completed_by: actor.accountId,
                completed_at: done,
              })
              .execute();
          }
          for (const m of c.measures) {
            await trx
              .insertInto('measure_administration')
              .values({
                id: newId(),
                person_id: personId,
                measure_id: m.measureId,
                measure_version: m.measureVersion,
                occasion: m.occasion,
                occasion_date: m.occasionDate,
                language: m.language,
                translation_status: m.translationStatus,
                mode: m.mode,
                explanation_shown: m.explanationShown,
                declined: m.declined,
                answers: JSON.stringify(m.answers),
                scores: JSON.stringify(m.scores),
                recorded_by: actor.accountId,
                recorded_at: at,
              })
              .execute();
          }
          await trx
            .insertInto('handover_import')
            .values({
              id: newId(),
              person_id: personId,
              organisation_id: org,
              package_id: c.packageId,
              format_version: c.version,
              from_organisation_name: c.fromOrganisation,
              exported_at: new Date(c.exportedAt),
              scope: c.scope,
              referral_history: JSON.stringify(c.referrals),
              imported_by: actor.accountId,
              imported_at: at,
            })
            .execute();
          return { ok: true, personId };
        },
      );
    },
  };
}

export type HandoverService = ReturnType<typeof handoverService>;
