/**
 * What a referral may share with the service it is sent to, and the view a
 * provider gets: only the fields the person agreed to share, nothing else.
 *
 * The fields are a fixed list. Contact details are shareable only when the
 * person's contact consent allows some way of contacting them (contact
 * consent — may they call, may they text, is it safe — is separate from the
 * share consent). The provider's view is built from the fields named on the
 * attempt's share consent, and only while that consent is in force: once the
 * person withdraws it, the provider sees that it was withdrawn and no fields.
 */

export const SHAREABLE_FIELDS = ['name', 'language', 'contact', 'need', 'practical_support', 'summary'] as const;
export type ShareField = (typeof SHAREABLE_FIELDS)[number];

export const isShareField = (s: string): s is ShareField => (SHAREABLE_FIELDS as readonly string[]).includes(s);

/** What the person, the referral and the consents hold (read by the service). */
export interface ShareSource {
  displayName: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  contactMethod: string | null;
  phone: string | null;
  email: string | null;
  safeToCall: boolean | null;
  safeToText: boolean | null;
  safeToLeaveMessage: boolean | null;
  /** The ways the person's contact consents in force allow ('call', 'text', 'email'). */
  contactScopes: readonly string[];
  need: string;
  summary: string | null;
  support: PracticalSupport;
}

export interface PracticalSupport {
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  accompanyWanted: boolean;
  transportNeeded: boolean;
  childcareNeeded: boolean;
}

/** The provider's view: a key is present only when that field was shared. */
export interface SharedView {
  name?: string;
  language?: { preferred: string; interpreterNeeded: boolean; interpreterLanguage: string | null };
  contact?: {
    method: string | null;
    phone: string | null;
    email: string | null;
    safeToCall: boolean | null;
    safeToText: boolean | null;
    safeToLeaveMessage: boolean | null;
  };
  need?: string;
  practicalSupport?: PracticalSupport;
  summary?: string | null;
}

/** The fields the connector may offer to share now. */
export function shareableNow(contactScopes: readonly string[]): ShareField[] {
  return SHAREABLE_FIELDS.filter((f) => f !== 'contact' || contactScopes.length > 0);
}

export type ShareChoiceError = 'nothing_chosen' | 'unknown_field' | 'contact_not_allowed';

/** Checks the fields a connector ticked: known, at least one, contact only with contact consent. */
export function checkShareChoice(
  chosen: readonly string[],
  contactScopes: readonly string[],
): { ok: true; fields: ShareField[] } | { ok: false; error: ShareChoiceError } {
  if (chosen.length === 0) return { ok: false, error: 'nothing_chosen' };
  if (!chosen.every(isShareField)) return { ok: false, error: 'unknown_field' };
  if (chosen.includes('contact') && contactScopes.length === 0) return { ok: false, error: 'contact_not_allowed' };
  // In the list's own order, each once.
  return { ok: true, fields: SHAREABLE_FIELDS.filter((f) => chosen.includes(f)) };
}

/**
 * The view for a recipient: only `fields`, and within contact details only
 * the ways the person's contact consent still allows.
 */
export function sharedView(fields: readonly string[], s: ShareSource): SharedView {
  const view: SharedView = {};
  for (const f of fields) {
    switch (f) {
      case 'name':
        view.name = s.displayName;
        break;
      case 'language':
        view.language = {
          preferred: s.preferredLanguage,
          interpreterNeeded: s.interpreterNeeded,
          interpreterLanguage: s.interpreterNeeded ? s.interpreterLanguage : null,
        };
        break;
      case 'contact': {
        if (s.contactScopes.length === 0) break; // contact consent withdrawn since: nothing to show
        const byPhone = s.contactScopes.includes('call') || s.contactScopes.includes('text');
        view.contact = {
          method: s.contactMethod,
          phone: byPhone ? s.phone : null,
          email: s.contactScopes.includes('email') ? s.email : null,
          safeToCall: s.contactScopes.includes('call') ? s.safeToCall : false,
          safeToText: s.contactScopes.includes('text') ? s.safeToText : false,
          safeToLeaveMessage: s.safeToLeaveMessage,
        };
        break;
      }
      case 'need':
        view.need = s.need;
        break;
      case 'practical_support':
        view.practicalSupport = { ...s.support };
        break;
      case 'summary':
        view.summary = s.summary;
        break;
      default:
        break;
    }
  }
  return view;
}
