/**
 * Reads the referral services share, inside their policy-checked
 * transactions: whether a service can take a referral now and who receives
 * it, the person's consents in force, and the source of a provider's view.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { ShareSource } from './referral-sharing.ts';
import type { ServiceProblem } from './referral-states.ts';

export type Availability =
  | { ok: true; serviceId: string; name: string; organizationId: string; recipientOrganisationId: string }
  | { ok: false; problem: ServiceProblem; name: string | null };

/**
 * Whether a service can be sent a new referral now: active, not full, taking
 * referrals, and managed on Belong by an active provider organisation (the
 * recipient). With `lock`, the service's referral flags are share-locked until
 * the transaction ends, so a pause made at the same moment waits for the send.
 */
export async function serviceAvailability(db: Executor, serviceId: string, opts: { lock?: boolean } = {}): Promise<Availability> {
  const s = await db
    .selectFrom('service')
    .select(['id', 'name', 'status', 'organization_id'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!s) return { ok: false, problem: 'no_such_service', name: null };
  let flags = db.selectFrom('belong_service').select(['capacity_status', 'accepting_referrals']).where('service_id', '=', serviceId);
  if (opts.lock) flags = flags.forShare();
  const b = await flags.executeTakeFirst();
  if (s.status !== 'active') return { ok: false, problem: 'inactive', name: s.name };
  if (b?.capacity_status === 'full') return { ok: false, problem: 'full', name: s.name };
  // Only a stated "not taking referrals" stops one; not stated is not a no.
  if (b?.accepting_referrals === false) return { ok: false, problem: 'not_accepting', name: s.name };
  const recipient = await db
    .selectFrom('staff_organisation_listing as l')
    .innerJoin('staff_organisation as o', 'o.id', 'l.staff_organisation_id')
    .select('o.id')
    .where('l.organization_id', '=', s.organization_id)
    .where('o.suspended_at', 'is', null)
    .where('o.kind', 'in', ['provider', 'both'])
    .orderBy('o.created_at')
    .orderBy('o.id')
    .executeTakeFirst();
  if (!recipient) return { ok: false, problem: 'no_recipient', name: s.name };
  return { ok: true, serviceId: s.id, name: s.name, organizationId: s.organization_id, recipientOrganisationId: recipient.id };
}

/** The scopes of a person's consents of one kind in force at `now`. */
export async function scopesInForce(db: Executor, personId: string, kind: 'share' | 'contact' | 'store', now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('person_consent')
    .select('scope')
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
  return [...new Set(rows.flatMap((r) => r.scope))];
}

/** True when a consent row is in force at `now`. */
export async function consentInForce(db: Executor, consentId: string | null, now: Date): Promise<boolean> {
  if (!consentId) return false;
  const c = await db.selectFrom('person_consent').select(['withdrawn_at', 'expires_at']).where('id', '=', consentId).executeTakeFirst();
  return !!c && c.withdrawn_at === null && (c.expires_at === null || c.expires_at.getTime() > now.getTime());
}

/** Everything a provider's view may be built from, for one referral. */
export async function shareSource(db: Executor, referralId: string, now: Date): Promise<ShareSource> {
  const r = await db
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'p.id as person_id',
      'p.display_name',
      'p.preferred_language',
      'p.interpreter_needed as p_interpreter',
      'p.interpreter_language as p_interpreter_language',
      'p.contact_method',
      'p.phone',
      'p.email',
      'p.safe_to_call',
      'p.safe_to_text',
      'p.safe_to_leave_message',
      'r.need',
      'r.summary',
      'r.interpreter_needed',
      'r.interpreter_language',
      'r.accompany_wanted',
      'r.transport_needed',
      'r.childcare_needed',
    ])
    .where('r.id', '=', referralId)
    .executeTakeFirstOrThrow();
  const contactScopes = await scopesInForce(db, r.person_id, 'contact', now);
  return {
    displayName: r.display_name,
    preferredLanguage: r.preferred_language,
    interpreterNeeded: r.p_interpreter || r.interpreter_needed,
    interpreterLanguage: r.interpreter_language ?? r.p_interpreter_language,
    contactMethod: r.contact_method,
    phone: r.phone,
    email: r.email,
    safeToCall: r.safe_to_call,
    safeToText: r.safe_to_text,
    safeToLeaveMessage: r.safe_to_leave_message,
    contactScopes,
    need: r.need,
    summary: r.summary,
    support: {
      interpreterNeeded: r.interpreter_needed,
      interpreterLanguage: r.interpreter_language,
      accompanyWanted: r.accompany_wanted,
      transportNeeded: r.transport_needed,
      childcareNeeded: r.childcare_needed,
    },
  };
}

/** E-mail addresses of the active provider staff of an organisation (who are told about its referrals). */
export async function recipientAddresses(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select('email')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'provider_staff')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

export async function connectorAddress(db: Executor, referralId: string): Promise<string | null> {
  const r = await db
    .selectFrom('referral as r')
    .innerJoin('staff_account as a', 'a.id', 'r.connector_account_id')
    .select(['a.email', 'a.disabled_at'])
    .where('r.id', '=', referralId)
    .executeTakeFirst();
  return r && r.disabled_at === null ? r.email : null;
}
