/**
 * A directory service as matching sees it: plain data, loaded from the
 * directory by match.repository.ts (or written by hand in tests), so the
 * rules and the ranking are pure functions of (request, candidate, today).
 *
 * A value the directory does not know is null (an empty list for modes):
 * it never satisfies something the person needs (free, drop in, vetted, a
 * way of taking part), and it is never taken for a stated fact that rules a
 * service out (women only, full, not taking referrals).
 */
import { describeSchedule, type ScheduleInput } from '../directory/schedule.ts';
import type { BelongService } from '../directory/service-graph.ts';
import type { DayCode, Mode, SupportKind, TimeOfDay } from './match-request.ts';

/** A service area as matching reads it. */
export interface ServiceArea {
  name: string | null;
  /** Outward codes ("BD8") and postcode areas ("BD"), upper case; null when the extent is not such a list. */
  outcodes: readonly string[] | null;
  /** Polygons, as GeoJSON rings of [longitude, latitude]; null when the extent is not GeoJSON. */
  polygons: readonly (readonly (readonly [number, number])[])[] | null;
}

/** One regular session: its weekday (null when the day of the week varies, e.g. "the 1st of the month") and hours if known. */
export interface Session {
  day: DayCode | null;
  opensAt: string | null;
  closesAt: string | null;
}

export interface MatchCandidate {
  serviceId: string;
  name: string;
  description: string;
  organizationId: string;
  organizationName: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  minimumAge: number | null;
  maximumAge: number | null;
  /** null: not stated. */
  gender: BelongService['gender'];
  /** ISO 639 codes spoken by staff or volunteers (empty: not said, taken to be English). */
  languages: readonly string[];
  interpreterAvailable: boolean | null;
  costBand: BelongService['cost_band'];
  safeguarding: Pick<
    BelongService,
    'safeguarding_policy' | 'safeguarding_checked_leads' | 'trauma_informed_training' | 'safeguarding_review_date'
  >;
  capacityStatus: BelongService['capacity_status'];
  acceptingReferrals: boolean | null;
  /** Ways of taking part a person can choose (empty: not stated). Home visits are in `homeVisits`. */
  modes: readonly Mode[];
  /** Regular sessions from the schedules that still apply (empty: no times given). */
  sessions: readonly Session[];
  /** Places it can be found on a map (confidential places, such as a refuge, are never here). */
  points: readonly { latitude: number; longitude: number }[];
  supportKinds: readonly SupportKind[];
  communities: readonly string[];
  faith: BelongService['faith'];
  entry: BelongService['entry'];
  childcare: boolean | null;
  transportOffered: boolean | null;
  accompanyFirstVisit: boolean | null;
  /** Someone visits people at home. */
  homeVisits?: boolean;
  /** Where it is offered (ORUK service areas); absent or empty: anywhere. */
  serviceAreas?: readonly ServiceArea[];
  /** Who it is for, and whether only for them. */
  audiences?: readonly string[];
  eligibility?: BelongService['eligibility'];
  accessibility?: BelongService['accessibility'];
  requirements?: BelongService['requirements'];
}

/** Parts of the day, as the public search pages cut them. */
export const TIME_PARTS: Record<TimeOfDay, { start: string; end: string }> = {
  morning: { start: '00:00:00', end: '12:00:00' },
  afternoon: { start: '12:00:00', end: '17:00:00' },
  evening: { start: '17:00:00', end: '24:00:00' },
};
export const PARTS_OF_DAY = Object.keys(TIME_PARTS) as TimeOfDay[];

/** The parts of the day a session touches (all three when its hours are not given). */
export function partsOf(s: Pick<Session, 'opensAt' | 'closesAt'>): TimeOfDay[] {
  if (!s.opensAt || !s.closesAt) return [...PARTS_OF_DAY];
  const closes = s.closesAt <= s.opensAt ? '24:00:00' : s.closesAt; // overnight: to midnight
  return PARTS_OF_DAY.filter((p) => s.opensAt! < TIME_PARTS[p].end && closes > TIME_PARTS[p].start);
}

/** Regular sessions of the schedules that still apply on or after `today`. */
export function sessionsOf(schedules: readonly ScheduleInput[], today: string): Session[] {
  const out: Session[] = [];
  const seen = new Set<string>();
  for (const schedule of schedules) {
    const d = describeSchedule(schedule);
    if (d.kind === 'unknown') continue;
    if (d.endsOn && d.endsOn < today) continue;
    const days: (DayCode | null)[] = d.days.length ? d.days : [null];
    for (const day of days) {
      const key = `${day}|${d.opensAt}|${d.closesAt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ day, opensAt: d.opensAt, closesAt: d.closesAt });
    }
  }
  return out;
}
