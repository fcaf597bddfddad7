/**
 * Reads the referral services share, inside their policy-checked
 * transactions: whether a service can take a referral now and who receives
 * it, the person's consents in force, and the source of a provider's view.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { ShareSource } from './referral-sharing.ts';
import type { ServiceProblem } from './referral-states.ts';

export type Availability =
  | {
      ok: true;
      serviceId: string;
      name: string;
      organizationId: string;
      /** The Belong organisation that receives it in its inbox; null for a group with no account (group-link.service.ts). */
      recipientOrganisationId: string | null;
    }
  | { ok: false; problem: ServiceProblem; name: string | null };

/**
 * Whether a service can be sent a new referral now: active, not full and
 * taking referrals. The recipient is the active provider organisation that
 * manages it on Belong, if any; any other listed service is a group with no
 * account, reached through its listed contact or by the connector's phone. With `lock`, the service's referral flags are share-locked until
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
  return { ok: true, serviceId: s.id, name: s.name, organizationId: s.organization_id, recipientOrganisationId: recipient?.id ?? null };
}

/** How Belong can reach a group with no account: its listed e-mail, else a mobile number for texts; and whether it asked not to be. */
export interface GroupContact {
  organizationId: string;
  email: string | null;
  /** A UK mobile number from the listing (texts go only to mobiles). */
  textNumber: string | null;
  /** Any listed phone number, for the connector to call. */
  phone: string | null;
  optedOut: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A UK mobile number in any usual spelling ("07700 900123", "+44 7700 900123"), as digits, or null. */
export function ukMobile(n: string): string | null {
  const d = n.replace(/[\s().-]/g, '');
  if (/^07\d{9}$/.test(d)) return d;
  if (/^(\+44|0044|44)7\d{9}$/.test(d)) return `0${d.slice(d.length - 10)}`;
  return null;
}

export async function groupContactOf(db: Executor, serviceId: string): Promise<GroupContact | null> {
  const s = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .leftJoin('group_message_opt_out as x', 'x.organization_id', 's.organization_id')
    .select(['s.organization_id', 's.email as service_email', 'o.email as org_email', 'x.opted_out_at'])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  if (!s) return null;
  const phones = await db
    .selectFrom('phone')
    .select(['number', 'service_id'])
    .where((eb) => eb.or([eb('service_id', '=', serviceId), eb('organization_id', '=', s.organization_id)]))
    .orderBy('id')
    .execute();
  const ordered = [...phones.filter((p) => p.service_id === serviceId), ...phones.filter((p) => p.service_id !== serviceId)];
  const email = [s.service_email, s.org_email].map((e) => e?.trim() ?? '').find((e) => EMAIL.test(e)) ?? null;
  const textNumber = ordered.map((p) => ukMobile(p.number)).find((n) => n !== null) ?? null;
  return {
    organizationId: s.organization_id,
    email,
    textNumber,
    phone: ordered[0]?.number ?? null,
    optedOut: s.opted_out_at !== null,
  };
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
