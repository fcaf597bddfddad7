/**
 * Content packs: measures a deployment supplies itself because they need the
 * author's permission or a licence (De Jong Gierveld, SWEMWBS). Belong ships
 * none of their wording. A pack is a JSON file in the folder named by
 * BELONG_MEASURE_PACKS_DIR, holding the licence holder's wording in each
 * language it offers, answer codes, and one of a few scoring methods:
 *
 *   - `sum`: the options' values added up (a total only when at most
 *     `maxMissing` items are unanswered; default none);
 *   - `dichotomised_sum`: each option scores 0 or 1 (per-item scoring codes,
 *     e.g. DJG: "more or less" counts), total when at most `maxMissing` items
 *     are missing, subscales only when complete;
 *   - `rasch_table`: the raw sum (all items required, never prorated) turned
 *     into a metric score by a conversion table covering every raw sum
 *     (SWEMWBS).
 *
 * Packs are checked with zod when Belong starts; a bad pack stops start-up
 * with a message naming the file and each problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALE_CODES, type LocaleCode } from '../../platform/i18n/locales.ts';
import {
  PREFER_NOT,
  type Answers,
  type ChoiceItem,
  type Measure,
  type PersonText,
  type ScoreInfo,
  type ScoreLine,
} from './measure-definitions.ts';
import { itemValue } from './measure-scoring.ts';

export class MeasurePackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeasurePackError';
  }
}

const locale = z.enum(LOCALE_CODES as [LocaleCode, ...LocaleCode[]]);
const words = z.partialRecord(locale, z.string().trim().min(1));
const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _ (starting with a letter)')
  .refine((c) => c !== PREFER_NOT, `"${PREFER_NOT}" is kept for "prefer not to say"`);
const label = z.string().trim().min(1).max(200);
const maxMissing = z.number().int().min(0).default(0);

const scoringSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('sum'), label, maxMissing }),
  z.object({
    method: z.literal('dichotomised_sum'),
    label,
    maxMissing,
    subscales: z.array(z.object({ id: code, label, items: z.array(code).min(1) })).default([]),
  }),
  z.object({
    method: z.literal('rasch_table'),
    rawLabel: label,
    label,
    table: z.record(z.string().regex(/^\d+$/, 'table keys are raw sums'), z.number()),
  }),
]);

export const packSchema = z
  .object({
    id: code,
    version: z.string().trim().min(1).max(40),
    /** Staff name (English). */
    name: label,
    licence: z.object({
      holder: z.string().trim().min(1),
      /** The deployment's licence or permission reference (e.g. the Warwick licence number). */
      reference: z.string().trim().min(1),
      /** The copyright line every copy must carry. */
      notice: z.string().trim().min(1),
    }),
    languages: z.array(locale).min(1),
    officialLanguages: z.array(locale).default([]),
    title: words,
    why: words,
    intro: words.optional(),
    items: z
      .array(
        z.object({
          id: code,
          text: words,
          options: z.array(z.object({ code, text: words, value: z.number().finite() })).min(2),
        }),
      )
      .min(1),
    scoring: scoringSchema,
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (pathParts: (string | number)[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathParts, message });
    const needs = (w: Partial<Record<LocaleCode, string>> | undefined, at: (string | number)[]) => {
      if (!w) return;
      for (const l of p.languages) if (!w[l]) issue(at, `has no text in "${l}" (the pack offers ${p.languages.join(', ')})`);
    };
    for (const l of p.officialLanguages)
      if (!p.languages.includes(l)) issue(['officialLanguages'], `"${l}" is not one of the pack's languages`);
    needs(p.title, ['title']);
    needs(p.why, ['why']);
    needs(p.intro, ['intro']);
    const ids = new Set<string>();
    p.items.forEach((item, i) => {
      if (ids.has(item.id)) issue(['items', i, 'id'], `item id "${item.id}" is used twice`);
      ids.add(item.id);
      needs(item.text, ['items', i, 'text']);
      const codes = new Set<string>();
      item.options.forEach((o, j) => {
        if (codes.has(o.code)) issue(['items', i, 'options', j, 'code'], `option code "${o.code}" is used twice in item "${item.id}"`);
        codes.add(o.code);
        needs(o.text, ['items', i, 'options', j, 'text']);
        if (p.scoring.method === 'dichotomised_sum' && o.value !== 0 && o.value !== 1)
          issue(['items', i, 'options', j, 'value'], 'a dichotomised sum scores each option 0 or 1');
        if (p.scoring.method === 'rasch_table' && !Number.isInteger(o.value))
          issue(['items', i, 'options', j, 'value'], 'a Rasch table needs whole-number option values');
      });
    });
    if (p.scoring.method === 'dichotomised_sum') {
      p.scoring.subscales.forEach((sub, i) => {
        for (const id of sub.items) if (!ids.has(id)) issue(['scoring', 'subscales', i, 'items'], `names unknown item "${id}"`);
      });
    }
    if (p.scoring.method === 'rasch_table') {
      const lo = p.items.reduce((a, it) => a + Math.min(...it.options.map((o) => o.value)), 0);
      const hi = p.items.reduce((a, it) => a + Math.max(...it.options.map((o) => o.value)), 0);
      const missing: number[] = [];
      for (let raw = lo; raw <= hi; raw++) if (!(String(raw) in p.scoring.table)) missing.push(raw);
      if (missing.length)
        issue(['scoring', 'table'], `has no metric score for raw sum(s) ${missing.join(', ')} (raw sums run from ${lo} to ${hi})`);
    }
  });

