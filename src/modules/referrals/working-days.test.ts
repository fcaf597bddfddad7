import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { nextStep } from './referral-deadlines.ts';
import {
  addWorkingDays,
  BANK_HOLIDAY_LIST,
  bankHolidays,
  computedBankHolidays,
  configureClosures,
  easterSunday,
  extraClosures,
  isWorkingDay,
} from './working-days.ts';
import { listProblems, loadVendoredList, vendoredFromFeed } from './working-days-list.ts';

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

describe('the official GOV.UK list, with the one-off holidays', () => {
  it('has VE day 2020 in place of the early May bank holiday', () => {
    assert.ok(bankHolidays(2020).includes('2020-05-08'));
    assert.equal(isWorkingDay('2020-05-04'), true, 'the usual first Monday in May was a working day that year');
    assert.equal(addWorkingDays('2020-05-07', 1), '2020-05-11');
    assert.equal(addWorkingDays('2020-05-01', 1), '2020-05-04');
  });

  it('has the Platinum Jubilee (spring bank holiday moved to Thursday 2 June) and the State Funeral in 2022', () => {
    const y2022 = bankHolidays(2022);
    for (const d of ['2022-06-02', '2022-06-03', '2022-09-19']) assert.ok(y2022.includes(d), d);
    assert.equal(isWorkingDay('2022-05-30'), true, 'not the last Monday in May that year');
    assert.equal(y2022.length, 10);
    assert.equal(addWorkingDays('2022-06-01', 1), '2022-06-06', 'Thursday and Friday off, then the weekend');
    assert.equal(addWorkingDays('2022-09-16', 1), '2022-09-20');
  });

  it('has the coronation in 2023', () => {
    assert.ok(bankHolidays(2023).includes('2023-05-08'));
    assert.equal(addWorkingDays('2023-05-05', 1), '2023-05-09');
  });

  it('moves a referral’s due date over a one-off holiday', () => {
    // Sent on Wednesday 1 June 2022: 5 working days to acknowledge skip the jubilee weekend.
    assert.equal(nextStep({ state: 'sent', firstVisit: null }, '2022-06-01')!.due, '2022-06-10');
    assert.equal(nextStep({ state: 'sent', firstVisit: null }, '2023-05-04')!.due, '2023-05-12');
  });

  it('agrees with the rule every year it covers, except for the proclaimed one-off holidays', () => {
    const oneOffs = { added: ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'], moved: ['2020-05-04', '2022-05-30'] };
    for (let y = BANK_HOLIDAY_LIST.firstYear; y <= BANK_HOLIDAY_LIST.lastYear; y++) {
      const official = bankHolidays(y);
      const rule = computedBankHolidays(y);
      assert.deepEqual(
        official.filter((d) => !rule.includes(d)),
        oneOffs.added.filter((d) => d.startsWith(`${y}-`)),
        `${y}: only the one-offs are added`,
      );
      assert.deepEqual(
        rule.filter((d) => !official.includes(d)),
        oneOffs.moved.filter((d) => d.startsWith(`${y}-`)),
        `${y}: only the moved days are missing`,
      );
    }
  });

  it('covers 2018 to 2027 at least, says where it comes from, and falls back to the rule beyond', () => {
    assert.ok(BANK_HOLIDAY_LIST.firstYear <= 2018 && BANK_HOLIDAY_LIST.lastYear >= 2027);
    assert.equal(BANK_HOLIDAY_LIST.source, 'https://www.gov.uk/bank-holidays.json');
    assert.match(BANK_HOLIDAY_LIST.reflects, /^\d{4}-\d{2}-\d{2}$/);
    const beyond = BANK_HOLIDAY_LIST.lastYear + 3;
    assert.deepEqual(bankHolidays(beyond), computedBankHolidays(beyond));
    assert.deepEqual(bankHolidays(2030), [
      '2030-01-01',
      '2030-04-19',
      '2030-04-22',
      '2030-05-06',
      '2030-05-27',
      '2030-08-26',
      '2030-12-25',
      '2030-12-26',
    ]);
    assert.equal(addWorkingDays('2030-04-18', 1), '2030-04-23', 'Easter 2030 from the rule');
  });
});

describe('the deployment’s own closures (BELONG_EXTRA_CLOSURES)', () => {
  afterEach(() => configureClosures([]));

  it('are not working days, and due dates move over them', () => {
    assert.equal(addWorkingDays('2026-12-23', 1), '2026-12-24');
    configureClosures(['2026-12-24', '2026-12-31']);
    assert.deepEqual(extraClosures(), ['2026-12-24', '2026-12-31']);
    assert.equal(isWorkingDay('2026-12-24'), false);
    assert.equal(isWorkingDay('2026-12-31'), false);
    assert.equal(
      addWorkingDays('2026-12-23', 1),
      '2026-12-29',
      'Christmas Eve closed, then Christmas, the weekend and Boxing Day’s substitute',
    );
    assert.equal(addWorkingDays('2026-12-23', 5), '2027-01-06');
    assert.ok(!bankHolidays(2026).includes('2026-12-24'), 'a closure is not a bank holiday');
    configureClosures([]);
    assert.equal(isWorkingDay('2026-12-24'), true);
  });
});

describe('checking a list before it is used', () => {
  const vendored = loadVendoredList();
  const feed = (events: unknown[]) => ({
    'england-and-wales': { division: 'england-and-wales', events },
    scotland: { division: 'scotland', events: [] },
  });

  it('takes GOV.UK’s JSON as published, keeping England and Wales only, with its date', () => {
    const list = vendoredFromFeed(feed([...vendored.events].reverse()), '2026-12-05', new Date('2026-12-05T10:00:00Z'));
    assert.deepEqual(list.events, vendored.events, 'sorted by date');
    assert.equal(list.reflects, '2026-12-05');
    assert.equal(list.fetched, '2026-12-05T10:00:00.000Z');
    assert.equal(list.division, 'england-and-wales');
  });

  it('refuses a list that is not GOV.UK’s, or that looks wrong', () => {
    assert.throws(() => vendoredFromFeed({ scotland: {} }, '2026-12-05', new Date()), /Not GOV.UK's bank holiday list/);
    assert.throws(() => vendoredFromFeed('<html>', '2026-12-05', new Date()), /Not GOV.UK's/);
    const events = vendored.events;
    assert.throws(() => vendoredFromFeed(feed(events), '2031-01-10', new Date()), /does not cover this year \(2031\)/);
    assert.throws(
      () =>
        vendoredFromFeed(feed([...events, { title: 'Saturday', date: '2026-12-26', notes: '', bunting: true }]), '2026-12-05', new Date()),
      /2026-12-26 \(Saturday\) is a weekend day/,
    );
    assert.throws(() => vendoredFromFeed(feed([...events, events[0]]), '2026-12-05', new Date()), /listed twice/);
    assert.throws(
      () => vendoredFromFeed(feed(events.filter((e) => !e.date.startsWith('2024-'))), '2026-12-05', new Date()),
      /2024 has 0 bank holidays/,
    );
    assert.throws(
      () => vendoredFromFeed(feed([{ title: 'x', date: '2026-02-30', notes: '', bunting: true }]), '2026-12-05', new Date()),
      /Not GOV.UK's|not a calendar date/,
    );
  });

  it('finds nothing wrong with the vendored list', () => {
    assert.deepEqual(listProblems(vendored.events), []);
  });
});
