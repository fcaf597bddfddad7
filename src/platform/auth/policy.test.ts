import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actor.ts';
import { ACTIONS, authorize, can, MANAGER_ASSIGNABLE_ROLES, POLICY, ROLES } from './policy.ts';

const actor = (over: Partial<Actor> = {}): Actor => ({
  accountId: 'a1',
  name: 'Test',
  email: 't@example.org',
  role: 'provider_staff',
  manager: false,
  organisationId: 'org-a',
  organisationName: 'A',
  organisationKind: 'provider',
  operator: false,
  listingOrganizationIds: ['dir-1', 'dir-2'],
  active: true,
  twoStep: false,
  ...over,
});

describe('the policy table', () => {
  it('gives every action at least one grant, and only known roles', () => {
    for (const action of ACTIONS) {
      assert.ok(POLICY[action].length > 0, action);
      for (const g of POLICY[action]) if (g.roles !== 'all') for (const r of g.roles) assert.ok(ROLES.includes(r), `${action}: ${r}`);
    }
  });

  it('denies everything to nobody and to suspended accounts, whatever their role', () => {
    for (const action of ACTIONS) {
      assert.deepEqual(authorize(null, action, {}), { allowed: false, why: 'signedOut' });
      const admin = actor({ role: 'administrator', active: false, operator: true });
      assert.deepEqual(authorize(admin, action, { accountId: 'a1', organisationId: 'org-a' }), { allowed: false, why: 'inactive' });
    }
  });

  it('lets provider staff edit listings only when every organisation touched is theirs', () => {
    const p = actor();
    assert.equal(can(p, 'listing.edit', { listingOrganizationIds: ['dir-1'] }), true);
    assert.equal(can(p, 'listing.edit', { listingOrganizationIds: ['dir-1', 'dir-2'] }), true);
    assert.equal(can(p, 'listing.edit', { listingOrganizationIds: ['dir-1', 'dir-9'] }), false);
    assert.equal(can(p, 'listing.edit', { listingOrganizationIds: [] }), false, 'an empty set proves nothing');
    assert.equal(can(p, 'listing.edit', {}), false);
    assert.equal(can(actor({ role: 'volunteer' }), 'listing.edit', { listingOrganizationIds: ['dir-1'] }), false);
    assert.equal(can(actor({ role: 'administrator' }), 'listing.edit', { listingOrganizationIds: ['dir-9'] }), true);
  });

  it('lets a manager invite only into their own organisation, only roles that fit it, and never another manager', () => {
    const m = actor({ manager: true });
    assert.equal(can(m, 'staff.invite', { organisationId: 'org-a', role: 'provider_staff' }), true);
    assert.equal(can(m, 'staff.invite', { organisationId: 'org-a', role: 'volunteer' }), true);
    assert.equal(can(m, 'staff.invite', { organisationId: 'org-a', role: 'connector' }), false, 'connector does not fit a provider');
    assert.equal(can(m, 'staff.invite', { organisationId: 'org-a', role: 'administrator' }), false);
    assert.equal(can(m, 'staff.invite', { organisationId: 'org-a', role: 'provider_staff', manager: true }), false);
    assert.equal(can(m, 'staff.invite', { organisationId: 'org-b', role: 'provider_staff' }), false);
    assert.equal(can(actor(), 'staff.invite', { organisationId: 'org-a', role: 'provider_staff' }), false, 'not a manager');
    assert.deepEqual(MANAGER_ASSIGNABLE_ROLES.referrer, ['connector', 'volunteer']);
  });

  it('never lets anyone suspend or demote themselves', () => {
    const admin = actor({ role: 'administrator', accountId: 'me' });
    assert.equal(can(admin, 'staff.suspend', { organisationId: 'org-a', accountId: 'me' }), false);
    assert.equal(can(admin, 'staff.suspend', { organisationId: 'org-a', accountId: 'you' }), true);
    assert.equal(can(admin, 'staff.change_role', { organisationId: 'org-a', accountId: 'me', role: 'volunteer' }), false);
    const m = actor({ manager: true, accountId: 'me' });
    assert.equal(can(m, 'staff.suspend', { organisationId: 'org-a', accountId: 'me' }), false);
    assert.equal(can(m, 'staff.suspend', { organisationId: 'org-a', accountId: 'you' }), true);
  });

  it('lets everyone signed in manage only their own account', () => {
    for (const role of ROLES) {
      const a = actor({ role, accountId: 'me' });
      assert.equal(can(a, 'account.manage_own', { accountId: 'me' }), true, role);
      assert.equal(can(a, 'account.manage_own', { accountId: 'someone-else' }), false, role);
    }
  });

  it('keeps the audit log and the outbox to administrators', () => {
    for (const role of ROLES) {
      const expected = role === 'administrator';
      assert.equal(can(actor({ role, manager: true }), 'audit.search'), expected, role);
      assert.equal(can(actor({ role, manager: true }), 'outbox.view'), expected, role);
    }
  });
});
