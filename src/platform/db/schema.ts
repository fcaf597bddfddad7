/**
 * Kysely table types, kept in step with ./migrations by hand (the integration
 * test `schema.int.test.ts` compares them with the live database).
 */
import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: 'YYYY-MM-DD' on both engines. */
type DateOnly = string;
/** A `time` column: 'HH:MM:SS'. */
type TimeOfDay = string;
type Nullable<T> = T | null;
/** Columns with a database default may be omitted on insert. */
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface OrganizationTable {
  id: string;
  name: string;
  alternate_name: Nullable<string>;
  description: WithDefault<string>;
  email: Nullable<string>;
  website: Nullable<string>;
  tax_status: Nullable<string>;
  tax_id: Nullable<string>;
  year_incorporated: Nullable<number>;
  legal_status: Nullable<string>;
  logo: Nullable<string>;
  uri: Nullable<string>;
  parent_organization_id: Nullable<string>;
  last_modified: Timestamp;
}

export interface OrganizationIdentifierTable {
  id: string;
  organization_id: string;
  identifier_scheme: Nullable<string>;
  identifier_type: string;
  identifier: string;
}

export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface ServiceTable {
  id: string;
  organization_id: string;
  name: string;
  alternate_name: Nullable<string>;
  description: WithDefault<string>;
  url: Nullable<string>;
  email: Nullable<string>;
  status: WithDefault<ServiceStatus>;
  interpretation_services: Nullable<string>;
  application_process: Nullable<string>;
  fees_description: Nullable<string>;
  accreditations: Nullable<string>;
  eligibility_description: Nullable<string>;
  minimum_age: Nullable<number>;
  maximum_age: Nullable<number>;
  assured_date: Nullable<DateOnly>;
  assurer_email: Nullable<string>;
  alert: Nullable<string>;
  last_modified: Timestamp;
  search_tsv: ColumnType<string, never, never>;
}

export type LocationType = 'physical' | 'postal' | 'virtual';

export interface LocationTable {
  id: string;
  location_type: WithDefault<LocationType>;
  url: Nullable<string>;
  organization_id: Nullable<string>;
  name: Nullable<string>;
  alternate_name: Nullable<string>;
  description: Nullable<string>;
  transportation: Nullable<string>;
  latitude: Nullable<number>;
  longitude: Nullable<number>;
  external_identifier: Nullable<string>;
  external_identifier_type: Nullable<string>;
}

export interface AddressTable {
  id: string;
  location_id: string;
  attention: Nullable<string>;
  address_1: string;
  address_2: Nullable<string>;
  city: string;
  region: Nullable<string>;
  state_province: WithDefault<string>;
  postal_code: string;
  country: WithDefault<string>;
  address_type: WithDefault<LocationType>;
}

export interface ServiceAtLocationTable {
  id: string;
  service_id: string;
  location_id: string;
  description: Nullable<string>;
}

export interface ScheduleTable {
  id: string;
  service_id: Nullable<string>;
  location_id: Nullable<string>;
  service_at_location_id: Nullable<string>;
  valid_from: Nullable<DateOnly>;
  valid_to: Nullable<DateOnly>;
  dtstart: Nullable<DateOnly>;
  timezone: Nullable<number>;
  until: Nullable<DateOnly>;
  count: Nullable<number>;
  wkst: Nullable<string>;
  freq: Nullable<'WEEKLY' | 'MONTHLY'>;
  interval: Nullable<number>;
  byday: Nullable<string>;
  byweekno: Nullable<string>;
  bymonthday: Nullable<string>;
  byyearday: Nullable<string>;
  description: Nullable<string>;
  opens_at: Nullable<TimeOfDay>;
  closes_at: Nullable<TimeOfDay>;
  schedule_link: Nullable<string>;
  attending_type: Nullable<string>;
  notes: Nullable<string>;
}

export interface PhoneTable {
  id: string;
  location_id: Nullable<string>;
  service_id: Nullable<string>;
  organization_id: Nullable<string>;
  contact_id: Nullable<string>;
  service_at_location_id: Nullable<string>;
  number: string;
  extension: Nullable<string>;
  type: Nullable<string>;
  description: Nullable<string>;
}

export interface ContactTable {
  id: string;
  organization_id: Nullable<string>;
  service_id: Nullable<string>;
  service_at_location_id: Nullable<string>;
  location_id: Nullable<string>;
  name: Nullable<string>;
  title: Nullable<string>;
  department: Nullable<string>;
  email: Nullable<string>;
}

export interface LanguageTable {
  id: string;
  service_id: Nullable<string>;
  location_id: Nullable<string>;
  phone_id: Nullable<string>;
  name: Nullable<string>;
  code: Nullable<string>;
  note: Nullable<string>;
}

export interface AccessibilityTable {
  id: string;
  location_id: Nullable<string>;
  description: Nullable<string>;
  details: Nullable<string>;
  url: Nullable<string>;
}

export interface CostOptionTable {
  id: string;
  service_id: string;
  valid_from: Nullable<DateOnly>;
  valid_to: Nullable<DateOnly>;
  option: Nullable<string>;
  currency: Nullable<string>;
  amount: Nullable<number>;
  amount_description: Nullable<string>;
}

