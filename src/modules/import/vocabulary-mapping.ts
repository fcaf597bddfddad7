/**
 * Mapping a source's own vocabulary onto Belong's fields.
 *
 * Feeds and spreadsheets describe who a service is for and its practicalities
 * in their own words: taxonomy terms ("Older people", "LGBT+", "Refugees
 * only", "Hearing loop", "No ID needed"), eligibility lines, free text ("just
 * turn up"). A mapping file says which of those mean which Belong value:
 *
 *   terms:    by taxonomy + code, by name, or by a pattern on the name
 *   patterns: a regular expression on one of the source's text fields
 *
 * each with `set`, the Belong values it states. Belong's own terms (from
 * another Belong's feed) are always read, without a mapping.
 *
 * What each source says is gathered in a `BelongStatements`: Belong's own
 * terms count most, then the mapping, then the importer's built-in readings
 * (costs from cost options, "drop in" in the application process…). Two
 * different values at the same level cancel out: the field stays "not
 * stated" and the record gets a warning, because guessing between "women
 * only" and "everyone welcome" could mislead someone.
 */
import { z } from 'zod';
import {
  ACCESS_FEATURES,
  AUDIENCES,
  CAPACITY_STATUSES,
  COST_BANDS,
  ELIGIBILITIES,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  MODES,
  REQUIREMENTS,
  SUPPORT_KINDS,
  type ServiceGraphInput,
} from '../directory/service-graph.ts';
import { foldKey, type SourceTerm } from './import-record.ts';

export type { SourceTerm };

type BelongInput = NonNullable<ServiceGraphInput['belong']>;

const factsOf = <T extends readonly [string, ...string[]]>(keys: T) => z.partialRecord(z.enum(keys), z.boolean());

/** What a rule may state: any Belong field, and the service's ages. Lists are added to, never replaced. */
export const belongSetSchema = z
  .object({
    gender: z.enum(GENDERS),
    audiences: z.array(z.enum(AUDIENCES)),
    eligibility: z.enum(ELIGIBILITIES),
    communities: z.array(z.string().trim().min(1)),
    faith: z.enum(FAITHS),
    entry: z.enum(ENTRIES),
    how_to_join: z.string().trim().min(1),
    what_to_expect: z.string().trim().min(1),
    cost_band: z.enum(COST_BANDS),
    childcare: z.boolean(),
    transport_offered: z.boolean(),
    accompany_first_visit: z.boolean(),
    interpreter_available: z.boolean(),
    modes: z.array(z.enum(MODES)),
    food: z.array(z.enum(FOODS)),
    support_kinds: z.array(z.enum(SUPPORT_KINDS)),
    accessibility: factsOf(ACCESS_FEATURES),
    requirements: factsOf(REQUIREMENTS),
    capacity_status: z.enum(CAPACITY_STATUSES),
    accepting_referrals: z.boolean(),
    safeguarding_policy: z.boolean(),
    safeguarding_checked_leads: z.boolean(),
    trauma_informed_training: z.boolean(),
    safeguarding_review_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    minimum_age: z.number().int().min(0).max(130),
    maximum_age: z.number().int().min(0).max(130),
  })
  .partial()
  .strict();
export type BelongSet = z.infer<typeof belongSetSchema>;

const regex = z.string().refine(
  (p) => {
    try {
      new RegExp(p, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a regular expression' },
);

export const termRuleSchema = z
  .object({
    /** The taxonomy's name or id (an ORUK 1.0 `vocabulary`; a spreadsheet column for term columns). Any taxonomy when left out. */
    taxonomy: z.string().trim().min(1).optional(),
    /** The term's code, exactly (ignoring case). */
    code: z.string().trim().min(1).optional(),
    /** The term's name, ignoring case, accents and punctuation. */
    name: z.string().trim().min(1).optional(),
    /** A regular expression the term's name matches (ignoring case). */
    match: regex.optional(),
    set: belongSetSchema,
  })
  .strict()
  .refine((r) => r.code !== undefined || r.name !== undefined || r.match !== undefined, {
    message: 'give the term\'s "code", "name" or a "match" pattern',
  });

export const patternRuleSchema = z
  .object({
    /** The source's text field (e.g. eligibility_description, or a spreadsheet column); every text field when left out. */
    field: z.string().trim().min(1).optional(),
    pattern: regex,
    set: belongSetSchema,
  })
  .strict();

export const vocabularyMappingSchema = z.object({
  terms: z.array(termRuleSchema).default([]),
  patterns: z.array(patternRuleSchema).default([]),
});
export type VocabularyMapping = z.infer<typeof vocabularyMappingSchema>;
export const EMPTY_MAPPING: VocabularyMapping = { terms: [], patterns: [] };

/** Plain-sentence problems with a mapping ("terms.2.set.gender: …"). */
export function mappingErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const where = i.path.join('.') || '(mapping)';
    if (i.code === 'unrecognized_keys')
      return `${where}: ${i.keys.map((k) => `"${k}"`).join(', ')} is not a field a mapping can set or match on`;
    return `${where}: ${i.message}`;
  });
}

