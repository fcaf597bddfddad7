/**
 * Hand-made candidates and people for the matching tests: a builder with
 * plain defaults (an active, free, mixed, in-person group with places, that
 * lists no languages, at the origin) and a point helper.
 */
import { offsetPoint } from '../../../test/support/directory-fixtures.ts';
import { uuidV5 } from '../../platform/ids.ts';
import type { MatchCandidate } from './match-candidate.ts';
import { EMPTY_MATCH_REQUEST, type MatchRequest } from './match-request.ts';

/** Oak Lane, Manningham (BD8): where the test people start. */
export const ORIGIN = { latitude: 53.8035, longitude: -1.77 };
export const TODAY = '2026-03-10';

export const idOf = (key: string): string => uuidV5(`match-test:${key}`);

/** A point `metres` north of the origin. */
export const north = (metres: number) => offsetPoint(ORIGIN, metres, 0);

export function candidate(key: string, over: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    serviceId: idOf(key),
    name: key,
    description: '',
    organizationId: idOf(`org:${key}`),
    organizationName: `${key} organisation`,
    status: 'active',
    minimumAge: null,
    maximumAge: null,
    gender: 'mixed',
    languages: [],
    interpreterAvailable: false,
    costBand: 'free',
    safeguarding: {
      safeguarding_policy: false,
      safeguarding_checked_leads: false,
      trauma_informed_training: false,
      safeguarding_review_date: null,
    },
    capacityStatus: 'places_available',
    acceptingReferrals: true,
    modes: ['in_person'],
    sessions: [],
    points: [north(300)],
    supportKinds: [],
    communities: [],
    faith: null,
    entry: 'drop_in',
    childcare: false,
    transportOffered: false,
    accompanyFirstVisit: false,
    ...over,
  };
}

export const VETTED: MatchCandidate['safeguarding'] = {
  safeguarding_policy: true,
  safeguarding_checked_leads: true,
  trauma_informed_training: true,
  safeguarding_review_date: '2025-11-01',
};

export const person = (over: Partial<MatchRequest>): MatchRequest => ({ ...EMPTY_MATCH_REQUEST, origin: ORIGIN, ...over });
