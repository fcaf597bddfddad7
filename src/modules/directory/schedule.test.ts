import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  describeSchedule,
  isOnDay,
  isOpenAt,
  isOpenAtInstant,
  londonLocal,
  nextSessions,
  normaliseTime,
  sessionsOn,
  weekdayOf,
  type ScheduleExceptionInput,
  type ScheduleInput,
} from './schedule.ts';
import { scheduleExceptionSchema, scheduleSchema, type ServiceGraph } from './service-graph.ts';

const sched = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  id: 's1',
  freq: 'WEEKLY',
  byday: 'MO',
  opens_at: '10:00:00',
  closes_at: '12:00:00',
  ...over,
});
const closure = (starts_on: string, ends_on = starts_on, over: Partial<ScheduleExceptionInput> = {}): ScheduleExceptionInput => ({
  id: `x-${starts_on}`,
  schedule_id: null,
  starts_on,
  ends_on,
  closed: true,
  ...over,
});

/** Which of `dates` the schedule is on. */
const onDates = (s: ScheduleInput | ScheduleInput[], dates: string[], exceptions: ScheduleExceptionInput[] = []) =>
  dates.filter((d) => isOnDay(Array.isArray(s) ? s : [s], exceptions, d));

/** Every date in [from, to]. */
const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('input shapes', () => {
  it('takes ServiceGraph schedules and exceptions as they are validated', () => {
    const schedule: ServiceGraph['schedules'][number] = scheduleSchema.parse({
      id: '7a1f6f8e-5a51-4c1e-9a59-1f9c2b3d4e5f',
      freq: 'MONTHLY',
      byday: '1tu',
      opens_at: '10:00',
      closes_at: '12:30',
    });
    const exception: ServiceGraph['schedule_exceptions'][number] = scheduleExceptionSchema.parse({
      id: '0b6d7c1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e',
      starts_on: '2025-04-01',
      ends_on: '2025-04-01',
      closed: false,
      opens_at: '11:00',
      closes_at: '12:00',
    });
    assert.deepEqual(sessionsOn([schedule], [exception], '2025-04-01'), [
      { date: '2025-04-01', opensAt: '11:00:00', closesAt: '12:00:00', scheduleId: schedule.id, changedBy: exception.id },
    ]);
    assert.deepEqual(nextSessions([schedule], [exception], '2025-04-02', 1)[0]!.date, '2025-05-06');
  });
});

describe('calendar helpers', () => {
  it('knows the weekday of dates across years and leap days', () => {
    assert.equal(weekdayOf('2025-01-01'), 'WE');
    assert.equal(weekdayOf('2024-02-29'), 'TH');
    assert.equal(weekdayOf('2025-03-30'), 'SU');
    assert.equal(weekdayOf('2000-01-01'), 'SA');
  });
  it('adds days across month and year ends', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2025-03-01', -1), '2025-02-28');
  });
  it('normalises times and rejects impossible ones', () => {
    assert.equal(normaliseTime('9:30'), '09:30:00');
    assert.equal(normaliseTime('09:30:15'), '09:30:15');
    assert.equal(normaliseTime('24:00'), '24:00:00');
    for (const bad of ['25:00', '10:60', '24:01', 'noon', '', null, undefined]) assert.equal(normaliseTime(bad), null, String(bad));
  });
  it('refuses dates that are not calendar dates', () => {
    assert.throws(() => sessionsOn([sched()], [], '2025-02-29'), RangeError);
    assert.throws(() => sessionsOn([sched()], [], '03/03/2025'), RangeError);
    assert.throws(() => isOpenAt([sched()], [], '2025-03-03', '10am'), RangeError);
  });
});

