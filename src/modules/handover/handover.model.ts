/**
 * Hand-overs as the pages and services see them (no row types outside the
 * repository): an offer between two organisations, the referral history that
 * came with an accepted one, and what a package imported from another
 * deployment brought as history.
 */
import type { HandoverContents } from './handover-package.ts';

export type GivenBy = 'verbal' | 'written' | 'self';

export interface HandoverView {
  id: string;
  personId: string;
  personName: string;
  /** The language they speak: their own one when the pages have none, else the page language. */
  preferredLanguage: string;
  fromOrganisation: string;
  toOrganisation: string;
  scope: string[];
  newArea: string | null;
  note: string | null;
  status: 'offered' | 'accepted' | 'declined';
  startedAt: Date;
  decidedAt: Date | null;
}

export interface ReferralHistoryItem {
  referralId: string;
  need: string;
  attempts: { serviceName: string; state: string }[];
}

export interface ImportedHistory {
  fromOrganisation: string | null;
  exportedAt: Date;
  referrals: HandoverContents['referrals'];
}
