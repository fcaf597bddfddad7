/**
 * The crisis route: "someone is at risk".
 *
 * A connector (from any conversation page or the person's record) or the
 * person themselves (at /my) raises a safeguarding concern. It is recorded
 * for the organisation holding the person's record, its named safeguarding
 * lead is told at once (an outbox message in the same transaction; when no
 * lead is named, the organisation's connectors are), and it must be
 * acknowledged by a time the deployment sets (data/crisis/crisis.json). The
 * escalation job (`escalateUnacknowledged`) tells the organisation's
 * managers and the deployment's administrators about every concern still
 * not acknowledged by then, once. Every step is audited under the person.
 *
 * Messages never carry the person's name or the note: only that a concern
 * was raised, when, and where to act in Belong.
 */
import type { Kysely, Transaction } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { AuditOrigin } from '../../platform/audit/audit.ts';
import type { Access } from '../../platform/auth/access.ts';
import type { DB, SafeguardingConcernSource } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { runInBatches } from '../../platform/jobs/batches.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { holderOf, loadPerson } from '../people/people.service.ts';
import type { Person } from '../people/person.ts';
import { acknowledgeDueAt, crisisConfig, type CrisisConfig } from './crisis.ts';
import {
  activeConnectors,
  claimDueConcerns,
  concernOwner,
  concernsOfPerson,
  escalationRecipients,
  holdingOrganisation,
  insertConcern,
  leadOf,
  markAcknowledged,
  openConcerns,
  personAndHolder,
  organisationNames,
  organisationsWithLeads,
  setLead,
} from './crisis.repository.ts';

export const MAX_NOTE = 1000;

export interface CrisisDeps {
  notifier: Notifier;
  /** Where links in messages point (PUBLIC_URL, or the request's origin). */
  baseUrl?: string;
  config?: CrisisConfig;
}

export interface Raised {
  concernId: string;
  /** The lead told (null: none named, the organisation's connectors were told). */
  leadName: string | null;
  acknowledgeBy: Date;
}

const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hourCycle: 'h23',
});
/** "Sat 5 Dec, 17:20" (UK time), for staff messages. */
export const ukTime = (d: Date): string => WHEN.format(d);

const cleanNote = (note: string | null | undefined): string | null => note?.trim().replace(/\r\n/g, '\n').slice(0, MAX_NOTE) || null;

/**
 * Records the concern and tells the lead, in the caller's transaction.
 * Shared by the staff side and the person's own side.
 */
async function record(
  trx: Transaction<DB>,
  deps: CrisisDeps,
  c: {
    personId: string;
    organisationId: string;
    source: SafeguardingConcernSource;
    raisedBy: string | null;
    note: string | null;
    at: Date;
  },
): Promise<Raised> {
  const config = deps.config ?? crisisConfig();
  const lead = await leadOf(trx, c.organisationId);
  const acknowledgeBy = acknowledgeDueAt(c.at, config);
  const concernId = newId();
  await insertConcern(trx, {
    id: concernId,
    personId: c.personId,
    organisationId: c.organisationId,
    source: c.source,
    raisedBy: c.raisedBy,
    raisedAt: c.at,
    note: c.note,
    leadId: lead?.id ?? null,
    acknowledgeBy,
  });
  const link = deps.baseUrl ? ` ${deps.baseUrl.replace(/\/+$/, '')}/staff/people/${c.personId}#safeguarding` : '';
  const who = c.source === 'my' ? 'The person themselves said at /my' : 'A connector said';
  const recipients = lead ? [lead] : await activeConnectors(trx, c.organisationId);
  const messages: Message[] = recipients.map((r) => ({
    to: r.email,
    subject: 'Urgent: someone may be at risk',
    text:
      `Hello ${r.name}, ${who} that someone whose record your organisation holds may be at risk (${ukTime(c.at)}). ` +
      `${lead ? 'You are the named safeguarding lead.' : 'Your organisation has not named a safeguarding lead, so every connector is told.'} ` +
      `Please open their record in Belong and acknowledge the concern by ${ukTime(acknowledgeBy)}; ` +
      `if nobody does, your managers and the administrators are told.${link}`,
  }));
  await deps.notifier.enqueue(trx, messages);
  return { concernId, leadName: lead?.name ?? null, acknowledgeBy };
}

