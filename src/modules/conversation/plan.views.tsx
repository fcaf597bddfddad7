/**
 * The shortlist (matching's Suggestions, with a form to pick the ones for
 * the plan) and the written plan, both in the person's language. The plan
 * page prints cleanly: navigation and forms are hidden by the print
 * stylesheet, and a Print button appears only when the small print.js runs.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import { assetUrl } from '../../platform/http/static-assets.ts';
import { PostForm, TextArea } from '../../platform/views/staff-forms.tsx';
import type { MatchResult } from '../matching/match.service.ts';
import type { Gap } from '../matching/match-gaps.ts';
import { Gaps, Suggestions } from '../matching/suggestions.views.tsx';
import type { Plan } from './plan.ts';

export const MAX_NEXT_STEPS_LENGTH = 500;

export function SuggestionsView(p: {
  i18n: I18n;
  csrf: string;
  base: string;
  result: MatchResult;
  chosenIds: readonly string[];
  nextSteps: string;
  /** What nothing on the list meets (someone to go with them…), with what would help. */
  gaps?: readonly Gap[];
}) {
  const { t } = p.i18n;
  return (
    <>
      <h1>{t('conversation.suggestions.title')}</h1>
      {p.result.unmet ? <p>{t('conversation.suggestions.nothing')}</p> : <p>{t('conversation.suggestions.intro')}</p>}
      <Suggestions i18n={p.i18n} result={p.result} />
      <Gaps i18n={p.i18n} gaps={p.gaps ?? []} />
      <PostForm action={`${p.base}/suggestions`} csrf={p.csrf} class="noprint">
        {p.result.suggestions.length > 0 && (
          <div class="field">
            <fieldset>
              <legend>{t('conversation.suggestions.choose')}</legend>
              {p.result.suggestions.map((s, i) => (
                <div class="choice">
                  <input type="checkbox" id={`chosen-${i}`} name="chosen" value={s.serviceId} checked={p.chosenIds.includes(s.serviceId)} />
                  <label for={`chosen-${i}`}>{`${s.name} (${s.organizationName})`}</label>
                </div>
              ))}
            </fieldset>
          </div>
        )}
        <TextArea
          i18n={p.i18n}
          id="nextSteps"
          label={t('conversation.suggestions.nextSteps')}
          value={p.nextSteps}
          maxlength={MAX_NEXT_STEPS_LENGTH}
        />
        <button type="submit">{t('conversation.suggestions.save')}</button>
      </PostForm>
    </>
  );
}

export function PlanView(p: { i18n: I18n; plan: Plan }) {
  const { t } = p.i18n;
  return (
    <article class="plan">
      <h1>{p.plan.title}</h1>
      <p class="lead">{p.plan.subtitle}</p>
      {p.plan.sections.map((s) => (
        <section>
          <h2>{s.heading}</h2>
          <ul>
            {s.items.map((i) => (
              <li>{i}</li>
            ))}
          </ul>
        </section>
      ))}
      <div class="noprint">
        <p>{t('conversation.plan.printHint')}</p>
        <button type="button" id="print" hidden>
          {t('conversation.plan.print')}
        </button>
        <script src={assetUrl('print.js')} defer />
      </div>
    </article>
  );
}