export interface FundingTable {
  id: string;
  organization_id: Nullable<string>;
  service_id: Nullable<string>;
  source: Nullable<string>;
}

export interface ServiceAreaTable {
  id: string;
  service_id: Nullable<string>;
  service_at_location_id: Nullable<string>;
  name: Nullable<string>;
  description: Nullable<string>;
  extent: Nullable<string>;
  extent_type: Nullable<string>;
  uri: Nullable<string>;
}

export interface TaxonomyTable {
  id: string;
  name: string;
  description: string;
  uri: Nullable<string>;
  version: Nullable<string>;
}

export interface TaxonomyTermTable {
  id: string;
  code: Nullable<string>;
  name: string;
  description: string;
  parent_id: Nullable<string>;
  taxonomy: Nullable<string>;
  taxonomy_id: Nullable<string>;
  language: Nullable<string>;
  term_uri: Nullable<string>;
}

export interface AttributeTable {
  id: string;
  link_id: string;
  link_type: Nullable<string>;
  link_entity: string;
  taxonomy_term_id: string;
  value: Nullable<string>;
  label: Nullable<string>;
}

export interface UnitTable {
  id: string;
  name: string;
  scheme: Nullable<string>;
  identifier: Nullable<string>;
  uri: Nullable<string>;
}

export interface ServiceCapacityTable {
  id: string;
  service_id: string;
  unit_id: string;
  available: number;
  maximum: Nullable<number>;
  description: Nullable<string>;
  updated: Timestamp;
}

export interface MetadataTable {
  id: string;
  resource_id: string;
  resource_type: string;
  last_action_date: Timestamp;
  last_action_type: string;
  field_name: WithDefault<string>;
  previous_value: WithDefault<string>;
  replacement_value: WithDefault<string>;
  updated_by: string;
}

export type Gender = 'women_only' | 'men_only' | 'mixed';
export type Entry = 'drop_in' | 'self_referral' | 'professional_referral' | 'formal_assessment';
export type CostBand = 'free' | 'low_cost' | 'paid';
export type Faith = 'faith_based' | 'faith_friendly';
export type Eligibility = 'open_to_all' | 'only' | 'especially_welcome';
export type CapacityStatus = 'places_available' | 'full' | 'waiting_list';

export interface BelongServiceTable {
  service_id: string;
  // Every field may be "not stated": NULL, an empty list, or a missing key (migration 0030).
  gender: Nullable<Gender>;
  communities: WithDefault<string[]>;
  faith: Nullable<Faith>;
  entry: Nullable<Entry>;
  how_to_join: Nullable<string>;
  what_to_expect: Nullable<string>;
  cost_band: Nullable<CostBand>;
  childcare: Nullable<boolean>;
  transport_offered: Nullable<boolean>;
  accompany_first_visit: Nullable<boolean>;
  interpreter_available: Nullable<boolean>;
  modes: WithDefault<string[]>;
  food: WithDefault<string[]>;
  support_kinds: WithDefault<string[]>;
  audiences: WithDefault<string[]>;
  eligibility: Nullable<Eligibility>;
  /** { step_free: true, hearing_loop: false }: a missing key is not stated. */
  accessibility: ColumnType<Partial<Record<string, boolean>>, string | undefined, string>;
  requirements: ColumnType<Partial<Record<string, boolean>>, string | undefined, string>;
  capacity_status: Nullable<CapacityStatus>;
  accepting_referrals: Nullable<boolean>;
  safeguarding_policy: Nullable<boolean>;
  safeguarding_checked_leads: Nullable<boolean>;
  trauma_informed_training: Nullable<boolean>;
  safeguarding_review_date: Nullable<DateOnly>;
  verified_by: Nullable<string>;
  review_due: Nullable<DateOnly>;
}

/**
 * Matching's own rows, derived from the directory and kept up to date by
 * triggers (migration 0300): never written by the application.
 */
type Derived<T> = ColumnType<T, never, never>;

/** What the rules test of a service that can be joined by phone or online. */
export interface BelongMatchRemoteTable {
  service_id: Derived<string>;
  /** The service has Belong's own fields (a belong_service row). */
  described: Derived<boolean>;
  status: Derived<string>;
  minimum_age: Derived<number | null>;
  maximum_age: Derived<number | null>;
  organization_id: Derived<string>;
  gender: Derived<Gender | null>;
  community_keys: Derived<string[]>;
  faith: Derived<Faith | null>;
  entry: Derived<Entry | null>;
  cost_band: Derived<CostBand | null>;
  childcare: Derived<boolean | null>;
  transport_offered: Derived<boolean | null>;
  accompany_first_visit: Derived<boolean | null>;
  interpreter_available: Derived<boolean | null>;
  modes: Derived<string[]>;
  support_kinds: Derived<string[]>;
  capacity_status: Derived<CapacityStatus | null>;
  accepting_referrals: Derived<boolean | null>;
  safeguarding_policy: Derived<boolean | null>;
  safeguarding_checked_leads: Derived<boolean | null>;
  trauma_informed_training: Derived<boolean | null>;
  safeguarding_review_date: Derived<string | null>;
  audiences: Derived<string[]>;
  eligibility: Derived<Eligibility | null>;
  accessibility: Derived<Partial<Record<string, boolean>> | string>;
  requirements: Derived<Partial<Record<string, boolean>> | string>;
  has_languages: Derived<boolean>;
  language_keys: Derived<string[]>;
  has_outcode_area: Derived<boolean>;
  has_geojson_area: Derived<boolean>;
  area_outcodes: Derived<string[]>;
}

