/**
 * Turning hand-made matching candidates into directory records (service
 * graphs) for the database tests: the same facts, stored the way importers
 * store them. Every third service also gets a confidential place right at
 * the origin, which must never count as near.
 */
import {
  fixtureId,
  organizationFixture,
  saveFixtures,
  type LocationInput,
  type ScheduleInput,
} from '../../../test/support/directory-fixtures.ts';
import type { ServiceGraphInput } from '../directory/service-graph.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { MatchCandidate } from './match-candidate.ts';
import type { ServiceArea } from './match-eligibility.ts';
import type { Audience } from './match-preferences.ts';
import { ORIGIN } from './match.test-support.ts';

/** A service area written back the way a feed gives it. */
function extentOf(a: ServiceArea): { extent: string | null; extent_type: string | null } {
  if (a.outcodes) return { extent: a.outcodes.join(', '), extent_type: 'text' };
  if (a.polygons)
    return { extent: JSON.stringify({ type: 'MultiPolygon', coordinates: a.polygons.map((ring) => [ring]) }), extent_type: 'geojson' };
  return { extent: null, extent_type: null };
}

export function graphOf(c: MatchCandidate, i: number): ServiceGraphInput {
  const key = `match:${c.serviceId}`;
  const locations: LocationInput[] = c.points.map((p, j) => ({
    id: fixtureId(`${key}:place:${j}`),
    name: `Place ${j}`,
    latitude: p.latitude,
    longitude: p.longitude,
  }));
  if (i % 3 === 0)
    locations.push({
      id: fixtureId(`${key}:refuge`),
      name: 'Confidential place',
      latitude: ORIGIN.latitude,
      longitude: ORIGIN.longitude,
      belong: { confidential: true },
    });
  const schedules: ScheduleInput[] = c.sessions.map((s, j) => ({
    id: fixtureId(`${key}:schedule:${j}`),
    ...(s.day ? { freq: 'WEEKLY' as const, byday: s.day } : { freq: 'MONTHLY' as const, bymonthday: '1' }),
    opens_at: s.opensAt,
    closes_at: s.closesAt,
  }));
  return {
    organization: organizationFixture(c.organizationId, { id: c.organizationId, name: c.organizationName }),
    service: {
      id: c.serviceId,
      name: c.name,
      description: c.description,
      status: c.status,
      minimum_age: c.minimumAge,
      maximum_age: c.maximumAge,
    },
    belong: {
      gender: c.gender,
      communities: [...c.communities],
      faith: c.faith,
      entry: c.entry,
      cost_band: c.costBand,
      childcare: c.childcare,
      transport_offered: c.transportOffered,
      accompany_first_visit: c.accompanyFirstVisit,
      interpreter_available: c.interpreterAvailable,
      modes: [...c.modes, ...(c.homeVisits ? (['home_visit'] as const) : [])],
      audiences: [...(c.audiences ?? [])] as Audience[],
      eligibility: c.eligibility ?? null,
      accessibility: { ...(c.accessibility ?? {}) },
      requirements: { ...(c.requirements ?? {}) },
      support_kinds: [...c.supportKinds],
      capacity_status: c.capacityStatus,
      accepting_referrals: c.acceptingReferrals,
      ...c.safeguarding,
    },
    locations,
    schedules,
    languages: c.languages.map((code, j) => ({ id: fixtureId(`${key}:language:${j}`), code })),
    service_areas: (c.serviceAreas ?? []).map((a, j) => ({
      id: fixtureId(`${key}:area:${j}`),
      name: a.name,
      ...extentOf(a),
    })),
  };
}

export const saveCandidates = (db: Executor, candidates: readonly MatchCandidate[]) => saveFixtures(db, candidates.map(graphOf));
