/**
 * The directory's public face: what other modules (the public pages, the
 * ORUK API, matching, listings, import, the demo) may call. The repositories
 * behind it are the directory's own; record types are in service-record.ts.
 *
 * Reads return rows as stored, and saving is the one write path for a whole
 * service (saveServiceGraphs): policy checks and audit are the caller's, as
 * listings.service does for provider edits.
 */
export {
  countServices,
  loadBelongTerms,
  loadOrganizationRecord,
  loadServiceAtLocationSummaries,
  loadServiceRecords,
  loadServiceSummaries,
  serviceIdForServiceAtLocation,
} from './service-read.repository.ts';
export { runSearch, searchServiceAtLocations, searchServices, type SearchResult } from './service-search.repository.ts';
export {
  recordFieldOrigins,
  retireServices,
  saveServiceGraph,
  saveServiceGraphs,
  type SaveOptions,
  type SaveResult,
} from './service-graph.repository.ts';
export { loadFieldOrigins, type FieldOriginRow } from './field-origin.repository.ts';
export type { FieldConflict, FieldOrigin } from './field-origin.ts';
export { loadTranslations, saveTranslations } from './translation.repository.ts';
import { cachedWhileDirectoryUnchanged } from './directory-cache.ts';
import { compileMissingScheduleRules } from './schedule-rule.repository.ts';

export { cachedWhileDirectoryUnchanged, directoryVersion, keptWhileDirectoryUnchanged } from './directory-cache.ts';
export { compileMissingScheduleRules, saveRulesOf } from './schedule-rule.repository.ts';

/**
 * Before a search asks about times: compiles the schedules that have no rule
 * row yet (written by another path, or changed since). Runs again only after
 * the directory changed, so a search pays one version read.
 */
export const prepareScheduleRules = cachedWhileDirectoryUnchanged((db) => compileMissingScheduleRules(db));
