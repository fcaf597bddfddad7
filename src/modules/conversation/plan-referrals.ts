/**
 * The connector's plan becomes referrals: each place chosen (and any added
 * by hand) gets a referral filled in from the conversation and the record,
 * so nobody is asked again: an interpreter (in their own language),
 * someone to go with them, help with transport, childcare, how to contact
 * them, what matters to them and what they need. Pure; the referrals
 * themselves are made by the referrals service.
 *
 * A place picked by hand is checked by the same rules as the suggestions:
 * the hard rules it breaks and the musts it does not meet are said before
 * any referral is made, and the connector must say they talked it through.
 */
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { languageName } from '../find/presenters.ts';
import type { Fit } from '../matching/match.service.ts';
import type { NeedRef } from '../matching/match-rank.ts';
import type { MatchRequest, Preference } from '../matching/match-request.ts';
import { needText } from '../matching/suggestions.views.tsx';
import type { Person } from '../people/person.ts';
import type { ReferralInput } from '../referrals/referral-form.ts';
import type { Answers } from './conversation-answers.ts';
import { mustsWords } from './conversation-musts.views.tsx';
import { answerWords } from './conversation.views.tsx';

const sk = (s: string) => s as StaffKey;

/** The language an interpreter is needed for, in words ("Cantonese"), or null when none is. */
export function interpreterFor(person: Person, request: MatchRequest, staff: I18n): string | null {
  if (!request.interpreterNeeded) return null;
  if (person.interpreterLanguage) return person.interpreterLanguage;
  const code = person.spokenLanguage ?? person.preferredLanguage;
  return languageName(staff, code);
}

/** One referral's details, in the connector's words (staff language), for one place. */
export function referralInputFor(
  staff: I18n,
  words: I18n,
  p: { person: Person; answers: Answers; request: MatchRequest; serviceName: string; firstLanguage: string | null },
): ReferralInput {
  const s = staff.staff;
  const interpreter = interpreterFor(p.person, p.request, staff);
  const matters = [...answerWords(words, 'interests', p.answers, new Map()), ...answerWords(words, 'wants', p.answers, new Map())];
  const musts = mustsWords(words, p.answers.musts, p.answers, p.firstLanguage);
  const lines = [
    matters.length ? s('conversation.referrals.matters', { what: words.formatList(matters) }) : null,
    musts.length ? s('conversation.referrals.musts', { what: words.formatList(musts) }) : null,
    p.person.contactMethod ? s('conversation.referrals.contact', { method: s(sk(`people.contact.${p.person.contactMethod}`)) }) : null,
    p.person.safeToCall === false ? s('conversation.referrals.notSafeToCall') : null,
    p.person.safeToText === false ? s('conversation.referrals.notSafeToText') : null,
  ].filter((x): x is string => x !== null);
  return {
    need: s('conversation.referrals.need', { service: p.serviceName }).slice(0, 2000),
    summary: lines.length ? lines.join('\n').slice(0, 4000) : null,
    interpreterNeeded: interpreter !== null,
    interpreterLanguage: interpreter ? interpreter.slice(0, 100) : null,
    accompanyWanted: p.request.needsAccompaniment,
    transportNeeded: p.request.needsTransport,
    childcareNeeded: p.request.needsChildcare,
  };
}

const refOf = (p: Preference): NeedRef => {
  switch (p.kind) {
    case 'gender_setting':
      return { need: p.kind, value: p.value };
    case 'access':
      return { need: p.kind, value: p.feature };
    case 'cost':
      return { need: p.kind, value: p.limit };
    case 'mode':
      return { need: p.kind, value: p.modes[0] };
    case 'language':
      return { need: p.kind, value: p.code };
    case 'audience':
      return { need: p.kind, value: p.audience };
    default:
      return { need: p.kind };
  }
};

/** What a place picked by hand breaks, in words ("women-only or men-only groups", "No ID needed"); empty when it fits. */
export function fitWarnings(words: I18n, fit: Fit): string[] {
  if (!fit.found) return [];
  const musts = fit.musts.map((m) => needText(words, refOf(m)));
  const rules = fit.broken.filter((r) => r !== 'must').map((r) => words.t(`matching.rule.${r}` as MessageKey));
  return [...musts, ...rules];
}
