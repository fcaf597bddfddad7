/**
 * The written plan: what matters to the person, what they would like, the
 * practical help agreed, the places chosen (with their reasons), and what
 * happens next. Pure: given the person's language kit, it gives headed lists
 * of plain sentences, which the page prints and the e-mail sends as text.
 *
 * Each place comes with what the person needs to get there (plan-places.ts:
 * where, when it is next on, how to get there, phone, website), and the
 * next steps with the connector's note written to the person.
 *
 * Left out on purpose: the "keep away from" list and the safety answer. A
 * plan is printed and taken home, where others may read it; those answers
 * stay in the record. The connector's notes for staff are never part of it.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { DAY_CODES } from '../directory/service-graph.ts';
import { TIMES_OF_DAY, type Answers } from './conversation-answers.ts';
import { detailLine, type PlaceDetail } from './plan-places.ts';
import type { PracticalNeed } from '../matching/practical-needs.ts';

/** A suggestion kept in the plan, as matching gave it (reasons are matching's codes). */
export interface ChosenSuggestion {
  serviceId: string;
  name: string;
  organizationName: string;
  distanceMetres: number | null;
  waitingList: boolean;
  reasons: readonly unknown[];
  /** Chosen as practical help for this urgent need (shown first, under "First, practical help"). */
  practicalNeed?: PracticalNeed;
}

/** A place in the plan: its name and reasons, then the lines that help the person get there. */
export interface PlanPlace {
  title: string;
  details: PlaceDetail[];
}

export interface PlanSection {
  heading: string;
  items: string[];
  /** The places section: each place with its details (items then hold the titles). */
  places?: PlanPlace[];
}

export interface Plan {
  title: string;
  subtitle: string;
  sections: PlanSection[];
}

export interface PlanInput {
  personName: string;
  answers: Answers;
  chosen: readonly ChosenSuggestion[];
  /** The connector's note written to the person (never the notes for staff). */
  noteForPerson: string | null;
  connectorName: string;
  organisationName: string;
  date: Date;
  /** How a chosen suggestion's reasons read in this language (matching's phrasing). */
  phraseReasons: (s: ChosenSuggestion) => string;
  /** Where, when, how to get there, phone and website of a chosen place (none when the directory no longer has it). */
  placeDetails?: (s: ChosenSuggestion) => PlaceDetail[];
}

const key = (k: string) => k as MessageKey;

export function composePlan(i18n: I18n, p: PlanInput): Plan {
  const { t } = i18n;
  const a = p.answers;
  const list = (items: string[]) => i18n.formatList(items);
  const matters: string[] = [];
  if (a.interests?.kinds.length) matters.push(list(a.interests.kinds.map((k) => t(key(`term.kind.${k}`)))));
  if (a.interests?.words) matters.push(t('conversation.plan.alsoEnjoy', { words: a.interests.words }));
  if (a.strengths?.words) matters.push(t('conversation.plan.goodAt', { words: a.strengths.words }));

  const like: string[] = (a.wants?.wants ?? []).map((w) => t(key(`conversation.wants.${w}`)));
  if (a.wants?.faith) like.push(t('conversation.wants.faith'));
  if (a.wants?.communities) like.push(t('conversation.plan.communities', { communities: a.wants.communities }));

  const help: string[] = (a.help?.needs ?? []).map((n) => t(key(`conversation.help.${n}`)));
  if (a.cost) help.push(t(key(`conversation.cost.${a.cost.limit}`)));
  if (a.travel) help.push(t(key(`conversation.travel.${a.travel.distance}`)));
  if (a.modes?.modes.length) help.push(t('conversation.plan.modes', { modes: list(a.modes.modes.map((m) => t(key(`term.mode.${m}`)))) }));
  if (a.times?.unavailable.length) help.push(t('conversation.plan.cannot', { times: list(unavailableWords(i18n, a.times.unavailable)) }));

  const title = (s: ChosenSuggestion) => {
    const reasons = p.phraseReasons(s);
    return `${s.name} (${s.organizationName})${reasons ? `: ${reasons}` : ''}`;
  };
  const place = (s: ChosenSuggestion, prefix = ''): PlanPlace => ({ title: prefix + title(s), details: p.placeDetails?.(s) ?? [] });
  const places: PlanPlace[] = p.chosen.filter((s) => !s.practicalNeed).map((s) => place(s));
  // First, practical help: each urgent need with the services chosen for it (and how to reach them), or that the connector will look for help with it.
  const practical: PlanPlace[] = (a.practical?.needs ?? []).flatMap((need) => {
    const prefix = `${t(key(`conversation.practical.${need}`))}: `;
    const chosen = p.chosen.filter((s) => s.practicalNeed === need);
    return chosen.length
      ? chosen.map((s) => place(s, prefix))
      : [{ title: prefix + t('conversation.plan.practicalNone', { name: p.connectorName }), details: [] }];
  });

  const next: string[] = [];
  if (p.noteForPerson) next.push(p.noteForPerson);
  next.push(t('conversation.plan.contact', { name: p.connectorName, organisation: p.organisationName }));

  const sections: PlanSection[] = [
    { heading: t('conversation.plan.practical'), items: practical.map((x) => x.title), places: practical },
    { heading: t('conversation.plan.matters'), items: matters },
    { heading: t('conversation.plan.like'), items: like },
    { heading: t('conversation.plan.help'), items: help },
    places.length
      ? { heading: t('conversation.plan.places'), items: places.map((x) => x.title), places }
      : { heading: t('conversation.plan.places'), items: [t('conversation.plan.noPlaces')] },
    { heading: t('conversation.plan.next'), items: next },
  ];
  return {
    title: t('conversation.plan.title'),
    subtitle: t('conversation.plan.for', { name: p.personName, date: i18n.formatDate(p.date) }),
    sections: sections.filter((s) => s.items.length > 0),
  };
}

/** "Monday morning", or "Monday" when the whole day is out. */
export function unavailableWords(i18n: I18n, slots: readonly string[]): string[] {
  const out: string[] = [];
  for (const day of DAY_CODES) {
    const times = TIMES_OF_DAY.filter((time) => slots.includes(`${day}.${time}`));
    if (times.length === 3) out.push(i18n.t(key(`conversation.day.${day}`)));
    else
      for (const time of times)
        out.push(
          i18n.t('conversation.slot', { day: i18n.t(key(`conversation.day.${day}`)), time: i18n.t(key(`conversation.time.${time}`)) }),
        );
  }
  return out;
}

/** The plan as plain text (for sending): a place's details indented under it. */
export function planText(i18n: I18n, plan: Plan): string {
  const lines = (s: PlanSection): string[] =>
    s.places
      ? s.places.flatMap((p) => [`- ${p.title}`, ...p.details.map((d) => `  ${detailLine(i18n, d)}`)])
      : s.items.map((i) => `- ${i}`);
  return [plan.title, plan.subtitle, '', ...plan.sections.flatMap((s) => [s.heading, ...lines(s), ''])].join('\n').trimEnd() + '\n';
}