export function crisisService(access: Access, deps: CrisisDeps) {
  const audit = (personId: string, action: string, details?: Record<string, unknown>) => ({
    subjectType: 'person',
    subjectId: personId,
    action,
    ...(details ? { details } : {}),
  });

  return {
    /** The person (for the urgent options in their language). Audited. */
    async person(personId: string): Promise<Person> {
      const org = await holderOf(access, personId);
      return access.run('safeguarding.raise', { organisationId: org }, audit(personId, 'safeguarding.options'), (trx) =>
        loadPerson(trx, personId),
      );
    },

    /** Someone is at risk: records the concern and tells the lead. */
    async raise(personId: string, input: { source: 'conversation' | 'record'; note: string | null }): Promise<Raised> {
      const org = await holderOf(access, personId);
      return access.run(
        'safeguarding.raise',
        { organisationId: org },
        (r: Raised) =>
          audit(personId, 'safeguarding.raise', { concernId: r.concernId, source: input.source, leadNamed: r.leadName !== null }),
        (trx, actor) =>
          record(trx, deps, {
            personId,
            organisationId: org,
            source: input.source,
            raisedBy: actor.accountId,
            note: cleanNote(input.note),
            at: access.now(),
          }),
      );
    },

    /** The person's concerns, for their record. Audited. */
    async ofPerson(personId: string) {
      const org = await holderOf(access, personId);
      return access.run('safeguarding.view', { organisationId: org }, audit(personId, 'safeguarding.view'), (trx) =>
        concernsOfPerson(trx, personId),
      );
    },

    /** 'done', 'already' (someone had), or 'missing'; with the person it is about. */
    async acknowledge(concernId: string): Promise<{ outcome: 'done' | 'already'; personId: string } | { outcome: 'missing' }> {
      if (!isUuid(concernId)) return { outcome: 'missing' };
      const owner = await access.lookup((db) => concernOwner(db, concernId));
      if (!owner) return { outcome: 'missing' };
      return access.run(
        'safeguarding.acknowledge',
        { organisationId: owner.organisation_id },
        audit(owner.person_id, 'safeguarding.acknowledge', { concernId }),
        async (trx, actor) => ({
          outcome: (await markAcknowledged(trx, concernId, actor.accountId, access.now())) ? ('done' as const) : ('already' as const),
          personId: owner.person_id,
        }),
      );
    },

    /** The actor's organisation's concerns not yet acknowledged (with people's chosen names). Audited. */
    async open() {
      const org = access.actor?.organisationId ?? '';
      return access.run(
        'safeguarding.view',
        { organisationId: org },
        { action: 'safeguarding.list', subjectType: 'staff_organisation', subjectId: org },
        (trx) => openConcerns(trx, org),
      );
    },

    /** Organisations whose lead the actor may name (all for administrators, their own for a manager), with who may be named. */
    async leads() {
      const actor = access.actor;
      if (!actor) return [];
      const all = access.can('safeguarding.set_lead', {});
      if (!all && !access.can('safeguarding.set_lead', { organisationId: actor.organisationId })) return [];
      return access.run('safeguarding.set_lead', all ? {} : { organisationId: actor.organisationId }, null, async (trx) => {
        const orgs = await organisationsWithLeads(trx, all ? null : actor.organisationId);
        const out = [];
        for (const o of orgs) out.push({ ...o, connectors: await activeConnectors(trx, o.id) });
        return out;
      });
    },

    /** Names an active connector of the organisation as its safeguarding lead. */
    async setLead(organisationId: string, accountId: string): Promise<{ ok: true } | { ok: false; error: 'not_a_connector' }> {
      if (!isUuid(organisationId)) throw new DomainError('NotFound', 'There is no such organisation.');
      return access.run(
        'safeguarding.set_lead',
        { organisationId },
        { action: 'safeguarding.set_lead', subjectType: 'staff_organisation', subjectId: organisationId, details: { lead: accountId } },
        async (trx, actor) => {
          const eligible = await activeConnectors(trx, organisationId);
          if (!isUuid(accountId) || !eligible.some((a) => a.id === accountId))
            return { ok: false as const, error: 'not_a_connector' as const };
          await setLead(trx, organisationId, accountId, actor.accountId, access.now());
          return { ok: true as const };
        },
      );
    },
  };
}

