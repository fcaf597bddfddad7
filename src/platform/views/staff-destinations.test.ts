import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../auth/actor.ts';
import type { StaffOrganisationKind, StaffRole } from '../db/schema.ts';
import { STAFF_KEYS } from '../i18n/staff-catalogue.ts';
import { staffDestinations } from './staff-destinations.ts';

function actor(role: StaffRole, kind: StaffOrganisationKind, over: Partial<Actor> = {}): Actor {
  return {
    accountId: 'a',
    name: 'Sam',
    email: 'sam@example.org',
    role,
    manager: false,
    organisationId: 'org',
    organisationName: 'Org',
    organisationKind: kind,
    operator: false,
    listingOrganizationIds: [],
    active: true,
    twoStep: false,
    ...over,
  } as Actor;
}

const hrefs = (a: Actor) => staffDestinations(a).map((d) => d.href);

describe('where staff can go', () => {
  it('offers each role its own pages and nothing it may not open', () => {
    assert.deepEqual(hrefs(actor('connector', 'referrer')), [
      '/staff/people',
      '/staff/referrals',
      '/staff/handovers',
      '/staff/messages',
      '/staff/befriending',
      '/staff/safeguarding',
      '/staff/volunteers',
      '/staff/account',
    ]);
    assert.deepEqual(hrefs(actor('provider_staff', 'provider', { listingOrganizationIds: ['dir-org'] })), [
      '/staff/referrals/inbox',
      '/staff/feedback',
      '/staff/listings',
      '/staff/reports',
      '/staff/account',
    ]);
    assert.deepEqual(hrefs(actor('commissioner', 'referrer')), [
      '/staff/unmet-needs',
      '/staff/evidence',
      '/staff/measures/summary',
      '/staff/account',
    ]);
    assert.deepEqual(hrefs(actor('volunteer', 'provider')), ['/staff/visits', '/staff/volunteering', '/staff/account']);
    assert.deepEqual(hrefs(actor('volunteer', 'referrer')), ['/staff/visits', '/staff/volunteering', '/staff/account']);
    const admin = hrefs(actor('administrator', 'referrer', { operator: true }));
    for (const h of [
      '/staff/listings',
      '/admin/approvals',
      '/admin/reports',
      '/admin/quality',
      '/staff/unmet-needs',
      '/staff/evidence',
      '/staff/organisations',
      '/admin/audit',
      '/admin/outbox',
      '/staff/safeguarding',
    ])
      assert.ok(admin.includes(h), h);
    assert.ok(!admin.includes('/staff/people'), 'administrators do not read personal records');
  });

  it('offers a provider with no listings neither listings nor reports', () => {
    const h = hrefs(actor('provider_staff', 'provider'));
    assert.ok(!h.includes('/staff/listings') && !h.includes('/staff/reports'));
  });

  it('offers a suspended account nothing but its own account page', () => {
    assert.deepEqual(hrefs(actor('administrator', 'referrer', { active: false })), ['/staff/account']);
  });

  it('names every destination with words from the staff catalogue', () => {
    for (const d of staffDestinations(actor('administrator', 'both', { listingOrganizationIds: ['x'] })))
      for (const k of [d.nav, d.tile, d.hint]) assert.ok(STAFF_KEYS.includes(k), k);
  });
});
