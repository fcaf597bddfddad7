import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCheck, parseProfile } from './volunteer-form.ts';

describe('volunteer forms', () => {
  it('reads a profile: codes cleaned, areas upper-cased, unknown offers and slots dropped', () => {
    const r = parseProfile({
      languages: 'AR, en , ar',
      areas: 'bd8, BD 9',
      interests: 'cooking, football',
      offers: ['befriend_phone', 'flying'],
      availability: ['tue_morning', 'someday'],
      gender: 'woman',
      max_matches: '3',
    });
    assert.ok(r.ok);
    assert.deepEqual(r.value.languages, ['ar', 'en']);
    assert.deepEqual(r.value.areas, ['BD8', 'BD9']);
    assert.deepEqual(r.value.offers, ['befriend_phone']);
    assert.deepEqual(r.value.availability, ['tue_morning']);
    assert.equal(r.value.maxMatches, 3);
    assert.equal(r.value.gender, 'woman');
  });
  it('names each bad field', () => {
    const r = parseProfile({ languages: '', areas: 'Bradford', max_matches: '99' });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => p.field),
      ['languages', 'areas', 'max_matches'],
    );
  });
  it('reads a check; the expiry must be a real date after the check', () => {
    assert.ok(parseCheck({ kind: 'dbs', checked_on: '2026-01-10', expires_on: '2029-01-10' }).ok);
    const bad = parseCheck({ kind: 'dbs', checked_on: '2026-02-30', expires_on: '2026-01-01' });
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.problems.map((p) => p.field),
      ['checked_on'],
    );
    const before = parseCheck({ kind: 'training', checked_on: '2026-01-10', expires_on: '2026-01-10' });
    assert.ok(!before.ok && before.problems[0]!.message === 'volunteers.error.expiresBefore');
    assert.ok(!parseCheck({ kind: 'passport', checked_on: '2026-01-10', expires_on: '2027-01-10' }).ok);
    assert.ok(!parseCheck({ kind: 'dbs', checked_on: '0000-01-01', expires_on: '2027-01-10' }).ok);
  });
});
