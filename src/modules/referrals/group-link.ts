/**
 * Links for groups with no account on Belong (pure rules; ADR 8): how long a
 * link works, when one is refused, which steps a group records through it,
 * and the message that carries it.
 *
 * A link is 256 random bits; only its SHA-256 is stored (platform/auth/tokens.ts).
 * It works for one attempt for LINK_DAYS days; sending a new one replaces it;
 * the connector can stop it; it stops working when the attempt closes. Each
 * form on the page carries a nonce that changes with every step recorded, so
 * a form posted twice, or an old copy of the page, cannot record anything.
 */
import type { FormEvent } from './referral-form.ts';
import { CLOSED_STATES, type AttemptState } from './referral-states.ts';

export const LINK_DAYS = 30;

/** What a group records through its link (the connector can record the same by phone). */
export const GROUP_EVENTS: readonly FormEvent[] = ['acknowledge', 'accept', 'waitlist', 'decline', 'book_first_visit', 'record_attendance'];

/** Why a link is refused: not ours (mistyped, tampered), out of date, replaced by a newer one, stopped, or its referral is closed. */
export type LinkProblem = 'unknown' | 'expired' | 'replaced' | 'stopped' | 'closed';

export interface LinkFacts {
  expiresAt: Date;
  revokedAt: Date | null;
  revokedWhy: 'replaced' | 'stopped' | null;
}

export function linkProblem(link: LinkFacts | undefined, state: AttemptState | undefined, now: Date): LinkProblem | null {
  if (!link || !state) return 'unknown';
  if (link.revokedAt) return link.revokedWhy === 'replaced' ? 'replaced' : 'stopped';
  if (state === 'draft' || CLOSED_STATES.has(state)) return 'closed';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

/** The HTTP status for a refused link: 404 for one we do not know, 410 (gone) for one that worked once. */
export const problemStatus = (p: LinkProblem): 404 | 410 => (p === 'unknown' ? 404 : 410);

export const linkExpiry = (now: Date): Date => new Date(now.getTime() + LINK_DAYS * 24 * 3600 * 1000);

/** Where a message goes: an e-mail address, or a mobile number as "sms:<number>". */
export function messageAddress(contact: { email: string | null; textNumber: string | null }): string | null {
  if (contact.email) return contact.email;
  if (contact.textNumber) return `sms:${contact.textNumber}`;
  return null;
}
