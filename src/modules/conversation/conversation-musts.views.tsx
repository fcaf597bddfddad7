/**
 * "What must a place have, and what would be nice?" (reached from "check
 * your answers"): for each of the person's preferences, Must have / Nice
 * to have / Does not matter, with what it is (women only or men only,
 * which access, the times they can go, distance unless helped, home visits,
 * an interpreter instead). Nothing is ticked until chosen. No JavaScript.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ErrorMessage } from '../../platform/views/error-summary.tsx';
import { PostForm } from '../../platform/views/staff-forms.tsx';
import { ACCESS_FEATURES, DAY_CODES } from '../directory/service-graph.ts';
import { languageName } from '../find/presenters.ts';
import type { AnswerProblem, Answers } from './conversation-answers.ts';
import { GENDER_SETTINGS, IMPORTANCE, MUST_KINDS, type MustKind, type Musts } from './conversation-musts.ts';
import { mustApplies } from './conversation-to-match.ts';
import { Choices, problemsFor } from './conversation.views.tsx';

const k = (s: string) => s as MessageKey;

/** What each preference is, in the person's words. */
export function mustLabel(i18n: I18n, kind: MustKind, answers: Answers, spokenLanguage: string | null): string {
  const { t } = i18n;
  switch (kind) {
    case 'gender_setting':
      return t('conversation.musts.gender');
    case 'creche':
      return t('matching.reason.creche');
    case 'access':
      return t('conversation.musts.access');
    case 'no_id':
      return t('matching.need.noId');
    case 'cost':
      return t(k(`conversation.cost.${answers.cost?.limit ?? 'any'}`));
    case 'times':
      return t('conversation.musts.times');
    case 'distance':
      return t(k(`conversation.travel.${answers.travel?.distance ?? 'any'}`));
    case 'mode':
      return i18n.formatList((answers.modes?.modes ?? []).map((m) => t(k(`term.mode.${m}`))));
    case 'language':
      return t('matching.reason.speaks', { languages: spokenLanguage ? languageName(i18n, spokenLanguage) : '' });
  }
}

/** The marks as words for "check your answers" ("Women only (must)"). */
export function mustsWords(i18n: I18n, m: Musts | undefined, answers: Answers, spokenLanguage: string | null): string[] {
  if (!m) return [];
  const { t } = i18n;
  return MUST_KINDS.filter((kind) => m.importance[kind] && mustApplies(kind, answers, spokenLanguage)).map((kind) => {
    let what = mustLabel(i18n, kind, answers, spokenLanguage);
    if (kind === 'gender_setting' && m.gender) what = t(k(`term.gender.${m.gender}`));
    if (kind === 'access') what = i18n.formatList(m.access.map((a) => t(k(`term.access.${a}`))));
    if (kind === 'times') what = i18n.formatList(m.windows.map((w) => `${t(k(`conversation.day.${w.day}`))} ${w.from}–${w.to}`));
    if (kind === 'distance' && m.unlessHelped) what = `${what}; ${t('conversation.musts.unlessHelped')}`;
    if (kind === 'mode' && m.homeVisit) what = i18n.formatList([what, t('term.mode.home_visit')]);
    if (kind === 'language' && m.interpreterOk) what = `${what}; ${t('conversation.musts.interpreterOk')}`;
    return t(m.importance[kind] === 'must' ? 'conversation.musts.asMust' : 'conversation.musts.asNice', { what });
  });
}