/** Every service: the same columns, and what match-candidate.ts needs of it as one JSON text. */
export interface BelongMatchServiceTable extends BelongMatchRemoteTable {
  card: Derived<string>;
}

/** Services a transaction changed, rebuilt in the tables above when it commits (migration 0300). */
export interface BelongMatchPendingTable {
  service_id: Derived<string>;
}

/** A service's full record as json text, kept from the directory (migration 0330; read by loadServiceRecords). */
export interface BelongServiceRecordTable {
  service_id: Derived<string>;
  record: Derived<string>;
}

/** A public place of a service, with its point and the service's rule columns. */
export interface BelongMatchPlaceTable extends BelongMatchRemoteTable {
  location_id: Derived<string>;
  point: Derived<string>;
}

export interface BelongLocationTable {
  location_id: string;
  confidential: WithDefault<boolean>;
  area_name: Nullable<string>;
}

/**
 * One row per (active service, public location), kept by triggers (migration
 * 0280) for searches around a place: the location's point (ll_to_earth, as a
 * cube) and the service's name and words; `alone` when the service has no
 * other point (migration 0310).
 */
export interface BelongSearchPointTable {
  service_id: string;
  location_id: string;
  name: string;
  search_tsv: string;
  point: string;
  alone: boolean;
  /** belong_fold(name), generated by PostgreSQL (migration 0350). */
  folded_name: Generated<string>;
  /** The numbers of the filter codes of the service's own fields (`belong_service_facets`, migration 0360). */
  facets: number[];
}

export interface BelongScheduleExceptionTable {
  id: string;
  service_id: string;
  schedule_id: Nullable<string>;
  starts_on: DateOnly;
  ends_on: DateOnly;
  closed: WithDefault<boolean>;
  opens_at: Nullable<TimeOfDay>;
  closes_at: Nullable<TimeOfDay>;
  description: Nullable<string>;
}

/** The directory's change counter (migration 0111): one row, bumped at the commit of each directory change. */
export interface BelongDirectoryVersionTable {
  id: WithDefault<boolean>;
  version: WithDefault<number>;
  changed_at: WithDefault<Date>;
}

/** A directory-wide value kept between starts, with the directory version it was computed at (migration 0270). */
export interface BelongDirectorySummaryTable {
  name: string;
  /** bigint: written as text. */
  version: ColumnType<number | string, string, string>;
  /** jsonb: written as JSON text. */
  value: ColumnType<unknown, string, string>;
  computed_at: WithDefault<Date>;
}

/** A schedule compiled for SQL date and time tests (migration 0112; see schedule.ts `scheduleRuleRow`). */
export interface BelongScheduleRuleTable {
  schedule_id: string;
  service_id: Nullable<string>;
  kind: string;
  weekdays: WithDefault<number[]>;
  weekday_any: WithDefault<number[]>;
  weekday_nth: WithDefault<number[]>;
  month_days: WithDefault<number[]>;
  every: WithDefault<number>;
  wkst: WithDefault<number>;
  week_anchor: Nullable<DateOnly>;
  month_anchor: Nullable<number>;
  once_on: Nullable<DateOnly>;
  first_day: Nullable<DateOnly>;
  last_day: Nullable<DateOnly>;
  opens_at: Nullable<TimeOfDay>;
  closes_at: Nullable<TimeOfDay>;
}

export interface BelongImportSourceTable {
  source: string;
  external_id: string;
  entity: string;
  entity_id: string;
  content_hash: Nullable<string>;
  imported_at: Timestamp;
  /** When the source stopped listing the service (it was made inactive); null while listed. */
  retired_at: Nullable<Timestamp>;
}

export type FieldOrigin = 'feed' | 'provider' | 'administrator';

/** Who last set each field of a service or organisation (migration 0030). */
export interface BelongFieldOriginTable {
  entity_id: string;
  /** "service.<column>", "belong.<column>", "organization.<column>" or a list ("schedules", "locations", …). */
  field: string;
  origin: FieldOrigin;
  /** The import source, or "staff:<account id>". */
  source: Nullable<string>;
  value_hash: Nullable<string>;
  feed_hash: Nullable<string>;
  changed_at: Timestamp;
}

export type TranslationEntity = 'service' | 'organization' | 'location';
export type TranslationSource = 'human' | 'machine';

