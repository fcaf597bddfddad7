/**
 * Volunteer pages: "Your volunteering" (a volunteer's own profile,
 * availability, vetting and matches), and for coordinators and managers the
 * volunteers of their organisation with their vetting, one volunteer's
 * profile and the form to record a check.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, Radios, TextArea, TextField, Checkbox, ButtonForm } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { CheckboxGroup, dayText, k, languageName, slotText, WeekSlots } from './befriending-parts.tsx';
import type { VolunteerMatchView } from './befriending.service.ts';
import { GENDERS, OFFERS, type ProfileInput } from './volunteer-form.ts';
import { CHECK_KINDS, type Vetting } from './vetting.ts';
import type { VolunteerDetail } from './volunteers.service.ts';

const err = (problems: readonly FieldProblem[] | undefined, f: string) => problems?.find((p) => p.field === f)?.message;

export function VettingTable({ i18n, vetting }: { i18n: I18n; vetting: Vetting }) {
  const s = i18n.staff;
  return (
    <>
      <p>
        <strong class={vetting.ok ? 'tag' : 'tag warn'}>{vetting.ok ? s('volunteers.vetting.ok') : s('volunteers.vetting.notOk')}</strong>
      </p>
      <table class="vetting">
        <caption>{s('volunteers.vetting.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{s('volunteers.vetting.kind')}</th>
            <th scope="col">{s('volunteers.vetting.status')}</th>
            <th scope="col">{s('volunteers.vetting.expires')}</th>
          </tr>
        </thead>
        <tbody>
          {vetting.checks.map((c) => (
            <tr data-kind={c.kind} data-status={c.status}>
              <th scope="row">{s(k(`volunteers.check.${c.kind}`))}</th>
              <td>
                <strong class={c.status === 'valid' ? 'tag' : 'tag warn'}>{s(k(`volunteers.status.${c.status}`))}</strong>
              </td>
              <td>{c.expiresOn ? dayText(i18n, c.expiresOn) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ProfileForm({
  i18n,
  csrf,
  action,
  profile,
  problems,
  raw,
  coordinator,
}: {
  i18n: I18n;
  csrf: string;
  action: string;
  profile: ProfileInput | null;
  problems?: readonly FieldProblem[];
  raw?: Record<string, string>;
  /** Coordinators also set lived experience (peer mentors) and how many people they can befriend. */
  coordinator: boolean;
}) {
  const s = i18n.staff;
  const p = profile;
  return (
    <PostForm action={action} csrf={csrf}>
      <CheckboxGroup
        id="offers"
        name="offers"
        legend={s('volunteers.form.offers')}
        options={OFFERS.map((o) => ({ value: o, label: s(k(`volunteers.offer.${o}`)) }))}
        values={p?.offers ?? []}
      />
      <TextField
        i18n={i18n}
        id="languages"
        label={s('volunteers.form.languages')}
        hint={s('volunteers.form.languagesHint')}
        error={err(problems, 'languages') && s(k(err(problems, 'languages')!))}
        value={raw?.languages ?? p?.languages.join(', ') ?? ''}
      />
      <TextField
        i18n={i18n}
        id="areas"
        label={s('volunteers.form.areas')}
        hint={s('volunteers.form.areasHint')}
        error={err(problems, 'areas') && s(k(err(problems, 'areas')!))}
        value={raw?.areas ?? p?.areas.join(', ') ?? ''}
      />
      <WeekSlots
        i18n={i18n}
        id="availability"
        legend={s('volunteers.form.availability')}
        hint={s('volunteers.form.availabilityHint')}
        values={p?.availability ?? []}
      />
      <TextField
        i18n={i18n}
        id="interests"
        label={s('volunteers.form.interests')}
        hint={s('volunteers.form.interestsHint')}
        error={err(problems, 'interests') && s(k(err(problems, 'interests')!))}
        value={raw?.interests ?? p?.interests.join(', ') ?? ''}
      />
      <Radios
        i18n={i18n}
        id="gender"
        name="gender"
        legend={s('volunteers.form.gender')}
        hint={s('volunteers.form.genderHint')}
        options={[
          { value: '', label: s('volunteers.gender.notSaid') },
          ...GENDERS.map((g) => ({ value: g, label: s(k(`volunteers.gender.${g}`)) })),
        ]}
        value={p?.gender ?? ''}
      />
      {coordinator ? (
        <>
          <TextField
            i18n={i18n}
            id="max_matches"
            label={s('volunteers.form.maxMatches')}
            error={err(problems, 'max_matches') && s(k(err(problems, 'max_matches')!))}
            value={raw?.max_matches ?? String(p?.maxMatches ?? 2)}
            inputmode="numeric"
            size="short"
          />
          <Checkbox
            id="lived_experience"
            label={s('volunteers.form.lived')}
            hint={s('volunteers.form.livedHint')}
            checked={p?.livedExperience ?? false}
          />
        </>
      ) : (
        <input type="hidden" name="max_matches" value={String(p?.maxMatches ?? 2)} />
      )}
      <Checkbox id="paused" label={s('volunteers.form.paused')} hint={s('volunteers.form.pausedHint')} checked={p?.paused ?? false} />
      <button type="submit">{s('volunteers.form.save')}</button>
    </PostForm>
  );
}

