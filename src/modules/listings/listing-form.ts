/**
 * The form engine behind the listing edit pages: a section is a list of
 * fields (each bound to a place in the service graph) and of repeatable rows
 * (schedules, languages, …). Pure: `formValues` shows a graph as form
 * values; `parseSection` turns a submitted form into a new graph, or into
 * problems per field, never half of each.
 *
 * Form names: a field is its `name`; a row field is `<rows>.<i>.<name>`,
 * with `<rows>.<i>.id` (kept only if the item is already in this listing, so
 * a form cannot reach another service's records), `<rows>.<i>.remove` and
 * `<rows>.count`. A row left completely empty is not added.
 */
import type { ZodIssue } from 'zod';
import { newId } from '../../platform/ids.ts';
import { serviceGraphSchema, type ServiceGraph } from '../directory/service-graph.ts';

export type FormBody = Record<string, string | string[] | undefined>;

/** `tri`: yes, no, or not stated (null): for facts a listing may not know. */
export type Kind = 'text' | 'textarea' | 'date' | 'time' | 'int' | 'number' | 'bool' | 'yesno' | 'tri' | 'choice' | 'choices' | 'list';
export type Value = string | number | boolean | string[] | null;

export const PROBLEMS = [
  'required',
  'date',
  'time',
  'number',
  'wholeNumber',
  'choice',
  'closesBeforeOpens',
  'endsBeforeStarts',
  'ageOrder',
  'language',
  'days',
  'monthDays',
  'chooseOne',
  'invalid',
  'tooLong',
] as const;
export type ProblemCode = (typeof PROBLEMS)[number];
export interface FormProblem {
  field: string;
  code: ProblemCode;
}

export interface FieldSpec<T> {
  name: string;
  kind: Kind;
  /** For choice/choices: allowed values (or, for ids of this listing's own records, worked out from the graph). */
  options?: readonly string[] | ((g: ServiceGraph) => readonly string[]);
  /** A choice that may be left unanswered (stored as null). */
  optional?: boolean;
  required?: boolean;
  /** What an empty text is stored as (default null). */
  blank?: '' | null;
  /** The zod path (relative to the graph or the row item) whose issues belong to this field. */
  path?: readonly (string | number)[];
  get: (x: T) => Value;
  set: (x: T, v: Value) => T;
}

export interface RowsSpec<I extends { id: string }> {
  key: string;
  /** The graph list the rows edit (also the zod path's first part). */
  list: keyof ServiceGraph;
  fields: FieldSpec<I>[];
  /** A new, empty item with this id. */
  blank: (id: string) => I;
  /** Read from / write to the graph (default: graph[list]). */
  get?: (g: ServiceGraph) => I[];
  set?: (g: ServiceGraph, items: I[]) => ServiceGraph;
  /** Extra empty rows offered for adding (default 1). */
  spare?: number;
}

export interface SectionSpec {
  id: string;
  fields: FieldSpec<ServiceGraph>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of different item types share one list (an existential type)
  rows: RowsSpec<any>[];
}

const MAX_TEXT = 4000;

function one(body: FormBody, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}
function many(body: FormBody, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim()).filter(Boolean);
}

const validDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** One field's submitted text as a typed value, or a problem. */
export function readField(
  spec: Pick<FieldSpec<unknown>, 'kind' | 'optional' | 'required' | 'blank'> & { options?: readonly string[] },
  body: FormBody,
  name: string,
): { value: Value } | { problem: ProblemCode } {
  const raw = one(body, name);
  switch (spec.kind) {
    case 'bool':
      return { value: raw === 'yes' };
    case 'yesno':
      if (raw === 'yes' || raw === 'no') return { value: raw === 'yes' };
      return { problem: 'choice' };
    case 'tri':
      if (raw === 'yes' || raw === 'no') return { value: raw === 'yes' };
      if (raw === '') return { value: null };
      return { problem: 'choice' };
    case 'choices': {
      const vs = many(body, name);
      if (vs.some((v) => !spec.options!.includes(v))) return { problem: 'choice' };
      return { value: spec.options!.filter((o) => vs.includes(o)) };
    }
    case 'choice':
      if (raw === '' && spec.optional) return { value: null };
      if (!spec.options!.includes(raw)) return { problem: 'choice' };
      return { value: raw };
    default:
  }
  if (raw === '') return spec.required ? { problem: 'required' } : { value: spec.kind === 'list' ? [] : (spec.blank ?? null) };
  if (raw.length > MAX_TEXT) return { problem: 'tooLong' };
  switch (spec.kind) {
    case 'date':
      return validDate(raw) ? { value: raw } : { problem: 'date' };
    case 'time': {
      const m = /^(\d{1,2})[:.](\d{2})$/.exec(raw);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { problem: 'time' };
      return { value: `${m[1]!.padStart(2, '0')}:${m[2]}:00` };
    }
    case 'int':
      return /^\d+$/.test(raw) ? { value: Number(raw) } : { problem: 'wholeNumber' };
    case 'number': {
      const n = Number(raw.replace(/^£/, ''));
      return raw !== '' && Number.isFinite(n) ? { value: n } : { problem: 'number' };
    }
    case 'list':
      return {
        value: [
          ...new Set(
            raw
              .split(/[,\n]/)
              .map((x) => x.trim())
              .filter(Boolean),
          ),
        ],
      };
    default:
      return { value: raw };
  }
}

/** The text a field shows for a value. */
export function showValue(kind: Kind, v: Value): string | string[] | boolean {
  if (kind === 'bool') return v === true;
  if (kind === 'yesno' || kind === 'tri') return v === true ? 'yes' : v === false ? 'no' : '';
  if (kind === 'choices') return Array.isArray(v) ? v : [];
  if (kind === 'list') return Array.isArray(v) ? v.join(', ') : '';
  if (kind === 'time') return typeof v === 'string' ? v.slice(0, 5) : '';
  return v == null ? '' : String(v);
}

/** What the form shows: field name → value, with the row counts. */
export type FormValues = Record<string, string | string[] | boolean>;

export function formValues(section: SectionSpec, graph: ServiceGraph): FormValues {
  const out: FormValues = {};
  for (const f of section.fields) out[f.name] = showValue(f.kind, f.get(graph));
  for (const r of section.rows) {
    const items = (r.get ?? ((g) => g[r.list] as never))(graph);
    const total = items.length + (r.spare ?? 1);
    out[`${r.key}.count`] = String(total);
    items.forEach((item: { id: string }, i: number) => {
      out[`${r.key}.${i}.id`] = item.id;
      for (const f of r.fields) out[`${r.key}.${i}.${f.name}`] = showValue(f.kind, f.get(item));
    });
  }
  return out;
}

/** The submitted form as form values (to show it again with its problems). */
export function submittedValues(section: SectionSpec, body: FormBody): FormValues {
  const out: FormValues = {};
  const put = (name: string, kind: Kind) => {
    out[name] = kind === 'choices' ? many(body, name) : kind === 'bool' ? one(body, name) === 'yes' : one(body, name);
  };
  for (const f of section.fields) put(f.name, f.kind);
  for (const r of section.rows) {
    const count = rowCount(body, r.key);
    out[`${r.key}.count`] = String(count);
    for (let i = 0; i < count; i++) {
      out[`${r.key}.${i}.id`] = one(body, `${r.key}.${i}.id`);
      for (const f of r.fields) put(`${r.key}.${i}.${f.name}`, f.kind);
    }
  }
  return out;
}

const rowCount = (body: FormBody, key: string) => Math.min(200, Math.max(0, Number.parseInt(one(body, `${key}.count`), 10) || 0));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any row item type
const isEmptyRow = (body: FormBody, key: string, i: number, fields: FieldSpec<any>[]) =>
  fields.every((f) =>
    f.kind === 'choices'
      ? many(body, `${key}.${i}.${f.name}`).length === 0
      : f.kind === 'bool' || f.kind === 'yesno' || f.kind === 'tri'
        ? true
        : one(body, `${key}.${i}.${f.name}`) === '',
  );

export type SectionResult = { ok: true; graph: ServiceGraph } | { ok: false; problems: FormProblem[] };

/**
 * The graph after this section's form: every field read and checked, rows
 * added, changed and removed, then the whole graph validated again (times in
 * order, ages in order, …). Problems name the form field they belong to.
 */
