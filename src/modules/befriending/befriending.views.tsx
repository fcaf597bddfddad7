/**
 * Befriending pages: finding volunteers for a person (suggestions with their
 * reasons, and how many each rule ruled out), a match as its coordinator sees
 * it, a match as its volunteer sees it, and the coordinator's list.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { ButtonForm, PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { ContactForms, ContactList, dayText, k, languageName, reasonText, WeekSlots } from './befriending-parts.tsx';
import { END_REASONS, type BefriendingService, type FindInput, type VolunteerMatchView } from './befriending.service.ts';
import { BEFRIENDING_RULES, type VolunteerMatchResult } from './volunteer-match.ts';

type Detail = Awaited<ReturnType<BefriendingService['detail']>>;
type OrgMatches = Awaited<ReturnType<BefriendingService['ofOrganisation']>>;

const problemsOf = (i18n: I18n, problem: string | null): FieldProblem[] =>
  problem ? [{ field: problem.split(':')[1] ?? 'main', message: i18n.staff(k(`befriending.problem.${problem.split(':')[0]}`)) }] : [];

export function FindPage({
  i18n,
  csrf,
  actor,
  personId,
  personName,
  input,
  result,
  problem,
}: StaffViewBase & { personId: string; personName: string; input: FindInput; result: VolunteerMatchResult; problem: string | null }) {
  const s = i18n.staff;
  const counts = BEFRIENDING_RULES.map((r) => [r, result.ruledOut.filter((x) => x.rules.includes(r)).length] as const).filter(
    ([, n]) => n > 0,
  );
  return (
    <StaffPage
      i18n={i18n}
      actor={actor}
      csrf={csrf}
      title={s('befriending.find.title', { name: personName })}
      problems={problemsOf(i18n, problem)}
    >
      <p>
        <a href={`/staff/people/${personId}#befriending`}>{s('befriending.backToPerson', { name: personName })}</a>
      </p>
      <h1>{s('befriending.find.title', { name: personName })}</h1>
      <form method="get" action={`/staff/people/${personId}/befriending/find`} class="find-volunteers">
        <Radios
          i18n={i18n}
          id="gender"
          name="gender"
          legend={s('befriending.find.gender')}
          hint={s('befriending.find.genderHint')}
          options={[
            { value: '', label: s('befriending.find.genderAny') },
            { value: 'woman', label: s('befriending.find.genderWoman') },
            { value: 'man', label: s('befriending.find.genderMan') },
          ]}
          value={input.wantedGender ?? ''}
        />
        <Radios
          i18n={i18n}
          id="mode"
          name="mode"
          legend={s('befriending.find.mode')}
          options={(['either', 'in_person', 'phone'] as const).map((m) => ({ value: m, label: s(k(`befriending.find.mode.${m}`)) }))}
          value={input.mode}
        />
        <WeekSlots
          i18n={i18n}
          id="times"
          legend={s('befriending.find.times')}
          hint={s('befriending.find.timesHint')}
          values={input.times}
        />
        <button type="submit">{s('befriending.find.submit')}</button>
      </form>
      <h2>{s('befriending.find.results')}</h2>
      {result.suggestions.length === 0 && <p>{s('befriending.find.nobody')}</p>}
      <ol class="volunteer-suggestions">
        {result.suggestions.map((v) => (
          <li data-volunteer={v.accountId}>
            <h3>{v.name}</h3>
            <p>{s(k(`befriending.mode.${v.mode}`))}</p>
            <ul class="reasons">
              {v.reasons.map((r) => (
                <li>{reasonText(i18n, r)}</li>
              ))}
            </ul>
            <PostForm action={`/staff/people/${personId}/befriending/propose`} csrf={csrf}>
              <input type="hidden" name="volunteer" value={v.accountId} />
              <input type="hidden" name="gender" value={input.wantedGender ?? ''} />
              <input type="hidden" name="mode" value={input.mode} />
              {input.times.map((t) => (
                <input type="hidden" name="times" value={t} />
              ))}
              <TextField
                i18n={i18n}
                id={`goal-${v.accountId}`}
                name="goal"
                label={s('befriending.find.goal')}
                hint={s('befriending.find.goalHint')}
                maxlength={300}
              />
              <button type="submit">{s('befriending.find.propose', { name: v.name })}</button>
            </PostForm>
          </li>
        ))}
      </ol>
      {counts.length > 0 && (
        <>
          <h2>{s('befriending.find.ruledOut')}</h2>
          <ul class="ruled-out">
            {counts.map(([rule, n]) => (
              <li data-rule={rule}>{s(k(`befriending.rule.${rule}`), { count: n })}</li>
            ))}
          </ul>
        </>
      )}
    </StaffPage>
  );
}

export function MatchPage({ i18n, csrf, actor, notice, d, problem }: StaffViewBase & { d: Detail; problem: string | null }) {
  const s = i18n.staff;
  const m = d.match;
  const base = `/staff/befriending/${m.id}`;
  const running = m.state === 'active' || m.state === 'ending';
  return (
    <StaffPage
      i18n={i18n}
      actor={actor}
      csrf={csrf}
      title={s('befriending.match.title', { person: d.personName, volunteer: d.volunteerName })}
      notice={notice}
      problems={problemsOf(i18n, problem)}
    >
      <p>
        <a href={`/staff/people/${m.person_id}#befriending`}>{s('befriending.backToPerson', { name: d.personName })}</a> ·{' '}
        <a href="/staff/befriending">{s('befriending.list.title')}</a>
      </p>
      <h1>{s('befriending.match.title', { person: d.personName, volunteer: d.volunteerName })}</h1>
      <p>
        <strong class="tag" data-state={m.state}>
          {s(k(`befriending.state.${m.state}`))}
        </strong>{' '}
        · {s(k(`befriending.mode.${m.mode}`))}
        {m.review_on && <> · {s('befriending.match.review', { date: dayText(i18n, m.review_on) })}</>}
      </p>
      {m.goal && <p dir="auto">{s('befriending.match.goal', { goal: m.goal })}</p>}
      <ul class="reasons">
        {m.reasons.map((r) => (
          <li>{reasonText(i18n, r)}</li>
        ))}
      </ul>
      {d.concerns.length > 0 && (
        <section id="concerns" class="concerns">
          <h2>{s('befriending.concerns.heading')}</h2>
          <ul>
            {d.concerns.map((c) => (
              <li data-concern={c.id}>
                <strong class={c.seen_at ? 'tag' : 'tag warn'}>
                  {c.seen_at ? s('befriending.concerns.seen') : s('befriending.concerns.new')}
                </strong>{' '}
                {s('befriending.concerns.by', {
                  name: c.raised_by_name,
                  date: i18n.formatDate(c.raised_at, { dateStyle: 'medium', timeStyle: 'short' }),
                })}
                <p dir="auto">{c.note}</p>
                {!c.seen_at && (
                  <ButtonForm
                    action={`${base}/concerns/${c.id}/seen`}
                    csrf={csrf}
                    label={s('befriending.concerns.markSeen')}
                    variant="secondary"
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {m.state === 'proposed' && (
        <section>
          <h2>{s('befriending.agree.heading')}</h2>
          <p>
            {m.person_agreed_at ? s('befriending.agree.personYes') : s('befriending.agree.personWaiting')}
            {' · '}
            {m.volunteer_agreed_at ? s('befriending.agree.volunteerYes') : s('befriending.agree.volunteerWaiting')}
          </p>
          <p class="hint">{s('befriending.agree.hint')}</p>
          {!m.person_agreed_at && (
            <ButtonForm action={`${base}/person-agreed`} csrf={csrf} label={s('befriending.agree.personAgreed')} />
          )}{' '}
          <ButtonForm action={`${base}/person-declined`} csrf={csrf} label={s('befriending.agree.personDeclined')} variant="secondary" />{' '}
          <ButtonForm action={`${base}/withdraw`} csrf={csrf} label={s('befriending.agree.withdraw')} variant="link" />
        </section>
      )}
      <section>
        <h2>{s('befriending.contacts.heading')}</h2>
        <ContactList i18n={i18n} contacts={d.contacts} />
        {running && <ContactForms i18n={i18n} csrf={csrf} base={base} contacts={d.contacts} />}
      </section>
      <section>
        <h2>{s('befriending.checkIns.heading')}</h2>
        {d.checkIns.length === 0 ? (
          <p>{s('befriending.checkIns.none')}</p>
        ) : (
          <ul class="check-ins">
            {d.checkIns.map((c) => (
              <li>
                {i18n.formatDate(c.at, { dateStyle: 'medium' })}: <strong>{s(k(`befriending.checkIn.${c.answer}`))}</strong>
                {c.words && <p dir="auto">{c.words}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {running && (
        <section>
          <h2>{s('befriending.review.heading')}</h2>
          <PostForm action={`${base}/review`} csrf={csrf}>
            <TextField
              i18n={i18n}
              id="review_on"
              label={s('befriending.review.date')}
              type="date"
              size="medium"
              value={m.review_on ?? ''}
            />
            <button type="submit" class="secondary">
              {s('befriending.review.submit')}
            </button>
          </PostForm>
        </section>
      )}
      {m.state === 'active' && (
        <section id="ending">
          <h2>{s('befriending.ending.heading')}</h2>
          <p class="hint">{s('befriending.ending.hint')}</p>
          <PostForm action={`${base}/ending`} csrf={csrf}>
            <Radios
              i18n={i18n}
              id="reason"
              name="reason"
              legend={s('befriending.ending.reason')}
              options={END_REASONS.map((r) => ({ value: r, label: s(k(`befriending.end.${r}`)) }))}
            />
            <TextField
              i18n={i18n}
              id="goodbye_on"
              label={s('befriending.ending.goodbyeOn')}
              hint={s('befriending.ending.goodbyeHint')}
              type="date"
              size="medium"
            />
            <button type="submit">{s('befriending.ending.submit')}</button>
          </PostForm>
        </section>
      )}
      {m.state === 'ending' && (
        <section id="goodbye">
          <h2>{s('befriending.goodbye.heading')}</h2>
          <p>{s('befriending.goodbye.planned', { date: dayText(i18n, m.goodbye_on!), reason: s(k(`befriending.end.${m.end_reason}`)) })}</p>
          <PostForm action={`${base}/goodbye`} csrf={csrf}>
            <TextArea i18n={i18n} id="goodbye_note" label={s('befriending.goodbye.note')} maxlength={1000} />
            <button type="submit">{s('befriending.goodbye.submit')}</button>
          </PostForm>
        </section>
      )}
      {m.state === 'ended' && (
        <p>
          {s('befriending.goodbye.ended', { reason: s(k(`befriending.end.${m.end_reason}`)) })}{' '}
          {m.end_reason === 'group' && <a href={`/staff/people/${m.person_id}#pathway`}>{s('befriending.goodbye.nextSteps')}</a>}
        </p>
      )}
    </StaffPage>
  );
}

export function VolunteerMatchPage({
  i18n,
  csrf,
  actor,
  notice,
  m,
  problem,
}: StaffViewBase & { m: VolunteerMatchView; problem: string | null }) {
  const s = i18n.staff;
  const base = `/staff/volunteering/matches/${m.id}`;
  const title = m.person ? s('volunteering.matchWith', { name: m.person.name }) : s('volunteering.matchTitle');
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} notice={notice} problems={problemsOf(i18n, problem)}>
      <p>
        <a href="/staff/volunteering">{s('volunteering.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <strong class="tag">{s(k(`befriending.state.${m.state}`))}</strong> · {s(k(`befriending.mode.${m.mode}`))}
        {m.reviewOn && <> · {s('befriending.match.review', { date: dayText(i18n, m.reviewOn) })}</>}
      </p>
      {m.person ? (
        <dl>
          <dt>{s('volunteering.person.language')}</dt>
          <dd>{languageName(m.person.language)}</dd>
          {m.person.phone && (
            <>
              <dt>{s('volunteering.person.phone')}</dt>
              <dd>
                <span dir="ltr">{m.person.phone}</span>
                {m.person.safeToCall === false && <strong class="tag warn">{s('volunteering.person.notSafeToCall')}</strong>}
              </dd>
            </>
          )}
          <dt>{s('volunteering.coordinator')}</dt>
          <dd>
            {m.coordinator.name} · <a href={`mailto:${m.coordinator.email}`}>{m.coordinator.email}</a>
          </dd>
        </dl>
      ) : (
        <p>{s('volunteering.notShared')}</p>
      )}
      {m.state === 'ending' && m.goodbyeOn && <p>{s('volunteering.ending', { date: dayText(i18n, m.goodbyeOn) })}</p>}
      {m.person && (
        <section>
          <h2>{s('befriending.contacts.heading')}</h2>
          <ContactList i18n={i18n} contacts={m.contacts} />
          {(m.state === 'active' || m.state === 'ending') && <ContactForms i18n={i18n} csrf={csrf} base={base} contacts={m.contacts} />}
        </section>
      )}
    </StaffPage>
  );
}

export function BefriendingListPage({ i18n, csrf, actor, notice, matches }: StaffViewBase & { matches: OrgMatches }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('befriending.list.title')} notice={notice}>
      <h1>{s('befriending.list.title')}</h1>
      <p>
        <a href="/staff/volunteers">{s('befriending.list.volunteers')}</a>
      </p>
      {matches.length === 0 && <p>{s('befriending.list.none')}</p>}
      <ul class="matches">
        {matches.map((m) => (
          <li data-match={m.id}>
            <a href={`/staff/befriending/${m.id}`}>
              {s('befriending.match.title', { person: m.display_name, volunteer: m.volunteer_name })}
            </a>{' '}
            · <strong class="tag">{s(k(`befriending.state.${m.state}`))}</strong>
            {m.open_concerns > 0 && <strong class="tag warn">{s('befriending.list.concerns', { count: m.open_concerns })}</strong>}
            {m.review_on && <span> · {s('befriending.match.review', { date: dayText(i18n, m.review_on) })}</span>}
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}