/** What a volunteer sees of one of their matches in a list. */
function MatchSummary({ i18n, csrf, m }: { i18n: I18n; csrf: string; m: VolunteerMatchView }) {
  const s = i18n.staff;
  return (
    <li data-match={m.id}>
      <p>
        <strong class="tag">{s(k(`befriending.state.${m.state}`))}</strong> · {s(k(`befriending.mode.${m.mode}`))}
      </p>
      {m.person ? (
        <p>
          <a href={`/staff/volunteering/matches/${m.id}`}>{s('volunteering.matchWith', { name: m.person.name })}</a>
        </p>
      ) : (
        <>
          <p>{s('volunteering.aboutHint')}</p>
          <ul>
            {m.about.language && <li>{s('befriending.reason.language', { language: languageName(m.about.language) })}</li>}
            {m.about.area && <li>{s('befriending.reason.area', { area: m.about.area })}</li>}
            {m.about.times.length > 0 && (
              <li>{s('befriending.reason.times', { times: m.about.times.map((t) => slotText(i18n, t)).join(', ') })}</li>
            )}
          </ul>
          {m.state === 'proposed' && (
            <p>
              <ButtonForm action={`/staff/volunteering/matches/${m.id}/accept`} csrf={csrf} label={s('volunteering.accept')} />{' '}
              <ButtonForm
                action={`/staff/volunteering/matches/${m.id}/decline`}
                csrf={csrf}
                label={s('volunteering.decline')}
                variant="secondary"
              />
            </p>
          )}
          {m.state !== 'proposed' && <p class="hint">{s('volunteering.waitingForPerson')}</p>}
        </>
      )}
    </li>
  );
}

export function MyVolunteeringPage({
  i18n,
  csrf,
  actor,
  notice,
  problems = [],
  detail,
  matches,
  raw,
}: StaffViewBase & { detail: VolunteerDetail; matches: VolunteerMatchView[]; raw?: Record<string, string> }) {
  const s = i18n.staff;
  const mapped = problems.map((p) => ({ field: p.field, message: s(k(p.message)) }));
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('volunteering.title')} notice={notice} problems={mapped}>
      <h1>{s('volunteering.title')}</h1>
      <h2>{s('volunteering.matches')}</h2>
      {matches.length === 0 ? (
        <p>{s('volunteering.noMatches')}</p>
      ) : (
        <ul class="matches">
          {matches.map((m) => (
            <MatchSummary i18n={i18n} csrf={csrf} m={m} />
          ))}
        </ul>
      )}
      <h2>{s('volunteering.vetting')}</h2>
      <p class="hint">{s('volunteering.vettingHint')}</p>
      <VettingTable i18n={i18n} vetting={detail.vetting} />
      <h2>{s('volunteering.profile')}</h2>
      <p class="hint">{s('volunteering.profileHint')}</p>
      <ProfileForm
        i18n={i18n}
        csrf={csrf}
        action="/staff/volunteering/profile"
        profile={detail.profile}
        problems={problems}
        raw={raw}
        coordinator={false}
      />
    </StaffPage>
  );
}

