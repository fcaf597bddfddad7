/**
 * A volunteer's vetting, worked out from their checks (pure): each kind
 * (DBS or equivalent, training, references) must be recorded and in date.
 * A missing or expired check stops new matches; one running out within
 * REMINDER_DAYS is flagged so it can be renewed in time.
 */
import type { VolunteerCheckKind } from '../../platform/db/schema.ts';

export const CHECK_KINDS = ['dbs', 'training', 'references'] as const satisfies readonly VolunteerCheckKind[];

/** How many days before a check runs out its reminder goes. */
export const REMINDER_DAYS = 30;

export interface CheckRecord {
  kind: VolunteerCheckKind;
  checkedOn: string;
  expiresOn: string;
}

export type CheckStatus = 'missing' | 'expired' | 'expiring' | 'valid';

export interface CheckState {
  kind: VolunteerCheckKind;
  status: CheckStatus;
  checkedOn: string | null;
  expiresOn: string | null;
}

export interface Vetting {
  /** Every kind recorded and in date today: the volunteer may be matched. */
  ok: boolean;
  checks: CheckState[];
  /** The first date one of the checks runs out (null when one is missing). */
  validUntil: string | null;
}

/** 'YYYY-MM-DD' plus `days` days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `checks` in any order; the newest check of each kind (latest checkedOn) counts. */
export function vettingOf(checks: readonly CheckRecord[], today: string): Vetting {
  const soon = addDays(today, REMINDER_DAYS);
  const states = CHECK_KINDS.map((kind): CheckState => {
    const latest = checks.filter((c) => c.kind === kind).sort((a, b) => b.checkedOn.localeCompare(a.checkedOn))[0];
    if (!latest) return { kind, status: 'missing', checkedOn: null, expiresOn: null };
    const status: CheckStatus = latest.expiresOn < today ? 'expired' : latest.expiresOn <= soon ? 'expiring' : 'valid';
    return { kind, status, checkedOn: latest.checkedOn, expiresOn: latest.expiresOn };
  });
  const ok = states.every((s) => s.status === 'valid' || s.status === 'expiring');
  const expiries = states.map((s) => s.expiresOn);
  const validUntil = expiries.every((e): e is string => e !== null) ? expiries.sort()[0]! : null;
  return { ok, checks: states, validUntil };
}
