/**
 * What every import source (ORUK 3 JSON, ORUK 1.0 feeds, spreadsheets) hands
 * to the import runner: one service, already mapped to Belong's
 * `ServiceGraphInput` with stable ids, plus what the mapper could not
 * understand and the taxonomy terms the service refers to.
 *
 * Ids are stable so a second import of the same data updates rows instead of
 * adding new ones: a source's own UUIDs are kept; anything else is turned into
 * a name-based UUID from the source name, the kind of record and its id in the
 * source. Child rows (schedules, addresses, phones…) get ids from their
 * parent's id and their position or content.
 */
import { isUuid, uuidV5 } from '../../platform/ids.ts';
import type { ServiceGraphInput } from '../directory/service-graph.ts';

/** A taxonomy term as a source gives it (for mappings and the dry run's list of unmapped terms). */
export interface SourceTerm {
  /** The taxonomy's name (ORUK 1.0: the vocabulary; a spreadsheet: the column). */
  taxonomy: string | null;
  taxonomyId?: string | null;
  code: string | null;
  name: string | null;
}

export interface TaxonomyRow {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermRow {
  id: string;
  code: string | null;
  name: string;
  description: string;
  parent_id: string | null;
  taxonomy: string | null;
  taxonomy_id: string | null;
  language: string | null;
  term_uri: string | null;
}

/** An entity's id in the source and in Belong, kept in `belong_import_source`. */
export interface SourceLink {
  entity: 'organization' | 'location' | 'taxonomy_term';
  externalId: string;
  entityId: string;
}

export interface MappedRecord {
  /** How reports name the record: "line 12", "service 42". */
  ref: string;
  /** The service's id in the source (or the id derived for a spreadsheet row). */
  externalId: string;
  /** The mapped service, or null when nothing usable could be read. */
  input: ServiceGraphInput | null;
  /** Things that make the record unusable; any problem rejects it. */
  problems: string[];
  /** Things that were left out or guessed; the record is still imported. */
  warnings: string[];
  /** How records are told apart, for the message about a repeated record ("same organisation, service name and postcode"). */
  identity?: string;
  /** Graph paths → the source's own field names, so validation messages name the spreadsheet column. */
  fieldLabels?: Record<string, string>;
  taxonomies?: TaxonomyRow[];
  terms?: TaxonomyTermRow[];
  links?: SourceLink[];
  /** The source's own terms that no mapping (and no built-in reading) turned into a Belong value, for the dry run's list. */
  unmappedTerms?: SourceTerm[];
}

/** The id Belong uses for a record of `entity` whose id in `source` is `externalId`. */
export function importedId(source: string, entity: string, externalId: string | number): string {
  const ext = String(externalId).trim();
  return isUuid(ext) ? ext.toLowerCase() : uuidV5(`${source}:${entity}:${ext}`);
}

/** The id of a child row: the source's UUID when it has one, else derived from the parent and `key`. */
export function childId(parentId: string, kind: string, key: string | number, sourceId?: unknown): string {
  if (typeof sourceId === 'string' && isUuid(sourceId.trim())) return sourceId.trim().toLowerCase();
  return uuidV5(`${parentId}:${kind}:${key}`);
}

/** Lower case, accents removed, runs of anything else turned into one space: for matching names. */
export function foldKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Small readers for loosely typed JSON, shared by the feed mappers.

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
/** A trimmed non-empty string (numbers become strings), else null. */
export const str = (v: unknown): string | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t ? t : null;
};
/** A finite number, also from numeric strings, else null. */
export const num = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
/** An id as a string (feeds use numbers and strings), else null. */
export const idOf = (v: unknown): string | null => str(v);
/** "2024-03-01T00:00:00Z" or "2024-03-01" → "2024-03-01"; other text is passed on for validation to report. */
export const dateOnly = (v: unknown): string | null => {
  const s = str(v);
  if (!s) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(s);
  return m ? m[1]! : s;
};
/** "9:00", "09:00:00", "09:00:00Z", "09:00+01:00" → "09:00" / "09:00:00"; else passed on. */
export const timeOnly = (v: unknown): string | null => {
  const s = str(v);
  if (!s) return null;
  const m = /^(\d{1,2}):(\d{2})(:\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return s;
  return `${m[1]!.padStart(2, '0')}:${m[2]}${m[3] ?? ''}`;
};
