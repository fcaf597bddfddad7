/**
 * What changed between two versions of a listing, and which changes are
 * sensitive: safeguarding vetting (policy, checked leads, trauma-informed
 * training, review date) and whether a location is confidential (a refuge's
 * address must never be published by mistake, nor hidden by mistake). Pure.
 *
 * Provider staff's sensitive changes do not apply: they are taken out of the
 * saved graph (`withoutSensitive`) and kept as a change request, a list of
 * `FieldChange`s with the value before and the value asked for. Approving
 * applies them (`applyChanges`) only if every "before" still holds
 * (`staleChanges`).
 */
import { LIST_FIELDS } from '../directory/field-origin.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';

export const SENSITIVE_BELONG_FIELDS = [
  'safeguarding_policy',
  'safeguarding_checked_leads',
  'trauma_informed_training',
  'safeguarding_review_date',
] as const;
export type SensitiveBelongField = (typeof SENSITIVE_BELONG_FIELDS)[number];

/** One field: "belong.<field>" or "location.<location id>.confidential". */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const LOCATION_FIELD = /^location\.([0-9a-f-]{36})\.confidential$/;

/** The current value of a sensitive field (a location the graph does not have reads as not confidential). */
export function readSensitive(graph: ServiceGraph, field: string): unknown {
  if (field.startsWith('belong.')) {
    const name = field.slice('belong.'.length) as SensitiveBelongField;
    if (!SENSITIVE_BELONG_FIELDS.includes(name)) throw new Error(`not a sensitive field: ${field}`);
    return graph.belong[name];
  }
  const m = LOCATION_FIELD.exec(field);
  if (!m) throw new Error(`not a sensitive field: ${field}`);
  return graph.locations.find((l) => l.id === m[1])?.belong.confidential ?? false;
}

/** Sensitive fields whose value differs between `before` and `after`. A new location starts as not confidential. */
export function sensitiveChanges(before: ServiceGraph, after: ServiceGraph): FieldChange[] {
  const out: FieldChange[] = [];
  for (const name of SENSITIVE_BELONG_FIELDS) {
    if (before.belong[name] !== after.belong[name])
      out.push({ field: `belong.${name}`, before: before.belong[name], after: after.belong[name] });
  }
  for (const loc of after.locations) {
    const field = `location.${loc.id}.confidential`;
    const was = readSensitive(before, field);
    if (was !== loc.belong.confidential) out.push({ field, before: was, after: loc.belong.confidential });
  }
  return out;
}

/** `graph` with each change's field set to `pick(change)`. */
function setAll(graph: ServiceGraph, changes: readonly FieldChange[], pick: (c: FieldChange) => unknown): ServiceGraph {
  const belong = { ...graph.belong };
  const confidential = new Map<string, boolean>();
  for (const c of changes) {
    if (c.field.startsWith('belong.')) {
      const name = c.field.slice('belong.'.length) as SensitiveBelongField;
      if (!SENSITIVE_BELONG_FIELDS.includes(name)) throw new Error(`not a sensitive field: ${c.field}`);
      (belong as Record<string, unknown>)[name] = pick(c);
    } else {
      const m = LOCATION_FIELD.exec(c.field);
      if (!m) throw new Error(`not a sensitive field: ${c.field}`);
      confidential.set(m[1]!, pick(c) === true);
    }
  }
  return {
    ...graph,
    belong,
    locations: graph.locations.map((l) =>
      confidential.has(l.id) ? { ...l, belong: { ...l.belong, confidential: confidential.get(l.id)! } } : l,
    ),
  };
}

/** `after` with every sensitive change put back to its value in `before`. */
export function withoutSensitive(after: ServiceGraph, changes: readonly FieldChange[]): ServiceGraph {
  return setAll(after, changes, (c) => c.before);
}

/** `graph` with every change applied. */
export function applyChanges(graph: ServiceGraph, changes: readonly FieldChange[]): ServiceGraph {
  return setAll(graph, changes, (c) => c.after);
}

/** Changes whose "before" no longer matches the graph (someone changed the field since it was asked for). */
export function staleChanges(graph: ServiceGraph, changes: readonly FieldChange[]): FieldChange[] {
  return changes.filter((c) => {
    if (LOCATION_FIELD.test(c.field) && !graph.locations.some((l) => `location.${l.id}.confidential` === c.field)) return true;
    return !same(readSensitive(graph, c.field), c.before);
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const byId = <T extends { id: string }>(xs: readonly T[]): string => JSON.stringify([...xs].sort((a, b) => a.id.localeCompare(b.id)));

/**
 * The parts of a listing that differ, for the audit log: "service.<field>",
 * "belong.<field>", "organization.<field>", and the names of child lists
 * ("schedules", "locations", …) whose content changed. Order of items in a
 * list does not count.
 */
export function changedPaths(before: ServiceGraph, after: ServiceGraph): string[] {
  const out: string[] = [];
  for (const part of ['organization', 'service', 'belong'] as const) {
    const a = before[part] as Record<string, unknown>;
    const b = after[part] as Record<string, unknown>;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!same(a[k], b[k])) out.push(`${part}.${k}`);
  }
  for (const list of LIST_FIELDS) {
    if (byId(before[list] as { id: string }[]) !== byId(after[list] as { id: string }[])) out.push(list);
  }
  return out;
}