export function MustsView(p: {
  i18n: I18n;
  csrf: string;
  base: string;
  answers: Answers;
  spokenLanguage: string | null;
  values: Record<string, string[]>;
  problems: readonly AnswerProblem[];
}) {
  const { t } = p.i18n;
  const v = (name: string) => p.values[name] ?? [];
  const err = (name: string) => {
    const pr = p.problems.find((x) => x.field === name);
    return pr ? problemsFor(p.i18n, [pr])[0]!.message : undefined;
  };
  const importance = IMPORTANCE.map((c) => ({ value: c, label: t(k(`conversation.musts.${c}`)) }));
  const yesBox = (name: string, label: string) => (
    <div class="field choice">
      <input type="checkbox" id={`${name}-0`} name={name} value="yes" checked={v(name).includes('yes')} />
      <label for={`${name}-0`}>{label}</label>
    </div>
  );
  const timeError = DAY_CODES.map((d) => err(`from_${d}`)).find(Boolean);
  const extra: Partial<Record<MustKind, unknown>> = {
    gender_setting: (
      <Choices
        i18n={p.i18n}
        type="radio"
        name="gender"
        legend={t('conversation.musts.gender')}
        options={GENDER_SETTINGS.map((g) => ({ value: g, label: t(k(`term.gender.${g}`)) }))}
        values={v('gender')}
        error={err('gender')}
      />
    ),
    access: (
      <Choices
        i18n={p.i18n}
        type="checkbox"
        name="access"
        legend={t('conversation.musts.access')}
        hint={t('conversation.chooseAll')}
        options={ACCESS_FEATURES.map((a) => ({ value: a, label: t(k(`term.access.${a}`)) }))}
        values={v('access')}
        error={err('access')}
      />
    ),
    times: (
      <fieldset class="field">
        <legend>{t('conversation.musts.times')}</legend>
        <p class="hint">{t('conversation.musts.timesHint')}</p>
        {timeError && <ErrorMessage i18n={p.i18n} id="times-error" message={timeError} />}
        {DAY_CODES.map((day) => {
          const dayName = t(k(`conversation.day.${day}`));
          return (
            <p>
              <strong>{dayName}</strong>{' '}
              <label for={`from_${day}-0`}>
                {t('conversation.musts.from')}
                <span class="vh"> ({dayName})</span>
              </label>{' '}
              <input type="time" id={`from_${day}-0`} name={`from_${day}`} value={v(`from_${day}`)[0] ?? ''} />{' '}
              <label for={`to_${day}-0`}>
                {t('conversation.musts.to')}
                <span class="vh"> ({dayName})</span>
              </label>{' '}
              <input type="time" id={`to_${day}-0`} name={`to_${day}`} value={v(`to_${day}`)[0] ?? ''} />
            </p>
          );
        })}
      </fieldset>
    ),
    distance: yesBox('unlessHelped', t('conversation.musts.unlessHelped')),
    mode: yesBox('homeVisit', t('term.mode.home_visit')),
    language: yesBox('interpreterOk', t('conversation.musts.interpreterOk')),
  };
  return (
    <>
      <h1>{t('conversation.musts.question')}</h1>
      <p class="hint">{t('conversation.musts.hint')}</p>
      <PostForm action={`${p.base}/musts`} csrf={p.csrf}>
        {MUST_KINDS.filter((kind) => mustApplies(kind, p.answers, p.spokenLanguage)).map((kind) => (
          <section class="must">
            <Choices
              i18n={p.i18n}
              type="radio"
              name={`imp_${kind}`}
              legend={mustLabel(p.i18n, kind, p.answers, p.spokenLanguage)}
              options={importance}
              values={v(`imp_${kind}`)}
              error={err(`imp_${kind}`)}
            />
            {extra[kind] as never}
          </section>
        ))}
        <button type="submit">{t('conversation.continue')}</button>
      </PostForm>
      <p>
        <a href={`${p.base}/check`}>{t('conversation.back')}</a>
      </p>
    </>
  );
}

/** The musts on "check your answers", with a link to mark them. */
export function MustsSummary(p: { i18n: I18n; base: string; answers: Answers; spokenLanguage: string | null }) {
  const { t } = p.i18n;
  const words = mustsWords(p.i18n, p.answers.musts, p.answers, p.spokenLanguage);
  return (
    <>
      <dt>{t('conversation.musts.title')}</dt>
      <dd>
        {words.length ? p.i18n.formatList(words) : t('conversation.check.none')}{' '}
        <a href={`${p.base}/musts`}>{t('conversation.musts.link')}</a>
      </dd>
    </>
  );
}
