/**
 * Connector pages for people's records, in staff words: the list, the form
 * (new and edit), and one person's page with their consents, conversation,
 * plan, measures link and "who has looked at this record".
 */
import type { AuditRow } from '../../platform/audit/audit.repository.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { LOCALE_CODES, LOCALES } from '../../platform/i18n/locales.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { ButtonForm, Checkbox, PostForm, Radios, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import type { Child } from 'hono/jsx';
import { languageName } from '../find/presenters.ts';
import { inForce, type Consent, type Person, type PersonSummary } from './person.ts';
import { AGE_BANDS, CONTACT_METHODS, CONTACT_WAYS, ETHNICITIES, GENDERS, GIVEN_BY, STORE_SCOPES } from './person-form.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const sk = (s: string) => s as StaffKey;

export function PeopleListPage(p: StaffViewBase & { people: PersonSummary[] }) {
  const s = p.i18n.staff;
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={s('people.title')} notice={p.notice}>
      <h1>{s('people.title')}</h1>
      <p>
        <a class="button" href="/staff/people/new">
          {s('people.add')}
        </a>
      </p>
      {p.people.length === 0 ? (
        <p>{s('people.none')}</p>
      ) : (
        <div {...scrollRegion(s('people.title'))}>
          <table>
            <thead>
              <tr>
                <th scope="col">{s('people.name')}</th>
                <th scope="col">{s('people.language')}</th>
                <th scope="col">{s('people.conversation')}</th>
                <th scope="col">{s('people.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {p.people.map((x) => (
                <tr>
                  <td>
                    <a href={`/staff/people/${x.id}`}>{x.displayName}</a>
                  </td>
                  <td>
                    {x.preferredLanguage in LOCALES
                      ? LOCALES[x.preferredLanguage as keyof typeof LOCALES].englishName
                      : languageName(p.i18n, x.preferredLanguage)}
                  </td>
                  <td>{s(sk(`people.status.${x.lastConversation ?? 'none'}`))}</td>
                  <td>{p.i18n.formatDate(x.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffPage>
  );
}

export type PersonFormValues = Record<string, string[]>;

export function PersonFormPage(p: StaffViewBase & { personId?: string; values: PersonFormValues }) {
  const s = p.i18n.staff;
  const v = (n: string) => p.values[n]?.[0] ?? '';
  const has = (n: string, x: string) => (p.values[n] ?? []).includes(x);
  const err = (f: string) => p.problems?.find((x) => x.field === f || x.field === `${f}-0`)?.message;
  const yesNo = () => [
    { value: 'yes', label: s('people.yes') },
    { value: 'no', label: s('people.no') },
    { value: 'unknown', label: s('people.notAsked') },
  ];
  const isNew = !p.personId;
  const title = isNew ? s('people.newTitle') : s('people.editTitle');
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={title} problems={p.problems}>
      <h1>{title}</h1>
      <p>{s('people.minimal')}</p>
      <PostForm action={isNew ? '/staff/people' : `/staff/people/${p.personId}`} csrf={p.csrf}>
        <TextField
          i18n={p.i18n}
          id="displayName"
          label={s('people.displayName')}
          hint={s('people.displayNameHint')}
          value={v('displayName')}
          error={err('displayName')}
          maxlength={80}
        />
        <div class={err('preferredLanguage') ? 'field err-field' : 'field'}>
          <label for="preferredLanguage">{s('people.preferredLanguage')}</label>
          <p class="hint" id="preferredLanguage-hint">
            {s('people.preferredLanguageHint')}
          </p>
          <select id="preferredLanguage" name="preferredLanguage" aria-describedby="preferredLanguage-hint">
            {LOCALE_CODES.map((code) => (
              <option value={code} selected={v('preferredLanguage') === code} lang={code}>
                {`${LOCALES[code].nativeName} (${LOCALES[code].englishName})`}
              </option>
            ))}
          </select>
        </div>
        <TextField
          i18n={p.i18n}
          id="spokenLanguage"
          label={s('people.spokenLanguage')}
          hint={s('people.spokenLanguageHint')}
          value={v('spokenLanguage')}
          error={err('spokenLanguage')}
          size="short"
          maxlength={3}
        />
        <TextField
          i18n={p.i18n}
          id="otherLanguages"
          label={s('people.otherLanguages')}
          hint={s('people.otherLanguagesHint')}
          value={v('otherLanguages')}
          error={err('otherLanguages')}
        />
        <Checkbox id="englishOk" label={s('people.englishOk')} checked={has('englishOk', 'yes')} />
        <Checkbox id="interpreterNeeded" label={s('people.interpreterNeeded')} checked={has('interpreterNeeded', 'yes')} />
        <TextField
          i18n={p.i18n}
          id="interpreterLanguage"
          label={s('people.interpreterLanguage')}
          hint={s('people.interpreterLanguageHint')}
          value={v('interpreterLanguage')}
          error={err('interpreterLanguage')}
        />
        <TextField
          i18n={p.i18n}
          id="area"
          label={s('people.area')}
          hint={s('people.areaHint')}
          value={v('area')}
          error={err('area')}
          size="medium"
        />
        <h2>{s('people.contactHeading')}</h2>
        <Radios
          i18n={p.i18n}
          id="contactMethod"
          name="contactMethod"
          legend={s('people.contactMethod')}
          options={[
            ...CONTACT_METHODS.map((m) => ({ value: m, label: s(sk(`people.contact.${m}`)) })),
            { value: '', label: s('people.notSaid') },
          ]}
          value={v('contactMethod')}
          error={err('contactMethod')}
        />
        <TextField
          i18n={p.i18n}
          id="phone"
          label={s('people.phone')}
          hint={s('people.contactDetailsHint')}
          value={v('phone')}
          error={err('phone')}
          type="text"
          inputmode="text"
          size="medium"
        />
        <TextField
          i18n={p.i18n}
          id="email"
          label={s('people.email')}
          hint={s('people.contactDetailsHint')}
          value={v('email')}
          error={err('email')}
          type="email"
        />
        <Radios
          i18n={p.i18n}
          id="safeToCall"
          name="safeToCall"
          legend={s('people.safeToCall')}
          options={yesNo()}
          value={v('safeToCall') || 'unknown'}
        />
        <Radios
          i18n={p.i18n}
          id="safeToText"
          name="safeToText"
          legend={s('people.safeToText')}
          options={yesNo()}
          value={v('safeToText') || 'unknown'}
        />
        <Radios
          i18n={p.i18n}
          id="safeToLeaveMessage"
          name="safeToLeaveMessage"
          legend={s('people.safeToLeaveMessage')}
          options={yesNo()}
          value={v('safeToLeaveMessage') || 'unknown'}
        />
        <h2>{s('people.optionalHeading')}</h2>
        <p>{s('people.optionalWhy')}</p>
        <Radios
          i18n={p.i18n}
          id="gender"
          name="gender"
          legend={s('people.gender')}
          hint={s('people.genderHint')}
          options={[
            ...GENDERS.map((g) => ({ value: g, label: s(sk(`people.gender.${g}`)) })),
            { value: 'not_said', label: s('people.notSaid') },
          ]}
          value={v('gender') || 'not_said'}
        />
        <Radios
          i18n={p.i18n}
          id="ageBand"
          name="ageBand"
          legend={s('people.ageBand')}
          hint={s('people.ageBandHint')}
          options={[
            ...AGE_BANDS.map((a) => ({ value: a, label: s(sk(`people.age.${a}`)) })),
            { value: 'not_said', label: s('people.notSaid') },
          ]}
          value={v('ageBand') || 'not_said'}
        />
        <Radios
          i18n={p.i18n}
          id="ethnicity"
          name="ethnicity"
          legend={s('people.ethnicity')}
          hint={s('people.ethnicityHint')}
          error={err('ethnicity')}
          options={[
            { value: 'not_said', label: s('people.ethnicity.notAsked') },
            ...ETHNICITIES.map((e) => ({ value: e, label: s(sk(`reports.value.ethnicity.${e}`)) })),
          ]}
          value={v('ethnicity') || 'not_said'}
        />
        {isNew && <ConsentFields i18n={p.i18n} kind="store" values={p.values} problems={p.problems} />}
        <button type="submit">{isNew ? s('people.create') : s('people.save')}</button>
      </PostForm>
    </StaffPage>
  );
}

function ConsentFields({
  i18n,
  kind,
  values,
  problems,
}: {
  i18n: I18n;
  kind: 'store' | 'contact';
  values: PersonFormValues;
  problems?: FieldProblem[];
}) {
  const s = i18n.staff;
  const err = (f: string) => problems?.find((x) => x.field === f || x.field === `${f}-0`)?.message;
  const scopes = kind === 'store' ? STORE_SCOPES : CONTACT_WAYS;
  return (
    <>
      <h2>{s(kind === 'store' ? 'people.consent.storeHeading' : 'people.consent.contactHeading')}</h2>
      <p>{s(kind === 'store' ? 'people.consent.storeExplain' : 'people.consent.contactExplain')}</p>
      <div class={err('scope') ? 'field err-field' : 'field'}>
        <fieldset>
          <legend>{s(kind === 'store' ? 'people.consent.storeScope' : 'people.consent.contactScope')}</legend>
          {err('scope') && (
            <p class="err-msg" id="scope-error">
              {err('scope')}
            </p>
          )}
          {scopes.map((x, i) => (
            <div class="choice">
              <input type="checkbox" id={`scope-${i}`} name="scope" value={x} checked={(values.scope ?? []).includes(x)} />
              <label for={`scope-${i}`}>{s(sk(`people.scope.${x}`))}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <Radios
        i18n={i18n}
        id="givenBy"
        name="givenBy"
        legend={s('people.consent.givenBy')}
        options={GIVEN_BY.map((g) => ({ value: g, label: s(sk(`people.givenBy.${g}`)) }))}
        value={values.givenBy?.[0]}
        error={err('givenBy')}
      />
      <TextField
        i18n={i18n}
        id="expiresOn"
        label={s('people.consent.expiresOn')}
        hint={s('people.consent.expiresOnHint')}
        value={values.expiresOn?.[0] ?? ''}
        type="date"
        error={err('expiresOn')}
        size="medium"
      />
    </>
  );
}

function yesNoWord(i18n: I18n, b: boolean | null): string {
  return b === null ? i18n.staff('people.notAsked') : i18n.staff(b ? 'people.yes' : 'people.no');
}

export interface PersonPageProps extends StaffViewBase {
  person: Person;
  /** Sections other modules add (conversation, /my code, …), already rendered, in order. */
  panels: Child[];
  history: AuditRow[];
  consentForm?: { kind: 'store' | 'contact'; values: PersonFormValues };
  now: Date;
}

export function PersonPage(p: PersonPageProps) {
  const s = p.i18n.staff;
  const x = p.person;
  const lang = LOCALES[x.preferredLanguage];
  const rows: [string, string][] = [
    ...(x.spokenLanguage
      ? [[s('people.spokenLanguage'), `${languageName(p.i18n, x.spokenLanguage)} (${x.spokenLanguage})`] as [string, string]]
      : []),
    [s('people.preferredLanguage'), `${lang.nativeName} (${lang.englishName})`],
    [s('people.otherLanguages'), x.otherLanguages.join(', ') || '—'],
    [s('people.englishOk'), yesNoWord(p.i18n, x.englishOk)],
    [
      s('people.interpreterNeeded'),
      x.interpreterNeeded ? `${s('people.yes')}${x.interpreterLanguage ? ` (${x.interpreterLanguage})` : ''}` : s('people.no'),
    ],
    [s('people.area'), x.area ?? '—'],
    [s('people.contactMethod'), x.contactMethod ? s(sk(`people.contact.${x.contactMethod}`)) : '—'],
    [s('people.phone'), x.phone ?? '—'],
    [s('people.email'), x.email ?? '—'],
    [s('people.safeToCall'), yesNoWord(p.i18n, x.safeToCall)],
    [s('people.safeToText'), yesNoWord(p.i18n, x.safeToText)],
    [s('people.safeToLeaveMessage'), yesNoWord(p.i18n, x.safeToLeaveMessage)],
    [s('people.gender'), x.gender ? s(sk(`people.gender.${x.gender}`)) : s('people.notSaid')],
    [s('people.ageBand'), x.ageBand ? s(sk(`people.age.${x.ageBand}`)) : s('people.notSaid')],
    [s('people.ethnicity'), x.ethnicity ? s(sk(`reports.value.ethnicity.${x.ethnicity}`)) : s('people.ethnicity.notAsked')],
  ];
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={x.displayName} notice={p.notice} problems={p.problems}>
      <h1>{x.displayName}</h1>
      <dl class="summary">
        {rows.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/staff/people/${x.id}/edit`}>{s('people.edit')}</a>
      </p>

      {p.panels}
      <ul>
        <li>
          <a href={`/staff/people/${x.id}/measures`}>{s('people.measures')}</a>
        </li>
        <li>
          <a href={`/staff/people/${x.id}/referrals/new`}>{s('people.startReferral')}</a>
        </li>
        <li>
          <a href={`/staff/people/${x.id}/handover`}>{s('people.handover')}</a>
        </li>
      </ul>

      <h2 id="consents">{s('people.consentsHeading')}</h2>
      <ConsentList i18n={p.i18n} csrf={p.csrf} personId={x.id} consents={x.consents} now={p.now} />
      <h3>{s('people.consent.recordStore')}</h3>
      <PostForm action={`/staff/people/${x.id}/consents/store`} csrf={p.csrf}>
        <ConsentFields
          i18n={p.i18n}
          kind="store"
          values={p.consentForm?.kind === 'store' ? p.consentForm.values : {}}
          problems={p.consentForm?.kind === 'store' ? p.problems : []}
        />
        <button type="submit">{s('people.consent.record')}</button>
      </PostForm>
      <h3>{s('people.consent.recordContact')}</h3>
      <PostForm action={`/staff/people/${x.id}/consents/contact`} csrf={p.csrf}>
        <ContactConsentFields
          i18n={p.i18n}
          values={p.consentForm?.kind === 'contact' ? p.consentForm.values : {}}
          problems={p.consentForm?.kind === 'contact' ? p.problems : []}
        />
        <button type="submit">{s('people.consent.record')}</button>
      </PostForm>

      <h2>{s('people.historyHeading')}</h2>
      <History i18n={p.i18n} rows={p.history} />
    </StaffPage>
  );
}

/** Contact-consent fields use their own ids, so the two consent forms on one page never share one. */
function ContactConsentFields({ i18n, values, problems }: { i18n: I18n; values: PersonFormValues; problems?: FieldProblem[] }) {
  const s = i18n.staff;
  const err = (f: string) => problems?.find((x) => x.field === `c${f}` || x.field === `c${f}-0`)?.message;
  return (
    <>
      <p>{s('people.consent.contactExplain')}</p>
      <div class={err('scope') ? 'field err-field' : 'field'}>
        <fieldset>
          <legend>{s('people.consent.contactScope')}</legend>
          {err('scope') && (
            <p class="err-msg" id="cscope-error">
              {err('scope')}
            </p>
          )}
          {CONTACT_WAYS.map((w, i) => (
            <div class="choice">
              <input type="checkbox" id={`cscope-${i}`} name="scope" value={w} checked={(values.scope ?? []).includes(w)} />
              <label for={`cscope-${i}`}>{s(sk(`people.scope.${w}`))}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <Radios
        i18n={i18n}
        id="cgivenBy"
        name="givenBy"
        legend={s('people.consent.givenBy')}
        options={GIVEN_BY.map((g) => ({ value: g, label: s(sk(`people.givenBy.${g}`)) }))}
        value={values.givenBy?.[0]}
        error={err('givenBy')}
      />
      <TextField
        i18n={i18n}
        id="cexpiresOn"
        name="expiresOn"
        label={s('people.consent.expiresOn')}
        hint={s('people.consent.expiresOnHint')}
        value={values.expiresOn?.[0] ?? ''}
        type="date"
        error={err('expiresOn')}
        size="medium"
      />
    </>
  );
}

function ConsentList({
  i18n,
  csrf,
  personId,
  consents,
  now,
}: {
  i18n: I18n;
  csrf: string;
  personId: string;
  consents: Consent[];
  now: Date;
}) {
  const s = i18n.staff;
  if (!consents.length) return <p>{s('people.consent.none')}</p>;
  return (
    <ul class="plain">
      {consents.map((c) => (
        <li>
          <strong>{s(sk(`people.consent.kind.${c.kind}`))}</strong>: {c.scope.map((x) => s(sk(`people.scope.${x}`))).join(', ')} —{' '}
          {s(sk(`people.givenBy.${c.givenBy}`))}, {i18n.formatDate(c.grantedAt)}
          {c.expiresAt && ` — ${s('people.consent.until', { date: i18n.formatDate(c.expiresAt) })}`}
          {c.withdrawnAt ? (
            <span class="tag"> {s('people.consent.withdrawnOn', { date: i18n.formatDate(c.withdrawnAt) })}</span>
          ) : inForce(c, now) ? (
            <ButtonForm
              action={`/staff/people/${personId}/consents/${c.id}/withdraw`}
              csrf={csrf}
              label={s('people.consent.withdraw')}
              variant="link"
            />
          ) : (
            <span class="tag"> {s('people.consent.expired')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function History({ i18n, rows }: { i18n: I18n; rows: AuditRow[] }) {
  const s = i18n.staff;
  if (!rows.length) return <p>{s('people.historyNone')}</p>;
  return (
    <div {...scrollRegion(s('people.historyHeading'))}>
      <table>
        <thead>
          <tr>
            <th scope="col">{s('people.historyWhen')}</th>
            <th scope="col">{s('people.historyWho')}</th>
            <th scope="col">{s('people.historyWhat')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{i18n.formatDate(r.at, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td>{`${r.actorName ?? '—'}${r.actorOrganisationName ? ` (${r.actorOrganisationName})` : ''}`}</td>
              <td>{`${r.action}${r.outcome === 'denied' ? ` — ${s('people.historyDenied')}` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
