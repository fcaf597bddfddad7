import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkShareChoice, shareableNow, SHAREABLE_FIELDS, sharedView, type ShareSource } from './referral-sharing.ts';

const source = (contactScopes: string[]): ShareSource => ({
  displayName: 'Amina',
  preferredLanguage: 'ar',
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic (Sudanese)',
  contactMethod: 'phone',
  phone: '07700 900777',
  email: 'amina@example.org',
  safeToCall: true,
  safeToText: true,
  safeToLeaveMessage: false,
  contactScopes,
  need: 'Company',
  summary: 'Likes cooking',
  support: {
    interpreterNeeded: true,
    interpreterLanguage: 'Arabic (Sudanese)',
    accompanyWanted: true,
    transportNeeded: false,
    childcareNeeded: false,
  },
});
const KEY: Record<string, string> = {
  name: 'name',
  language: 'language',
  contact: 'contact',
  need: 'need',
  practical_support: 'practicalSupport',
  summary: 'summary',
};

describe('what a referral shares', () => {
  it('offers contact details only with a contact consent', () => {
    assert.ok(!shareableNow([]).includes('contact'));
    assert.deepEqual(shareableNow(['call']), [...SHAREABLE_FIELDS]);
    assert.deepEqual(checkShareChoice(['contact'], []), { ok: false, error: 'contact_not_allowed' });
    assert.deepEqual(checkShareChoice([], ['call']), { ok: false, error: 'nothing_chosen' });
    assert.deepEqual(checkShareChoice(['name', 'address'], ['call']), { ok: false, error: 'unknown_field' });
    assert.deepEqual(checkShareChoice(['need', 'name', 'need'], []), { ok: true, fields: ['name', 'need'] });
  });

  it('the view holds exactly the shared fields, for any choice', () => {
    fc.assert(
      fc.property(fc.subarray([...SHAREABLE_FIELDS]), (fields) => {
        const view = sharedView(fields, source(['call', 'text', 'email']));
        assert.deepEqual(Object.keys(view).sort(), fields.map((f) => KEY[f]!).sort());
        const text = JSON.stringify(view);
        if (!fields.includes('contact')) assert.ok(!text.includes('07700') && !text.includes('amina@'));
        if (!fields.includes('summary')) assert.ok(!text.includes('Likes cooking'));
      }),
    );
  });

  it('within contact details, only the ways the person still allows', () => {
    assert.deepEqual(sharedView(['contact'], source(['call'])).contact, {
      method: 'phone',
      phone: '07700 900777',
      email: null,
      safeToCall: true,
      safeToText: false,
      safeToLeaveMessage: false,
    });
    assert.equal(sharedView(['contact'], source(['email'])).contact?.phone, null);
    assert.deepEqual(sharedView(['contact'], source([])), {}, 'contact consent withdrawn since: nothing');
  });
});
