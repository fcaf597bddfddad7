/**
 * The access matrix: every kind of actor against every protected action,
 * run through the real policy-checked services on the engine under test.
 *
 * Actors: nobody signed in; each role (administrator, commissioner,
 * connector, provider manager, provider staff, volunteer) — the provider
 * people and the volunteer in provider organisation A; a manager of another
 * provider organisation B (the cross-organisation case); a manager whose
 * organisation is suspended; and an administrator whose own account is
 * suspended.
 *
 * Each ROW names an action, what is attempted (usually on organisation A or
 * its listings), and the actors who may do it; every other actor must be
 * refused with AccessDenied, leave a "denied" audit entry, and change
 * nothing. Rows that write also check the change happened for those allowed.
 *
 * Why this catches a missing check: the meta-tests below require that every
 * action in policy.ts has a row, that every row refuses at least one actor,
 * and that every action is allowed to someone. Each check in the policy has
 * a row where it is the only thing refusing someone: a grant's role list
 * (e.g. volunteers may not edit listings), its scope (the other
 * organisation's manager; a save that touches B's listing), its conditions
 * (provider staff without the manager flag; a manager giving the manager
 * flag or a commissioner role; the manager suspending themselves; the
 * administrator changing their own role — a row that allows nobody, kept
 * because it pins that condition), the "suspended" rule (two suspended
 * actors) and "signed in" (anonymous). Remove that check, or let a service
 * skip access.run, and that actor gets through and its cell fails. Removing
 * a whole grant instead makes an allowed cell fail.
 *
 * Adding an action: add it to policy.ts, then add a ROW: core actions here,
 * a module's actions in its own `<module>.access-rows.ts`, listed in
 * access-matrix.rows.ts. The actors and their organisations are made by
 * buildWorld (access-matrix.support.ts); the connector works in a GP
 * practice and `otherConnector` in a charity (the cross-organisation case for
 * people's records).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { organisationsService } from '../../src/modules/organisations/organisations.service.ts';
import { listingsService } from '../../src/modules/listings/listings.service.ts';
import { staffService } from '../../src/modules/organisations/staff.service.ts';
import { accountService } from '../../src/modules/accounts/account.service.ts';
import { outboxService } from '../../src/modules/admin/outbox.service.ts';
import { makeAccount, makeOrganisation } from '../../src/modules/accounts/accounts.test-support.ts';
import { ACTORS, buildWorld, EVERY_ACTIVE, graphFor, PROVIDERS_A, type ActorKey, type Row, type World } from '../support/access-matrix.ts';
import { MODULE_ROWS } from './access-matrix.rows.ts';
import { loadConfig } from '../../src/config.ts';
import { auditLog } from '../../src/platform/auth/audit-log.service.ts';
import type { Notifier } from '../../src/platform/notify/notifier.ts';
import { AccessDenied, createAccess, type Access } from '../../src/platform/auth/access.ts';
import { loadActor, type Actor } from '../../src/platform/auth/actor.ts';
import { ACTIONS, type Action } from '../../src/platform/auth/policy.ts';
import { sessionSettings } from '../../src/platform/auth/session.ts';
import { fixtureId, organizationFixture, saveFixtures, serviceFixture, locationFixture } from '../support/directory-fixtures.ts';
import { openTestDatabase, testEngine } from '../support/test-db.ts';

const notifier: Notifier = { enqueue: async () => undefined };
const staff = (a: Access) => staffService(a, { notifier, baseUrl: 'http://localhost' });
const settings = sessionSettings(loadConfig({}));

const CORE_ROWS: Row[] = [
  {
    action: 'organisation.list',
    does: 'list every organisation',
    allowed: ['administrator'],
    attempt: (a) => organisationsService(a).list(),
  },
  {
    action: 'organisation.create',
    does: 'add an organisation',
    allowed: ['administrator'],
    attempt: (a, _w, cell) => organisationsService(a).create({ name: `New ${cell}`, kind: 'provider' }),
    changed: async (w, cell) =>
      !!(await w.database.db.selectFrom('staff_organisation').select('id').where('name', '=', `New ${cell}`).executeTakeFirst()),
  },
  {
    action: 'organisation.view',
    does: 'see organisation A',
    allowed: ['administrator', ...PROVIDERS_A, 'volunteer'],
    attempt: (a, w) => organisationsService(a).get(w.orgA),
  },
  {
    action: 'organisation.update',
    does: 'link a listing to organisation A',
    allowed: ['administrator'],
    prepare: async (w, cell) => {
      const [g] = await saveFixtures(w.database.db, [serviceFixture(`link-${cell}`)]);
      return { listing: g!.organization.id };
    },
    attempt: (a, w, _c, t) => organisationsService(a).linkListing(w.orgA, t.listing!),
    changed: async (w, _c, t) =>
      !!(await w.database.db
        .selectFrom('staff_organisation_listing')
        .selectAll()
        .where('staff_organisation_id', '=', w.orgA)
        .where('organization_id', '=', t.listing!)
        .executeTakeFirst()),
  },
  {
    action: 'organisation.suspend',
    does: 'suspend an organisation',
    allowed: ['administrator'],
    prepare: async (w) => ({ org: await makeOrganisation(w.database.db) }),
    attempt: (a, _w, _c, t) => organisationsService(a).setSuspended(t.org!, true, 'Safeguarding concern under review'),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('staff_organisation').select('suspended_at').where('id', '=', t.org!).executeTakeFirstOrThrow())
        .suspended_at !== null,
  },
  {
    action: 'staff.list',
    does: 'list organisation A’s staff',
    allowed: ['administrator', 'providerManager'],
    attempt: (a, w) => staff(a).list(w.orgA),
  },
  {
    action: 'staff.invite',
    does: 'invite provider staff to organisation A',
    allowed: ['administrator', 'providerManager'],
    attempt: (a, w, cell) =>
      staff(a).invite(w.orgA, { email: `${cell.toLowerCase()}@invite.example.org`, role: 'provider_staff', manager: false }),
    changed: async (w, cell) =>
      !!(await w.database.db
        .selectFrom('staff_invitation')
        .select('id')
        .where('email', '=', `${cell.toLowerCase()}@invite.example.org`)
        .executeTakeFirst()),
  },
  {
    action: 'staff.invite',
    does: 'invite a manager to organisation A',
    allowed: ['administrator'],
    attempt: (a, w, cell) =>
      staff(a).invite(w.orgA, { email: `${cell.toLowerCase()}@manager.example.org`, role: 'provider_staff', manager: true }),
    changed: async (w, cell) =>
      !!(await w.database.db
        .selectFrom('staff_invitation')
        .select('id')
        .where('email', '=', `${cell.toLowerCase()}@manager.example.org`)
        .executeTakeFirst()),
  },
  {
    action: 'staff.invite',
    does: 'invite a commissioner to organisation A (a role managers may not give)',
    allowed: ['administrator'],
    attempt: (a, w, cell) =>
      staff(a).invite(w.orgA, { email: `${cell.toLowerCase()}@commissioner.example.org`, role: 'commissioner', manager: false }),
    changed: async (w, cell) =>
      !!(await w.database.db
        .selectFrom('staff_invitation')
        .select('id')
        .where('email', '=', `${cell.toLowerCase()}@commissioner.example.org`)
        .executeTakeFirst()),
  },
  {
    action: 'staff.suspend',
    does: 'suspend organisation A’s manager (for that manager: themselves)',
    allowed: ['administrator'],
    attempt: (a, w) => staff(a).setSuspended(w.accounts.providerManager, true, 'Testing who may do this'),
    changed: async (w) =>
      (
        await w.database.db
          .selectFrom('staff_account')
          .select('disabled_at')
          .where('id', '=', w.accounts.providerManager)
          .executeTakeFirstOrThrow()
      ).disabled_at !== null,
    cleanup: async (w) => {
      await w.database.db.updateTable('staff_account').set({ disabled_at: null }).where('id', '=', w.accounts.providerManager).execute();
    },
  },
  {
    action: 'staff.change_role',
    does: 'change the administrator’s own role',
    allowed: [],
    pins: 'nobody changes their own role (notSelf)',
    attempt: (a, w) => staff(a).changeRole(w.accounts.administrator, { role: 'administrator', manager: true }),
    changed: async (w) =>
      (
        await w.database.db
          .selectFrom('staff_account')
          .select('manager')
          .where('id', '=', w.accounts.administrator)
          .executeTakeFirstOrThrow()
      ).manager,
  },
  {
    action: 'staff.suspend',
    does: 'suspend someone in organisation A',
    allowed: ['administrator', 'providerManager'],
    prepare: async (w) => ({ account: (await makeAccount(w.database.db, w.orgA, { password: false })).id }),
    attempt: (a, _w, _c, t) => staff(a).setSuspended(t.account!, true, 'Left the organisation'),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('staff_account').select('disabled_at').where('id', '=', t.account!).executeTakeFirstOrThrow())
        .disabled_at !== null,
  },
  {
    action: 'staff.change_role',
    does: 'change the role of someone in organisation A',
    allowed: ['administrator'],
    prepare: async (w) => ({ account: (await makeAccount(w.database.db, w.orgA, { password: false })).id }),
    attempt: (a, _w, _c, t) => staff(a).changeRole(t.account!, { role: 'volunteer', manager: false }),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('staff_account').select('role').where('id', '=', t.account!).executeTakeFirstOrThrow()).role ===
      'volunteer',
  },
  {
    action: 'staff.issue_reset',
    does: 'make a password link for someone in organisation A',
    allowed: ['administrator'],
    prepare: async (w) => ({ account: (await makeAccount(w.database.db, w.orgA, { password: false })).id }),
    attempt: (a, _w, _c, t) => staff(a).issueReset(t.account!, { clearTwoStep: false }),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('staff_password_reset').select('id').where('account_id', '=', t.account!).executeTakeFirst()),
  },
  {
    action: 'listing.edit',
    does: 'edit a service of organisation A’s listing',
    allowed: ['administrator', ...PROVIDERS_A],
    attempt: async (a, w, cell) => listingsService(a).save({ ...w.graphA, service: { ...w.graphA.service, name: `Tea and chat ${cell}` } }),
    changed: async (w, cell) =>
      (await w.database.db.selectFrom('service').select('name').where('id', '=', w.graphA.service.id).executeTakeFirstOrThrow()).name ===
      `Tea and chat ${cell}`,
  },
  {
    action: 'listing.edit',
    does: 'take over a service of organisation B’s listing by naming A as its organisation',
    allowed: ['administrator'],
    prepare: async (w, cell) => {
      const [g] = await saveFixtures(w.database.db, [
        serviceFixture(`b-service-${cell}`, { organization: organizationFixture('listing-b') }),
      ]);
      return { service: g!.service.id, key: `b-service-${cell}` };
    },
    attempt: async (a, w, _c, t) => listingsService(a).save(await graphFor(t.key!, organizationFixture('listing-a'))),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('service').select('organization_id').where('id', '=', t.service!).executeTakeFirstOrThrow())
        .organization_id === w.listingA,
  },
  {
    action: 'listing.edit',
    does: 'change a location of organisation B’s listing through a service of A',
    allowed: ['administrator'],
    prepare: async (w, cell) => {
      await saveFixtures(w.database.db, [
        serviceFixture(`b-loc-${cell}`, { organization: organizationFixture('listing-b'), locations: [locationFixture(`b-loc-${cell}`)] }),
      ]);
      return { location: fixtureId(`location:b-loc-${cell}`), key: `b-loc-${cell}` };
    },
    attempt: async (a, w, _c, t) => {
      const loc = locationFixture(t.key!, { name: 'Renamed by someone else' });
      return listingsService(a).save({
        ...w.graphA,
        locations: [...w.graphA.locations, (await graphFor(t.key!, organizationFixture('listing-a'), { locations: [loc] })).locations[0]!],
      });
    },
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('location').select('name').where('id', '=', t.location!).executeTakeFirstOrThrow()).name ===
      'Renamed by someone else',
  },
  {
    action: 'audit.search',
    does: 'search the audit log',
    allowed: ['administrator'],
    attempt: (a) => auditLog(a).search({}, 1),
  },
  {
    action: 'audit.subject_history',
    does: 'see who has looked at an account',
    allowed: ['administrator'],
    attempt: (a, w) => auditLog(a).forSubject('staff_account', w.accounts.providerStaff),
  },
  {
    action: 'outbox.view',
    does: 'read the outbox',
    allowed: ['administrator'],
    attempt: (a) => outboxService(a).list(),
  },
  {
    action: 'outbox.view_held',
    does: 'read the text of messages about people the GP practice holds',
    allowed: ['connector'],
    attempt: (a, w) => outboxService(a).held(w.orgConnector),
  },
  {
    action: 'account.manage_own',
    does: 'see their own account',
    allowed: EVERY_ACTIVE,
    attempt: (a) => accountService(a, settings).summary(),
  },
];

const ROWS: Row[] = [...CORE_ROWS, ...MODULE_ROWS];

describe(`access matrix: every actor × every protected action [${testEngine}]`, () => {
  let w: World;
  const actors = new Map<ActorKey, Actor | null>();
  const clock = () => new Date();

  before(async () => {
    w = await buildWorld(await openTestDatabase());
    const db = w.database.db;
    actors.set('anonymous', null);
    for (const [key, id] of Object.entries(w.accounts)) actors.set(key as ActorKey, await loadActor(db, id));
  });
  after(async () => {
    await w.database.dispose();
  });

  it('covers every action in the policy', () => {
    const covered = new Set(ROWS.map((r) => r.action));
    assert.deepEqual(
      ACTIONS.filter((a) => !covered.has(a)),
      [],
    );
  });

  it('has rows that each refuse at least one actor, and actions that each allow at least one, so removing any check fails a cell', () => {
    for (const r of ROWS) {
      assert.ok(
        ACTORS.some((a) => !r.allowed.includes(a)),
        `${r.action} (${r.does}) refuses nobody`,
      );
      assert.ok(r.allowed.length > 0 || r.pins, `${r.action} (${r.does}) allows nobody and does not say which condition it pins`);
      for (const a of r.allowed) assert.ok(ACTORS.includes(a), a);
    }
    for (const action of ACTIONS)
      assert.ok(
        ROWS.some((r) => r.action === action && r.allowed.length > 0),
        `${action} is allowed to nobody`,
      );
  });

  it('refuses the suspended, the signed out and the other organisation in every row that concerns organisation A', () => {
    for (const r of ROWS) {
      for (const a of ['anonymous', 'suspendedOrgManager', 'suspendedAdministrator', 'otherProviderManager'] as const) {
        if (r.action === 'account.manage_own' && a === 'otherProviderManager') continue; // their own account, not A's
        assert.ok(!r.allowed.includes(a), `${r.action} (${r.does}) allows ${a}`);
      }
    }
  });

  ROWS.forEach((row, i) => {
    describe(`${row.action}: ${row.does}`, () => {
      for (const key of ACTORS) {
        const allowed = row.allowed.includes(key);
        it(`${key} is ${allowed ? 'allowed' : 'refused'}`, async () => {
          const cell = `r${i}-${key}`;
          const target = row.prepare ? await row.prepare(w, cell) : {};
          const access = createAccess(w.database.db, { actor: actors.get(key) ?? null, now: clock, requestId: cell });
          const deniedBefore = await countDenied(row.action, cell);
          if (allowed) {
            const result = await row.attempt(access, w, cell, target);
            if (result && typeof result === 'object' && 'ok' in result)
              assert.equal((result as { ok: boolean }).ok, true, JSON.stringify(result));
            if (row.changed) assert.equal(await row.changed(w, cell, target), true, 'the change was made');
            await row.cleanup?.(w);
          } else {
            await assert.rejects(() => row.attempt(access, w, cell, target), AccessDenied);
            assert.equal(await countDenied(row.action, cell), deniedBefore + 1, 'the refusal is in the audit log');
            if (row.changed) assert.equal(await row.changed(w, cell, target), false, 'nothing was changed');
          }
        });
      }
    });
  });

  async function countDenied(action: Action, requestId: string): Promise<number> {
    const r = await w.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('outcome', '=', 'denied')
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
});
