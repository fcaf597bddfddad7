import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canManageListings, isOrganisationKind, isRole, roleFitsOrganisation, rolesFor } from './roles.ts';

describe('roles and kinds of organisation', () => {
  it('puts administrators only in the organisation that runs Belong', () => {
    assert.equal(roleFitsOrganisation('administrator', { kind: 'referrer', operator: true }), true);
    assert.equal(roleFitsOrganisation('administrator', { kind: 'both', operator: false }), false);
  });

  it('puts connectors where people are referred from, and provider staff where groups are run', () => {
    assert.deepEqual(rolesFor({ kind: 'referrer', operator: false }), ['commissioner', 'connector', 'volunteer']);
    assert.deepEqual(rolesFor({ kind: 'provider', operator: false }), ['commissioner', 'provider_staff', 'volunteer']);
    assert.deepEqual(rolesFor({ kind: 'both', operator: false }), ['commissioner', 'connector', 'provider_staff', 'volunteer']);
  });

  it('links listings only to organisations that provide', () => {
    assert.equal(canManageListings('referrer'), false);
    assert.equal(canManageListings('provider'), true);
    assert.equal(canManageListings('both'), true);
  });

  it('recognises only known roles and kinds', () => {
    assert.equal(isRole('connector'), true);
    assert.equal(isRole('superuser'), false);
    assert.equal(isOrganisationKind('both'), true);
    assert.equal(isOrganisationKind('charity'), false);
  });
});