describe('weekly schedules', () => {
  const cases: { name: string; s: ScheduleInput; dates: string[]; expect: string[] }[] = [
    {
      name: 'runs on each listed weekday',
      s: sched({ byday: 'MO,WE' }),
      dates: range('2025-03-03', '2025-03-09'),
      expect: ['2025-03-03', '2025-03-05'],
    },
    {
      name: 'reads byday in any case and order',
      s: sched({ byday: ' fr, mo ' }),
      dates: range('2025-03-03', '2025-03-09'),
      expect: ['2025-03-03', '2025-03-07'],
    },
    {
      name: 'is weekly when freq is missing but byday is given',
      s: sched({ freq: null, byday: 'TH' }),
      dates: range('2025-03-03', '2025-03-16'),
      expect: ['2025-03-06', '2025-03-13'],
    },
    {
      name: 'runs fortnightly from dtstart across a month boundary',
      s: sched({ byday: 'TU', interval: 2, dtstart: '2025-01-28' }),
      dates: range('2025-01-14', '2025-03-12'),
      expect: ['2025-01-28', '2025-02-11', '2025-02-25', '2025-03-11'],
    },
    {
      name: 'counts fortnights in weeks starting Monday by default (Sunday ends a week)',
      s: sched({ byday: 'SU,MO', interval: 2, dtstart: '2025-03-02' }),
      dates: range('2025-02-24', '2025-03-23'),
      expect: ['2025-03-02', '2025-03-10', '2025-03-16'],
    },
    {
      name: 'counts fortnights in weeks starting Sunday when wkst is SU',
      s: sched({ byday: 'SU,MO', interval: 2, dtstart: '2025-03-02', wkst: 'SU' }),
      dates: range('2025-02-24', '2025-03-23'),
      expect: ['2025-03-02', '2025-03-03', '2025-03-16', '2025-03-17'],
    },
    {
      name: 'runs every third week',
      s: sched({ byday: 'WE', interval: 3, dtstart: '2025-01-01' }),
      dates: range('2025-01-01', '2025-02-28'),
      expect: ['2025-01-01', '2025-01-22', '2025-02-12'],
    },
    {
      name: 'treats an interval without dtstart as every week',
      s: sched({ byday: 'MO', interval: 2 }),
      dates: range('2025-03-03', '2025-03-17'),
      expect: ['2025-03-03', '2025-03-10', '2025-03-17'],
    },
    {
      name: "uses dtstart's weekday when byday is missing",
      s: sched({ byday: null, dtstart: '2025-03-05' }),
      dates: range('2025-03-01', '2025-03-14'),
      expect: ['2025-03-05', '2025-03-12'],
    },
    {
      name: 'ignores ordinals in a weekly rule',
      s: sched({ byday: '1MO' }),
      dates: range('2025-03-03', '2025-03-17'),
      expect: ['2025-03-03', '2025-03-10', '2025-03-17'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(onDates(c.s, c.dates), c.expect));
  }
});

describe('monthly schedules', () => {
  const monthly = (over: Partial<ScheduleInput>) => sched({ freq: 'MONTHLY', byday: null, ...over });
  const cases: { name: string; s: ScheduleInput; dates: string[]; expect: string[] }[] = [
    {
      name: 'runs on the first Tuesday',
      s: monthly({ byday: '1TU' }),
      dates: range('2025-01-01', '2025-04-30'),
      expect: ['2025-01-07', '2025-02-04', '2025-03-04', '2025-04-01'],
    },
    {
      name: 'runs on the last Friday',
      s: monthly({ byday: '-1FR' }),
      dates: range('2025-01-01', '2025-04-30'),
      expect: ['2025-01-31', '2025-02-28', '2025-03-28', '2025-04-25'],
    },
    {
      name: 'runs on the second and fourth Saturdays',
      s: monthly({ byday: '2SA,4SA' }),
      dates: range('2025-02-01', '2025-03-31'),
      expect: ['2025-02-08', '2025-02-22', '2025-03-08', '2025-03-22'],
    },
    {
      name: 'accepts a plus sign on ordinals and mixes first and last',
      s: monthly({ byday: '+1TU,-1FR' }),
      dates: range('2025-01-01', '2025-01-31'),
      expect: ['2025-01-07', '2025-01-31'],
    },
    {
      name: 'skips months without a fifth Tuesday',
      s: monthly({ byday: '5TU' }),
      dates: range('2025-01-01', '2025-09-30'),
      expect: ['2025-04-29', '2025-07-29', '2025-09-30'],
    },
    {
      name: 'runs on every Tuesday when a monthly byday has no ordinal',
      s: monthly({ byday: 'TU' }),
      dates: range('2025-02-01', '2025-02-28'),
      expect: ['2025-02-04', '2025-02-11', '2025-02-18', '2025-02-25'],
    },
    {
      name: 'runs on listed days of the month',
      s: monthly({ bymonthday: '1,15' }),
      dates: range('2025-01-01', '2025-02-28'),
      expect: ['2025-01-01', '2025-01-15', '2025-02-01', '2025-02-15'],
    },
    {
      name: 'runs on the last day of February in leap and common years',
      s: monthly({ bymonthday: '-1' }),
      dates: [...range('2024-02-27', '2024-03-01'), ...range('2025-02-27', '2025-03-01')],
      expect: ['2024-02-29', '2025-02-28'],
    },
    {
      name: 'counts back from the end with other negative days',
      s: monthly({ bymonthday: '-2' }),
      dates: [...range('2024-02-26', '2024-02-29'), ...range('2025-04-27', '2025-04-30')],
      expect: ['2024-02-28', '2025-04-29'],
    },
    {
      name: 'skips months without a 31st',
      s: monthly({ bymonthday: '31' }),
      dates: range('2025-03-01', '2025-05-31'),
      expect: ['2025-03-31', '2025-05-31'],
    },
    {
      name: 'runs every other month from dtstart',
      s: monthly({ bymonthday: '15', interval: 2, dtstart: '2025-01-15' }),
      dates: range('2025-01-01', '2025-05-31'),
      expect: ['2025-01-15', '2025-03-15', '2025-05-15'],
    },
    {
      name: "uses dtstart's day of the month when nothing else is given",
      s: monthly({ dtstart: '2025-01-20' }),
      dates: range('2025-01-01', '2025-03-31'),
      expect: ['2025-01-20', '2025-02-20', '2025-03-20'],
    },
    {
      name: 'needs both byday and bymonthday to agree when both are given (Friday the 13th)',
      s: monthly({ byday: 'FR', bymonthday: '13' }),
      dates: range('2025-01-01', '2025-12-31'),
      expect: ['2025-06-13'],
    },
    {
      name: 'is monthly when freq is missing but bymonthday is given',
      s: sched({ freq: null, byday: null, bymonthday: '10' }),
      dates: range('2025-03-01', '2025-04-30'),
      expect: ['2025-03-10', '2025-04-10'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(onDates(c.s, c.dates), c.expect));
  }
});

describe('schedule bounds', () => {
  const march = range('2025-02-24', '2025-03-31');
  const cases: { name: string; s: ScheduleInput; expect: string[]; exceptions?: ScheduleExceptionInput[] }[] = [
    { name: 'runs up to and including until', s: sched({ until: '2025-03-10' }), expect: ['2025-02-24', '2025-03-03', '2025-03-10'] },
    {
      name: 'starts on dtstart, not before',
      s: sched({ dtstart: '2025-03-10' }),
      expect: ['2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31'],
    },
    {
      name: 'keeps within valid_from and valid_to, both inclusive',
      s: sched({ valid_from: '2025-03-10', valid_to: '2025-03-17' }),
      expect: ['2025-03-10', '2025-03-17'],
    },
    {
      name: 'stops after count occurrences from dtstart',
      s: sched({ dtstart: '2025-03-03', count: 3 }),
      expect: ['2025-03-03', '2025-03-10', '2025-03-17'],
    },
    {
      name: 'does not give an occurrence back when a closure takes one (count)',
      s: sched({ dtstart: '2025-03-03', count: 3 }),
      exceptions: [closure('2025-03-10')],
      expect: ['2025-03-03', '2025-03-17'],
    },
    {
      name: 'counts occurrences from dtstart even when valid_from starts later',
      s: sched({ dtstart: '2025-03-03', count: 3, valid_from: '2025-03-10' }),
      expect: ['2025-03-10', '2025-03-17'],
    },
    {
      name: 'uses the earlier of until and count',
      s: sched({ dtstart: '2025-03-03', count: 10, until: '2025-03-10' }),
      expect: ['2025-03-03', '2025-03-10'],
    },
    {
      name: 'counts only the occurrences of a fortnightly rule',
      s: sched({ dtstart: '2025-03-03', interval: 2, count: 2 }),
      expect: ['2025-03-03', '2025-03-17'],
    },
    {
      name: 'ignores count without dtstart',
      s: sched({ count: 1 }),
      expect: range('2025-02-24', '2025-03-31').filter((d) => weekdayOf(d) === 'MO'),
    },
    {
      name: 'happens once on dtstart when there is no recurrence',
      s: sched({ freq: null, byday: null, dtstart: '2025-03-12' }),
      expect: ['2025-03-12'],
    },
    { name: 'never happens without any recurrence or date', s: sched({ freq: null, byday: null }), expect: [] },
    {
      name: 'never happens when valid_to is before valid_from',
      s: sched({ valid_from: '2025-03-10', valid_to: '2025-03-01' }),
      expect: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(onDates(c.s, march, c.exceptions), c.expect));
  }
});

describe('holiday and closure exceptions', () => {
  const monday = sched({ id: 'mon', byday: 'MO' });
  const thursday = sched({ id: 'thu', byday: 'TH', opens_at: '18:00', closes_at: '20:00' });

  it('closes a bank holiday for the whole service', () => {
    const ex = [closure('2025-05-26')];
    assert.deepEqual(onDates(monday, ['2025-05-19', '2025-05-26', '2025-06-02'], ex), ['2025-05-19', '2025-06-02']);
  });

  it('closes every session in a multi-day closure, inclusive at both ends', () => {
    const ex = [closure('2025-12-22', '2026-01-01')];
    const got = onDates([monday, thursday], range('2025-12-15', '2026-01-12'), ex);
    assert.deepEqual(got, ['2025-12-15', '2025-12-18', '2026-01-05', '2026-01-08', '2026-01-12']);
  });

  it('closes only the named schedule when the exception names one', () => {
    const ex = [closure('2025-03-03', '2025-03-09', { schedule_id: 'thu' })];
    const s = sessionsOn([monday, thursday], ex, '2025-03-03');
    assert.deepEqual(
      s.map((x) => x.scheduleId),
      ['mon'],
    );
    assert.deepEqual(sessionsOn([monday, thursday], ex, '2025-03-06'), []);
  });

  it('changes the hours on a day and says which exception did', () => {
    const ex = [closure('2025-03-03', '2025-03-03', { id: 'late', closed: false, opens_at: '13:00', closes_at: '15:30' })];
    assert.deepEqual(sessionsOn([monday], ex, '2025-03-03'), [
      { date: '2025-03-03', opensAt: '13:00:00', closesAt: '15:30:00', scheduleId: 'mon', changedBy: 'late' },
    ]);
    assert.deepEqual(sessionsOn([monday], ex, '2025-03-10'), [
      { date: '2025-03-10', opensAt: '10:00:00', closesAt: '12:00:00', scheduleId: 'mon', changedBy: null },
    ]);
  });

  it('never adds a session on a day the schedule does not run', () => {
    const ex = [closure('2025-03-04', '2025-03-04', { closed: false, opens_at: '10:00', closes_at: '11:00' })];
    assert.deepEqual(sessionsOn([monday], ex, '2025-03-04'), []);
  });

  it('lets an exception naming the schedule beat a service-wide closure', () => {
    const ex = [
      closure('2025-03-01', '2025-03-31'),
      closure('2025-03-10', '2025-03-10', { id: 'special', schedule_id: 'mon', closed: false, opens_at: '11:00', closes_at: '12:00' }),
    ];
    assert.deepEqual(onDates(monday, range('2025-03-01', '2025-03-31'), ex), ['2025-03-10']);
    assert.equal(sessionsOn([monday], ex, '2025-03-10')[0]!.changedBy, 'special');
  });

  it('lets a closure beat changed hours at the same level', () => {
    const ex = [
      closure('2025-03-03', '2025-03-03', { closed: false, opens_at: '13:00', closes_at: '14:00' }),
      closure('2025-03-03', '2025-03-03'),
    ];
    assert.deepEqual(sessionsOn([monday], ex, '2025-03-03'), []);
  });

  it('lets the shorter of two changed-hours exceptions decide', () => {
    const ex = [
      closure('2025-03-01', '2025-03-31', { id: 'month', closed: false, opens_at: '09:00', closes_at: '10:00' }),
      closure('2025-03-10', '2025-03-10', { id: 'day', closed: false, opens_at: '15:00', closes_at: '16:00' }),
    ];
    assert.equal(sessionsOn([monday], ex, '2025-03-03')[0]!.changedBy, 'month');
    assert.equal(sessionsOn([monday], ex, '2025-03-10')[0]!.changedBy, 'day');
  });

  it('treats closed defaulting to true, and ignores unusable exception rows', () => {
    const ex: ScheduleExceptionInput[] = [
      { starts_on: '2025-03-03', ends_on: '2025-03-03' }, // closed not given: the column defaults to true
      { starts_on: '2025-03-17', ends_on: '2025-03-10', closed: true }, // ends before it starts
      { starts_on: '2025-03-24', ends_on: '2025-03-24', closed: false }, // "open" without hours
      { starts_on: 'soon', ends_on: '2025-03-31', closed: true },
    ];
    assert.deepEqual(onDates(monday, range('2025-03-03', '2025-03-31'), ex), ['2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31']);
  });
});

describe('open now', () => {
  const s = [sched({ byday: 'MO', opens_at: '10:00:00', closes_at: '12:00:00' })];
  const cases: [string, string, boolean][] = [
    ['2025-03-03', '09:59:59', false],
    ['2025-03-03', '10:00:00', true],
    ['2025-03-03', '10:00', true],
    ['2025-03-03', '11:59:59', true],
    ['2025-03-03', '12:00:00', false],
    ['2025-03-03', '12:00', false],
    ['2025-03-04', '11:00:00', false],
  ];
  for (const [date, time, open] of cases) {
    it(`is ${open ? 'open' : 'not open'} on ${weekdayOf(date)} ${date} at ${time} for a 10:00–12:00 session`, () => {
      assert.equal(isOpenAt(s, [], date, time), open);
    });
  }

  it('is on the day but never "open" when the schedule gives no times', () => {
    const noTimes = [sched({ opens_at: null, closes_at: null })];
    assert.equal(isOnDay(noTimes, [], '2025-03-03'), true);
    assert.equal(isOpenAt(noTimes, [], '2025-03-03', '11:00'), false);
    assert.deepEqual(sessionsOn(noTimes, [], '2025-03-03')[0], {
      date: '2025-03-03',
      opensAt: null,
      closesAt: null,
      scheduleId: 's1',
      changedBy: null,
    });
  });

  it('treats a schedule with only an opening time as time not given', () => {
    assert.equal(sessionsOn([sched({ closes_at: null })], [], '2025-03-03')[0]!.opensAt, null);
  });

  it('follows changed hours', () => {
    const ex = [closure('2025-03-03', '2025-03-03', { closed: false, opens_at: '14:00', closes_at: '16:00' })];
    assert.equal(isOpenAt(s, ex, '2025-03-03', '11:00'), false);
    assert.equal(isOpenAt(s, ex, '2025-03-03', '15:00'), true);
  });

  it('is open in either of two sessions on a day, not between them', () => {
    const two = [sched({ id: 'am' }), sched({ id: 'pm', opens_at: '18:00', closes_at: '20:30' })];
    assert.equal(isOpenAt(two, [], '2025-03-03', '11:00'), true);
    assert.equal(isOpenAt(two, [], '2025-03-03', '15:00'), false);
    assert.equal(isOpenAt(two, [], '2025-03-03', '20:29:59'), true);
  });

  it('keeps an overnight session open until midnight on its own day', () => {
    const late = [sched({ opens_at: '22:00', closes_at: '02:00' })];
    assert.equal(isOpenAt(late, [], '2025-03-03', '23:30'), true);
    assert.equal(isOpenAt(late, [], '2025-03-03', '21:00'), false);
  });

  it('judges an instant in London time, through the clock change', () => {
    const sunday = [sched({ byday: 'SU', opens_at: '10:00', closes_at: '12:00' })];
    assert.equal(isOpenAtInstant(sunday, [], new Date('2025-03-30T09:30:00Z')), true); // 10:30 BST
    assert.equal(isOpenAtInstant(sunday, [], new Date('2025-03-30T11:30:00Z')), false); // 12:30 BST
    assert.equal(isOpenAtInstant(sunday, [], new Date('2025-03-23T11:30:00Z')), true); // 11:30 GMT
    assert.equal(isOpenAtInstant(sunday, [], new Date('2025-03-23T09:30:00Z')), false); // 09:30 GMT
  });
});

describe('next sessions', () => {
  const schedules = [
    sched({ id: 'mon', byday: 'MO' }),
    sched({ id: 'first-sat', freq: 'MONTHLY', byday: '1SA', opens_at: '09:00', closes_at: '13:00' }),
    sched({ id: 'wed', byday: 'WE', opens_at: null, closes_at: null }),
  ];

  it('lists sessions in date and time order across schedules', () => {
    const got = nextSessions(schedules, [], '2025-02-27', 5);
    assert.deepEqual(
      got.map((s) => `${s.date} ${s.scheduleId}`),
      ['2025-03-01 first-sat', '2025-03-03 mon', '2025-03-05 wed', '2025-03-10 mon', '2025-03-12 wed'],
    );
  });

  it('skips closures', () => {
    const got = nextSessions(schedules, [closure('2025-03-01', '2025-03-04')], '2025-02-27', 2);
    assert.deepEqual(
      got.map((s) => s.date),
      ['2025-03-05', '2025-03-10'],
    );
  });

  it('stops at the horizon, counting the start date as its first day', () => {
    assert.deepEqual(
      nextSessions(schedules, [], '2025-03-01', 10, 3).map((s) => s.date),
      ['2025-03-01', '2025-03-03'],
    );
    assert.deepEqual(nextSessions(schedules, [], '2025-03-01', 10, 0), []);
    assert.deepEqual(nextSessions([sched({ byday: 'MO', until: '2025-01-01' })], [], '2025-03-01', 3), []);
  });

  it('leaves out sessions that have already closed today, keeping untimed ones', () => {
    const got = nextSessions(schedules, [], '2025-03-03', 2, 90, { afterTime: '12:00' });
    assert.deepEqual(
      got.map((s) => `${s.date} ${s.scheduleId}`),
      ['2025-03-05 wed', '2025-03-10 mon'],
    );
    const running = nextSessions(schedules, [], '2025-03-03', 1, 90, { afterTime: '11:59' });
    assert.equal(running[0]!.date, '2025-03-03');
  });

  it('rejects impossible arguments', () => {
    assert.throws(() => nextSessions(schedules, [], '2025-03-03', -1), RangeError);
    assert.throws(() => nextSessions(schedules, [], '2025-03-03', 1, 100_000), RangeError);
    assert.throws(() => nextSessions(schedules, [], '2025-03-03', 1, 90, { afterTime: 'late' }), RangeError);
  });
});

describe('London local time', () => {
  const cases: [string, string, string, string][] = [
    ['2025-01-15T12:00:00Z', '2025-01-15', '12:00:00', 'WE'],
    ['2025-07-15T12:00:00Z', '2025-07-15', '13:00:00', 'TU'],
    ['2025-03-30T00:59:59Z', '2025-03-30', '00:59:59', 'SU'], // last second of GMT
    ['2025-03-30T01:00:00Z', '2025-03-30', '02:00:00', 'SU'], // clocks go forward
    ['2025-10-26T00:59:59Z', '2025-10-26', '01:59:59', 'SU'], // last second of BST
    ['2025-10-26T01:00:00Z', '2025-10-26', '01:00:00', 'SU'], // clocks go back
    ['2025-06-30T23:30:00Z', '2025-07-01', '00:30:00', 'TU'], // BST moves the date
    ['2025-12-31T23:59:59Z', '2025-12-31', '23:59:59', 'WE'],
    ['2024-02-29T00:00:00Z', '2024-02-29', '00:00:00', 'TH'],
  ];
  for (const [instant, date, time, weekday] of cases) {
    it(`reads ${instant} as ${date} ${time} ${weekday}`, () => {
      assert.deepEqual(londonLocal(new Date(instant)), { date, time, weekday });
    });
  }

  it('rejects an invalid Date', () => {
    assert.throws(() => londonLocal(new Date('nonsense')), RangeError);
  });

  it('is one hour ahead of UTC exactly between the last Sundays of March and October, 01:00 UTC', () => {
    const lastSunday = (y: number, month: number) => {
      const d = new Date(Date.UTC(y, month + 1, 0, 1));
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return d.getTime();
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2037, 11, 31) }), (ms) => {
        const y = new Date(ms).getUTCFullYear();
        const summer = ms >= lastSunday(y, 2) && ms < lastSunday(y, 9);
        const expected = new Date(ms + (summer ? 3_600_000 : 0)).toISOString();
        const local = londonLocal(new Date(ms));
        assert.equal(`${local.date}T${local.time}`, expected.slice(0, 19));
        assert.equal(local.weekday, weekdayOf(local.date));
      }),
      { numRuns: 500 },
    );
  });
});