/** A translation of one field of one directory record into one language (migration 0002). */
export interface BelongTranslationTable {
  entity: TranslationEntity;
  entity_id: string;
  /** The column translated, e.g. 'description', 'what_to_expect', 'transportation'. */
  field: string;
  /** Interface language code, e.g. 'ar'. */
  locale: string;
  text: string;
  source: WithDefault<TranslationSource>;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------------------
// Staff accounts, sessions, one-time links, outbox and audit (migration 0003).
// ---------------------------------------------------------------------------

export type StaffRole = 'administrator' | 'commissioner' | 'connector' | 'provider_staff' | 'volunteer';
export type StaffOrganisationKind = 'referrer' | 'provider' | 'both';

export interface StaffOrganisationTable {
  id: string;
  name: string;
  kind: StaffOrganisationKind;
  operator: WithDefault<boolean>;
  suspended_at: Nullable<Timestamp>;
  created_at: Timestamp;
}

export interface StaffOrganisationListingTable {
  staff_organisation_id: string;
  organization_id: string;
}

export interface StaffAccountTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: StaffRole;
  manager: WithDefault<boolean>;
  password_hash: Nullable<string>;
  password_changed_at: Nullable<Timestamp>;
  totp_secret: Nullable<string>;
  totp_pending_secret: Nullable<string>;
  totp_last_step: Nullable<number>;
  failed_logins: WithDefault<number>;
  lockouts: WithDefault<number>;
  locked_until: Nullable<Timestamp>;
  disabled_at: Nullable<Timestamp>;
  created_at: Timestamp;
  last_sign_in_at: Nullable<Timestamp>;
}

export type StaffSessionStage = 'two_step' | 'active';

export interface StaffSessionTable {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  stage: WithDefault<StaffSessionStage>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface StaffInvitationTable {
  id: string;
  token_hash: string;
  organisation_id: string;
  email: string;
  role: StaffRole;
  manager: WithDefault<boolean>;
  invited_by: Nullable<string>;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Nullable<Timestamp>;
  account_id: Nullable<string>;
  revoked_at: Nullable<Timestamp>;
}

export interface StaffPasswordResetTable {
  id: string;
  token_hash: string;
  account_id: string;
  issued_by: Nullable<string>;
  clear_two_step: WithDefault<boolean>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Nullable<Timestamp>;
}

export interface StaffLoginThrottleTable {
  key: string;
  failures: WithDefault<number>;
  window_started_at: Timestamp;
  blocked_until: Nullable<Timestamp>;
}

export interface BelongSecretTable {
  name: string;
  value: string;
}

/** Where a message is on its way (migration 0014). */
export type OutboxStatus = 'kept' | 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  created_at: Timestamp;
  recipient: string;
  subject: string;
  body: string;
  sent_at: Nullable<Timestamp>;
  status: WithDefault<OutboxStatus>;
  attempts: WithDefault<number>;
  last_error: Nullable<string>;
  last_attempt_at: Nullable<Timestamp>;
  next_attempt_at: Nullable<Timestamp>;
  claimed_until: Nullable<Timestamp>;
  failed_at: Nullable<Timestamp>;
  /** Set when the text carries a person's personal data: only this organisation's connectors may read it (migration 0101). */
  holder_organisation_id: Nullable<string>;
}

export type AuditOutcome = 'allowed' | 'denied';

/** A jsonb column: read as a parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface AuditEventTable {
  id: string;
  at: Timestamp;
  actor_account_id: Nullable<string>;
  actor_organisation_id: Nullable<string>;
  actor_role: Nullable<string>;
  action: string;
  outcome: WithDefault<AuditOutcome>;
  subject_type: Nullable<string>;
  subject_id: Nullable<string>;
  reason: Nullable<string>;
  details: Json<Record<string, unknown>>;
  request_id: Nullable<string>;
  ip_hash: Nullable<string>;
}

export interface BelongMigrationTable {
  name: string;
  applied_at: Generated<Date>;
}

// ---------------------------------------------------------------------------
// People (migration 0005)
// ---------------------------------------------------------------------------

export type PersonContactMethod = 'phone' | 'text' | 'email' | 'in_person' | 'through_connector';
export type PersonGender = 'woman' | 'man' | 'another';
export type PersonAgeBand = 'under_16' | '16_17' | '18_24' | '25_49' | '50_64' | '65_plus';

export interface PersonTable {
  id: string;
  organisation_id: string;
  display_name: string;
  preferred_language: string;
  other_languages: WithDefault<string[]>;
  english_ok: WithDefault<boolean>;
  interpreter_needed: WithDefault<boolean>;
  interpreter_language: Nullable<string>;
  contact_method: Nullable<PersonContactMethod>;
  phone: Nullable<string>;
  email: Nullable<string>;
  safe_to_call: Nullable<boolean>;
  safe_to_text: Nullable<boolean>;
  safe_to_leave_message: Nullable<boolean>;
  area: Nullable<string>;
  outcode: Nullable<string>;
  gender: Nullable<PersonGender>;
  age_band: Nullable<PersonAgeBand>;
  /** The language they speak when the pages have no translation for it (ISO 639; migration 0210). */
  spoken_language: ColumnType<Nullable<string>, Nullable<string> | undefined, Nullable<string>>;
  /** ONS 2021 category or 'prefer_not_to_say'; only with the person's consent to be asked (migration 0130). */
  ethnicity: ColumnType<Nullable<string>, Nullable<string> | undefined, Nullable<string>>;
  ethnicity_asked_at: ColumnType<Nullable<Date>, Nullable<Date | string> | undefined, Nullable<Date | string>>;
  created_by: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Nullable<Timestamp>;
  /** How the person came to Belong (migration 0141); null on records made before it. */
  referral_route: Nullable<PersonReferralRoute>;
}

