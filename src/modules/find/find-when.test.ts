import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScheduleInput } from '../directory/schedule.ts';
import { arrangeCandidates, localNow, whenFlags, type Timetable } from './find-when.ts';

const weekly = (id: string, byday: string, opens = '10:00:00', closes = '12:00:00'): ScheduleInput => ({
  id,
  freq: 'WEEKLY',
  byday,
  opens_at: opens,
  closes_at: closes,
});
const tt = (...schedules: ScheduleInput[]): Timetable => ({ schedules, exceptions: [] });

// Tuesday 3 March 2026, 10:30 in London (GMT, so UTC too).
const TUESDAY_MORNING = new Date('2026-03-03T10:30:00Z');

describe('on today and open now, by the London clock', () => {
  it('is on today and open now during a session', () => {
    assert.deepEqual(whenFlags(tt(weekly('a', 'TU')), localNow(TUESDAY_MORNING)), { onToday: true, openNow: true });
  });

  it('is on today but not open now before it opens or from the minute it closes', () => {
    assert.deepEqual(whenFlags(tt(weekly('a', 'TU')), localNow(new Date('2026-03-03T09:59:00Z'))), { onToday: true, openNow: false });
    assert.deepEqual(whenFlags(tt(weekly('a', 'TU')), localNow(new Date('2026-03-03T12:00:00Z'))), { onToday: true, openNow: false });
  });

  it('is neither on another day, nor without a timetable', () => {
    assert.deepEqual(whenFlags(tt(weekly('a', 'WE')), localNow(TUESDAY_MORNING)), { onToday: false, openNow: false });
    assert.deepEqual(whenFlags(undefined, localNow(TUESDAY_MORNING)), { onToday: false, openNow: false });
  });

  it('uses British Summer Time: 09:30 UTC in June is 10:30 in London', () => {
    const june = localNow(new Date('2026-06-02T09:30:00Z')); // a Tuesday
    assert.deepEqual(june, { date: '2026-06-02', time: '10:30:00' });
    assert.equal(whenFlags(tt(weekly('a', 'TU')), june).openNow, true);
  });

  it('takes the London date just after midnight, when UTC is still on the day before', () => {
    // 23:30 UTC on Monday 1 June is 00:30 on Tuesday in London.
    const now = localNow(new Date('2026-06-01T23:30:00Z'));
    assert.equal(now.date, '2026-06-02');
    assert.equal(whenFlags(tt(weekly('a', 'TU', '00:00:00', '02:00:00')), now).openNow, true);
  });

  it('is not on today during a closure, such as a bank holiday', () => {
    const t: Timetable = {
      schedules: [weekly('a', 'TU')],
      exceptions: [{ id: 'x', schedule_id: null, starts_on: '2026-03-03', ends_on: '2026-03-03', closed: true }],
    };
    assert.deepEqual(whenFlags(t, localNow(TUESDAY_MORNING)), { onToday: false, openNow: false });
  });

  it('follows changed hours for the day', () => {
    const t: Timetable = {
      schedules: [weekly('a', 'TU')],
      exceptions: [
        {
          id: 'x',
          schedule_id: 'a',
          starts_on: '2026-03-03',
          ends_on: '2026-03-03',
          closed: false,
          opens_at: '18:00:00',
          closes_at: '20:00:00',
        },
      ],
    };
    assert.deepEqual(whenFlags(t, localNow(TUESDAY_MORNING)), { onToday: true, openNow: false });
  });

  it('knows the first Tuesday of the month from the second', () => {
    const firstTuesday: ScheduleInput = { id: 'm', freq: 'MONTHLY', byday: '1TU', opens_at: '10:00:00', closes_at: '12:00:00' };
    assert.equal(whenFlags(tt(firstTuesday), localNow(TUESDAY_MORNING)).onToday, true);
    assert.equal(whenFlags(tt(firstTuesday), localNow(new Date('2026-03-10T10:30:00Z'))).onToday, false);
  });

  it('says on today but never open now when the session has no times', () => {
    assert.deepEqual(whenFlags(tt({ id: 'a', freq: 'WEEKLY', byday: 'TU' }), localNow(TUESDAY_MORNING)), { onToday: true, openNow: false });
  });
});

describe('arranging candidates', () => {
  const timetables = new Map<string, Timetable>([
    ['later', tt(weekly('1', 'TU', '14:00:00', '16:00:00'))],
    ['tomorrow', tt(weekly('2', 'WE'))],
    ['now', tt(weekly('3', 'TU'))],
    ['nothing', tt()],
  ]);
  const ids = ['tomorrow', 'later', 'nothing', 'now'];
  const now = localNow(TUESDAY_MORNING);

  it('puts things on today first for "on today first", keeping the search order otherwise', () => {
    assert.deepEqual(arrangeCandidates(ids, timetables, { sort: 'today', when: [], now }), ['later', 'now', 'tomorrow', 'nothing']);
  });

  it('puts what is open now first, then what is on later today, for "open now first"', () => {
    assert.deepEqual(arrangeCandidates(ids, timetables, { sort: 'open', when: [], now }), ['now', 'later', 'tomorrow', 'nothing']);
  });

  it('keeps only what is on today, or only what is open now, when asked', () => {
    assert.deepEqual(arrangeCandidates(ids, timetables, { sort: 'best', when: ['today'], now }), ['later', 'now']);
    assert.deepEqual(arrangeCandidates(ids, timetables, { sort: 'best', when: ['now'], now }), ['now']);
  });

  it('orders by distance for "nearest", unknown distances last', () => {
    const distances = new Map([
      ['tomorrow', 900],
      ['later', 100],
      ['now', 500],
    ]);
    assert.deepEqual(arrangeCandidates(ids, timetables, { sort: 'nearest', when: [], now, distances }), [
      'later',
      'now',
      'tomorrow',
      'nothing',
    ]);
  });

  it('keeps the search order for "best match"', () => {
    assert.deepEqual(arrangeCandidates(ids, timetables, { sort: 'best', when: [], now }), ids);
  });
});
