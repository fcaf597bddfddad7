/**
 * "Make referrals from the plan" (staff words, the connector's language):
 * the places chosen for the plan, what the referrals are filled in with,
 * a search to add a place by hand, the fit warnings for one that breaks a
 * must, and, after, links to the referrals made. No JavaScript.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { Checkbox, PostForm } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ReferralInput } from '../referrals/referral-form.ts';

export interface PlanReferralsProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  personId: string;
  personName: string;
  chosen: { id: string; name: string }[];
  /** What every referral is filled in with (the same for each place). */
  filled: ReferralInput;
  query: string;
  results: { id: string; name: string; organizationName: string }[] | null;
  /** Places added by hand (kept ticked), with their names. */
  extra: { id: string; name: string }[];
  /** Per place added by hand that does not fit: what it breaks. */
  warnings: { name: string; what: string[] }[];
  made: { referralId: string; name: string; problem: string | null }[];
  problems?: FieldProblem[];
}

export function PlanReferralsPage(p: PlanReferralsProps) {
  const s = p.i18n.staff;
  const base = `/staff/people/${p.personId}/plan/referrals`;
  const f = p.filled;
  const filled = [
    f.interpreterNeeded ? s('conversation.referrals.interpreter', { language: f.interpreterLanguage ?? '' }) : null,
    f.accompanyWanted ? s('conversation.referrals.goWith') : null,
    f.transportNeeded ? s('conversation.referrals.transport') : null,
    f.childcareNeeded ? s('conversation.referrals.childcare') : null,
    ...(f.summary ? f.summary.split('\n') : []),
  ].filter((x): x is string => x !== null);
  const offered = [
    ...p.extra,
    ...(p.results ?? [])
      .filter((r) => !p.extra.some((e) => e.id === r.id))
      .map((r) => ({ id: r.id, name: `${r.name} (${r.organizationName})` })),
  ];
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={s('conversation.referrals.title')} problems={p.problems ?? []}>
      <p>
        <a href={`/staff/people/${p.personId}/plan`}>{s('conversation.backToRecord', { name: p.personName })}</a>
      </p>
      <h1>{s('conversation.referrals.title')}</h1>
      {p.made.length > 0 && (
        <div class="notice" role="status">
          <p>{s('conversation.referrals.made')}</p>
          <ul>
            {p.made.map((m) => (
              <li>
                <a href={`/staff/referrals/${m.referralId}`}>{m.name}</a>
                {m.problem && ` ${s('conversation.referrals.notMade', { service: m.name, why: m.problem })}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{s('conversation.referrals.intro', { name: p.personName })}</p>
      <h2>{s('conversation.referrals.chosen')}</h2>
      {p.chosen.length ? (
        <ul id="chosen">
          {p.chosen.map((c) => (
            <li>{c.name}</li>
          ))}
        </ul>
      ) : (
        <p>{s('conversation.referrals.noneChosen')}</p>
      )}
      <h2>{s('conversation.referrals.filled')}</h2>
      <ul id="filled">
        {filled.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <h2>{s('conversation.referrals.byHand')}</h2>
      <form method="get" action={base} class="field" role="search">
        <label for="q">{s('conversation.referrals.search')}</label>
        <input id="q" name="q" type="search" value={p.query} maxlength={60} />
        <button type="submit" class="secondary">
          {s('conversation.referrals.searchButton')}
        </button>
      </form>
      {p.results && p.results.length === 0 && <p role="status">{s('conversation.referrals.notFound')}</p>}
      <PostForm action={base} csrf={p.csrf}>
        {offered.length > 0 && (
          <fieldset class="field">
            <legend>{s('conversation.referrals.found')}</legend>
            {offered.map((o, i) => (
              <div class="choice">
                <input type="checkbox" id={`extra-${i}`} name="extra" value={o.id} checked={p.extra.some((e) => e.id === o.id)} />
                <label for={`extra-${i}`}>{o.name}</label>
              </div>
            ))}
          </fieldset>
        )}
        {p.warnings.length > 0 && (
          <div class="field err-field" id="warnings">
            {p.warnings.map((w) => (
              <p>
                <strong>
                  {s('conversation.referrals.warning', { service: w.name, name: p.personName, what: p.i18n.formatList(w.what) })}
                </strong>
              </p>
            ))}
            <Checkbox id="anyway" label={s('conversation.referrals.anyway', { name: p.personName })} />
          </div>
        )}
        <button type="submit">{s('conversation.referrals.make')}</button>
      </PostForm>
    </StaffPage>
  );
}
