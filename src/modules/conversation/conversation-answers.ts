/**
 * The "what matters to you" conversation as data: its steps (one question
 * per page), the answer codes each step stores, and the check each step's
 * form goes through. Pure: no HTTP, no database.
 *
 * Answers are codes, not sentences, so they can be shown in any of the
 * person's languages, scored by matching and read again after the wording of
 * a question changes. Free text is kept short and only where a list of
 * choices cannot say it (interests, a former job, what to keep away from).
 * `ANSWERS_FORMAT` is stored with every conversation; bump it when a code's
 * meaning changes.
 */
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import { DAY_CODES, SUPPORT_KINDS } from '../directory/service-graph.ts';
import { readMusts, type Musts } from './conversation-musts.ts';
import type { DayCode, Mode, SupportKind, TimeOfDay, Want } from '../matching/match-request.ts';
import { PRACTICAL_NEEDS, type PracticalNeed } from '../matching/practical-needs.ts';

export const ANSWERS_FORMAT = 1;

// Urgent practical needs come first: nobody thinks about company while housing, food or money is unsafe.
export const STEPS = [
  'practical',
  'interests',
  'strengths',
  'wants',
  'help',
  'cost',
  'times',
  'travel',
  'modes',
  'avoid',
  'safety',
] as const;
export type Step = (typeof STEPS)[number];

export const INTEREST_KINDS = SUPPORT_KINDS.filter((k) => k !== 'therapy') as Exclude<SupportKind, 'therapy'>[];
export const WANTS = ['shared_identity', 'mixing', 'one_to_one', 'group', 'practical', 'volunteering'] as const satisfies readonly Want[];
export const HELP_NEEDS = ['interpreter', 'go_with', 'transport', 'childcare', 'phone_data'] as const;
export const COST_LIMITS = ['free', 'low_cost', 'any'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const satisfies readonly TimeOfDay[];
export const TRAVEL = ['walk_10', 'walk_20', 'bus', 'any'] as const;
export const MODE_CODES = ['in_person', 'phone', 'online'] as const satisfies readonly Mode[];
// Every setting offered is enforced by matching (avoidSettings); "large groups" is not offered: the directory does not say how big a group is.
export const AVOID_SETTINGS = ['faith_setting', 'support_groups', 'forms'] as const;
export const SAFETY = ['vetted', 'no_need', 'unsure'] as const;

export type HelpNeed = (typeof HELP_NEEDS)[number];
export type CostLimit = (typeof COST_LIMITS)[number];
export type Travel = (typeof TRAVEL)[number];
export type AvoidSetting = (typeof AVOID_SETTINGS)[number];
export type Safety = (typeof SAFETY)[number];
export type Slot = `${DayCode}.${TimeOfDay}`;

/** How far each travel answer reaches, in metres (null: no limit). */
export const TRAVEL_METRES: Readonly<Record<Travel, number | null>> = { walk_10: 800, walk_20: 1600, bus: 8000, any: null };

export interface Answers {
  practical?: { needs: PracticalNeed[] };
  interests?: { kinds: SupportKind[]; words: string };
  strengths?: { words: string };
  wants?: { wants: Want[]; faith: boolean; communities: string };
  help?: { needs: HelpNeed[] };
  cost?: { limit: CostLimit };
  times?: { unavailable: Slot[] };
  travel?: { distance: Travel };
  modes?: { modes: Mode[] };
  avoid?: { serviceIds: string[]; settings: AvoidSetting[]; words: string };
  safety?: { answer: Safety };
  /** Musts and nice-to-haves (optional, from "check your answers"; see conversation-musts.ts). */
  musts?: Musts;
}

/** A form field that was not right, with a message code (`conversation.error.<code>`). */
export interface AnswerProblem {
  field: string;
  code:
    'tooLong' | 'unknownChoice' | 'chooseOne' | 'chooseMode' | 'faithBoth' | 'tooMany' | 'notAService' | 'timeWindow' | 'chooseImportance';
}

export type StepResult<S extends Step> = { ok: true; value: NonNullable<Answers[S]> } | { ok: false; problems: AnswerProblem[] };

export const MAX_WORDS_LENGTH = 300;
export const MAX_AVOIDED_SERVICES = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const textOf = (body: FormBody, name: string): string => (valuesOf(body, name)[0] ?? '').trim().replace(/\s+/g, ' ');

/** Picks known codes; any unknown one is a problem (a form we did not send, or a stale page). */
function codes<T extends string>(body: FormBody, name: string, allowed: readonly T[], problems: AnswerProblem[]): T[] {
  const picked = [...new Set(valuesOf(body, name))];
  if (picked.some((v) => !(allowed as readonly string[]).includes(v))) problems.push({ field: name, code: 'unknownChoice' });
  return allowed.filter((a) => picked.includes(a));
}

function oneOf<T extends string>(body: FormBody, name: string, allowed: readonly T[], problems: AnswerProblem[]): T | null {
  const v = valuesOf(body, name)[0];
  if (v === undefined || v === '') {
    problems.push({ field: name, code: 'chooseOne' });
    return null;
  }
  if (!(allowed as readonly string[]).includes(v)) {
    problems.push({ field: name, code: 'unknownChoice' });
    return null;
  }
  return v as T;
}

function words(body: FormBody, name: string, problems: AnswerProblem[]): string {
  const w = textOf(body, name);
  if (w.length > MAX_WORDS_LENGTH) problems.push({ field: name, code: 'tooLong' });
  return w;
}

/** Every slot of the week, Monday morning first. */
export const SLOTS: readonly Slot[] = DAY_CODES.flatMap((d) => TIMES_OF_DAY.map((t) => `${d}.${t}` as Slot));

const PARSERS: { [S in Step]: (body: FormBody, problems: AnswerProblem[]) => NonNullable<Answers[S]> | null } = {
  practical: (b, p) => ({ needs: codes(b, 'needs', PRACTICAL_NEEDS, p) }),
  interests: (b, p) => ({ kinds: codes(b, 'kinds', INTEREST_KINDS, p), words: words(b, 'words', p) }),
  strengths: (b, p) => ({ words: words(b, 'words', p) }),
  wants: (b, p) => {
    const wants = codes(b, 'wants', WANTS, p);
    const faith = valuesOf(b, 'faith').includes('yes');
    return { wants, faith, communities: words(b, 'communities', p) };
  },
  help: (b, p) => ({ needs: codes(b, 'needs', HELP_NEEDS, p) }),
  cost: (b, p) => {
    const limit = oneOf(b, 'limit', COST_LIMITS, p);
    return limit ? { limit } : null;
  },
  times: (b, p) => ({ unavailable: codes(b, 'unavailable', SLOTS, p) }),
  travel: (b, p) => {
    const distance = oneOf(b, 'distance', TRAVEL, p);
    return distance ? { distance } : null;
  },
  modes: (b, p) => {
    const modes = codes(b, 'modes', MODE_CODES, p);
    if (modes.length === 0 && !p.length) p.push({ field: 'modes', code: 'chooseMode' });
    return { modes };
  },
  avoid: (b, p) => {
    const ids = [...new Set(valuesOf(b, 'serviceIds'))];
    if (ids.some((id) => !UUID.test(id))) p.push({ field: 'serviceIds', code: 'notAService' });
    if (ids.length > MAX_AVOIDED_SERVICES) p.push({ field: 'serviceIds', code: 'tooMany' });
    return {
      serviceIds: ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()),
      settings: codes(b, 'settings', AVOID_SETTINGS, p),
      words: words(b, 'words', p),
    };
  },
  safety: (b, p) => {
    const answer = oneOf(b, 'answer', SAFETY, p);
    return answer ? { answer } : null;
  },
};

