/**
 * A small neighbourhood around BD8 for the finding pages' tests: a handful of
 * services that differ in exactly the ways people filter on (women-only,
 * free, Bengali, crèche, men-only football with fares, an evening chat with
 * an interpreter, a confidential refuge, a monthly coffee morning, a group
 * far away), plus eleven plain groups to fill a second page.
 *
 * The clock the tests use is Tuesday 3 March 2026, 10:30 in London: the
 * first Tuesday of the month, with the sewing circle open and the Thursday
 * chat not on today.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { saveTranslations } from '../directory/directory.service.ts';
import {
  fixtureId,
  locationFixture,
  offsetPoint,
  organizationFixture,
  saveFixtures,
  scheduleFixture,
  serviceFixture,
} from '../../../test/support/directory-fixtures.ts';

/** Centre of the BD8 outward code in data/postcodes/outcodes.csv. */
export const BD8 = { latitude: 53.8017, longitude: -1.78409 };
/** Tuesday 3 March 2026, 10:30 GMT (= London). */
export const FIND_NOW = new Date('2026-03-03T10:30:00Z');

export const FIND_IDS = {
  sewing: fixtureId('service:sewing'),
  football: fixtureId('service:football'),
  chat: fixtureId('service:chat'),
  refuge: fixtureId('service:refuge'),
  coffee: fixtureId('service:coffee'),
  far: fixtureId('service:far'),
  paidSewing: fixtureId('service:paid-sewing'),
} as const;

const near = (north: number, east: number, key: string, area = 'Manningham', extra: Parameters<typeof locationFixture>[1] = {}) =>
  locationFixture(key, {
    ...offsetPoint(BD8, north, east),
    postcode: 'BD8 7AB',
    belong: { confidential: false, area_name: area },
    ...extra,
  });

const lang = (key: string, ...codes: string[]) => codes.map((code) => ({ id: fixtureId(`language:${key}:${code}`), code }));

export async function saveFindFixtures(db: Executor): Promise<void> {
  await saveFixtures(db, [
    serviceFixture('sewing', {
      service: {
        name: 'Women’s sewing circle',
        description: 'Sew, chat and share tea with other women.',
        assured_date: '2026-01-20',
        eligibility_description: 'Women aged 16 and over.',
        minimum_age: 16,
      },
      belong: {
        gender: 'women_only',
        cost_band: 'free',
        childcare: true,
        entry: 'drop_in',
        what_to_expect: 'Someone meets you at the door. Bring nothing; fabric is provided.',
        how_to_join: 'Just come along on a Tuesday morning.',
        support_kinds: ['skills'],
        food: ['halal'],
      },
      locations: [
        near(500, 0, 'sewing', 'Manningham', { transportation: 'Bus 620 to Oak Lane, then a two-minute walk.', street: '12 Oak Lane' }),
      ],
      schedules: [scheduleFixture('sewing', { byday: 'TU', opens_at: '10:00', closes_at: '12:00' })],
      extra: {
        languages: lang('sewing', 'en', 'bn'),
        schedule_exceptions: [
          { id: fixtureId('exception:sewing:easter'), starts_on: '2026-04-07', ends_on: '2026-04-07', closed: true, description: 'Easter' },
        ],
      },
    }),
    serviceFixture('paid-sewing', {
      service: { name: 'Dressmaking course', description: 'A ten-week dressmaking course for women.' },
      belong: { gender: 'women_only', cost_band: 'paid', entry: 'self_referral' },
      locations: [near(800, 0, 'paid-sewing')],
      schedules: [scheduleFixture('paid-sewing', { byday: 'WE' })],
      extra: {
        languages: lang('paid-sewing', 'en', 'bn'),
        cost_options: [{ id: fixtureId('cost:paid-sewing'), option: 'Per session', amount: 2.5, currency: 'GBP' }],
      },
    }),
    serviceFixture('football', {
      service: { name: 'Saturday football', description: 'Friendly football for men, any level.' },
      belong: { gender: 'men_only', cost_band: 'free', transport_offered: true, entry: 'self_referral', support_kinds: ['sport'] },
      locations: [near(0, 1000, 'football', 'Girlington')],
      schedules: [scheduleFixture('football', { byday: 'SA', opens_at: '14:00', closes_at: '16:00' })],
      extra: { languages: lang('football', 'en', 'ti') },
    }),
    serviceFixture('chat', {
      service: { name: 'Thursday chat and tea', description: 'An evening of tea and conversation.' },
      belong: { cost_band: 'low_cost', interpreter_available: true, faith: 'faith_friendly', support_kinds: ['intercultural'] },
      locations: [near(-2000, 0, 'chat', 'Lower Grange')],
      schedules: [scheduleFixture('chat', { byday: 'TH', opens_at: '18:00', closes_at: '20:00' })],
      extra: { languages: lang('chat', 'en', 'ur') },
    }),
    serviceFixture('refuge', {
      service: { name: 'Safe house for women', description: 'A safe place to stay for women and children.' },
      belong: { gender: 'women_only', cost_band: 'free', entry: 'self_referral' },
      locations: [
        locationFixture('refuge', {
          latitude: null,
          longitude: null,
          street: '99 Secret Street',
          postcode: 'BD8 0ZZ',
          belong: { confidential: true, area_name: 'Bradford district' },
          phones: [{ id: fixtureId('location-phone:refuge'), number: '01632 960999', description: 'Day and night' }],
        }),
      ],
      schedules: [scheduleFixture('refuge', { byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: null, closes_at: null })],
      extra: { languages: lang('refuge', 'en') },
    }),
    serviceFixture('coffee', {
      service: { name: 'First Tuesday coffee morning', description: 'Coffee and cake once a month.' },
      belong: { cost_band: 'free' },
      locations: [near(300, 300, 'coffee')],
      schedules: [scheduleFixture('coffee', { freq: 'MONTHLY', byday: '1TU', opens_at: '10:00', closes_at: '12:00' })],
    }),
    serviceFixture('far', {
      service: { name: 'Leeds walking group', description: 'Walks around Leeds.' },
      belong: { cost_band: 'free', support_kinds: ['sport'] },
      locations: [near(0, 15_000, 'far', 'Leeds')],
      schedules: [scheduleFixture('far', { byday: 'TU' })],
    }),
    ...Array.from({ length: 11 }, (_, i) =>
      serviceFixture(`extra-${i}`, {
        organization: organizationFixture('extras'),
        service: { name: `Craft club ${String(i + 1).padStart(2, '0')}`, description: 'Crafts and a cuppa.' },
        belong: { cost_band: 'paid', entry: 'self_referral', support_kinds: ['arts'] },
        locations: [near(1500, -200 * i, `extra-${i}`)],
        schedules: [scheduleFixture(`extra-${i}`, { byday: 'WE' })],
      }),
    ),
  ]);
  await saveTranslations(db, [
    {
      entity: 'service',
      entityId: FIND_IDS.sewing,
      field: 'description',
      locale: 'ar',
      text: 'خياطة ودردشة وشاي مع نساء أخريات.',
      source: 'human',
    },
  ]);
}
