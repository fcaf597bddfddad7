/**
 * Test helpers for referrals: a small world (a connector's organisation with
 * a person, two provider organisations each managing one service, a full
 * service and a paused one), access for any account, a clock, and a
 * notifier that remembers what it sent.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { createAccess, type Access } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/ids.ts';
import type { Executor } from '../../platform/db/executor.ts';
import { outboxNotifier, type Message, type Notifier } from '../../platform/notify/notifier.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';

/** Writes messages to the outbox in the caller's transaction, as the real notifier does, and remembers them. */
export class RecordingNotifier implements Notifier {
  sent: Message[] = [];
  #outbox = outboxNotifier();
  async enqueue(trx: Executor, messages: Message | readonly Message[]): Promise<void> {
    const list: readonly Message[] = Array.isArray(messages) ? messages : [messages as Message];
    await this.#outbox.enqueue(trx, list);
    this.sent.push(...list);
  }
  to(address: string): Message[] {
    return this.sent.filter((m) => m.to === address);
  }
}

export interface ReferralWorld {
  db: Kysely<DB>;
  connectorOrg: string;
  otherConnectorOrg: string;
  providerA: string;
  providerB: string;
  accounts: {
    connector: string;
    connector2: string;
    otherConnector: string;
    providerA: string;
    providerA2: string;
    providerB: string;
    volunteerA: string;
  };
  emails: Record<keyof ReferralWorld['accounts'], string>;
  services: { tea: string; walk: string; full: string; paused: string; inactive: string; unmanaged: string };
  /** The directory organisations whose listings A and B manage. */
  listingA: string;
  listingB: string;
}

export async function makePerson(
  db: Kysely<DB>,
  organisationId: string,
  opts: { name?: string; contact?: string[]; phone?: string } = {},
): Promise<string> {
  const id = newId();
  const now = new Date();
  await db
    .insertInto('person')
    .values({
      id,
      organisation_id: organisationId,
      display_name: opts.name ?? 'Amina',
      preferred_language: 'ar',
      interpreter_needed: true,
      interpreter_language: 'Arabic (Sudanese)',
      contact_method: 'phone',
      phone: opts.phone ?? '07700 900777',
      safe_to_call: true,
      safe_to_text: false,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('person_consent')
    .values({ id: newId(), person_id: id, kind: 'store', scope: ['record', 'contact_details'], given_by: 'verbal', granted_at: now })
    .execute();
  if (opts.contact?.length)
    await db
      .insertInto('person_consent')
      .values({ id: newId(), person_id: id, kind: 'contact', scope: opts.contact, given_by: 'verbal', granted_at: now })
      .execute();
  return id;
}

export async function buildReferralWorld(db: Kysely<DB>, key = 'rw'): Promise<ReferralWorld> {
  const orgA = organizationFixture(`${key}-listing-a`);
  const orgB = organizationFixture(`${key}-listing-b`);
  const orgC = organizationFixture(`${key}-listing-c`);
  const [tea, walk, full, paused, inactive, unmanaged] = await saveFixtures(db, [
    serviceFixture(`${key}-tea`, { organization: orgA, service: { name: 'Tuesday tea and chat' } }),
    serviceFixture(`${key}-walk`, { organization: orgB, service: { name: 'Women’s walking group' } }),
    serviceFixture(`${key}-full`, { organization: orgA, service: { name: 'Sewing circle' }, belong: { capacity_status: 'full' } }),
    serviceFixture(`${key}-paused`, {
      organization: orgA,
      service: { name: 'Allotment mornings' },
      belong: { accepting_referrals: false },
    }),
    serviceFixture(`${key}-inactive`, { organization: orgB, service: { name: 'Old lunch club', status: 'inactive' } }),
    serviceFixture(`${key}-unmanaged`, { organization: orgC, service: { name: 'Quiet reading group' } }),
  ]);
  const connectorOrg = await makeOrganisation(db, { name: `${key} Surgery`, kind: 'referrer' });
  const otherConnectorOrg = await makeOrganisation(db, { name: `${key} Refugee Welcome`, kind: 'referrer' });
  const providerA = await makeOrganisation(db, { name: `${key} Provider A`, kind: 'provider', listings: [orgA.id] });
  const providerB = await makeOrganisation(db, { name: `${key} Provider B`, kind: 'provider', listings: [orgB.id] });
  const mk = (org: string, role: 'connector' | 'provider_staff' | 'volunteer') => makeAccount(db, org, { role, password: false });
  const made = {
    connector: await mk(connectorOrg, 'connector'),
    connector2: await mk(connectorOrg, 'connector'),
    otherConnector: await mk(otherConnectorOrg, 'connector'),
    providerA: await mk(providerA, 'provider_staff'),
    providerA2: await mk(providerA, 'provider_staff'),
    providerB: await mk(providerB, 'provider_staff'),
    volunteerA: await mk(providerA, 'volunteer'),
  };
  const accounts = Object.fromEntries(Object.entries(made).map(([k, v]) => [k, v.id])) as ReferralWorld['accounts'];
  const emails = Object.fromEntries(Object.entries(made).map(([k, v]) => [k, v.email])) as unknown as ReferralWorld['emails'];
  return {
    db,
    connectorOrg,
    otherConnectorOrg,
    providerA,
    providerB,
    accounts,
    emails,
    services: {
      tea: tea!.service.id,
      walk: walk!.service.id,
      full: full!.service.id,
      paused: paused!.service.id,
      inactive: inactive!.service.id,
      unmanaged: unmanaged!.service.id,
    },
    listingA: orgA.id,
    listingB: orgB.id,
  };
}

export async function accessFor(db: Kysely<DB>, accountId: string, now: () => Date = () => new Date()): Promise<Access> {
  return createAccess(db, { actor: await loadActor(db, accountId), now, requestId: `test-${accountId.slice(0, 8)}` });
}