/** Reads a mapping file for a feed (`terms`, `patterns`, and optionally `source`). */
export function parseVocabularyMapping(
  json: unknown,
): { ok: true; mapping: VocabularyMapping; source: string | null } | { ok: false; errors: string[] } {
  const schema = vocabularyMappingSchema.extend({ source: z.string().trim().min(1).optional() }).strict();
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, errors: mappingErrors(r.error) };
  return { ok: true, mapping: { terms: r.data.terms, patterns: r.data.patterns }, source: r.data.source ?? null };
}

const same = (a: string | null | undefined, b: string) => !!a && foldKey(a) === foldKey(b);
const patterns = new Map<string, RegExp>();
const re = (p: string) => {
  let r = patterns.get(p);
  if (!r) {
    r = new RegExp(p, 'iu');
    patterns.set(p, r);
  }
  return r;
};

/** The rules a term matches. */
export function termRulesFor(mapping: VocabularyMapping, t: SourceTerm): BelongSet[] {
  return mapping.terms
    .filter((r) => {
      if (r.taxonomy !== undefined && !same(t.taxonomy, r.taxonomy) && (t.taxonomyId ?? '').toLowerCase() !== r.taxonomy.toLowerCase())
        return false;
      if (r.code !== undefined && (t.code ?? '').trim().toLowerCase() !== r.code.toLowerCase()) return false;
      if (r.name !== undefined && !same(t.name, r.name)) return false;
      if (r.match !== undefined && !(t.name && re(r.match).test(t.name))) return false;
      return true;
    })
    .map((r) => r.set);
}

/** The pattern rules the source's text fields match (field names compared ignoring case and spaces). */
export function patternRulesFor(mapping: VocabularyMapping, texts: Record<string, string | null | undefined>): BelongSet[] {
  const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const byKey = new Map(Object.entries(texts).map(([k, v]) => [key(k), v]));
  return mapping.patterns
    .filter((r) => {
      const values = r.field === undefined ? [...byKey.values()] : [byKey.get(key(r.field))];
      return values.some((v) => v && re(r.pattern).test(v));
    })
    .map((r) => r.set);
}

/** How much a statement counts: Belong's own terms, then the mapping, then the importer's built-in readings. */
export type Level = 'belong' | 'mapping' | 'builtin';
const LEVELS: Level[] = ['belong', 'mapping', 'builtin'];

const SCALARS = [
  'gender',
  'eligibility',
  'faith',
  'entry',
  'how_to_join',
  'what_to_expect',
  'cost_band',
  'childcare',
  'transport_offered',
  'accompany_first_visit',
  'interpreter_available',
  'capacity_status',
  'accepting_referrals',
  'safeguarding_policy',
  'safeguarding_checked_leads',
  'trauma_informed_training',
  'safeguarding_review_date',
  'minimum_age',
  'maximum_age',
] as const;
const LISTS = ['audiences', 'communities', 'modes', 'food', 'support_kinds'] as const;
const FACTS = ['accessibility', 'requirements'] as const;

/** Everything the sources of one record state, to be turned into Belong's fields. */
export class BelongStatements {
  private readonly scalars = new Map<string, Map<Level, unknown[]>>();
  private readonly lists = new Map<string, Map<Level, unknown[]>>();

  add(level: Level, set: BelongSet): void {
    for (const [k, v] of Object.entries(set)) {
      if (v === undefined) continue;
      if ((LISTS as readonly string[]).includes(k)) {
        const byLevel = this.lists.get(k) ?? new Map<Level, unknown[]>();
        const list = byLevel.get(level) ?? [];
        for (const x of v as unknown[]) if (!list.includes(x)) list.push(x);
        byLevel.set(level, list);
        this.lists.set(k, byLevel);
      } else if ((FACTS as readonly string[]).includes(k)) {
        for (const [fact, yes] of Object.entries(v as Record<string, boolean>)) this.put(`${k}.${fact}`, level, yes);
      } else this.put(k, level, v);
    }
  }

  private put(key: string, level: Level, value: unknown): void {
    const byLevel = this.scalars.get(key) ?? new Map<Level, unknown[]>();
    const values = byLevel.get(level) ?? [];
    if (!values.includes(value)) values.push(value);
    byLevel.set(level, values);
    this.scalars.set(key, byLevel);
  }

  /**
   * A list: what Belong's own terms say when they say anything (another
   * Belong's list is complete), else everything the mapping and the built-in
   * readings found.
   */
  private list(key: string): unknown[] {
    const byLevel = this.lists.get(key);
    if (!byLevel) return [];
    const own = byLevel.get('belong');
    if (own?.length) return own;
    const out: unknown[] = [];
    for (const level of LEVELS) for (const x of byLevel.get(level) ?? []) if (!out.includes(x)) out.push(x);
    return out;
  }

