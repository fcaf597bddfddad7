/**
 * Small, realistic directory records for tests: typed builders that give a
 * complete `ServiceGraphInput` with sensible defaults, and a helper that
 * validates and saves them the way importers do.
 *
 * Ids come from names (`fixtureId('sewing')`), so a test can refer to a record
 * it did not keep. Places are in Bradford; positions can be given directly or
 * as an offset in metres from a point (e.g. a postcode's centre).
 */
import { parseServiceGraph, type ServiceGraph, type ServiceGraphInput } from '../../src/modules/directory/service-graph.ts';
import type { Executor } from '../../src/platform/db/executor.ts';
import { saveServiceGraph } from '../../src/modules/directory/service-graph.repository.ts';
import { uuidV5 } from '../../src/platform/ids.ts';

type Input = ServiceGraphInput;
export type OrganizationInput = Input['organization'];
export type ServiceInput = Input['service'];
export type LocationInput = NonNullable<Input['locations']>[number];
export type ScheduleInput = NonNullable<Input['schedules']>[number];
export type BelongInput = NonNullable<Input['belong']>;

/** A stable UUID for a fixture name. */
export const fixtureId = (name: string): string => uuidV5(`fixture:${name}`);

/** The point `north` and `east` metres away from `from` (good enough within a city). */
export function offsetPoint(from: { latitude: number; longitude: number }, north: number, east: number) {
  const latitude = from.latitude + north / 111_320;
  const longitude = from.longitude + east / (111_320 * Math.cos((from.latitude * Math.PI) / 180));
  return { latitude: Number(latitude.toFixed(6)), longitude: Number(longitude.toFixed(6)) };
}

export function organizationFixture(key: string, over: Partial<OrganizationInput> = {}): OrganizationInput {
  return {
    id: fixtureId(`org:${key}`),
    name: `${key[0]!.toUpperCase()}${key.slice(1)} Community Association`,
    description: 'A small charity run by local volunteers.',
    email: `hello@${key.replace(/\W+/g, '')}.org.uk`,
    website: `https://${key.replace(/\W+/g, '')}.org.uk`,
    identifiers: [
      { id: fixtureId(`org-identifier:${key}`), identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: '1100000' },
    ],
    ...over,
  };
}

export function locationFixture(
  key: string,
  over: Partial<LocationInput> & { street?: string; postcode?: string; city?: string } = {},
): LocationInput {
  const { street = '12 Oak Lane', postcode = 'BD8 7AB', city = 'Bradford', ...rest } = over;
  return {
    id: fixtureId(`location:${key}`),
    location_type: 'physical',
    name: `${key[0]!.toUpperCase()}${key.slice(1)} Community Centre`,
    description: 'Ground floor hall with a kitchen.',
    latitude: 53.8035,
    longitude: -1.77,
    addresses: [
      {
        id: fixtureId(`address:${key}`),
        address_1: street,
        city,
        region: 'West Yorkshire',
        postal_code: postcode,
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: [{ id: fixtureId(`accessibility:${key}`), description: 'Step-free entrance and an accessible toilet.' }],
    phones: [{ id: fixtureId(`location-phone:${key}`), number: '01274 000111', description: 'Reception' }],
    ...rest,
  };
}

export function scheduleFixture(key: string, over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    id: fixtureId(`schedule:${key}`),
    freq: 'WEEKLY',
    interval: 1,
    byday: 'TU',
    opens_at: '10:00',
    closes_at: '12:00',
    description: 'Every Tuesday morning.',
    ...over,
  };
}

export interface ServiceFixtureOptions {
  organization?: OrganizationInput;
  service?: Partial<ServiceInput>;
  belong?: BelongInput;
  locations?: LocationInput[];
  schedules?: ScheduleInput[];
  /** Extra graph parts (languages, contacts, attributes, …) as given. */
  extra?: Partial<Omit<Input, 'organization' | 'service' | 'belong' | 'locations' | 'schedules'>>;
}

/**
 * What a fixture states about itself unless told otherwise: a mixed drop-in
 * group, free, in person, with places, taking referrals, no practical help
 * and no safeguarding record. Stated on purpose: since "not stated" is a value
 * (migration 0030), leaving these out would make every fixture unknown.
 */
export const STATED_BELONG: BelongInput = {
  gender: 'mixed',
  entry: 'drop_in',
  cost_band: 'free',
  childcare: false,
  transport_offered: false,
  accompany_first_visit: false,
  interpreter_available: false,
  modes: ['in_person'],
  capacity_status: 'places_available',
  accepting_referrals: true,
  safeguarding_policy: false,
  safeguarding_checked_leads: false,
  trauma_informed_training: false,
};

/** A complete service graph: one organisation, one location, a weekly session, English and a phone. */
export function serviceFixture(key: string, o: ServiceFixtureOptions = {}): Input {
  const name = o.service?.name ?? `${key[0]!.toUpperCase()}${key.slice(1)} group`;
  return {
    organization: o.organization ?? organizationFixture(key),
    service: {
      id: fixtureId(`service:${key}`),
      name,
      description: `${name}: a friendly weekly session. Tea and biscuits provided.`,
      status: 'active',
      email: `${key.replace(/\W+/g, '')}@example.org.uk`,
      ...o.service,
    },
    belong: { ...STATED_BELONG, ...o.belong },
    locations: o.locations ?? [locationFixture(key)],
    schedules: o.schedules ?? [scheduleFixture(key)],
    languages: [{ id: fixtureId(`language:${key}:en`), code: 'en', name: 'English' }],
    phones: [{ id: fixtureId(`phone:${key}`), number: '07700 900123', type: 'mobile' }],
    ...o.extra,
  };
}

/** Validate like an importer would (throwing with every problem) and save each graph. */
export async function saveFixtures(db: Executor, inputs: Input[], updatedBy = 'test'): Promise<ServiceGraph[]> {
  const saved: ServiceGraph[] = [];
  for (const input of inputs) {
    const parsed = parseServiceGraph(input);
    if (!parsed.ok) throw new Error(`fixture ${input.service.name} is invalid:\n${parsed.errors.join('\n')}`);
    await saveServiceGraph(db, parsed.value, updatedBy);
    saved.push(parsed.value);
  }
  return saved;
}
