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
import { ORIGIN } from './match.test-support.ts';

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
      modes: [...c.modes],
      support_kinds: [...c.supportKinds],
      capacity_status: c.capacityStatus,
      accepting_referrals: c.acceptingReferrals,
      ...c.safeguarding,
    },
    locations,
    schedules,
    languages: c.languages.map((code, j) => ({ id: fixtureId(`${key}:language:${j}`), code })),
  };
}

export const saveCandidates = (db: Executor, candidates: readonly MatchCandidate[]) => saveFixtures(db, candidates.map(graphOf));
