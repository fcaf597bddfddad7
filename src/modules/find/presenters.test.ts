import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { ScheduleInput } from '../directory/schedule.ts';
import {
  agesText,
  currentSchedules,
  dayName,
  distanceText,
  factsLine,
  languageName,
  lastChecked,
  moneyText,
  scheduleText,
  telHref,
  timeText,
  walkMinutes,
  type FactsInput,
} from './presenters.ts';

const en = createI18n('en');
const ar = createI18n('ar');
const bn = createI18n('bn');
const TODAY = '2026-03-03';
const s = (over: Partial<ScheduleInput>): ScheduleInput => ({
  id: 's',
  freq: 'WEEKLY',
  opens_at: '10:00:00',
  closes_at: '12:00:00',
  ...over,
});

describe('schedules in words', () => {
  it('says weekly sessions with their hours', () => {
    assert.equal(scheduleText(en, s({ byday: 'TU' }), TODAY), 'Every Tuesday, 10:00 to 12:00');
    assert.equal(scheduleText(en, s({ byday: 'MO,WE' }), TODAY), 'Every Monday and Wednesday, 10:00 to 12:00');
    assert.equal(scheduleText(en, s({ byday: 'TH', opens_at: null, closes_at: null }), TODAY), 'Every Thursday');
  });

  it('says fortnightly and every few weeks', () => {
    assert.equal(scheduleText(en, s({ byday: 'MO', interval: 2, dtstart: '2026-01-05' }), TODAY), 'Every other Monday, 10:00 to 12:00');
    assert.equal(
      scheduleText(en, s({ byday: 'MO', interval: 3, dtstart: '2026-01-05' }), TODAY),
      'Every 3 weeks on Monday, 10:00 to 12:00',
    );
  });

  it('says monthly sessions by weekday or by date', () => {
    assert.equal(scheduleText(en, s({ freq: 'MONTHLY', byday: '1SA' }), TODAY), 'First Saturday of the month, 10:00 to 12:00');
    assert.equal(scheduleText(en, s({ freq: 'MONTHLY', byday: '-1FR' }), TODAY), 'Last Friday of the month, 10:00 to 12:00');
    assert.equal(
      scheduleText(en, s({ freq: 'MONTHLY', byday: '2SA,4SA' }), TODAY),
      'Second Saturday of the month and Fourth Saturday of the month, 10:00 to 12:00',
    );
    assert.equal(
      scheduleText(en, s({ freq: 'MONTHLY', bymonthday: '1,15', opens_at: null, closes_at: null }), TODAY),
      'Every month on day 1 and 15',
    );
    assert.equal(
      scheduleText(en, s({ freq: 'MONTHLY', bymonthday: '-1', opens_at: null, closes_at: null }), TODAY),
      'The last day of the month',
    );
  });

  it('says one-off dates, start dates still to come and end dates', () => {
    assert.equal(scheduleText(en, s({ freq: null, dtstart: '2026-04-18' }), TODAY), 'On 18 April 2026, 10:00 to 12:00');
    assert.equal(
      scheduleText(en, s({ byday: 'TU', dtstart: '2026-04-07' }), TODAY),
      'Every Tuesday, 10:00 to 12:00, starting 7 April 2026',
    );
    assert.equal(scheduleText(en, s({ byday: 'TU', dtstart: '2025-01-07' }), TODAY), 'Every Tuesday, 10:00 to 12:00');
    assert.equal(scheduleText(en, s({ byday: 'TU', until: '2026-07-21' }), TODAY), 'Every Tuesday, 10:00 to 12:00, until 21 July 2026');
  });

  it('asks people to check when the schedule cannot be read', () => {
    assert.equal(scheduleText(en, s({ freq: null, byday: null, opens_at: null }), TODAY), 'Ask them when it is on.');
  });

  it('leaves out schedules that have ended', () => {
    const ended = s({ id: 'old', byday: 'MO', valid_to: '2026-01-31' });
    const running = s({ id: 'new', byday: 'TU' });
    assert.deepEqual(
      currentSchedules([ended, running], TODAY).map((x) => x.id),
      ['new'],
    );
  });

  it('uses the language’s own day names and digits', () => {
    assert.equal(dayName(ar, 'TU'), 'الثلاثاء');
    assert.equal(dayName(bn, 'FR'), 'শুক্রবার');
    assert.equal(timeText(ar, '10:00:00'), '١٠:٠٠');
    assert.equal(timeText(bn, '18:30:00'), '১৮:৩০');
    const text = scheduleText(ar, s({ byday: 'TU' }), TODAY);
    assert.match(text, /الثلاثاء/);
    assert.match(text, /١٠:٠٠/);
    assert.doesNotMatch(text, /[0-9]/);
  });
});

describe('distance', () => {
  it('gives kilometres and a walking time rounded up to five minutes', () => {
    assert.equal(distanceText(en, 800), '0.8 km · about 10 minutes’ walk');
    assert.equal(distanceText(en, 1200), '1.2 km · about 15 minutes’ walk');
    assert.equal(distanceText(en, 90), '0.1 km · about 5 minutes’ walk');
    assert.equal(walkMinutes(4000), 50);
  });

  it('leaves out the walk beyond an hour, and the decimals beyond 10 km', () => {
    assert.equal(distanceText(en, 6000), '6 km');
    assert.equal(distanceText(en, 12_345), '12 km');
  });

  it('uses the language’s digits and words', () => {
    assert.equal(distanceText(ar, 1200), '١٫٢ كم · على بعد ١٥ دقيقة سيرًا تقريبًا');
    assert.match(distanceText(bn, 1200), /১\.২/);
  });
});

