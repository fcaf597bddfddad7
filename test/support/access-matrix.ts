/**
 * The world the access matrix runs in (access-matrix.int.test.ts): who the
 * actors are, what a row is, and the organisations and listings they act on.
 *
 * Modules add their rows in their own `<module>.access-rows.ts` and list
 * them in access-matrix.rows.ts, so adding an action never means editing the
 * core rows.
 */
import assert from 'node:assert/strict';
import { makeAccount, makeOrganisation } from '../../src/modules/accounts/accounts.test-support.ts';
import { parseServiceGraph, type ServiceGraph } from '../../src/modules/directory/service-graph.ts';
import type { TestDatabase } from './test-db.ts';
import { type locationFixture, organizationFixture, saveFixtures, serviceFixture } from './directory-fixtures.ts';
import type { Access } from '../../src/platform/auth/access.ts';
import type { Action } from '../../src/platform/auth/policy.ts';

export const ACTORS = [
  'anonymous',
  'administrator',
  'commissioner',
  'connector',
  'otherConnector',
  'providerManager',
  'providerStaff',
  'volunteer',
  'otherProviderManager',
  'suspendedOrgManager',
  'suspendedAdministrator',
] as const;
export type ActorKey = (typeof ACTORS)[number];

export interface World {
  database: TestDatabase;
  /** Provider organisations A and B. */
  orgA: string;
  orgB: string;
  /** The connector's organisation (a GP practice) and the other connector's (a charity). */
  orgConnector: string;
  orgOtherConnector: string;
  /** Directory organisations: A's listing and B's listing. */
  listingA: string;
  listingB: string;
  /** Service of listing A, as saved. */
  graphA: ServiceGraph;
  accounts: Record<Exclude<ActorKey, 'anonymous'>, string>;
}

export interface Row {
  action: Action;
  does: string;
  allowed: readonly ActorKey[];
  /** Makes what this cell needs (fresh targets, so cells do not depend on each other). */
  prepare?: (w: World, cell: string) => Promise<Record<string, string>>;
  /** The attempt, through the policy-checked services. */
  attempt: (access: Access, w: World, cell: string, target: Record<string, string>) => Promise<unknown>;
  /** For writes: whether the attempt's change is in the database. */
  changed?: (w: World, cell: string, target: Record<string, string>) => Promise<boolean>;
  /** Undoes an allowed change to a shared record, so later cells see the world as before. */
  cleanup?: (w: World) => Promise<void>;
  /** A row that allows nobody exists only to pin one condition; say which. */
  pins?: string;
}

export const PROVIDERS_A: ActorKey[] = ['providerManager', 'providerStaff'];

/** Every signed-in, active actor (for actions anyone may do to their own things). */
export const EVERY_ACTIVE: ActorKey[] = [
  'administrator',
  'commissioner',
  'connector',
  'otherConnector',
  ...PROVIDERS_A,
  'volunteer',
  'otherProviderManager',
];

export async function graphFor(
  key: string,
  organization: ReturnType<typeof organizationFixture>,
  extra: { name?: string; locations?: ReturnType<typeof locationFixture>[] } = {},
): Promise<ServiceGraph> {
  const parsed = parseServiceGraph(
    serviceFixture(key, {
      organization,
      service: extra.name ? { name: extra.name } : {},
      ...(extra.locations ? { locations: extra.locations } : {}),
    }),
  );
  assert.ok(parsed.ok);
  return parsed.value;
}

/** Makes the organisations, listings and accounts every row acts on. */
export async function buildWorld(database: TestDatabase): Promise<World> {
  const db = database.db;
  const [gA, gB] = await saveFixtures(db, [
    serviceFixture('tea-and-chat', { organization: organizationFixture('listing-a') }),
    serviceFixture('walking-group', { organization: organizationFixture('listing-b') }),
  ]);
  const operator = await makeOrganisation(db, { name: 'Belong team', kind: 'referrer', operator: true });
  const council = await makeOrganisation(db, { name: 'Bradford Council', kind: 'referrer' });
  const gp = await makeOrganisation(db, { name: 'Oak Lane Surgery', kind: 'referrer' });
  const charity = await makeOrganisation(db, { name: 'Refugee Welcome', kind: 'referrer' });
  const orgA = await makeOrganisation(db, { name: 'Provider A', kind: 'provider', listings: [gA!.organization.id] });
  const orgB = await makeOrganisation(db, { name: 'Provider B', kind: 'provider', listings: [gB!.organization.id] });
  const paused = await makeOrganisation(db, {
    name: 'Paused provider',
    kind: 'provider',
    suspended: true,
    listings: [gA!.organization.id],
  });
  const mk = async (org: string, opts: Parameters<typeof makeAccount>[2]) => (await makeAccount(db, org, { password: false, ...opts })).id;
  return {
    database,
    orgA,
    orgB,
    orgConnector: gp,
    orgOtherConnector: charity,
    listingA: gA!.organization.id,
    listingB: gB!.organization.id,
    graphA: gA!,
    accounts: {
      administrator: await mk(operator, { role: 'administrator' }),
      commissioner: await mk(council, { role: 'commissioner', manager: true }),
      connector: await mk(gp, { role: 'connector', manager: true }),
      otherConnector: await mk(charity, { role: 'connector' }),
      providerManager: await mk(orgA, { role: 'provider_staff', manager: true }),
      providerStaff: await mk(orgA, { role: 'provider_staff' }),
      volunteer: await mk(orgA, { role: 'volunteer' }),
      otherProviderManager: await mk(orgB, { role: 'provider_staff', manager: true }),
      suspendedOrgManager: await mk(paused, { role: 'provider_staff', manager: true }),
      suspendedAdministrator: await mk(operator, { role: 'administrator', disabled: true }),
    },
  };
}