export function parseSection(section: SectionSpec, graph: ServiceGraph, body: FormBody): SectionResult {
  const problems: FormProblem[] = [];
  let next: ServiceGraph = graph;
  for (const f of section.fields) {
    const r = readField({ ...f, options: optionsFor(f, graph) }, body, f.name);
    if ('problem' in r) problems.push({ field: f.name, code: r.problem });
    else next = f.set(next, r.value);
  }
  /** zod path of an item → form row index, per rows key. */
  const rowIndex = new Map<string, number[]>();
  for (const spec of section.rows) {
    const current = (spec.get ?? ((g: ServiceGraph) => g[spec.list] as never))(graph) as { id: string }[];
    const known = new Set(current.map((x) => x.id));
    const items: { id: string }[] = [];
    const indexes: number[] = [];
    for (let i = 0; i < rowCount(body, spec.key); i++) {
      const prefix = `${spec.key}.${i}`;
      if (one(body, `${prefix}.remove`) === 'yes') continue;
      const id = one(body, `${prefix}.id`);
      const existing = known.has(id) ? current.find((x) => x.id === id)! : null;
      if (!existing && isEmptyRow(body, spec.key, i, spec.fields)) continue;
      let item = existing ?? spec.blank(newId());
      for (const f of spec.fields) {
        const r = readField({ ...f, options: optionsFor(f, graph) }, body, `${prefix}.${f.name}`);
        if ('problem' in r) problems.push({ field: `${prefix}.${f.name}`, code: r.problem });
        else item = f.set(item, r.value);
      }
      items.push(item);
      indexes.push(i);
    }
    rowIndex.set(spec.key, indexes);
    next = spec.set ? spec.set(next, items as never) : ({ ...next, [spec.list]: items } as ServiceGraph);
  }
  if (problems.length) return { ok: false, problems };
  const checked = serviceGraphSchema.safeParse(next);
  if (checked.success) return { ok: true, graph: checked.data };
  return { ok: false, problems: dedupe(checked.error.issues.map((i) => problemFor(section, i, rowIndex))) };
}

/** A field's allowed values for this graph. */
export function optionsFor(f: Pick<FieldSpec<unknown>, 'options'>, g: ServiceGraph): readonly string[] {
  return typeof f.options === 'function' ? f.options(g) : (f.options ?? []);
}

function dedupe(ps: FormProblem[]): FormProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function codeFor(issue: ZodIssue): ProblemCode {
  const m = issue.message;
  if (m.includes('closes_at must be after')) return 'closesBeforeOpens';
  if (m.includes('ends_on must not be before')) return 'endsBeforeStarts';
  if (m.includes('minimum_age must not be above')) return 'ageOrder';
  if (m.includes('language code')) return 'language';
  if (m.includes('days like')) return 'days';
  if (m.includes('days of the month')) return 'monthDays';
  if (issue.code === 'too_small' && issue.origin === 'array') return 'chooseOne';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'required';
  if (m.includes('must be a date')) return 'date';
  if (m.includes('must be a time')) return 'time';
  return 'invalid';
}

/** Which form field a validation issue belongs to (the section's first field when none matches). */
function problemFor(section: SectionSpec, issue: ZodIssue, rowIndex: Map<string, number[]>): FormProblem {
  const code = codeFor(issue);
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  for (const f of section.fields) if (samePath(f.path ?? [], path)) return { field: f.name, code };
  for (const spec of section.rows) {
    if (path[0] !== spec.list || typeof path[1] !== 'number') continue;
    const i = rowIndex.get(spec.key)?.[path[1]];
    if (i === undefined) continue;
    const rest = path.slice(2);
    const f = spec.fields.find((x) => samePath(x.path ?? [x.name], rest)) ?? spec.fields[0]!;
    return { field: `${spec.key}.${i}.${f.name}`, code };
  }
  const first = section.fields[0]?.name ?? `${section.rows[0]!.key}.0.${section.rows[0]!.fields[0]!.name}`;
  return { field: first, code };
}

/** A field bound to a plain property of one part of the graph. */
export function prop<T, K extends string>(
  part: (x: T) => Record<string, unknown>,
  put: (x: T, patch: Record<string, unknown>) => T,
  key: K,
) {
  return {
    get: (x: T) => part(x)[key] as Value,
    set: (x: T, v: Value) => put(x, { [key]: v }),
  };
}
