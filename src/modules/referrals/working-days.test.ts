import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addWorkingDays, bankHolidays, easterSunday, isWorkingDay } from './working-days.ts';

describe('England and Wales bank holidays', () => {
  it('computes Easter Sunday', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
  });

  it('matches the published lists (with substitute days)', () => {
    // gov.uk lists for 2026 and 2027.
    assert.deepEqual(bankHolidays(2026), [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    assert.deepEqual(bankHolidays(2027), [
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ]);
    // 2022: New Year on Saturday (substitute Monday 3rd); Christmas on Sunday (Boxing Day Monday, substitute Tuesday).
    const y2022 = bankHolidays(2022, { extra: ['2022-06-02', '2022-06-03', '2022-09-19'] });
    assert.ok(y2022.includes('2022-01-03'));
    assert.ok(y2022.includes('2022-12-26') && y2022.includes('2022-12-27'));
    assert.ok(y2022.includes('2022-09-19'), 'a one-off holiday can be added');
  });

  it('can omit a computed holiday', () => {
    assert.ok(!bankHolidays(2026, { omit: ['2026-08-31'] }).includes('2026-08-31'));
  });
});

describe('working days', () => {
  it('skips weekends and bank holidays', () => {
    assert.equal(isWorkingDay('2026-11-21'), false); // Saturday
    assert.equal(isWorkingDay('2026-12-28'), false); // substitute Boxing Day
    assert.equal(isWorkingDay('2026-11-23'), true);
    assert.equal(addWorkingDays('2026-11-20', 5), '2026-11-27'); // Friday + 5 = next Friday
    assert.equal(addWorkingDays('2026-12-23', 5), '2027-01-04'); // over Christmas and New Year
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07'); // over Easter
    assert.equal(addWorkingDays('2026-11-21', 0), '2026-11-23');
  });

  it('refuses a negative or fractional count', () => {
    assert.throws(() => addWorkingDays('2026-11-20', -1), RangeError);
    assert.throws(() => addWorkingDays('2026-11-20', 1.5), RangeError);
  });

  it('always lands on a working day, later than the start, with exactly n working days in between', () => {
    const start = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const due = addWorkingDays(date, n);
        assert.ok(isWorkingDay(due));
        assert.ok(due > date);
        let count = 0;
        for (let d = new Date(`${date}T00:00:00Z`); d.toISOString().slice(0, 10) < due;) {
          d.setUTCDate(d.getUTCDate() + 1);
          if (isWorkingDay(d.toISOString().slice(0, 10))) count += 1;
        }
        assert.equal(count, n);
      }),
    );
  });
});