describe('describeSchedule', () => {
  it('summarises a weekly schedule with days Monday first', () => {
    assert.deepEqual(describeSchedule(sched({ byday: 'WE,MO' })), {
      kind: 'weekly',
      days: ['MO', 'WE'],
      interval: 1,
      opensAt: '10:00:00',
      closesAt: '12:00:00',
      startsOn: null,
      endsOn: null,
      count: null,
      issues: [],
    });
    assert.deepEqual(describeSchedule(sched({ byday: 'SU,MO' })).days, ['MO', 'SU']);
  });

  it('summarises "first Tuesday of the month"', () => {
    const d = describeSchedule(sched({ freq: 'MONTHLY', byday: '1TU' }));
    assert.equal(d.kind, 'monthly');
    assert.deepEqual(d.days, ['TU']);
    assert.deepEqual(d.ordinals, [1]);
    assert.deepEqual(d.weekdays, [{ day: 'TU', ordinal: 1 }]);
  });

  it('summarises "second and fourth Saturdays" and "first Tuesday and last Friday"', () => {
    assert.deepEqual(describeSchedule(sched({ freq: 'MONTHLY', byday: '4SA,2SA' })).ordinals, [2, 4]);
    const mixed = describeSchedule(sched({ freq: 'MONTHLY', byday: '1TU,-1FR' }));
    assert.deepEqual(mixed.days, ['TU', 'FR']);
    assert.equal(mixed.ordinals, undefined); // not the same for both days: read `weekdays`
    assert.deepEqual(mixed.weekdays, [
      { day: 'TU', ordinal: 1 },
      { day: 'FR', ordinal: -1 },
    ]);
    assert.deepEqual(describeSchedule(sched({ freq: 'MONTHLY', byday: '1MO,-1MO' })).ordinals, [1, -1]);
  });

  it('summarises days of the month, with -1 for the last day', () => {
    const d = describeSchedule(sched({ freq: 'MONTHLY', byday: null, bymonthday: '-1,15,1' }));
    assert.deepEqual(d.monthDays, [1, 15, -1]);
    assert.deepEqual(d.days, []);
  });

  it('summarises fortnightly with its bounds', () => {
    const d = describeSchedule(sched({ interval: 2, dtstart: '2025-01-28', byday: 'TU', valid_to: '2025-06-30', until: '2025-07-31' }));
    assert.equal(d.interval, 2);
    assert.equal(d.startsOn, '2025-01-28');
    assert.equal(d.endsOn, '2025-06-30');
  });

  it('gives the last date implied by count', () => {
    assert.equal(describeSchedule(sched({ dtstart: '2025-03-03', count: 3 })).endsOn, '2025-03-17');
  });

  it('summarises a one-off date', () => {
    const d = describeSchedule(sched({ freq: null, byday: null, dtstart: '2025-03-12' }));
    assert.equal(d.kind, 'once');
    assert.equal(d.date, '2025-03-12');
    assert.deepEqual(d.days, ['WE']);
  });

  it('flags what it had to guess or could not use', () => {
    assert.deepEqual(describeSchedule(sched({ interval: 2 })).issues, ['interval_without_start']);
    assert.equal(describeSchedule(sched({ interval: 2 })).interval, 1);
    assert.deepEqual(describeSchedule(sched({ count: 4 })).issues, ['count_without_start']);
    assert.deepEqual(describeSchedule(sched({ freq: null })).issues, ['frequency_inferred']);
    assert.deepEqual(describeSchedule(sched({ freq: null, byday: null })).issues, ['no_recurrence']);
    assert.equal(describeSchedule(sched({ freq: null, byday: null })).kind, 'unknown');
    assert.deepEqual(describeSchedule(sched({ byday: 'MO,XX' })).issues, ['bad_byday']);
    assert.deepEqual(describeSchedule(sched({ freq: 'DAILY' })).issues, ['unknown_frequency', 'frequency_inferred']);
    assert.deepEqual(describeSchedule(sched({ opens_at: '9am' })).issues, ['bad_time']);
    assert.deepEqual(describeSchedule(sched({ freq: 'MONTHLY', byday: null, bymonthday: '0,40' })).issues, [
      'bad_bymonthday',
      'no_recurrence',
    ]);
  });

  it('produces no English words', () => {
    const d = describeSchedule(sched({ freq: 'MONTHLY', byday: '2SA,4SA', dtstart: '2025-01-01' }));
    const words = JSON.stringify(d).match(/[A-Za-z]{4,}/g) ?? [];
    const keys = new Set([
      'kind',
      'monthly',
      'days',
      'ordinals',
      'weekdays',
      'ordinal',
      'interval',
      'opensAt',
      'closesAt',
      'startsOn',
      'endsOn',
      'count',
      'issues',
      'null',
    ]);
    assert.deepEqual(
      words.filter((w) => !keys.has(w)),
      [],
    );
  });
});

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-01-01', n));
  const time = fc
    .tuple(fc.integer({ min: 6, max: 22 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
  const codes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  const byday = fc.oneof(
    fc.subarray(codes, { minLength: 1 }).map((a) => a.join(',')),
    fc
      .array(fc.tuple(fc.constantFrom(1, 2, 3, 4, 5, -1, -2), fc.constantFrom(...codes)), { minLength: 1, maxLength: 3 })
      .map((a) => a.map(([o, d]) => `${o}${d}`).join(',')),
  );
  const schedule = fc.record({
    id: fc.constantFrom('a', 'b', 'c'),
    freq: fc.constantFrom('WEEKLY', 'MONTHLY', null),
    interval: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    byday: fc.option(byday, { nil: null }),
    bymonthday: fc.option(
      fc.subarray([1, 2, 15, 28, 29, 30, 31, -1], { minLength: 1 }).map((a) => a.join(',')),
      { nil: null },
    ),
    dtstart: fc.option(day, { nil: null }),
    until: fc.option(day, { nil: null }),
    count: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    wkst: fc.option(fc.constantFrom(...codes), { nil: null }),
    valid_from: fc.option(day, { nil: null }),
    valid_to: fc.option(day, { nil: null }),
    opens_at: fc.option(time, { nil: null }),
    closes_at: fc.option(time, { nil: null }),
  });
  const exception = fc
    .record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      schedule_id: fc.constantFrom('a', 'b', null),
      starts_on: day,
      length: fc.integer({ min: 0, max: 20 }),
      closed: fc.boolean(),
      opens_at: time,
      closes_at: time,
    })
    .map(({ length, ...e }) => ({ ...e, ends_on: addDays(e.starts_on, length) }));

  it('nextSessions is exactly the sessions of each day in turn, in order, cut at n', () => {
    fc.assert(
      fc.property(
        fc.array(schedule, { maxLength: 4 }),
        fc.array(exception, { maxLength: 4 }),
        day,
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 60 }),
        (ss, ex, from, n, horizon) => {
          const got = nextSessions(ss, ex, from, n, horizon);
          const expected = [];
          for (let i = 0; i < horizon && expected.length < n; i++) expected.push(...sessionsOn(ss, ex, addDays(from, i)));
          assert.deepEqual(got, expected.slice(0, n));
          for (let i = 1; i < got.length; i++) {
            const a = got[i - 1]!;
            const b = got[i]!;
            assert.ok(a.date < b.date || (a.date === b.date && (a.opensAt ?? '') <= (b.opensAt ?? '')), 'sorted');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no session falls inside a closure that applies to it, and only closures or changes alter it', () => {
    fc.assert(
      fc.property(
        fc.array(schedule, { maxLength: 4 }),
        fc.array(exception, { maxLength: 4 }),
        day,
        fc.integer({ min: 1, max: 40 }),
        (ss, ex, from, horizon) => {
          const withEx = nextSessions(ss, ex, from, 1000, horizon);
          const without = nextSessions(ss, [], from, 1000, horizon);
          const covering = (scheduleId: string, date: string) =>
            ex.filter((e) => e.starts_on <= date && date <= e.ends_on && (e.schedule_id === null || e.schedule_id === scheduleId));
          for (const s of withEx) {
            const cover = covering(s.scheduleId, s.date);
            const specific = cover.filter((e) => e.schedule_id === s.scheduleId);
            const deciding = specific.length ? specific : cover;
            assert.ok(!deciding.some((e) => e.closed), `session on ${s.date} despite a closure`);
            assert.equal(s.changedBy !== null, deciding.length > 0);
          }
          // Exceptions only ever take sessions away (never add one).
          const key = (s: { date: string; scheduleId: string }) => `${s.date}/${s.scheduleId}`;
          const before = new Map<string, number>();
          for (const s of without) before.set(key(s), (before.get(key(s)) ?? 0) + 1);
          for (const s of withEx) {
            const left = before.get(key(s)) ?? 0;
            assert.ok(left > 0, `exception added a session on ${key(s)}`);
            before.set(key(s), left - 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a weekly schedule only ever runs on its listed weekdays, within its bounds', () => {
    fc.assert(
      fc.property(schedule, day, (s, from) => {
        const weekly = { ...s, freq: 'WEEKLY' as const, byday: s.byday ?? 'MO' };
        const listed = new Set(weekly.byday.split(',').map((p) => p.replace(/^[+-]?\d+/, '')));
        for (const session of nextSessions([weekly], [], from, 100, 120)) {
          assert.ok(listed.has(weekdayOf(session.date)));
          for (const lower of [weekly.dtstart, weekly.valid_from]) if (lower) assert.ok(session.date >= lower);
          for (const upper of [weekly.until, weekly.valid_to]) if (upper) assert.ok(session.date <= upper);
        }
      }),
      { numRuns: 300 },
    );
  });
});
