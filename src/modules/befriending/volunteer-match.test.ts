import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchVolunteers, type BefriendingRequest, type VolunteerCandidate } from './volunteer-match.ts';
import { vettingOf } from './vetting.ts';

const today = '2026-06-01';
const valid = [
  { kind: 'dbs' as const, checkedOn: '2025-01-01', expiresOn: '2028-01-01' },
  { kind: 'training' as const, checkedOn: '2025-01-01', expiresOn: '2027-01-01' },
  { kind: 'references' as const, checkedOn: '2025-01-01', expiresOn: '2027-06-01' },
];
const v = (over: Partial<VolunteerCandidate>): VolunteerCandidate => ({
  accountId: over.name ?? 'v',
  name: 'Samira',
  gender: 'woman',
  languages: ['ar', 'en'],
  areas: ['BD8'],
  availability: ['tue_morning'],
  interests: [],
  offers: ['befriend_in_person', 'befriend_phone'],
  livedExperience: false,
  maxMatches: 2,
  paused: false,
  openMatches: 0,
  checks: valid,
  ...over,
});
const req: BefriendingRequest = {
  languages: ['ar'],
  englishOk: false,
  outcode: 'BD8',
  wantedGender: 'woman',
  mode: 'in_person',
  times: [],
};

describe('finding volunteers: hard rules', () => {
  it('keeps a volunteer who breaks no rule, with the reasons', () => {
    const r = matchVolunteers(req, [v({})], today);
    assert.equal(r.suggestions.length, 1);
    assert.deepEqual(r.suggestions[0]!.reasons, ['gender:woman', 'language:ar', 'area:BD8', 'vetting:2027-01-01']);
    assert.equal(r.suggestions[0]!.mode, 'in_person');
  });
  it('rules out by each hard rule, naming it', () => {
    const cases: [Partial<VolunteerCandidate>, string][] = [
      [{ name: 'a', gender: 'man' }, 'gender'],
      [{ name: 'b', gender: null }, 'gender'],
      [{ name: 'c', languages: ['pl'] }, 'language'],
      [{ name: 'd', areas: ['LS1'] }, 'area'],
      [{ name: 'e', offers: ['befriend_phone'] }, 'mode'],
      [{ name: 'f', checks: valid.slice(1) }, 'vetting'],
      [{ name: 'g', checks: [{ ...valid[0]!, expiresOn: '2026-05-31' }, ...valid.slice(1)] }, 'vetting'],
      [{ name: 'h', openMatches: 2 }, 'capacity'],
      [{ name: 'i', paused: true }, 'paused'],
    ];
    const r = matchVolunteers(
      req,
      cases.map(([o]) => v(o)),
      today,
    );
    assert.equal(r.suggestions.length, 0);
    for (const [o, rule] of cases)
      assert.ok(r.ruledOut.find((x) => x.accountId === o.name)!.rules.includes(rule as never), `${o.name}: ${rule}`);
  });
  it('by phone ignores the area; either way prefers meeting in person when the area fits', () => {
    assert.equal(matchVolunteers({ ...req, mode: 'phone' }, [v({ areas: [] })], today).suggestions[0]!.mode, 'phone');
    assert.equal(matchVolunteers({ ...req, mode: 'either' }, [v({})], today).suggestions[0]!.mode, 'in_person');
    assert.equal(matchVolunteers({ ...req, mode: 'either', outcode: null }, [v({})], today).suggestions[0]!.mode, 'phone');
  });
  it('needs a shared time only when the person named times', () => {
    assert.deepEqual(matchVolunteers({ ...req, times: ['mon_evening'] }, [v({})], today).ruledOut[0]!.rules, ['times']);
    assert.ok(matchVolunteers({ ...req, times: ['tue_morning'] }, [v({})], today).suggestions[0]!.reasons.includes('times:tue_morning'));
  });
  it('English counts only when the person is happy to speak it', () => {
    const en = v({ languages: ['en'] });
    assert.equal(matchVolunteers(req, [en], today).suggestions.length, 0);
    assert.equal(matchVolunteers({ ...req, englishOk: true }, [en], today).suggestions.length, 1);
  });
  it('ranks a volunteer who speaks the person’s first language first', () => {
    const r = matchVolunteers(
      { ...req, languages: ['ckb', 'ar'] },
      [v({ name: 'ar', languages: ['ar'] }), v({ name: 'ckb', languages: ['ckb'] })],
      today,
    );
    assert.deepEqual(
      r.suggestions.map((s) => s.accountId),
      ['ckb', 'ar'],
    );
  });
});

describe('vetting', () => {
  it('is in date only when every kind of check is recorded and not run out; the newest check of a kind counts', () => {
    assert.equal(vettingOf(valid, today).ok, true);
    assert.equal(vettingOf(valid.slice(1), today).ok, false);
    const renewed = [...valid, { kind: 'dbs' as const, checkedOn: '2020-01-01', expiresOn: '2021-01-01' }];
    assert.equal(vettingOf(renewed, today).ok, true);
    const lapsed = [{ kind: 'dbs' as const, checkedOn: '2026-01-01', expiresOn: '2026-05-01' }, ...valid];
    assert.equal(vettingOf(lapsed, today).checks[0]!.status, 'expired');
    const soon = vettingOf([{ ...valid[0]!, expiresOn: '2026-06-20' }, ...valid.slice(1)], today);
    assert.equal(soon.ok, true);
    assert.equal(soon.checks[0]!.status, 'expiring');
    assert.equal(soon.validUntil, '2026-06-20');
  });
});
