import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { ScheduleExceptionInput, ScheduleInput } from '../directory/schedule.ts';
import type { LocationRecord, ServiceRecord } from '../directory/service-record.ts';
import { translationKey } from '../directory/translation.ts';
import { detailLine, nextSessionText, placeDetails, placeSource, webAddress, type PlaceSource } from './plan-places.ts';
import { isBankHoliday } from './plan-places.service.ts';

const en = createI18n('en');
const ar = createI18n('ar');

const tuesdays: ScheduleInput = { id: 's-tue', freq: 'WEEKLY', byday: 'TU', opens_at: '10:00:00', closes_at: '12:00:00' };
const fridays: ScheduleInput = { id: 's-fri', freq: 'WEEKLY', byday: 'FR', opens_at: '14:00:00', closes_at: '16:00:00' };
/** Monday 2 March 2026, 9:00 in London. */
const monday = { date: '2026-03-02', time: '09:00:00' };
const opts = (now = monday) => ({ now, isBankHoliday });
const when = (schedules: ScheduleInput[], exceptions: ScheduleExceptionInput[] = [], now = monday) =>
  nextSessionText(en, { schedules, exceptions }, opts(now));

function venue(id: string, confidential: boolean): LocationRecord {
  return {
    serviceAtLocationId: `sal-${id}`,
    serviceAtLocationDescription: null,
    location: {
      id,
      location_type: 'physical',
      url: null,
      organization_id: 'org',
      name: confidential ? 'Safe house' : 'Oak Lane Centre',
      alternate_name: null,
      description: null,
      transportation: confidential ? 'Bus 620 to the refuge door' : 'Bus 620 to Oak Lane; 5 minutes from the station',
      latitude: null,
      longitude: null,
      external_identifier: null,
      external_identifier_type: null,
    },
    confidential,
    areaName: confidential ? 'Little Horton' : 'Manningham',
    addresses: [
      {
        id: `a-${id}`,
        location_id: id,
        attention: null,
        address_1: confidential ? '7 Hidden Lane' : '1 Oak Lane',
        address_2: null,
        city: 'Bradford',
        region: null,
        state_province: '',
        postal_code: confidential ? 'BD5 9ZZ' : 'BD8 7AA',
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: [
      {
        id: `x-${id}`,
        location_id: id,
        description: confidential ? 'Ramp at the hidden back door' : 'Step-free entrance',
        details: null,
        url: null,
      },
    ],
    phones: confidential ? [{ id: 'p-conf', number: '01274 000999', description: 'Call first' } as LocationRecord['phones'][number]] : [],
    attributes: [],
    belongTerms: [],
  };
}

/** A directory record with only what placeSource reads filled in. */
function record(locations: LocationRecord[], over: { url?: string | null; website?: string | null; status?: string } = {}): ServiceRecord {
  return {
    service: { id: 'svc', name: 'Tea and chat', url: over.url ?? null, status: over.status ?? 'active' },
    organization: { id: 'org', name: 'Oak Lane Trust', website: over.website ?? null },
    schedules: [tuesdays],
    scheduleExceptions: [],
    phones: [{ id: 'p1', number: '01274 000000', description: null }],
    contacts: [{ id: 'c1', phones: [{ id: 'p2', number: '01274 000000', description: null }] }],
    locations,
  } as unknown as ServiceRecord;
}

describe('the next session of a place in the plan', () => {
  it('gives the day, date and hours of the next session', () => {
    assert.equal(when([tuesdays]), 'Tuesday 3 March, 10:00 to 12:00');
    assert.equal(when([tuesdays, fridays]), 'Tuesday 3 March, 10:00 to 12:00');
  });

  it('leaves out a session that is already over today, but keeps one still running', () => {
    assert.equal(when([tuesdays], [], { date: '2026-03-03', time: '12:30:00' }), 'Tuesday 10 March, 10:00 to 12:00');
    assert.equal(when([tuesdays], [], { date: '2026-03-03', time: '11:00:00' }), 'Tuesday 3 March, 10:00 to 12:00');
  });

  it('says the time is not stated when the directory gives a day but no time, never a guessed time', () => {
    assert.equal(when([{ id: 'd', freq: 'WEEKLY', byday: 'TU' }]), 'Tuesday 3 March (time not stated: ask before you go)');
  });

  it('says "not stated" when the directory gives no days or times at all', () => {
    assert.equal(when([]), 'Not stated: ask before you go.');
    assert.equal(when([{ id: 'u' }]), 'Not stated: ask before you go.');
    // A schedule that has ended says nothing about the future either.
    assert.equal(when([{ ...tuesdays, until: '2026-01-31' }]), 'Not stated: ask before you go.');
  });

  it('skips closures the listing gives, and uses changed hours', () => {
    const closed: ScheduleExceptionInput = { starts_on: '2026-03-03', ends_on: '2026-03-09', closed: true };
    assert.equal(when([tuesdays], [closed]), 'Tuesday 10 March, 10:00 to 12:00');
    const shorter: ScheduleExceptionInput = {
      schedule_id: 's-tue',
      starts_on: '2026-03-03',
      ends_on: '2026-03-03',
      closed: false,
      opens_at: '10:30',
      closes_at: '11:30',
    };
    assert.equal(when([tuesdays], [shorter]), 'Tuesday 3 March, 10:30 to 11:30');
  });

  it('says so when every session in the next two months is closed', () => {
    const closed: ScheduleExceptionInput = { starts_on: '2026-03-01', ends_on: '2026-06-30', closed: true };
    assert.equal(when([tuesdays], [closed]), 'No date is listed in the next two months: ask before you go.');
  });

  it('asks to check a session on a bank holiday the listing says nothing about', () => {
    const wednesday = { date: '2026-12-23', time: '10:00:00' };
    assert.equal(isBankHoliday('2026-12-25'), true);
    assert.equal(when([fridays], [], wednesday), 'Friday 25 December, 14:00 to 16:00. That day is a bank holiday: check it is on.');
    // Closed over Christmas: the next one is New Year's Day, also a bank holiday.
    const christmas: ScheduleExceptionInput = { starts_on: '2026-12-24', ends_on: '2026-12-31', closed: true };
    assert.equal(when([fridays], [christmas], wednesday), 'Friday 1 January, 14:00 to 16:00. That day is a bank holiday: check it is on.');
    // Hours the listing gives for that very day are its word: no question then.
    const opening: ScheduleExceptionInput = {
      starts_on: '2026-12-25',
      ends_on: '2026-12-25',
      closed: false,
      opens_at: '12:00',
      closes_at: '13:00',
    };
    assert.equal(when([fridays], [opening], wednesday), 'Friday 25 December, 12:00 to 13:00');
  });
});

describe('what the plan says about a place', () => {
  it('gives where, when, the next time, how to get there, phone and website', () => {
    const src = placeSource(record([venue('loc-1', false)], { url: 'www.tea.example.org' }), new Map(), 'en');
    assert.deepEqual(
      placeDetails(en, src, opts()).map((d) => detailLine(en, d)),
      [
        'Where: Oak Lane Centre, 1 Oak Lane, Bradford, BD8 7AA',
        'When: Every Tuesday, 10:00 to 12:00',
        'Next time: Tuesday 3 March, 10:00 to 12:00',
        'How to get there: Bus 620 to Oak Lane; 5 minutes from the station',
        'Getting in and around: Step-free entrance',
        'Phone: 01274 000000',
        'Website: https://www.tea.example.org',
      ],
    );
    const details = placeDetails(en, src, opts());
    assert.equal(details.find((d) => d.label === 'Phone')?.href, 'tel:01274000000');
    assert.equal(details.find((d) => d.label === 'Website')?.href, 'https://www.tea.example.org');
  });

  it('never carries a confidential address, its way in or its access notes: only the area, that the address is private, and the phone', () => {
    const src = placeSource(record([venue('loc-2', true)]), new Map(), 'en');
    const all = JSON.stringify(src);
    for (const secret of ['Hidden Lane', 'BD5 9ZZ', 'Safe house', 'refuge door', 'hidden back door'])
      assert.equal(all.includes(secret), false, `${secret} must not reach the plan`);
    assert.deepEqual(
      placeDetails(en, src, opts()).map((d) => detailLine(en, d)),
      [
        'Where: Little Horton',
        'The address is shared when you get in touch.',
        'When: Every Tuesday, 10:00 to 12:00',
        'Next time: Tuesday 3 March, 10:00 to 12:00',
        'Phone: 01274 000000',
        'Phone: 01274 000999 (Call first)',
      ],
    );
  });

  it('shows a public place of a service that also has a confidential one, and still hides the confidential one', () => {
    const src = placeSource(record([venue('loc-1', false), venue('loc-2', true)]), new Map(), 'en');
    const lines = placeDetails(en, src, opts()).map((d) => detailLine(en, d));
    assert.ok(lines.includes('Where: Oak Lane Centre, 1 Oak Lane, Bradford, BD8 7AA'));
    assert.ok(lines.includes('Where: Little Horton'));
    assert.equal(lines.join('\n').includes('Hidden Lane'), false);
  });

  it('says when a service is closed for now, or runs at no one place', () => {
    const src: PlaceSource = { ...placeSource(record([], { status: 'temporarily closed' }), new Map(), 'en') };
    const lines = placeDetails(en, src, opts()).map((d) => detailLine(en, d));
    assert.equal(lines[0], 'This is closed at the moment. Please phone before you go.');
    assert.ok(lines.includes('Where: This does not happen at one place. Get in touch to find out more.'));
  });

  it('is in the person’s language, with directory texts translated where a translation exists and marked English otherwise', () => {
    const translations = new Map([
      [translationKey('loc-1', 'transportation'), { text: 'الحافلة 620 إلى أوك لين', source: 'human' as const }],
    ]);
    const src = placeSource(record([venue('loc-1', false)]), translations, 'ar');
    const details = placeDetails(ar, src, opts());
    const transport = details.find((d) => d.label === ar.t('service.gettingThere'))!;
    assert.equal(transport.text, 'الحافلة 620 إلى أوك لين');
    assert.equal(transport.lang, undefined);
    assert.equal(details.find((d) => d.label === ar.t('service.access'))?.lang, 'en');
    assert.ok(details.some((d) => d.label === ar.t('plan.place.next')));
    assert.ok(details.some((d) => d.label === ar.t('plan.place.phone') && d.ltr));
  });

  it('links only web addresses', () => {
    assert.equal(webAddress('https://tea.example.org/join'), 'https://tea.example.org/join');
    assert.equal(webAddress('tea.example.org'), 'https://tea.example.org');
    assert.equal(webAddress('javascript:alert(1)'), null);
    assert.equal(webAddress('ask at the desk'), null);
    assert.equal(webAddress(null), null);
  });
});