/** Checks one step's form and gives its answer codes, or what to put right. */
export function parseStep<S extends Step>(step: S, body: FormBody): StepResult<S> {
  const problems: AnswerProblem[] = [];
  const value = PARSERS[step](body, problems);
  if (problems.length || value === null) return { ok: false, problems };
  return { ok: true, value: value as NonNullable<Answers[S]> };
}

/** A step's answer rebuilt as a form body (to fill the form again when going back). */
export function stepFormValues(step: Step, answers: Answers): Record<string, string[]> {
  const a = answers[step];
  if (!a) return {};
  switch (step) {
    case 'practical':
      return { needs: answers.practical!.needs };
    case 'interests':
      return { kinds: answers.interests!.kinds, words: [answers.interests!.words] };
    case 'strengths':
      return { words: [answers.strengths!.words] };
    case 'wants':
      return { wants: answers.wants!.wants, faith: answers.wants!.faith ? ['yes'] : [], communities: [answers.wants!.communities] };
    case 'help':
      return { needs: answers.help!.needs };
    case 'cost':
      return { limit: [answers.cost!.limit] };
    case 'times':
      return { unavailable: answers.times!.unavailable };
    case 'travel':
      return { distance: [answers.travel!.distance] };
    case 'modes':
      return { modes: answers.modes!.modes };
    case 'avoid':
      return { serviceIds: answers.avoid!.serviceIds, settings: answers.avoid!.settings, words: [answers.avoid!.words] };
    case 'safety':
      return { answer: [answers.safety!.answer] };
  }
}

/** Wanting a faith setting and keeping away from one cannot both be true. */
export function crossStepProblems(answers: Answers): { step: Step; problem: AnswerProblem }[] {
  if (answers.wants?.faith && answers.avoid?.settings.includes('faith_setting'))
    return [{ step: 'avoid', problem: { field: 'settings', code: 'faithBoth' } }];
  return [];
}

/** Reads stored answers defensively: anything that no longer parses is dropped (and asked again). */
export function readAnswers(stored: unknown): Answers {
  const out: Answers = {};
  if (!stored || typeof stored !== 'object') return out;
  for (const step of STEPS) {
    const raw = (stored as Record<string, unknown>)[step];
    if (!raw || typeof raw !== 'object') continue;
    try {
      const form = stepFormValues(step, { [step]: raw } as Answers);
      const r = parseStep(step, form);
      // Kept only when it reads back exactly as stored (no dropped or changed values).
      if (r.ok && JSON.stringify(stepFormValues(step, { [step]: r.value } as Answers)) === JSON.stringify(form))
        (out as Record<string, unknown>)[step] = r.value;
    } catch {
      // A shape we no longer understand: ask that question again.
    }
  }
  const musts = readMusts((stored as Record<string, unknown>).musts);
  if (musts) out.musts = musts;
  return out;
}

/** The first step without an answer (where to resume), or null when every step has one. */
export function nextUnanswered(answers: Answers): Step | null {
  return STEPS.find((s) => answers[s] === undefined) ?? null;
}

/** The step after this one, or null after the last. */
export function stepAfter(step: Step): Step | null {
  return STEPS[STEPS.indexOf(step) + 1] ?? null;
}

export function stepBefore(step: Step): Step | null {
  return STEPS[STEPS.indexOf(step) - 1] ?? null;
}

export function isStep(s: string): s is Step {
  return (STEPS as readonly string[]).includes(s);
}