describe('the facts line', () => {
  const base: FactsInput = {
    gender: 'women_only',
    costBand: 'free',
    childcare: true,
    transport: false,
    accompany: false,
    interpreter: false,
    entry: 'drop_in',
    modes: ['in_person'],
    languages: [{ code: 'en' }, { code: 'bn' }, { code: 'ur' }],
    schedules: [s({ byday: 'TU' })],
    distanceMetres: 800,
  };

  it('reads like the listing a person would want', () => {
    assert.equal(
      factsLine(en, base, { today: TODAY }).join(' · '),
      'Speaks Bengali and Urdu · Women only · Free · Crèche · Drop in · Every Tuesday, 10:00 to 12:00 · 0.8 km · about 10 minutes’ walk',
    );
  });

  it('names the language asked for first', () => {
    assert.match(factsLine(en, base, { today: TODAY, askedLanguage: 'ur' })[0]!, /^Speaks Urdu and Bengali$/);
  });

  it('says an interpreter can be arranged when the language asked for is not spoken', () => {
    const f = { ...base, interpreter: true, languages: [{ code: 'en' }] };
    assert.ok(factsLine(en, f, { today: TODAY, askedLanguage: 'ti' }).includes('Interpreter can be arranged'));
  });

  it('mentions English only to readers of other languages, when it is the only one', () => {
    const f = { ...base, languages: [{ code: 'en' }] };
    assert.ok(!factsLine(en, f, { today: TODAY }).some((x) => x.startsWith('Speaks')));
    assert.equal(factsLine(ar, f, { today: TODAY })[0], 'يتحدثون الإنجليزية');
  });

  it('says there are other times when there are several schedules, and leaves out what is not known', () => {
    const f: FactsInput = {
      ...base,
      gender: 'mixed',
      costBand: 'paid',
      childcare: false,
      entry: 'self_referral',
      languages: [],
      schedules: [s({ byday: 'TU' }), s({ id: 't', byday: 'TH' })],
      distanceMetres: null,
    };
    assert.deepEqual(factsLine(en, f, { today: TODAY }), ['Every Tuesday, 10:00 to 12:00 (and other times)']);
  });
});

describe('other facts', () => {
  it('says when a listing was last checked, and whether that was long ago', () => {
    assert.deepEqual(lastChecked('2026-01-10', TODAY), { kind: 'recent', date: '2026-01-10' });
    assert.deepEqual(lastChecked('2024-12-01', TODAY), { kind: 'old', date: '2024-12-01' });
    assert.deepEqual(lastChecked(null, TODAY), { kind: 'never' });
  });

  it('says ages plainly', () => {
    assert.equal(agesText(en, 18, null), 'Ages 18 and over.');
    assert.equal(agesText(en, 5, 11), 'Ages 5 to 11.');
    assert.equal(agesText(en, null, 25), 'Up to age 25.');
    assert.equal(agesText(en, 0, null), null);
    assert.equal(agesText(ar, 18, null), 'من عمر ١٨ فما فوق.');
  });

  it('writes money in the language’s digits', () => {
    assert.equal(moneyText(en, 2.5, 'GBP'), '£2.50');
    assert.equal(moneyText(en, 3, 'GBP'), '£3');
    assert.match(moneyText(ar, 2.5, 'GBP'), /٢٫٥٠/);
  });

  it('names languages in the reader’s language, with familiar English names', () => {
    assert.equal(languageName(en, 'bn'), 'Bengali');
    assert.equal(languageName(en, 'ckb'), 'Kurdish Sorani');
    assert.equal(languageName(ar, 'bn'), 'البنغالية');
    assert.equal(languageName(en, 'zzz', 'Made-up'), 'Made-up');
    // A code CLDR does not know is remembered as unknown, not as the first stored name given for it.
    assert.equal(languageName(en, 'zzz', 'Another name'), 'Another name');
    assert.equal(languageName(en, 'zzz'), 'zzz');
  });

  it('names days, times and walks in each language, however often and in whatever order they are asked', () => {
    // These phrases are kept once made: each language must still get its own.
    for (let i = 0; i < 3; i++) {
      assert.equal(dayName(en, 'TU'), 'Tuesday');
      assert.equal(dayName(ar, 'TU'), 'الثلاثاء');
      assert.equal(timeText(en, '18:30:00'), '18:30');
      assert.equal(timeText(bn, '18:30:00'), '১৮:৩০');
      assert.equal(timeText(en, '18:30'), '18:30');
      assert.equal(distanceText(ar, 1200), '١٫٢ كم · على بعد ١٥ دقيقة سيرًا تقريبًا');
      assert.equal(distanceText(en, 1200), '1.2 km · about 15 minutes’ walk');
    }
    // Far more clock times than are kept at once (other people's feeds can give any): each still right.
    for (let m = 0; m < 24 * 60; m++) {
      const hh = String(Math.floor(m / 60)).padStart(2, '0');
      const mm = String(m % 60).padStart(2, '0');
      for (let s = 0; s < 60; s += 5) assert.equal(timeText(en, `${hh}:${mm}:${String(s).padStart(2, '0')}`), `${hh}:${mm}`);
    }
  });

  it('makes phone numbers into tel: links', () => {
    assert.equal(telHref('01632 960 001'), 'tel:01632960001');
    assert.equal(telHref('+44 (0)7700 900123'), 'tel:+447700900123');
  });
});
