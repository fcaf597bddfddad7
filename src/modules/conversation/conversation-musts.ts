/**
 * "What must a place have?": the connector marks each of the person's
 * preferences as a must (only places sure to meet it are suggested) or a
 * nice-to-have (places that meet it come first; unknown ones say "ask
 * first"). Pure: the form, its checks, and the preferences matching gets.
 *
 * It is an optional page of the conversation, reached from "check your
 * answers": nothing marked leaves matching as the answers alone make it
 * (cost, distance and ways of taking part stay hard limits). Marking one of
 * those three as a nice-to-have turns its hard limit into a preference.
 */
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import { ACCESS_FEATURES, DAY_CODES } from '../directory/service-graph.ts';
import type { AccessFeature, TimeWindow } from '../matching/match-request.ts';

/** The preferences the page asks about, in its order. */
export const MUST_KINDS = ['gender_setting', 'creche', 'access', 'no_id', 'cost', 'times', 'distance', 'mode', 'language'] as const;
export type MustKind = (typeof MUST_KINDS)[number];
export const IMPORTANCE = ['must', 'nice', 'no'] as const;
export type Importance = 'must' | 'nice';
export const GENDER_SETTINGS = ['women_only', 'men_only'] as const;

export interface Musts {
  /** Only the kinds marked; a kind not here does not matter. */
  importance: Partial<Record<MustKind, Importance>>;
  gender: (typeof GENDER_SETTINGS)[number] | null;
  access: AccessFeature[];
  windows: TimeWindow[];
  /** Further is fine when transport or someone to go with them is offered. */
  unlessHelped: boolean;
  homeVisit: boolean;
  interpreterOk: boolean;
}

export const EMPTY_MUSTS: Musts = {
  importance: {},
  gender: null,
  access: [],
  windows: [],
  unlessHelped: false,
  homeVisit: false,
  interpreterOk: false,
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A field not right (the same shape as the conversation's other problems). */
export interface MustsProblem {
  field: string;
  code: 'unknownChoice' | 'chooseOne' | 'timeWindow' | 'chooseImportance';
}

export type MustsResult = { ok: true; value: Musts } | { ok: false; problems: MustsProblem[] };

/** Checks the form: a value without a must/nice, or a must/nice without a value, is asked again. */
export function parseMusts(body: FormBody): MustsResult {
  const problems: MustsProblem[] = [];
  const one = (name: string) => (valuesOf(body, name)[0] ?? '').trim();
  const importance: Musts['importance'] = {};
  for (const kind of MUST_KINDS) {
    const v = one(`imp_${kind}`);
    if (v === '' || v === 'no') continue;
    if (v !== 'must' && v !== 'nice') problems.push({ field: `imp_${kind}`, code: 'unknownChoice' });
    else importance[kind] = v;
  }
  const genderValue = one('gender');
  let gender: Musts['gender'] = null;
  if (genderValue) {
    if ((GENDER_SETTINGS as readonly string[]).includes(genderValue)) gender = genderValue as Musts['gender'];
    else problems.push({ field: 'gender', code: 'unknownChoice' });
  }
  const picked = valuesOf(body, 'access');
  if (picked.some((a) => !(ACCESS_FEATURES as readonly string[]).includes(a))) problems.push({ field: 'access', code: 'unknownChoice' });
  const access = ACCESS_FEATURES.filter((a) => picked.includes(a));
  const windows: TimeWindow[] = [];
  for (const day of DAY_CODES) {
    const from = one(`from_${day}`);
    const to = one(`to_${day}`);
    if (!from && !to) continue;
    if (!TIME.test(from) || !TIME.test(to) || to <= from) problems.push({ field: `from_${day}`, code: 'timeWindow' });
    else windows.push({ day, from, to });
  }
  // Marked, but nothing to mark: say what is missing.
  if (importance.gender_setting && !gender && !problems.some((p) => p.field === 'gender'))
    problems.push({ field: 'gender', code: 'chooseOne' });
  if (importance.access && !access.length && !problems.some((p) => p.field === 'access'))
    problems.push({ field: 'access', code: 'chooseOne' });
  if (importance.times && !windows.length && !problems.some((p) => p.field.startsWith('from_')))
    problems.push({ field: 'from_MO', code: 'timeWindow' });
  // Given, but not said whether it is a must or a nice-to-have.
  if (gender && !importance.gender_setting) problems.push({ field: 'imp_gender_setting', code: 'chooseImportance' });
  if (access.length && !importance.access) problems.push({ field: 'imp_access', code: 'chooseImportance' });
  if (windows.length && !importance.times) problems.push({ field: 'imp_times', code: 'chooseImportance' });
  const yes = (name: string) => valuesOf(body, name).includes('yes');
  const value: Musts = {
    importance,
    gender,
    access,
    windows,
    unlessHelped: yes('unlessHelped'),
    homeVisit: yes('homeVisit'),
    interpreterOk: yes('interpreterOk'),
  };
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** The stored marks as the form's values (to fill the form again). */
export function mustsFormValues(m: Musts): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const kind of MUST_KINDS) if (m.importance[kind]) out[`imp_${kind}`] = [m.importance[kind]!];
  if (m.gender) out.gender = [m.gender];
  if (m.access.length) out.access = [...m.access];
  for (const w of m.windows) {
    out[`from_${w.day}`] = [w.from];
    out[`to_${w.day}`] = [w.to];
  }
  if (m.unlessHelped) out.unlessHelped = ['yes'];
  if (m.homeVisit) out.homeVisit = ['yes'];
  if (m.interpreterOk) out.interpreterOk = ['yes'];
  return out;
}

/** Reads stored marks defensively: kept only when they read back exactly as stored. */
export function readMusts(stored: unknown): Musts | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  try {
    const s = stored as Musts;
    const form = mustsFormValues({ ...EMPTY_MUSTS, ...s, importance: { ...s.importance } });
    const r = parseMusts(form);
    if (r.ok && JSON.stringify(mustsFormValues(r.value)) === JSON.stringify(form)) return r.value;
  } catch {
    // A shape we no longer understand: ask again.
  }
  return undefined;
}
