/**
 * The questionnaire pages a connector goes through with the person:
 *
 *   1. "Before you start" (staff words): occasion and date, how the questions
 *      are answered, and the language (the person's preferred one chosen);
 *   2. the questions, all of one measure on one page, in the PERSON's
 *      language (`lang`/`dir` on their section, so Arabic reads right to
 *      left inside an English staff page): the plain-words explanation, then
 *      the items as radio groups (fieldset + legend), each with "Prefer not
 *      to say"; the connector says whether the explanation was shown, then
 *      saves — or records that the person would rather not answer.
 *
 * Why one page per measure rather than one item per page: the measures are
 * short (one to four items); the ONS items are meant to be read in their
 * order with their introduction; nothing is stored until the whole measure is
 * saved in one transaction (no half-kept answers about feelings); and it works
 * the same without JavaScript. No score is ever shown on these pages.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { LOCALES, type LocaleCode } from '../../platform/i18n/locales.ts';
import { ErrorMessage, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, Radios, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { displayedOptions, PREFER_NOT, type Measure, type MeasureItem } from './measure-definitions.ts';
import { itemField, MODES, OCCASIONS, preferNotField } from './measure-answers.ts';
import { personSays, staffSays } from './measure-text.ts';
import type { PersonHeader } from './measures.service.ts';

export interface SetupValues {
  occasion: string;
  occasionDate: string;
  mode: string;
  language: string;
}

interface Common {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  person: PersonHeader;
  measure: Measure;
  problems?: FieldProblem[];
}

const base = (personId: string, measureId: string) => `/staff/people/${personId}/measures/${measureId}`;

function problemFor(problems: readonly FieldProblem[] | undefined, field: string): string | undefined {
  return problems?.find((p) => p.field === field || p.field === `${field}-0`)?.message;
}

export function SetupPage({ i18n, actor, csrf, person, measure, problems = [], values }: Common & { values: SetupValues }) {
  const s = i18n.staff;
  const title = s('measures.new.title', { measure: staffSays(i18n, measure.name), name: person.displayName });
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} problems={problems}>
      <p>
        <a href={`/staff/people/${person.id}/measures`}>{s('measures.backToPerson')}</a>
      </p>
      <h1>{title}</h1>
      <p class="callout">{s('measures.notScreening')}</p>
      <h2>{s('measures.new.setupHeading')}</h2>
      <form method="get" action={`${base(person.id, measure.id)}/questions`} novalidate>
        <Radios
          i18n={i18n}
          id="occasion"
          name="occasion"
          legend={s('measures.field.occasion')}
          error={problemFor(problems, 'occasion')}
          value={values.occasion}
          options={OCCASIONS.map((o) => ({ value: o, label: s(`measures.occasion.${o}`) }))}
        />
        <TextField
          i18n={i18n}
          id="occasionDate"
          type="date"
          label={s('measures.field.occasionDate')}
          hint={s('measures.field.occasionDateHint')}
          error={problemFor(problems, 'occasionDate')}
          value={values.occasionDate}
          size="medium"
        />
        <Radios
          i18n={i18n}
          id="mode"
          name="mode"
          legend={s('measures.field.mode')}
          error={problemFor(problems, 'mode')}
          value={values.mode}
          options={MODES.map((m) => ({ value: m, label: s(`measures.mode.${m}`) }))}
        />
        <Radios
          i18n={i18n}
          id="language"
          name="language"
          legend={s('measures.field.language')}
          hint={s('measures.field.languageHint')}
          error={problemFor(problems, 'language')}
          value={values.language}
          options={measure.languages.map((code) => ({ value: code, label: `${LOCALES[code].englishName} (${LOCALES[code].nativeName})` }))}
        />
        <button type="submit">{s('measures.new.continue')}</button>
      </form>
    </StaffPage>
  );
}

function ItemQuestion({
  person,
  item,
  index,
  answer,
  error,
}: {
  person: I18n;
  item: MeasureItem;
  index: number;
  answer: string | undefined;
  error?: string;
}) {
  const t = (x: Parameters<typeof personSays>[1]) => personSays(person, x);
  const id = `q-${item.id}`;
  const errorId = error ? `${id}-error` : undefined;
  if (item.kind === 'count') {
    const preferNot = answer?.endsWith(PREFER_NOT) ?? false;
    const number = answer?.split('|')[0] === PREFER_NOT ? '' : (answer?.split('|')[0] ?? '');
    return (
      <div class={error ? 'field err-field' : 'field'}>
        <fieldset aria-describedby={errorId}>
          <legend>
            <span class="vh">{person.formatNumber(index + 1)}. </span>
            {t(item.prompt)}
          </legend>
          {error && <ErrorMessage i18n={person} id={errorId!} message={error} />}
          <div class="field">
            <label for={id}>{t(item.label)}</label>
            <p class="hint" id={`${id}-hint`}>
              {t(item.hint)}
            </p>
            <input
              id={id}
              name={itemField(item.id)}
              type="text"
              inputmode="numeric"
              class="w-short"
              value={number}
              aria-describedby={`${id}-hint`}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
          <div class="choice">
            <input type="checkbox" id={`${id}-prefer-not`} name={preferNotField(item.id)} value="yes" checked={preferNot} />
            <label for={`${id}-prefer-not`}>{person.t('measures.preferNot')}</label>
          </div>
        </fieldset>
      </div>
    );
  }
  const options =
    item.kind === 'choice'
      ? displayedOptions(item).map((o) => ({ value: o.code, label: t(o.label) }))
      : Array.from({ length: item.max - item.min + 1 }, (_, i) => ({
          value: String(item.min + i),
          label: person.formatNumber(item.min + i),
        }));
  const hintId = item.kind === 'scale' ? `${id}-hint` : undefined;
  return (
    <div class={error ? 'field err-field' : 'field'}>
      <fieldset
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        class={item.kind === 'scale' ? 'scale' : undefined}
      >
        <legend>{t(item.prompt)}</legend>
        {item.kind === 'scale' && (
          <p class="hint" id={hintId}>
            <bdi>{person.formatNumber(item.min)}</bdi> = {t(item.minLabel)} · <bdi>{person.formatNumber(item.max)}</bdi> ={' '}
            {t(item.maxLabel)}
          </p>
        )}
        {error && <ErrorMessage i18n={person} id={errorId!} message={error} />}
        {[...options, { value: PREFER_NOT, label: person.t('measures.preferNot') }].map((o, i) => (
          <div class="choice">
            <input type="radio" id={`${id}-${i}`} name={itemField(item.id)} value={o.value} checked={o.value === answer} />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export interface QuestionsPageProps extends Common {
  person: PersonHeader;
  /** The person's language kit (the questions' language). */
  personI18n: I18n;
  setup: SetupValues & { language: LocaleCode };
  explanation?: string;
  answers?: Readonly<Record<string, string>>;
  /** Item id → message in the person's language. */
  itemErrors?: Readonly<Record<string, string>>;
}

