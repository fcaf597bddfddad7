/**
 * What nothing on the shortlist meets: a need the person has (someone to go
 * with them, help with fares, a crèche, an interpreter) or a nice-to-have
 * they asked for, that no suggestion is known to offer. Said plainly on the
 * suggestions with what would help ("ask about a volunteer to go with
 * you"), rather than left for the person to find out. Pure: read from the
 * request and the suggestions' own reasons, so it says exactly what the
 * reasons say.
 */
import type { NeedRef, Reason, Suggestion } from './match-rank.ts';
import type { MatchRequest } from './match-request.ts';

export type Gap = { need: 'go_with' | 'transport' | 'childcare' | 'interpreter' } | { need: 'preference'; ref: NeedRef };

const has = (s: readonly Suggestion[], ok: (r: Reason) => boolean) => s.some((x) => x.reasons.some(ok));
const asked = (r: Reason, need: string) => r.code === 'asked' && r.params.need === need;

/** The needs nothing on the list meets (none when the list is empty: "nothing fits" says it then). */
export function needGaps(r: MatchRequest, suggestions: readonly Suggestion[]): Gap[] {
  if (!suggestions.length) return [];
  const gaps: Gap[] = [];
  if (r.needsAccompaniment && !has(suggestions, (x) => x.code === 'goWith')) gaps.push({ need: 'go_with' });
  if (r.needsTransport && !has(suggestions, (x) => x.code === 'fares')) gaps.push({ need: 'transport' });
  if (r.needsChildcare && !has(suggestions, (x) => x.code === 'creche' || asked(x, 'creche'))) gaps.push({ need: 'childcare' });
  const ownLanguage = (x: Reason) =>
    (x.code === 'speaks' && x.params.language.toLowerCase() !== 'en') || x.code === 'interpreter' || asked(x, 'language');
  if (r.interpreterNeeded && !has(suggestions, ownLanguage)) gaps.push({ need: 'interpreter' });
  const seen = new Set<string>();
  for (const p of r.preferences ?? []) {
    if (p.must) continue; // a must is met by every suggestion
    const value = p.kind === 'access' ? p.feature : p.kind === 'gender_setting' ? p.value : undefined;
    const key = `${p.kind}:${value ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const met = has(
      suggestions,
      (x) => x.code === 'asked' && x.params.need === p.kind && (value === undefined || x.params.value === value),
    );
    if (met) continue;
    // The plain needs above already say these.
    if ((p.kind === 'creche' && r.needsChildcare) || (p.kind === 'language' && r.interpreterNeeded)) continue;
    gaps.push({ need: 'preference', ref: value === undefined ? { need: p.kind } : { need: p.kind, value } });
  }
  return gaps;
}
