/** The person's befriending section at /my: who they meet, the next contact, and "how is it going?". */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { Radios, TextArea } from '../../platform/views/staff-forms.tsx';
import type { MySection } from '../person-view/my-session.service.ts';
import { MAX_WORDS, MY_CHECK_IN_ANSWERS, myMatches, type MyMatch } from './my-befriending.service.ts';

const ANSWER_KEY = { going_well: 'befriending.my.goingWell', ok: 'befriending.my.ok', not_well: 'befriending.my.notWell' } as const;

function MyMatchView({ i18n, m }: { i18n: I18n; m: MyMatch }) {
  const { t } = i18n;
  return (
    <article class="befriending" data-match={m.id}>
      <p>
        {m.mode === 'phone'
          ? t('befriending.my.byPhone', { name: m.volunteerName })
          : t('befriending.my.inPerson', { name: m.volunteerName })}
      </p>
      {m.nextContact && <p>{t('befriending.my.next', { date: i18n.formatDate(new Date(`${m.nextContact}T12:00:00Z`)) })}</p>}
      {m.ending && <p>{t('befriending.my.ending', { name: m.volunteerName })}</p>}
      {m.lastAnswer && (
        <p class="hint">
          {t('befriending.my.lastAnswer', { answer: t(ANSWER_KEY[m.lastAnswer.answer]), date: i18n.formatDate(m.lastAnswer.at) })}
        </p>
      )}
      <form method="post" action={`/my/befriending/${m.id}/check-in`} novalidate class="check-in">
        <Radios
          i18n={i18n}
          id={`bf-answer-${m.id}`}
          name="answer"
          legend={t('befriending.my.question', { name: m.volunteerName })}
          options={MY_CHECK_IN_ANSWERS.map((v) => ({ value: v, label: t(ANSWER_KEY[v]) }))}
        />
        <TextArea i18n={i18n} id={`bf-words-${m.id}`} name="words" label={t('befriending.my.words')} maxlength={MAX_WORDS} />
        <button type="submit">{t('personView.send')}</button>
      </form>
    </article>
  );
}

export function myBefriendingSection(db: Kysely<DB>): MySection {
  return async (personId, i18n) => {
    const matches = await myMatches(db, personId);
    if (!matches.length) return null;
    return (
      <section id="befriending">
        <h2>{i18n.t('befriending.my.heading')}</h2>
        {matches.map((m) => (
          <MyMatchView i18n={i18n} m={m} />
        ))}
      </section>
    );
  };
}
