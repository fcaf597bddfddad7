/**
 * The public directory's tables: what the find pages and the open ORUK API
 * publish. Routes may read them directly (every other table only through
 * policy-checked services: platform/auth/no-direct-access.test.ts), and each
 * moves the directory's change counter, so public pages kept whole are never
 * stale (migrations 0111 and 0260, platform/http/page-cache.ts). Add a table
 * here only when everything in it is published to people who are not signed
 * in, and give it the change trigger.
 */
export const PUBLIC_TABLES: readonly string[] = [
  // HSDS / Open Referral UK records.
  'organization',
  'organization_identifier',
  'service',
  'location',
  'address',
  'service_at_location',
  'schedule',
  'phone',
  'contact',
  'language',
  'accessibility',
  'cost_option',
  'funding',
  'service_area',
  'taxonomy',
  'taxonomy_term',
  'attribute',
  'unit',
  'service_capacity',
  // The HSDS change log, published with each record.
  'metadata',
  // Belong's own directory fields and translations, shown on the public pages.
  'belong_service',
  'belong_location',
  'belong_schedule_exception',
  'belong_translation',
  // Derived from the tables above by triggers (migration 0280), for searches around a place.
  'belong_search_point',
];