export type PersonReferralRoute = 'self_referral' | 'connector' | 'professional';

/** Outward codes a referring organisation's connectors cover (migration 0141). */
export interface StaffOrganisationAreaTable {
  staff_organisation_id: string;
  outcode: string;
}

export type ContactWay = 'call' | 'text' | 'email';

/** "Ask someone to contact me" requests (migration 0141). */
export interface ContactRequestTable {
  id: string;
  person_id: string;
  organisation_id: string;
  contact_way: ContactWay;
  unsafe_ways: WithDefault<ContactWay[]>;
  safe_times: Nullable<string>;
  about: Nullable<string>;
  status: WithDefault<'new' | 'picked_up'>;
  due_at: Timestamp;
  picked_up_by: Nullable<string>;
  picked_up_at: Nullable<Timestamp>;
  created_at: Timestamp;
}

export interface ContactRequestThrottleTable {
  key: string;
  window_started_at: Timestamp;
  requests: WithDefault<number>;
}

export type ConsentKind = 'store' | 'share' | 'contact';
export type ConsentGivenBy = 'verbal' | 'written' | 'self';

export interface PersonConsentTable {
  id: string;
  person_id: string;
  kind: ConsentKind;
  scope: WithDefault<string[]>;
  recipient_organisation_id: Nullable<string>;
  purpose: Nullable<string>;
  given_by: ConsentGivenBy;
  recorded_by: Nullable<string>;
  granted_at: Timestamp;
  expires_at: Nullable<Timestamp>;
  withdrawn_at: Nullable<Timestamp>;
  withdrawn_by: Nullable<string>;
  note: Nullable<string>;
}

// ---------------------------------------------------------------------------
// Listing changes waiting for approval (migration 0006)
// ---------------------------------------------------------------------------

export type ListingChangeStatus = 'pending' | 'approved' | 'rejected';

export interface ListingChangeTable {
  id: string;
  service_id: string;
  requested_by: string;
  requested_at: Timestamp;
  changes: Json<{ field: string; before: unknown; after: unknown }[]>;
  status: WithDefault<ListingChangeStatus>;
  decided_by: Nullable<string>;
  decided_at: Nullable<Timestamp>;
  note: Nullable<string>;
}

// ---------------------------------------------------------------------------
// "What matters to you" conversations (migration 0008)
// ---------------------------------------------------------------------------

export type ConversationStatus = 'draft' | 'complete' | 'erased';

export interface ConversationTable {
  id: string;
  person_id: string;
  status: WithDefault<ConversationStatus>;
  answers_format: WithDefault<number>;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  language: string;
  chosen: ColumnType<unknown[], string | undefined, string>;
  next_steps: Nullable<string>;
  note_for_person: Nullable<string>;
  nothing_fitted_at: Nullable<Timestamp>;
  started_by: Nullable<string>;
  started_at: Timestamp;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
  completed_by: Nullable<string>;
  completed_at: Nullable<Timestamp>;
  plan_sent_at: Nullable<Timestamp>;
  plan_sent_by: Nullable<string>;
  erased_at: Nullable<Timestamp>;
}

// ---------------------------------------------------------------------------
// Listing reports and review reminders (migration 0007)
// ---------------------------------------------------------------------------

export type ListingReportKind = 'closed' | 'times' | 'place' | 'contact' | 'cost' | 'other';
export type ListingReportStatus = 'open' | 'resolved' | 'dismissed';

export interface ListingReportTable {
  id: string;
  service_id: string;
  kind: ListingReportKind;
  details: Nullable<string>;
  contact: Nullable<string>;
  language: string;
  created_at: Timestamp;
  status: WithDefault<ListingReportStatus>;
  resolution_note: Nullable<string>;
  resolved_by: Nullable<string>;
  resolved_at: Nullable<Timestamp>;
}

export interface ListingReportThrottleTable {
  key: string;
  window_started_at: Timestamp;
  reports: WithDefault<number>;
}

export interface ReviewReminderTable {
  id: string;
  recipient_key: string;
  staff_organisation_id: Nullable<string>;
  service_ids: string[];
  recipients: number;
  sent_at: Timestamp;
}

// ---------------------------------------------------------------------------
// Referrals (migration 0011)
// ---------------------------------------------------------------------------

export interface ReferralTable {
  id: string;
  person_id: string;
  organisation_id: string;
  connector_account_id: string;
  need: string;
  summary: Nullable<string>;
  interpreter_needed: WithDefault<boolean>;
  interpreter_language: Nullable<string>;
  accompany_wanted: WithDefault<boolean>;
  transport_needed: WithDefault<boolean>;
  childcare_needed: WithDefault<boolean>;
  /** How the person came to the connector (migration 0130); null: not recorded. */
  route: ColumnType<Nullable<string>, Nullable<string> | undefined, Nullable<string>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Nullable<Timestamp>;
}

