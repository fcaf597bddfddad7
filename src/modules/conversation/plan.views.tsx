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
import { PlanSections } from './plan-sections.tsx';
import type { PracticalHelp } from '../matching/practical-needs.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { noneRuledOut } from '../matching/match-rules.ts';

const NO_RULES = noneRuledOut();

/** The longest note for the person, and the longest notes for staff. */
export const MAX_NOTE_LENGTH = 500;

/** "First, practical help": for each urgent need, the advice services found (or that none fits), before any activity. */
function PracticalSuggestions({ i18n, practical }: { i18n: I18n; practical: readonly PracticalHelp[] }) {
  const { t } = i18n;
  return (
    <section class="practical" aria-labelledby="practical-heading">
      <h2 id="practical-heading">{t('conversation.suggestions.practical')}</h2>
      {practical.map((p) => (
        <>
          <h3>{t(`conversation.practical.${p.need}` as MessageKey)}</h3>
          {p.suggestions.length ? (
            <Suggestions i18n={i18n} result={{ suggestions: p.suggestions, unmet: false, ruledOut: NO_RULES }} />
          ) : (
            <p>{t('conversation.suggestions.practicalNone')}</p>
          )}
        </>
      ))}
    </section>
  );
}

export function SuggestionsView(p: {
  i18n: I18n;
  csrf: string;
  base: string;
  result: MatchResult;
  /** Practical help for the urgent needs named (shown first; empty when none). */
  practical?: readonly PracticalHelp[];
  chosenIds: readonly string[];
  /** The connector's note to the person (on their plan). */
  noteForPerson: string;
  /** The connector's notes for staff (never on the plan). */
  staffNotes: string;
  /** Staff words, for the staff-only parts. */
  staff: I18n;
  personName: string;
  /** What nothing on the list meets (someone to go with them…), with what would help. */
  gaps?: readonly Gap[];
}) {
  const { t } = p.i18n;
  const s = p.staff.staff;
  const practical = p.practical ?? [];
  const offered = [...practical.flatMap((x) => x.suggestions), ...p.result.suggestions];
  return (
    <>
      <h1>{t('conversation.suggestions.title')}</h1>
      {practical.length > 0 && <PracticalSuggestions i18n={p.i18n} practical={practical} />}
      {practical.length > 0 && <h2>{t('conversation.suggestions.activities')}</h2>}
      {p.result.unmet ? <p>{t('conversation.suggestions.nothing')}</p> : <p>{t('conversation.suggestions.intro')}</p>}
      <Suggestions i18n={p.i18n} result={p.result} />
      <Gaps i18n={p.i18n} gaps={p.gaps ?? []} />
      <PostForm action={`${p.base}/suggestions`} csrf={p.csrf} class="noprint">
        {offered.length > 0 && (
          <div class="field">
            <fieldset>
              <legend>{t('conversation.suggestions.choose')}</legend>
              {offered.map((s, i) => (
                <div class="choice">
                  <input type="checkbox" id={`chosen-${i}`} name="chosen" value={s.serviceId} checked={p.chosenIds.includes(s.serviceId)} />
                  <label for={`chosen-${i}`}>{`${s.name} (${s.organizationName})`}</label>
                </div>
              ))}
            </fieldset>
          </div>
        )}
        <p class="hint" lang={p.staff.locale} dir={p.staff.dir}>
          {s('conversation.noteForPersonHint', { name: p.personName })}
        </p>
        <TextArea
          i18n={p.i18n}
          id="noteForPerson"
          label={t('conversation.suggestions.noteForPerson')}
          value={p.noteForPerson}
          maxlength={MAX_NOTE_LENGTH}
        />
        <div lang={p.staff.locale} dir={p.staff.dir}>
          <TextArea
            i18n={p.staff}
            id="nextSteps"
            label={s('conversation.staffNotes')}
            hint={s('conversation.staffNotesHint', { name: p.personName })}
            value={p.staffNotes}
            maxlength={MAX_NOTE_LENGTH}
          />
        </div>
        <button type="submit">{t('conversation.suggestions.save')}</button>
      </PostForm>
    </>
  );
}

/** The plan page; the notes for staff, if any, are shown to staff apart from it and never printed. */
export function PlanView(p: { i18n: I18n; plan: Plan; staff: I18n; staffNotes: string | null }) {
  const { t } = p.i18n;
  return (
    <>
      <article class="plan">
        <h1>{p.plan.title}</h1>
        <p class="lead">{p.plan.subtitle}</p>
        <PlanSections i18n={p.i18n} plan={p.plan} level={2} />
        <p>
          <a href="/rights">{t('rights.title')}</a>
        </p>
        <div class="noprint">
          <p>{t('conversation.plan.printHint')}</p>
          <button type="button" id="print" hidden>
            {t('conversation.plan.print')}
          </button>
          <script src={assetUrl('print.js')} defer />
        </div>
      </article>
      {p.staffNotes && (
        <aside class="noprint staff-notes" lang={p.staff.locale} dir={p.staff.dir}>
          <h2>{p.staff.staff('conversation.staffNotesHeading')}</h2>
          <p>{p.staff.staff('conversation.staffNotesNotOnPlan')}</p>
          <p dir="auto">{p.staffNotes}</p>
        </aside>
      )}
    </>
  );
}