export type CrisisService = ReturnType<typeof crisisService>;

/** The person's language and their holding organisation's name, for their own crisis page (no personal data beyond that). */
export const myCrisisContext = (db: Kysely<DB>, personId: string) => personAndHolder(db, personId);

/**
 * The person's own "someone is at risk" at /my (signed in with their code and
 * PIN; no staff actor): the concern goes to the lead of the organisation
 * holding their record. Audited under the person, as the person.
 */
export async function raiseFromMy(
  db: Kysely<DB>,
  deps: CrisisDeps,
  personId: string,
  note: string | null,
  o: { requestId: string | null; ipHash: string | null; now: Date },
): Promise<Raised | null> {
  return db.transaction().execute(async (trx) => {
    const organisationId = await holdingOrganisation(trx, personId);
    if (!organisationId) return null;
    const raised = await record(trx, deps, {
      personId,
      organisationId,
      source: 'my',
      raisedBy: null,
      note: cleanNote(note),
      at: o.now,
    });
    const origin: AuditOrigin = { actor: null, requestId: o.requestId, ipHash: o.ipHash, now: o.now };
    await appendAuditEvent(trx, origin, {
      action: 'safeguarding.raise',
      subjectType: 'person',
      subjectId: personId,
      details: { by: 'person', concernId: raised.concernId, source: 'my', leadNamed: raised.leadName !== null },
    });
    return raised;
  });
}

/**
 * The escalation job: every concern past its acknowledgement time, neither
 * acknowledged nor escalated, is marked escalated and its organisation's
 * managers and the deployment's administrators are told, in one transaction
 * per batch (claimed with SKIP LOCKED, so several processes never escalate
 * one twice). Bounded batches; stops between batches when asked.
 */
export async function escalateUnacknowledged(
  db: Kysely<DB>,
  notifier: Notifier,
  now: Date,
  opts: { signal?: AbortSignal; batchSize?: number; maxBatches?: number; baseUrl?: string } = {},
): Promise<{ escalated: number; told: number }> {
  let escalated = 0;
  let told = 0;
  const batchSize = opts.batchSize ?? 100;
  const link = opts.baseUrl ? ` ${opts.baseUrl.replace(/\/+$/, '')}/staff/safeguarding` : '';
  await runInBatches({ batchSize, maxBatches: opts.maxBatches ?? 20, ...(opts.signal ? { signal: opts.signal } : {}) }, () =>
    db.transaction().execute(async (trx) => {
      const due = await claimDueConcerns(trx, now, batchSize);
      if (!due.length) return false;
      const orgIds = [...new Set(due.map((d) => d.organisation_id))];
      const [{ managers, administrators }, names] = await Promise.all([escalationRecipients(trx, orgIds), organisationNames(trx, orgIds)]);
      const messages: Message[] = [];
      for (const c of due) {
        const org = names.get(c.organisation_id) ?? 'an organisation';
        const text =
          `A safeguarding concern raised at ${org} at ${ukTime(new Date(c.raised_at))} was not acknowledged by ${ukTime(new Date(c.acknowledge_by))}. ` +
          `Someone may be at risk: please make sure ${org} acts on it now.`;
        const to = new Map<string, string>();
        for (const m of managers)
          if (m.organisation_id === c.organisation_id)
            to.set(m.email, `${text} Open Belong, Safeguarding, to see it and acknowledge it.${link}`);
        for (const a of administrators) if (!to.has(a.email)) to.set(a.email, `${text} Contact ${org}'s managers or safeguarding lead.`);
        for (const [address, body] of to)
          messages.push({ to: address, subject: 'Urgent: a safeguarding concern was not acknowledged', text: body });
        told += to.size;
        await appendAuditEvent(
          trx,
          { actor: null, now },
          { action: 'safeguarding.escalate', subjectType: 'person', subjectId: c.person_id, details: { concernId: c.id, told: to.size } },
        );
      }
      await notifier.enqueue(trx, messages);
      escalated += due.length;
      return due.length === batchSize;
    }),
  );
  return { escalated, told };
}