export interface ReferralAttemptTable {
  id: string;
  seq: Generated<number>;
  referral_id: string;
  service_id: string;
  service_name: string;
  recipient_organisation_id: Nullable<string>;
  state: string;
  paused_from: Nullable<string>;
  contact_attempts: WithDefault<number>;
  first_visit_date: Nullable<DateOnly>;
  companion_kind: Nullable<'volunteer' | 'staff'>;
  companion_account_id: Nullable<string>;
  companion_name: Nullable<string>;
  decline_reason: Nullable<string>;
  not_taken_up_reason: Nullable<string>;
  outcome: Nullable<string>;
  reason_note: Nullable<string>;
  interpreter_met: Nullable<boolean>;
  shared_fields: WithDefault<string[]>;
  share_consent_id: Nullable<string>;
  sent_at: Nullable<Timestamp>;
  consent_withdrawn_notified_at: Nullable<Timestamp>;
  next_task: Nullable<string>;
  next_owner: Nullable<string>;
  next_due: Nullable<DateOnly>;
  next_late_after: Nullable<DateOnly>;
  nudge_count: WithDefault<number>;
  last_nudge_at: Nullable<Timestamp>;
  next_nudge_on: Nullable<DateOnly>;
  redirected_to: Nullable<string>;
  version: WithDefault<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** For a group with no account: 'link' or 'phone' (0160). */
  group_contact: Nullable<'link' | 'phone'>;
}

export interface ReferralGroupLinkTable {
  id: string;
  attempt_id: string;
  token_hash: string;
  form_nonce: string;
  sent_to: string;
  created_by: Nullable<string>;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Nullable<Timestamp>;
  revoked_why: Nullable<'replaced' | 'stopped'>;
  last_used_at: Nullable<Timestamp>;
}

export interface GroupMessageOptOutTable {
  organization_id: string;
  opted_out_at: Timestamp;
  attempt_id: Nullable<string>;
}

export interface BuddySessionTable {
  id: string;
  attempt_id: string;
  number: number;
  buddy_account_id: string;
  on_date: DateOnly;
  at_time: string;
  meeting_point: string;
  contact_shared: WithDefault<boolean>;
  booked_by: string;
  booked_side: 'referrer' | 'recipient';
  booked_at: Timestamp;
  outcome: Nullable<'went_together' | 'person_did_not_come' | 'buddy_could_not_go'>;
  outcome_note: Nullable<string>;
  outcome_at: Nullable<Timestamp>;
}

export interface ReferralEventTable {
  id: string;
  seq: Generated<number>;
  attempt_id: string;
  referral_id: string;
  at: Timestamp;
  actor_account_id: Nullable<string>;
  side: string;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  from_state: Nullable<string>;
  to_state: Nullable<string>;
  note: Nullable<string>;
}

// ---------------------------------------------------------------------------
// Connection measures (migration 0009)
// ---------------------------------------------------------------------------

export interface MeasureAdministrationTable {
  id: string;
  person_id: string;
  measure_id: string;
  measure_version: string;
  occasion: 'baseline' | 'follow_up';
  occasion_date: DateOnly;
  language: string;
  translation_status: 'official' | 'unvalidated';
  mode: 'self' | 'assisted' | 'interpreter_read';
  explanation_shown: boolean;
  declined: WithDefault<boolean>;
  answers: Json<Record<string, string>>;
  scores: Json<{ id: string; value: number | null; band?: string; category?: string }[]>;
  recorded_by: Nullable<string>;
  recorded_at: Timestamp;
}

/** Anonymous record of a need matching could not meet (migration 0010): area and coded needs only. */
export interface UnmetNeedTable {
  id: string;
  organisation_id: Nullable<string>;
  outcode: Nullable<string>;
  needs: WithDefault<string[]>;
  rules: WithDefault<string[]>;
  recorded_at: Timestamp;
}

// ---------------------------------------------------------------------------
// The person's own view (migration 0012)
// ---------------------------------------------------------------------------

export interface PersonAccessTable {
  id: string;
  person_id: string;
  code_hash: string;
  pin_hash: string;
  issued_by: Nullable<string>;
  issued_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Nullable<Timestamp>;
  failed_attempts: WithDefault<number>;
  locked_at: Nullable<Timestamp>;
  last_used_at: Nullable<Timestamp>;
}

export interface PersonAccessSessionTable {
  token_hash: string;
  access_id: string;
  person_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Nullable<Timestamp>;
}

export interface ServiceFeedbackTable {
  id: string;
  service_id: string;
  service_name: string;
  person_id: Nullable<string>;
  attempt_id: Nullable<string>;
  anonymous: boolean;
  rating: Nullable<number>;
  comment: Nullable<string>;
  given_on: DateOnly;
}

export interface PersonCheckInMessageTable {
  attempt_id: string;
  first_visit_date: DateOnly;
  channel: string;
  sent_at: Timestamp;
}

// ---------------------------------------------------------------------------
// Moving area: hand-overs and imported packages (migration 0013)
// ---------------------------------------------------------------------------

export type HandoverStatus = 'offered' | 'accepted' | 'declined';

export interface HandoverTable {
  id: string;
  person_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  consent_id: string;
  scope: string[];
  new_area: Nullable<string>;
  note: Nullable<string>;
  status: WithDefault<HandoverStatus>;
  started_by: string;
  started_at: Timestamp;
  decided_by: Nullable<string>;
  decided_at: Nullable<Timestamp>;
  decline_note: Nullable<string>;
}