export interface VolunteerListItem {
  accountId: string;
  name: string;
  hasProfile: boolean;
  offers: readonly string[];
  languages: readonly string[];
  paused: boolean;
  vetting: Vetting;
  openMatches: number;
}

export function VolunteersPage({ i18n, csrf, actor, notice, volunteers }: StaffViewBase & { volunteers: VolunteerListItem[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('volunteers.title')} notice={notice}>
      <h1>{s('volunteers.title')}</h1>
      <p class="hint">{s('volunteers.hint')}</p>
      {volunteers.length === 0 && <p>{s('volunteers.none')}</p>}
      <ul class="volunteers">
        {volunteers.map((v) => (
          <li data-volunteer={v.accountId}>
            <a href={`/staff/volunteers/${v.accountId}`}>{v.name}</a> ·{' '}
            <strong class={v.vetting.ok ? 'tag' : 'tag warn'}>
              {v.vetting.ok ? s('volunteers.vetting.ok') : s('volunteers.vetting.notOk')}
            </strong>
            {v.vetting.checks.some((c) => c.status === 'expiring') && <strong class="tag warn">{s('volunteers.status.expiring')}</strong>}
            {!v.hasProfile && <span> · {s('volunteers.noProfile')}</span>}
            {v.paused && <span> · {s('volunteers.paused')}</span>}
            <span> · {s('volunteers.matchCount', { count: v.openMatches })}</span>
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}

export function VolunteerPage({
  i18n,
  csrf,
  actor,
  notice,
  problems = [],
  detail,
  raw,
  checkRaw,
}: StaffViewBase & { detail: VolunteerDetail; raw?: Record<string, string>; checkRaw?: Record<string, string> }) {
  const s = i18n.staff;
  const mapped = problems.map((p) => ({ field: p.field, message: s(k(p.message)) }));
  const cerr = (f: string) => (err(problems, f) ? s(k(err(problems, f)!)) : undefined);
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={detail.name} notice={notice} problems={mapped}>
      <p>
        <a href="/staff/volunteers">{s('volunteers.back')}</a>
      </p>
      <h1>{detail.name}</h1>
      <h2>{s('volunteering.vetting')}</h2>
      <VettingTable i18n={i18n} vetting={detail.vetting} />
      <h3>{s('volunteers.check.record')}</h3>
      <PostForm action={`/staff/volunteers/${detail.accountId}/checks`} csrf={csrf}>
        <Radios
          i18n={i18n}
          id="kind"
          name="kind"
          legend={s('volunteers.check.which')}
          error={cerr('kind')}
          options={CHECK_KINDS.map((c) => ({ value: c, label: s(k(`volunteers.check.${c}`)) }))}
          value={checkRaw?.kind}
        />
        <TextField
          i18n={i18n}
          id="checked_on"
          label={s('volunteers.check.checkedOn')}
          type="date"
          size="medium"
          error={cerr('checked_on')}
          value={checkRaw?.checked_on}
        />
        <TextField
          i18n={i18n}
          id="expires_on"
          label={s('volunteers.check.expiresOn')}
          hint={s('volunteers.check.expiresHint')}
          type="date"
          size="medium"
          error={cerr('expires_on')}
          value={checkRaw?.expires_on}
        />
        <TextArea
          i18n={i18n}
          id="note"
          label={s('volunteers.check.note')}
          hint={s('volunteers.check.noteHint')}
          maxlength={500}
          value={checkRaw?.note}
        />
        <button type="submit">{s('volunteers.check.submit')}</button>
      </PostForm>
      {detail.history.length > 0 && (
        <>
          <h3>{s('volunteers.check.history')}</h3>
          <ul>
            {detail.history.map((h) => (
              <li>
                {s(k(`volunteers.check.${h.kind}`))}: {dayText(i18n, h.checkedOn)} – {dayText(i18n, h.expiresOn)}
                {h.note && <span dir="auto"> · {h.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{s('volunteering.profile')}</h2>
      <ProfileForm
        i18n={i18n}
        csrf={csrf}
        action={`/staff/volunteers/${detail.accountId}/profile`}
        profile={detail.profile}
        problems={problems}
        raw={raw}
        coordinator
      />
    </StaffPage>
  );
}
