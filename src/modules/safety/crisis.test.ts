import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { acknowledgeDueAt, crisisConfig, parseCrisisConfig, telHref, UK_DEFAULTS } from './crisis.ts';

const working = { acknowledgeWithinMinutes: 60, countWorkingHoursOnly: true, workingHours: { from: '09:00', to: '17:00' } };
const noHolidays = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());

describe('the crisis configuration', () => {
  it('the shipped file parses and lists 999, NHS 111, Samaritans and a named local line', () => {
    const c = parseCrisisConfig(JSON.parse(readFileSync(new URL('../../../data/crisis/crisis.json', import.meta.url), 'utf8')));
    assert.deepEqual(
      c.options.map((o) => o.phone),
      ['999', '111', '116 123', '0800 952 1181'],
    );
    assert.ok(c.options[3]!.name);
    assert.deepEqual(crisisConfig(), c);
  });

  it('refuses a local line without a name, a phone number that is not one, and working hours backwards, saying where', () => {
    assert.throws(() => parseCrisisConfig({ ...UK_DEFAULTS, options: [{ code: 'local', phone: '0800 1' }] }), /options: a local line/);
    assert.throws(() => parseCrisisConfig({ ...UK_DEFAULTS, options: [{ code: 'emergency', phone: 'call us' }] }), /options\.0\.phone/);
    assert.throws(() => parseCrisisConfig({ ...UK_DEFAULTS, workingHours: { from: '17:00', to: '09:00' } }), /workingHours/);
    assert.throws(() => parseCrisisConfig({ ...UK_DEFAULTS, acknowledgeWithinMinutes: 0 }), /acknowledgeWithinMinutes/);
    assert.throws(() => parseCrisisConfig({ ...UK_DEFAULTS, options: [] }), /options/);
  });

  it('dials numbers without spaces', () => assert.equal(telHref('116 123'), 'tel:116123'));
});

describe('when a safeguarding concern must be acknowledged', () => {
  it('by default, that many minutes after it was raised, day or night', () => {
    const at = new Date('2026-12-05T23:30:00Z');
    assert.equal(acknowledgeDueAt(at, UK_DEFAULTS).toISOString(), '2026-12-06T00:30:00.000Z');
  });

  it('counting working hours only: within the day, across the evening and over a weekend', () => {
    // Monday 10:00 (GMT) → 11:00.
    assert.equal(acknowledgeDueAt(new Date('2026-03-02T10:00:00Z'), working, noHolidays).toISOString(), '2026-03-02T11:00:00.000Z');
    // Monday 16:30 → 30 minutes left on Tuesday from 09:00.
    assert.equal(acknowledgeDueAt(new Date('2026-03-02T16:30:00Z'), working, noHolidays).toISOString(), '2026-03-03T09:30:00.000Z');
    // Friday 16:30 → Monday 09:30.
    assert.equal(acknowledgeDueAt(new Date('2026-03-06T16:30:00Z'), working, noHolidays).toISOString(), '2026-03-09T09:30:00.000Z');
    // Saturday night → Monday 10:00.
    assert.equal(acknowledgeDueAt(new Date('2026-03-07T22:00:00Z'), working, noHolidays).toISOString(), '2026-03-09T10:00:00.000Z');
    // Early morning → 10:00 the same day.
    assert.equal(acknowledgeDueAt(new Date('2026-03-02T06:00:00Z'), working, noHolidays).toISOString(), '2026-03-02T10:00:00.000Z');
  });

  it('on London time in summer, and skipping bank holidays (the real calendar)', () => {
    // Thursday 2 April 2026 16:30 BST (15:30Z); Good Friday and Easter Monday are bank holidays → Tuesday 7 April 09:30 BST.
    assert.equal(acknowledgeDueAt(new Date('2026-04-02T15:30:00Z'), working).toISOString(), '2026-04-07T08:30:00.000Z');
    // A long allowance spans days: 9 working hours from Monday 09:00 BST → Tuesday 10:00 BST.
    assert.equal(
      acknowledgeDueAt(new Date('2026-06-01T08:00:00Z'), { ...working, acknowledgeWithinMinutes: 9 * 60 }).toISOString(),
      '2026-06-02T09:00:00.000Z',
    );
  });
});