export interface HandoverImportTable {
  id: string;
  person_id: string;
  organisation_id: string;
  package_id: string;
  format_version: number;
  from_organisation_name: Nullable<string>;
  exported_at: Timestamp;
  scope: string[];
  referral_history: Json<unknown>;
  imported_by: string;
  imported_at: Timestamp;
}

// ---------------------------------------------------------------------------
// Befriending, volunteers and pathways (migration 0150)
// ---------------------------------------------------------------------------

export type VolunteerOffer = 'befriend_in_person' | 'befriend_phone' | 'travel_buddy' | 'interpreting' | 'peer_mentoring';
export type VolunteerCheckKind = 'dbs' | 'training' | 'references';
export type MatchMode = 'in_person' | 'phone';
export type MatchState = 'proposed' | 'active' | 'ending' | 'ended' | 'declined' | 'withdrawn';
export type MatchEndReason = 'goal_met' | 'group' | 'person_choice' | 'volunteer_choice';
export type PathwayStage = 'one_to_one' | 'groups' | 'giving_back';
export type PathwayStepKind = 'group' | 'volunteering' | 'peer_mentor';

export interface VolunteerProfileTable {
  account_id: string;
  gender: Nullable<PersonGender>;
  languages: WithDefault<string[]>;
  areas: WithDefault<string[]>;
  availability: WithDefault<string[]>;
  interests: WithDefault<string[]>;
  offers: WithDefault<VolunteerOffer[]>;
  lived_experience: WithDefault<boolean>;
  max_matches: WithDefault<number>;
  paused: WithDefault<boolean>;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
}

export interface VolunteerCheckTable {
  id: string;
  account_id: string;
  kind: VolunteerCheckKind;
  checked_on: DateOnly;
  expires_on: DateOnly;
  note: Nullable<string>;
  recorded_by: Nullable<string>;
  recorded_at: Timestamp;
  reminded_at: Nullable<Timestamp>;
}

export interface BefriendingMatchTable {
  id: string;
  person_id: string;
  organisation_id: string;
  volunteer_account_id: string;
  coordinator_account_id: string;
  mode: MatchMode;
  state: MatchState;
  reasons: WithDefault<string[]>;
  goal: Nullable<string>;
  person_agreed_at: Nullable<Timestamp>;
  share_consent_id: Nullable<string>;
  volunteer_agreed_at: Nullable<Timestamp>;
  declined_by: Nullable<'person' | 'volunteer' | 'coordinator'>;
  review_on: Nullable<DateOnly>;
  end_reason: Nullable<MatchEndReason>;
  ending_started_at: Nullable<Timestamp>;
  goodbye_on: Nullable<DateOnly>;
  goodbye_note: Nullable<string>;
  ended_at: Nullable<Timestamp>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BefriendingContactTable {
  id: string;
  match_id: string;
  planned_on: DateOnly;
  planned_time: Nullable<string>;
  status: 'planned' | 'done' | 'missed';
  note: Nullable<string>;
  logged_by: Nullable<string>;
  logged_at: Nullable<Timestamp>;
  created_at: Timestamp;
}

export interface BefriendingConcernTable {
  id: string;
  match_id: string;
  contact_id: Nullable<string>;
  raised_by: string;
  raised_at: Timestamp;
  note: string;
  seen_by: Nullable<string>;
  seen_at: Nullable<Timestamp>;
}

export interface BefriendingCheckInTable {
  id: string;
  match_id: string;
  answer: 'going_well' | 'ok' | 'not_well';
  words: Nullable<string>;
  at: Timestamp;
}

export interface PersonPathwayTable {
  person_id: string;
  stage: PathwayStage;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
}

export interface PathwayStepTable {
  id: string;
  person_id: string;
  kind: PathwayStepKind;
  service_id: Nullable<string>;
  label: string;
  status: 'offered' | 'taken_up' | 'not_now';
  created_by: Nullable<string>;
  created_at: Timestamp;
  decided_at: Nullable<Timestamp>;
}

/** An area's population by group, uploaded by an administrator (migration 0130). */
export interface ReportPopulationTable {
  area: string;
  dimension: 'ethnicity' | 'age_band' | 'gender' | 'language';
  value: string;
  population: number;
  source: string;
  uploaded_by: Nullable<string>;
  uploaded_at: Timestamp;
}

/** The organisation's named safeguarding lead (migration 0200). */
export interface OrganisationSafeguardingTable {
  organisation_id: string;
  lead_account_id: string;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
}

export type SafeguardingConcernSource = 'conversation' | 'record' | 'my';

/** "Someone is at risk": a crisis flag for the organisation's safeguarding lead (migration 0200). */
export interface SafeguardingConcernTable {
  id: string;
  person_id: string;
  organisation_id: string;
  source: SafeguardingConcernSource;
  raised_by: Nullable<string>;
  raised_at: Timestamp;
  note: Nullable<string>;
  lead_account_id: Nullable<string>;
  acknowledge_by: Timestamp;
  acknowledged_by: Nullable<string>;
  acknowledged_at: Nullable<Timestamp>;
  escalated_at: Nullable<Timestamp>;
}

/** "Know your rights" page text a deployment replaced or reviewed (migration 0190). */
export type RightsPageName = 'gp' | 'nhs' | 'privacy' | 'complain';
export interface RightsPageTextTable {
  page: RightsPageName;
  locale: string;
  title: Nullable<string>;
  body: Nullable<string>;
  review_by: DateOnly;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
}

/** Reports of unfair treatment at a service, for administrators (migration 0190). */
export type UnfairTreatmentKind = 'racism' | 'discrimination' | 'unsafe' | 'other';
export type UnfairTreatmentStatus = 'new' | 'looking' | 'closed';
export interface UnfairTreatmentReportTable {
  id: string;
  service_id: Nullable<string>;
  service_name: string;
  kinds: UnfairTreatmentKind[];
  what_happened: string;
  happened_when: Nullable<string>;
  anonymous: boolean;
  contact_name: Nullable<string>;
  contact: Nullable<string>;
  language: string;
  status: WithDefault<UnfairTreatmentStatus>;
  outcome: Nullable<string>;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
  created_at: Timestamp;
}

export interface UnfairTreatmentThrottleTable {
  key: string;
  window_started_at: Timestamp;
  reports: WithDefault<number>;
}

/** A read-only API token for /api/reports/* (migration 0170); only the secret's SHA-256 is kept. */
export interface ReportApiTokenTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  hint: string;
  created_at: Timestamp;
  last_used_at: Nullable<Timestamp>;
  revoked_at: Nullable<Timestamp>;
}

