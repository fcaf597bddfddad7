/**
 * Which person-facing message says where an attempt stands, in the person's
 * own words. A decline says why in plain terms: "full" is the only reason
 * told as "can't take anyone new"; a language the group cannot offer is said
 * as such; other reasons (eligibility, safeguarding, other) as "not the right
 * fit this time", never more.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { AttemptState } from './referral-states.ts';

export function personStateKey(state: AttemptState, declineReason: string | null): MessageKey {
  if (state === 'declined' && declineReason === 'cannot_meet_language_need') return 'referrals.declined.cannot_meet_language_need';
  if (state === 'declined' && declineReason && declineReason !== 'full') return 'referrals.declined.notRightFit';
  return `referrals.state.${state}` as MessageKey;
}