export function QuestionsPage({
  i18n,
  actor,
  csrf,
  person,
  measure,
  problems = [],
  personI18n,
  setup,
  explanation,
  answers = {},
  itemErrors = {},
}: QuestionsPageProps) {
  const s = i18n.staff;
  const p = personI18n;
  const title = s('measures.new.title', { measure: staffSays(i18n, measure.name), name: person.displayName });
  const changeHref = `${base(person.id, measure.id)}/new?${new URLSearchParams({ occasion: setup.occasion, occasionDate: setup.occasionDate, mode: setup.mode, language: setup.language })}`;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} problems={problems}>
      <p>
        <a href={`/staff/people/${person.id}/measures`}>{s('measures.backToPerson')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {s('measures.setup.summary', {
          occasion: s(`measures.occasion.${setup.occasion as 'baseline' | 'follow_up'}`),
          date: setup.occasionDate,
          mode: s(`measures.mode.${setup.mode as 'self'}`),
          language: LOCALES[setup.language].englishName,
        })}{' '}
        <a href={changeHref}>{s('measures.new.change')}</a>
      </p>
      {measure.source === 'pack' && <p class="hint">{s('measures.pack.licence', { notice: measure.credit })}</p>}
      <PostForm action={base(person.id, measure.id)} csrf={csrf}>
        <input type="hidden" name="occasion" value={setup.occasion} />
        <input type="hidden" name="occasionDate" value={setup.occasionDate} />
        <input type="hidden" name="mode" value={setup.mode} />
        <input type="hidden" name="language" value={setup.language} />
        <h2>{s('measures.questions.heading')}</h2>
        <p class="hint">{s('measures.questions.note')}</p>
        <section class="person-words" lang={p.locale} dir={p.dir}>
          <div class="callout" id="explanation">
            <h3>{p.t('measures.explanation.heading')}</h3>
            <p>{personSays(p, measure.why)}</p>
            <p>{p.t('measures.explanation.common')}</p>
          </div>
        </section>
        <Radios
          i18n={i18n}
          id="explanation"
          name="explanation"
          legend={s('measures.field.explanation')}
          error={problemFor(problems, 'explanation')}
          value={explanation}
          options={[
            { value: 'yes', label: s('measures.yes') },
            { value: 'no', label: s('measures.no') },
          ]}
        />
        <section class="person-words" lang={p.locale} dir={p.dir} aria-labelledby="measure-title">
          <h3 id="measure-title">{personSays(p, measure.title)}</h3>
          {measure.intro && <p>{personSays(p, measure.intro)}</p>}
          {measure.items.map((item, i) => (
            <ItemQuestion person={p} item={item} index={i} answer={answers[item.id]} error={itemErrors[item.id]} />
          ))}
        </section>
        <button type="submit" name="save" value="yes">
          {s('measures.save')}
        </button>
        <p class="hint" id="decline-hint">
          {s('measures.declineHint')}
        </p>
        <button type="submit" name="decline" value="yes" class="secondary" aria-describedby="decline-hint">
          {s('measures.decline')}
        </button>
      </PostForm>
    </StaffPage>
  );
}