  /** The value of one field: the highest level that says anything; null when not stated or contradictory. */
  private pick(key: string, warnings: string[], label: string): unknown {
    const byLevel = this.scalars.get(key);
    if (!byLevel) return null;
    for (const level of LEVELS) {
      const values = byLevel.get(level);
      if (!values?.length) continue;
      if (values.length > 1) {
        warnings.push(`the source says both ${values.map((v) => `"${String(v)}"`).join(' and ')} for ${label}; left as not stated`);
        return null;
      }
      return values[0];
    }
    return null;
  }

  /** Belong's extension fields, plus ages a rule gave. */
  result(warnings: string[]): { belong: BelongInput; ages: { minimum_age: number | null; maximum_age: number | null } } {
    const b: Record<string, unknown> = {};
    for (const k of SCALARS) {
      if (k === 'minimum_age' || k === 'maximum_age') continue;
      b[k] = this.pick(k, warnings, k.replace(/_/g, ' '));
    }
    for (const k of LISTS) b[k] = this.list(k);
    for (const k of FACTS) {
      const facts: Record<string, boolean> = {};
      for (const key of this.scalars.keys()) {
        if (!key.startsWith(`${k}.`)) continue;
        const fact = key.slice(k.length + 1);
        const v = this.pick(key, warnings, fact.replace(/_/g, ' '));
        if (typeof v === 'boolean') facts[fact] = v;
      }
      b[k] = facts;
    }
    // "Open to all, older people welcome" is "especially welcome"; "only" with nobody named says nothing.
    const audiences = b.audiences as string[];
    if (b.eligibility === 'open_to_all' && audiences.length) b.eligibility = 'especially_welcome';
    if ((b.eligibility === 'only' || b.eligibility === 'especially_welcome') && !audiences.length) {
      warnings.push(
        `the source says the service is "${String(b.eligibility).replace(/_/g, ' ')}" without saying for whom; left as not stated`,
      );
      b.eligibility = null;
    }
    const age = (k: 'minimum_age' | 'maximum_age') => this.pick(k, warnings, k.replace('_', ' ')) as number | null;
    return { belong: b as BelongInput, ages: { minimum_age: age('minimum_age'), maximum_age: age('maximum_age') } };
  }
}

/** A term nobody mapped, as the dry run lists it. */
export const termLabel = (t: SourceTerm): string =>
  [t.taxonomy ? `${t.taxonomy}:` : '', t.code ? ` [${t.code}]` : '', t.name ? ` "${t.name}"` : ''].join('').trim();

// ---------------------------------------------------------------------------
// Built-in readings: what a feed states in plain words, read without a mapping.

const NEGATION = /\b(no|not|without|isn'?t|aren'?t|unfortunately)\b[^.;,]{0,25}$/i;

/** A phrase stated (true), denied ("no hearing loop", "not wheelchair accessible": false), or absent (undefined). */
function phrase(text: string, pattern: RegExp): boolean | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  return !NEGATION.test(text.slice(0, m.index));
}

const ACCESS_PHRASES: [(typeof ACCESS_FEATURES)[number], RegExp][] = [
  [
    'step_free',
    /step[\s-]*free|level access|wheelchair[\s-]*(access|accessible|friendly)|ramp(ed)? access|accessible (entrance|building)/i,
  ],
  ['hearing_loop', /hearing[\s-]*loop|induction loop|loop system/i],
  ['bsl', /\bBSL\b|british sign language/i],
  ['large_print', /large[\s-]*print/i],
  ['quiet_space', /quiet (room|space|area)/i],
];

/** Phrases that can only mean a feature is missing ("steps at the entrance", "no lift"). */
const ACCESS_DENIALS: [(typeof ACCESS_FEATURES)[number], RegExp][] = [
  ['step_free', /\bsteps? (at|to|into|up to|outside|before)\b|\bstairs only\b|\bno (lift|ramp)\b|\bfirst floor,? no lift\b/i],
];

/** Accessibility facts in a venue's or service's words ("Wheelchair accessible", "No hearing loop", "Steps at the door"). */
export function accessFromText(text: string | null | undefined): BelongSet['accessibility'] {
  const out: Record<string, boolean> = {};
  if (!text) return out;
  for (const part of text.split(/[.;\n]|,\s*(?=[A-Za-z])/)) {
    for (const [feature, pattern] of ACCESS_PHRASES) {
      const v = phrase(part, pattern);
      if (v !== undefined) out[feature] = v;
    }
    for (const [feature, pattern] of ACCESS_DENIALS) if (pattern.test(part)) out[feature] = false;
  }
  return out;
}

/** Ways of attending in a schedule's `attending_type` or an ORUK 1.0 `attending_type`. */
export function modesFromText(text: string | null | undefined): (typeof MODES)[number][] {
  if (!text) return [];
  const t = text.toLowerCase();
  const out: (typeof MODES)[number][] = [];
  if (/home[\s-]*visit|at home|in your home/.test(t)) out.push('home_visit');
  if (/in[\s-]*person|face[\s-]*to[\s-]*face|venue|drop[\s-]*in/.test(t)) out.push('in_person');
  if (/phone|telephone|call/.test(t)) out.push('phone');
  if (/online|video|virtual|zoom|teams|web/.test(t)) out.push('online');
  return out;
}
