/**
 * The conversation's pages, one question each, in the person's language:
 * the question as the page heading, choices as plain words (never a label
 * about the person), "Save and continue", and a way back. Works with
 * JavaScript off: the "keep away from" search is an ordinary GET form.
 */
import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ErrorMessage, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, TextArea } from '../../platform/views/staff-forms.tsx';
import { DAY_CODES } from '../directory/service-graph.ts';
import {
  AVOID_SETTINGS,
  COST_LIMITS,
  HELP_NEEDS,
  INTEREST_KINDS,
  MODE_CODES,
  SAFETY,
  STEPS,
  TIMES_OF_DAY,
  TRAVEL,
  WANTS,
  MAX_WORDS_LENGTH,
  MAX_AVOIDED_SERVICES,
  stepBefore,
  type AnswerProblem,
  type Answers,
  type Step,
} from './conversation-answers.ts';
import { unavailableWords } from './plan.ts';
import { PRACTICAL_NEEDS } from '../matching/practical-needs.ts';

const k = (s: string) => s as MessageKey;

/** The page heading (and title) of each step. */
export const QUESTION: Record<Step, MessageKey> = {
  practical: 'conversation.practical.question',
  interests: 'conversation.interests.question',
  strengths: 'conversation.strengths.question',
  wants: 'conversation.wants.question',
  help: 'conversation.help.question',
  cost: 'conversation.cost.question',
  times: 'conversation.times.question',
  travel: 'conversation.travel.question',
  modes: 'conversation.modes.question',
  avoid: 'conversation.avoid.question',
  safety: 'conversation.safety.question',
};

/** Problems as the error summary shows them: linking to the first input of the field. */
export function problemsFor(i18n: I18n, problems: readonly AnswerProblem[]): FieldProblem[] {
  return problems.map((p) => ({
    field: `${p.field}-0`,
    message: i18n.t(
      k(`conversation.error.${p.code}`),
      p.code === 'tooLong' ? { max: MAX_WORDS_LENGTH } : p.code === 'tooMany' ? { max: MAX_AVOIDED_SERVICES } : {},
    ),
  }));
}

interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function Choices(p: {
  i18n: I18n;
  type: 'checkbox' | 'radio';
  name: string;
  legend: string;
  legendIsHeading?: boolean;
  hint?: string;
  options: Option[];
  values: readonly string[];
  error?: string;
}) {
  const hintId = p.hint ? `${p.name}-hint` : undefined;
  const errorId = p.error ? `${p.name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field err-field' : 'field'}>
      <fieldset aria-describedby={describedBy}>
        <legend>{p.legendIsHeading ? <h1>{p.legend}</h1> : p.legend}</legend>
        {p.hint && (
          <p class="hint" id={hintId}>
            {p.hint}
          </p>
        )}
        {p.error && <ErrorMessage i18n={p.i18n} id={errorId!} message={p.error} />}
        {p.options.map((o, i) => (
          <div class="choice">
            <input
              type={p.type}
              id={`${p.name}-${i}`}
              name={p.name}
              value={o.value}
              checked={p.values.includes(o.value)}
              aria-describedby={o.hint ? `${p.name}-${i}-hint` : undefined}
            />
            <label for={`${p.name}-${i}`}>{o.label}</label>
            {o.hint && (
              <p class="hint" id={`${p.name}-${i}-hint`}>
                {o.hint}
              </p>
            )}
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export interface StepViewProps {
  i18n: I18n;
  csrf: string;
  base: string;
  step: Step;
  values: Record<string, string[]>;
  problems: readonly AnswerProblem[];
  /** For the "keep away from" step: the search and the names of places already chosen. */
  avoid?: { query: string; results: { id: string; name: string; organizationName: string }[] | null; chosenNames: Map<string, string> };
}

export function StepView(p: StepViewProps) {
  const { t } = p.i18n;
  const v = (name: string) => p.values[name] ?? [];
  const err = (name: string) => {
    const pr = p.problems.find((x) => x.field === name);
    return pr ? problemsFor(p.i18n, [pr])[0]!.message : undefined;
  };
  const opts = (codes: readonly string[], prefix: string): Option[] => codes.map((c) => ({ value: c, label: t(k(`${prefix}.${c}`)) }));
  const words = (label: string, hint?: string) => (
    <TextArea
      i18n={p.i18n}
      id="words-0"
      name="words"
      label={label}
      hint={hint}
      value={v('words')[0] ?? ''}
      maxlength={MAX_WORDS_LENGTH}
      error={err('words')}
    />
  );
  const question = t(QUESTION[p.step]);
  const index = STEPS.indexOf(p.step) + 1;
  const before = stepBefore(p.step);

  let body;
  switch (p.step) {
    case 'practical':
      body = (
        <Choices
          i18n={p.i18n}
          type="checkbox"
          name="needs"
          legend={question}
          legendIsHeading
          hint={t('conversation.practical.hint')}
          options={opts(PRACTICAL_NEEDS, 'conversation.practical')}
          values={v('needs')}
          error={err('needs')}
        />
      );
      break;
    case 'interests':
      body = (
        <>
          <Choices
            i18n={p.i18n}
            type="checkbox"
            name="kinds"
            legend={question}
            legendIsHeading
            hint={t('conversation.chooseAll')}
            options={INTEREST_KINDS.map((c) => ({ value: c, label: t(k(`term.kind.${c}`)), hint: t(k(`term.kindHint.${c}`)) }))}
            values={v('kinds')}
            error={err('kinds')}
          />
          {words(t('conversation.interests.words'), t('conversation.optional'))}
        </>
      );
      break;
    case 'strengths':
      body = (
        <>
          <h1>{question}</h1>
          {words(question, `${t('conversation.strengths.hint')} ${t('conversation.optional')}`)}
        </>
      );
      break;
    case 'wants':
      body = (
        <>
          <Choices
            i18n={p.i18n}
            type="checkbox"
            name="wants"
            legend={question}
            legendIsHeading
            hint={t('conversation.chooseAll')}
            options={[...opts(WANTS, 'conversation.wants')]}
            values={v('wants')}
            error={err('wants')}
          />
          <div class="field choice">
            <input type="checkbox" id="faith-0" name="faith" value="yes" checked={v('faith').includes('yes')} />
            <label for="faith-0">{t('conversation.wants.faith')}</label>
          </div>
          <TextArea
            i18n={p.i18n}
            id="communities-0"
            name="communities"
            label={t('conversation.wants.communities')}
            value={v('communities')[0] ?? ''}
            maxlength={MAX_WORDS_LENGTH}
            error={err('communities')}
          />
        </>
      );
      break;
    case 'help':
      body = (
        <Choices
          i18n={p.i18n}
          type="checkbox"
          name="needs"
          legend={question}
          legendIsHeading
          hint={t('conversation.chooseAll')}
          options={opts(HELP_NEEDS, 'conversation.help')}
          values={v('needs')}
          error={err('needs')}
        />
      );
      break;
    case 'cost':
      body = (
        <Choices
          i18n={p.i18n}
          type="radio"
          name="limit"
          legend={question}
          legendIsHeading
          options={opts(COST_LIMITS, 'conversation.cost')}
          values={v('limit')}
          error={err('limit')}
        />
      );
      break;
    case 'travel':
      body = (
        <Choices
          i18n={p.i18n}
          type="radio"
          name="distance"
          legend={question}
          legendIsHeading
          options={opts(TRAVEL, 'conversation.travel')}
          values={v('distance')}
          error={err('distance')}
        />
      );
      break;
    case 'modes':
      body = (
        <Choices
          i18n={p.i18n}
          type="checkbox"
          name="modes"
          legend={question}
          legendIsHeading
          options={opts(MODE_CODES, 'term.mode')}
          values={v('modes')}
          error={err('modes')}
        />
      );
      break;
    case 'safety':
      body = (
        <Choices
          i18n={p.i18n}
          type="radio"
          name="answer"
          legend={question}
          legendIsHeading
          hint={t('conversation.safety.hint')}
          options={opts(SAFETY, 'conversation.safety')}
          values={v('answer')}
          error={err('answer')}
        />
      );
      break;
    case 'times':
      body = (
        <>
          <h1>{question}</h1>
          <p class="hint">{t('conversation.times.hint')}</p>
          {err('unavailable') && <ErrorMessage i18n={p.i18n} id="unavailable-error" message={err('unavailable')!} />}
          <span id="unavailable-0" />
          {DAY_CODES.map((day) => (
            <fieldset class="field">
              <legend>{t(k(`conversation.day.${day}`))}</legend>
              {TIMES_OF_DAY.map((time) => {
                const value = `${day}.${time}`;
                return (
                  <div class="choice">
                    <input
                      type="checkbox"
                      id={`slot-${day}-${time}`}
                      name="unavailable"
                      value={value}
                      checked={v('unavailable').includes(value)}
                    />
                    <label for={`slot-${day}-${time}`}>{t(k(`conversation.time.${time}`))}</label>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </>
      );
      break;
    case 'avoid': {
      const a = p.avoid!;
      const chosen = v('serviceIds');
      const offered = [
        ...chosen.map((id) => ({ value: id, label: a.chosenNames.get(id) ?? id })),
        ...(a.results ?? [])
          .filter((r) => !chosen.includes(r.id))
          .map((r) => ({ value: r.id, label: `${r.name} (${r.organizationName})` })),
      ];
      body = (
        <>
          <h1>{question}</h1>
          <p class="hint">{t('conversation.avoid.hint')}</p>
          <form method="get" action={`${p.base}/avoid`} class="field" role="search">
            <label for="q">{t('conversation.avoid.search')}</label>
            <input id="q" name="q" type="search" value={a.query} maxlength={60} />
            <button type="submit" class="secondary">
              {t('conversation.avoid.searchButton')}
            </button>
          </form>
          {a.results && a.results.length === 0 && <p role="status">{t('conversation.avoid.notFound')}</p>}
          <PostForm action={`${p.base}/avoid`} csrf={p.csrf}>
            {offered.length > 0 && (
              <Choices
                i18n={p.i18n}
                type="checkbox"
                name="serviceIds"
                legend={a.results?.length ? t('conversation.avoid.found') : t('conversation.avoid.chosen')}
                options={offered}
                values={chosen}
                error={err('serviceIds')}
              />
            )}
            <Choices
              i18n={p.i18n}
              type="checkbox"
              name="settings"
              legend={t('conversation.avoid.settings')}
              options={opts(AVOID_SETTINGS, 'conversation.avoid')}
              values={v('settings')}
              error={err('settings')}
            />
            {words(t('conversation.avoid.words'))}
            <button type="submit">{t('conversation.continue')}</button>
          </PostForm>
        </>
      );
      break;
    }
  }
  return (
    <>
      <p class="hint">{t('conversation.progress', { step: index, total: STEPS.length })}</p>
      {p.step === 'avoid' ? (
        body
      ) : (
        <PostForm action={`${p.base}/${p.step}`} csrf={p.csrf}>
          {body}
          <button type="submit">{t('conversation.continue')}</button>
        </PostForm>
      )}
      <p>
        <a href={before ? `${p.base}/${before}` : p.base.replace(/\/conversation$/, '')}>{t('conversation.back')}</a>
      </p>
    </>
  );
}

/** One answer as words, for "Check your answers". */
export function answerWords(i18n: I18n, step: Step, a: Answers, serviceNames: Map<string, string>): string[] {
  const { t } = i18n;
  switch (step) {
    case 'practical':
      return (a.practical?.needs ?? []).map((n) => t(k(`conversation.practical.${n}`)));
    case 'interests':
      return [...(a.interests?.kinds ?? []).map((c) => t(k(`term.kind.${c}`))), ...(a.interests?.words ? [a.interests.words] : [])];
    case 'strengths':
      return a.strengths?.words ? [a.strengths.words] : [];
    case 'wants':
      return [
        ...(a.wants?.wants ?? []).map((w) => t(k(`conversation.wants.${w}`))),
        ...(a.wants?.faith ? [t('conversation.wants.faith')] : []),
        ...(a.wants?.communities ? [a.wants.communities] : []),
      ];
    case 'help':
      return (a.help?.needs ?? []).map((n) => t(k(`conversation.help.${n}`)));
    case 'cost':
      return a.cost ? [t(k(`conversation.cost.${a.cost.limit}`))] : [];
    case 'times':
      return unavailableWords(i18n, a.times?.unavailable ?? []);
    case 'travel':
      return a.travel ? [t(k(`conversation.travel.${a.travel.distance}`))] : [];
    case 'modes':
      return (a.modes?.modes ?? []).map((m) => t(k(`term.mode.${m}`)));
    case 'avoid':
      return [
        ...(a.avoid?.serviceIds ?? []).map((id) => serviceNames.get(id) ?? id),
        ...(a.avoid?.settings ?? []).map((s) => t(k(`conversation.avoid.${s}`))),
        ...(a.avoid?.words ? [a.avoid.words] : []),
      ];
    case 'safety':
      return a.safety ? [t(k(`conversation.safety.${a.safety.answer}`))] : [];
  }
}

export function CheckAnswersView(p: {
  i18n: I18n;
  csrf: string;
  base: string;
  answers: Answers;
  serviceNames: Map<string, string>;
  /** Rows (dt, dd) shown after the answers (the musts and nice-to-haves). */
  after?: Child;
}) {
  const { t } = p.i18n;
  return (
    <>
      <h1>{t('conversation.check.title')}</h1>
      <dl class="summary">
        {STEPS.map((step) => {
          const words = answerWords(p.i18n, step, p.answers, p.serviceNames);
          return (
            <>
              <dt>{t(QUESTION[step])}</dt>
              <dd>
                {p.answers[step] === undefined ? (
                  <strong>{t('conversation.check.notAnswered')}</strong>
                ) : words.length ? (
                  p.i18n.formatList(words)
                ) : (
                  t('conversation.check.none')
                )}{' '}
                <a href={`${p.base}/${step}?from=check`}>
                  {t('conversation.check.change')}
                  <span class="vh"> {t(QUESTION[step])}</span>
                </a>
              </dd>
            </>
          );
        })}
        {p.after}
      </dl>
      <PostForm action={`${p.base}/check`} csrf={p.csrf}>
        <button type="submit">{t('conversation.check.save')}</button>
      </PostForm>
    </>
  );
}