export type MeasurePack = z.infer<typeof packSchema>;

const personWords = (w: Partial<Record<LocaleCode, string>>): PersonText => ({ byLanguage: w });

/** A validated pack as a Measure (items, words, scores). Pure. */
export function measureFromPack(p: MeasurePack): Measure {
  const items: ChoiceItem[] = p.items.map((it) => ({
    kind: 'choice',
    id: it.id,
    prompt: personWords(it.text),
    options: it.options.map((o) => ({ code: o.code, label: personWords(o.text), value: o.value })),
  }));
  const values = (a: Answers) => items.map((it) => itemValue(it, a[it.id]));
  const itemLines = (a: Answers): ScoreLine[] => items.map((it) => ({ id: it.id, value: itemValue(it, a[it.id]) }));
  const sumAllowingMissing = (vs: (number | null)[], allowed: number) =>
    vs.filter((v) => v === null).length > allowed ? null : vs.reduce<number>((t, v) => t + (v ?? 0), 0);
  const itemInfos: ScoreInfo[] = p.items.map((it) => ({
    id: it.id,
    label: { text: `${it.id}: ${it.text.en ?? it.text[p.languages[0]!]}` },
    change: 'level',
  }));
  const sc = p.scoring;
  let scores: ScoreInfo[];
  let score: (a: Answers) => ScoreLine[];
  if (sc.method === 'sum') {
    scores = [{ id: 'total', label: { text: sc.label }, change: 'level' }, ...itemInfos];
    score = (a) => [{ id: 'total', value: sumAllowingMissing(values(a), sc.maxMissing) }, ...itemLines(a)];
  } else if (sc.method === 'dichotomised_sum') {
    scores = [
      { id: 'total', label: { text: sc.label }, change: 'level' },
      ...sc.subscales.map((sub) => ({ id: sub.id, label: { text: sub.label }, change: 'level' as const })),
      ...itemInfos,
    ];
    score = (a) => {
      const byId = new Map(items.map((it) => [it.id, itemValue(it, a[it.id])]));
      return [
        { id: 'total', value: sumAllowingMissing(values(a), sc.maxMissing) },
        ...sc.subscales.map((sub) => ({
          id: sub.id,
          value: sumAllowingMissing(
            sub.items.map((id) => byId.get(id) ?? null),
            0,
          ),
        })),
        ...itemLines(a),
      ];
    };
  } else {
    scores = [
      { id: 'metric', label: { text: sc.label }, change: 'level' },
      { id: 'raw', label: { text: sc.rawLabel }, change: 'level' },
      ...itemInfos,
    ];
    score = (a) => {
      const raw = sumAllowingMissing(values(a), 0);
      const metric = raw === null ? null : (sc.table[String(raw)] ?? null);
      return [{ id: 'metric', value: metric }, { id: 'raw', value: raw }, ...itemLines(a)];
    };
  }
  return {
    id: p.id,
    version: p.version,
    source: 'pack',
    name: { text: p.name },
    title: personWords(p.title),
    why: personWords(p.why),
    ...(p.intro ? { intro: personWords(p.intro) } : {}),
    items,
    languages: p.languages,
    officialLanguages: p.officialLanguages,
    credit: `${p.licence.notice} Licence holder: ${p.licence.holder}; reference ${p.licence.reference}.`,
    scores,
    score,
  };
}

/** Checks one pack's JSON text; throws MeasurePackError naming the file and every problem. */
export function parsePack(fileName: string, text: string): MeasurePack {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MeasurePackError(`Measure pack ${fileName} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = packSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(pack)'}: ${i.message}`);
    throw new MeasurePackError(`Measure pack ${fileName} is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads every *.json pack in a folder (sorted by name), refusing the lot if any is bad or two share an id. */
export function loadMeasurePacks(dir: string, takenIds: readonly string[] = []): Measure[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (e) {
    throw new MeasurePackError(`BELONG_MEASURE_PACKS_DIR: cannot read the folder ${dir} (${(e as Error).message})`);
  }
  const seen = new Set(takenIds);
  return names.map((name) => {
    const pack = parsePack(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    if (seen.has(pack.id)) throw new MeasurePackError(`Measure pack ${name}: the id "${pack.id}" is already used by another measure`);
    seen.add(pack.id);
    return measureFromPack(pack);
  });
}