export interface DB {
  organization: OrganizationTable;
  organization_identifier: OrganizationIdentifierTable;
  service: ServiceTable;
  location: LocationTable;
  address: AddressTable;
  service_at_location: ServiceAtLocationTable;
  schedule: ScheduleTable;
  phone: PhoneTable;
  contact: ContactTable;
  language: LanguageTable;
  accessibility: AccessibilityTable;
  cost_option: CostOptionTable;
  funding: FundingTable;
  service_area: ServiceAreaTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  attribute: AttributeTable;
  unit: UnitTable;
  service_capacity: ServiceCapacityTable;
  metadata: MetadataTable;
  belong_service: BelongServiceTable;
  belong_location: BelongLocationTable;
  belong_match_service: BelongMatchServiceTable;
  belong_match_remote: BelongMatchRemoteTable;
  belong_match_place: BelongMatchPlaceTable;
  belong_match_pending: BelongMatchPendingTable;
  belong_service_record: BelongServiceRecordTable;
  belong_schedule_exception: BelongScheduleExceptionTable;
  belong_directory_version: BelongDirectoryVersionTable;
  belong_directory_summary: BelongDirectorySummaryTable;
  belong_schedule_rule: BelongScheduleRuleTable;
  belong_search_point: BelongSearchPointTable;
  belong_import_source: BelongImportSourceTable;
  belong_field_origin: BelongFieldOriginTable;
  belong_translation: BelongTranslationTable;
  staff_organisation: StaffOrganisationTable;
  staff_organisation_listing: StaffOrganisationListingTable;
  staff_account: StaffAccountTable;
  staff_session: StaffSessionTable;
  staff_invitation: StaffInvitationTable;
  staff_password_reset: StaffPasswordResetTable;
  staff_login_throttle: StaffLoginThrottleTable;
  belong_secret: BelongSecretTable;
  outbox: OutboxTable;
  audit_event: AuditEventTable;
  belong_migration: BelongMigrationTable;
  person: PersonTable;
  person_consent: PersonConsentTable;
  listing_change: ListingChangeTable;
  conversation: ConversationTable;
  listing_report: ListingReportTable;
  listing_report_throttle: ListingReportThrottleTable;
  staff_organisation_area: StaffOrganisationAreaTable;
  contact_request: ContactRequestTable;
  contact_request_throttle: ContactRequestThrottleTable;
  rights_page_text: RightsPageTextTable;
  unfair_treatment_report: UnfairTreatmentReportTable;
  unfair_treatment_throttle: UnfairTreatmentThrottleTable;
  review_reminder: ReviewReminderTable;
  referral: ReferralTable;
  referral_attempt: ReferralAttemptTable;
  referral_event: ReferralEventTable;
  buddy_session: BuddySessionTable;
  measure_administration: MeasureAdministrationTable;
  unmet_need: UnmetNeedTable;
  person_access: PersonAccessTable;
  person_access_session: PersonAccessSessionTable;
  service_feedback: ServiceFeedbackTable;
  person_check_in_message: PersonCheckInMessageTable;
  handover: HandoverTable;
  handover_import: HandoverImportTable;
  volunteer_profile: VolunteerProfileTable;
  volunteer_check: VolunteerCheckTable;
  befriending_match: BefriendingMatchTable;
  befriending_contact: BefriendingContactTable;
  befriending_concern: BefriendingConcernTable;
  befriending_check_in: BefriendingCheckInTable;
  person_pathway: PersonPathwayTable;
  pathway_step: PathwayStepTable;
  report_population: ReportPopulationTable;
  referral_group_link: ReferralGroupLinkTable;
  group_message_opt_out: GroupMessageOptOutTable;
  organisation_safeguarding: OrganisationSafeguardingTable;
  safeguarding_concern: SafeguardingConcernTable;
  report_api_token: ReportApiTokenTable;
}
