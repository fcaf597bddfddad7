/**
 * Where each field of a listing came from, and what a re-import may change.
 *
 * A field is "service.<name>", "belong.<name>", "organization.<name>" or one
 * of the lists a service owns ("schedules", "locations", …): the same names
 * the listings audit log uses. A field someone changed in Belong (a provider's
 * edit, an administrator's edit or approval) is theirs: a re-import leaves it
 * alone and reports a conflict when the feed's own value for it changes.
 * Fields nobody changed in Belong belong to the source that created them.
 *
 * Values are compared by hash, ignoring record ids and the order of list
 * items, so "the feed now says what the provider typed" is recognised.
 *
 * Pure: no database here (the origins are stored by service-graph.repository.ts).
 */
import { createHash } from 'node:crypto';
import type { FieldOrigin } from '../../platform/db/schema.ts';
import type { ServiceGraph } from './service-graph.ts';

export type { FieldOrigin };

/** The lists a service owns, each one field. */
export const LIST_FIELDS = [
  'locations',
  'schedules',
  'schedule_exceptions',
  'languages',
  'phones',
  'contacts',
  'cost_options',
  'service_areas',
  'funding',
  'capacities',
  'attributes',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/**
 * Belong's own curation fields: who verified the listing and when it is next
 * due. No feed carries them, so an import never changes them.
 */
export const LOCAL_FIELDS = ['belong.verified_by', 'belong.review_due'] as const;

/** Every field of a graph, with the id of the record it belongs to (the organisation for organization.*). */
export function fieldsOf(g: ServiceGraph): { entityId: string; field: string }[] {
  const out: { entityId: string; field: string }[] = [];
  for (const k of Object.keys(g.organization)) if (k !== 'id') out.push({ entityId: g.organization.id, field: `organization.${k}` });
  for (const k of Object.keys(g.service)) if (k !== 'id') out.push({ entityId: g.service.id, field: `service.${k}` });
  for (const k of Object.keys(g.belong)) out.push({ entityId: g.service.id, field: `belong.${k}` });
  for (const l of LIST_FIELDS) out.push({ entityId: g.service.id, field: l });
  return out;
}

/** A field's value in a graph (undefined for a field the graph does not have). */
export function fieldValue(g: ServiceGraph, field: string): unknown {
  const dot = field.indexOf('.');
  if (dot < 0) return (g as unknown as Record<string, unknown>)[field];
  const part = field.slice(0, dot) as 'service' | 'belong' | 'organization';
  return (g[part] as Record<string, unknown> | undefined)?.[field.slice(dot + 1)];
}

/** The same value in a form that ignores ids, key order and the order of list items. */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    const items = v.map(canonical).map((x) => JSON.stringify(x));
    return items.sort().map((x) => JSON.parse(x) as unknown);
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      if (k === 'id') continue;
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== null) out[k] = c;
    }
    return out;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v;
}

/** A short hash of a field's value (see `canonical`). */
export function valueHash(v: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(v)))
    .digest('base64url')
    .slice(0, 22);
}

/** Fields whose value differs between two versions of a listing. */
export function changedFields(before: ServiceGraph, after: ServiceGraph): string[] {
  return fieldsOf(after)
    .map((f) => f.field)
    .filter((f) => valueHash(fieldValue(before, f)) !== valueHash(fieldValue(after, f)));
}

/** A stored origin row, as the save needs it. */
export interface StoredOrigin {
  origin: FieldOrigin;
  source: string | null;
  valueHash: string | null;
  feedHash: string | null;
  changedAt: Date;
}

/** A field a re-import did not change because someone in Belong set it, and the feed now says something else. */
export interface FieldConflict {
  field: string;
  /** Who owns the value Belong kept. */
  origin: Exclude<FieldOrigin, 'feed'>;
  /** When they set it. */
  since: Date;
}

/**
 * What a re-import does with one field someone in Belong owns: the feed's
 * value never replaces theirs; it is a conflict when the feed's value changed
 * since the last import (or is not known from before) and is not the value
 * they set.
 */
export function heldFieldOutcome(owner: StoredOrigin, incomingHash: string): { conflict: boolean } {
  if (owner.feedHash === incomingHash) return { conflict: false };
  return { conflict: incomingHash !== owner.valueHash };
}
