import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addMonths, countProblems, hasNoSafeguardingRecord, isStale, qualityProblems, type ListingFacts } from './freshness.ts';

const TODAY = '2026-03-02';
const facts = (over: Partial<ListingFacts> = {}): ListingFacts => ({
  reviewDue: '2026-06-01',
  verifiedOn: '2026-01-10',
  languages: 1,
  schedules: 1,
  safeguardingPolicy: true,
  safeguardingCheckedLeads: false,
  traumaInformedTraining: false,
  safeguardingReviewDate: null,
  openReports: 0,
  ...over,
});

describe('addMonths', () => {
  it('moves by whole months, clamping to the end of shorter months', () => {
    assert.equal(addMonths('2026-03-02', 6), '2026-09-02');
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addMonths('2027-08-31', 6), '2028-02-29', 'leap year');
    assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
    assert.equal(addMonths('2026-01-15', -12), '2025-01-15');
    assert.equal(addMonths('2026-12-01', 1), '2027-01-01');
  });

  it('always gives a real date n months on, never a later day of the month', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: -36, max: 36 }),
        (d, n) => {
          const from = d.toISOString().slice(0, 10);
          const to = addMonths(from, n);
          const parsed = new Date(`${to}T00:00:00Z`);
          assert.equal(parsed.toISOString().slice(0, 10), to, 'a real calendar date');
          const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
          assert.equal(months, n);
          assert.ok(Number(to.slice(8)) <= Number(from.slice(8)));
        },
      ),
    );
  });
});

describe('staleness', () => {
  it('is stale once the review date has passed, not on the day itself', () => {
    assert.equal(isStale({ reviewDue: '2026-03-01', verifiedOn: '2026-02-01' }, TODAY), true);
    assert.equal(isStale({ reviewDue: TODAY, verifiedOn: null }, TODAY), false);
    assert.equal(isStale({ reviewDue: '2026-04-01', verifiedOn: null }, TODAY), false, 'a future review date wins over no verification');
  });

  it('without a review date, is stale after 12 months without verification, or never verified', () => {
    assert.equal(isStale({ reviewDue: null, verifiedOn: '2025-03-02' }, TODAY), false, 'exactly 12 months');
    assert.equal(isStale({ reviewDue: null, verifiedOn: '2025-03-01' }, TODAY), true);
    assert.equal(isStale({ reviewDue: null, verifiedOn: '2025-12-25' }, TODAY), false);
    assert.equal(isStale({ reviewDue: null, verifiedOn: null }, TODAY), true);
  });
});

describe('quality problems', () => {
  it('finds nothing wrong with a complete, recently checked listing', () => {
    assert.deepEqual(qualityProblems(facts(), TODAY), []);
  });

  it('names each problem, in a fixed order', () => {
    const all = facts({ reviewDue: '2025-01-01', languages: 0, schedules: 0, safeguardingPolicy: false, openReports: 2 });
    assert.deepEqual(qualityProblems(all, TODAY), ['stale', 'no_languages', 'no_times', 'no_safeguarding', 'open_reports']);
    assert.deepEqual(qualityProblems(facts({ schedules: 0 }), TODAY), ['no_times']);
  });

  it('counts any one safeguarding field as a record', () => {
    const none = facts({ safeguardingPolicy: false });
    assert.equal(hasNoSafeguardingRecord(none), true);
    assert.equal(hasNoSafeguardingRecord({ ...none, safeguardingCheckedLeads: true }), false);
    assert.equal(hasNoSafeguardingRecord({ ...none, traumaInformedTraining: true }), false);
    assert.equal(hasNoSafeguardingRecord({ ...none, safeguardingReviewDate: '2026-09-01' }), false);
  });

  it('counts listings per problem', () => {
    const counts = countProblems([['stale', 'no_times'], ['stale'], []]);
    assert.deepEqual(counts, { stale: 2, no_languages: 0, no_times: 1, no_safeguarding: 0, open_reports: 0 });
  });
});
