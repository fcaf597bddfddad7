/** Pieces shared by the volunteer and befriending pages: dates, checkbox groups, reasons, the contact log. */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import { PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { DAYS, PARTS } from './availability.ts';

export const k = (key: string) => key as StaffKey;
export const dayText = (i18n: I18n, d: string) => i18n.formatDate(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium' });

/** Several choices with one name (checkboxes), in a fieldset. */
export function CheckboxGroup(p: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  values: readonly string[];
}) {
  return (
    <div class="field">
      <fieldset aria-describedby={p.hint ? `${p.id}-hint` : undefined}>
        <legend>{p.legend}</legend>
        {p.hint && (
          <p class="hint" id={`${p.id}-hint`}>
            {p.hint}
          </p>
        )}
        {p.options.map((o, i) => (
          <div class="choice">
            <input type="checkbox" id={`${p.id}-${i}`} name={p.name} value={o.value} checked={p.values.includes(o.value)} />
            <label for={`${p.id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** The week, one group of checkboxes per day (mornings, afternoons, evenings). */
export function WeekSlots({
  i18n,
  id,
  legend,
  hint,
  values,
}: {
  i18n: I18n;
  id: string;
  legend: string;
  hint?: string;
  values: readonly string[];
}) {
  const s = i18n.staff;
  return (
    <div class="field">
      <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
        <legend>{legend}</legend>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {DAYS.map((d) => (
          <fieldset class="week-day">
            <legend>{s(k(`befriending.day.${d}`))}</legend>
            {PARTS.map((p) => (
              <div class="choice">
                <input type="checkbox" id={`${id}-${d}-${p}`} name={id} value={`${d}_${p}`} checked={values.includes(`${d}_${p}`)} />
                <label for={`${id}-${d}-${p}`}>{s(k(`befriending.part.${p}`))}</label>
              </div>
            ))}
          </fieldset>
        ))}
      </fieldset>
    </div>
  );
}

/** A slot such as 'mon_morning' in words. */
export const slotText = (i18n: I18n, slot: string) => {
  const [d, p] = slot.split('_');
  return `${i18n.staff(k(`befriending.day.${d}`))} ${i18n.staff(k(`befriending.part.${p}`)).toLowerCase()}`;
};

/** One reason a volunteer was suggested ('language:ar', 'area:BD8', 'phone', …) in words. */
export function reasonText(i18n: I18n, reason: string): string {
  const s = i18n.staff;
  const [code, value = ''] = reason.split(/:(.*)/s);
  switch (code) {
    case 'gender':
      return s('befriending.reason.gender', { gender: s(k(`volunteers.gender.${value}`)) });
    case 'language':
      return s('befriending.reason.language', { language: languageName(value) });
    case 'area':
      return s('befriending.reason.area', { area: value });
    case 'phone':
      return s('befriending.reason.phone');
    case 'times':
      return s('befriending.reason.times', {
        times: value
          .split(',')
          .map((t) => slotText(i18n, t))
          .join(', '),
      });
    case 'vetting':
      return s('befriending.reason.vetting', { date: dayText(i18n, value) });
    case 'lived_experience':
      return s('befriending.reason.livedExperience');
    default:
      return reason;
  }
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });
/** A language code in English words ("ar" → "Arabic"), the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export interface ContactRow {
  id: string;
  planned_on: string;
  planned_time: string | null;
  status: 'planned' | 'done' | 'missed';
  note: string | null;
}

/** The contacts of a match, planned and logged. */
export function ContactList({ i18n, contacts }: { i18n: I18n; contacts: readonly ContactRow[] }) {
  const s = i18n.staff;
  if (!contacts.length) return <p>{s('befriending.contacts.none')}</p>;
  return (
    <ul class="contacts">
      {contacts.map((c) => (
        <li data-contact={c.id} data-status={c.status}>
          {dayText(i18n, c.planned_on)}
          {c.planned_time ? `, ${c.planned_time}` : ''} ·{' '}
          <strong class={c.status === 'missed' ? 'tag warn' : 'tag'}>{s(k(`befriending.contact.${c.status}`))}</strong>
          {c.note === 'goodbye' ? ` · ${s('befriending.contacts.goodbye')}` : c.note ? <p dir="auto">{c.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** Plan a contact, and log one (planned or not) with an optional safeguarding concern. */
export function ContactForms({ i18n, csrf, base, contacts }: { i18n: I18n; csrf: string; base: string; contacts: readonly ContactRow[] }) {
  const s = i18n.staff;
  const planned = contacts.filter((c) => c.status === 'planned');
  return (
    <>
      <h3>{s('befriending.log.heading')}</h3>
      <PostForm action={`${base}/log`} csrf={csrf}>
        <Radios
          i18n={i18n}
          id="contact"
          name="contact"
          legend={s('befriending.log.which')}
          options={[
            ...planned.map((c) => ({ value: c.id, label: `${dayText(i18n, c.planned_on)}${c.planned_time ? `, ${c.planned_time}` : ''}` })),
            { value: 'new', label: s('befriending.log.notPlanned') },
          ]}
          value={planned[0]?.id ?? 'new'}
        />
        <TextField i18n={i18n} id="date" label={s('befriending.log.date')} hint={s('befriending.log.dateHint')} type="date" size="medium" />
        <Radios
          i18n={i18n}
          id="status"
          name="status"
          legend={s('befriending.log.status')}
          options={[
            { value: 'done', label: s('befriending.contact.done') },
            { value: 'missed', label: s('befriending.contact.missed') },
          ]}
        />
        <TextArea i18n={i18n} id="note" label={s('befriending.log.note')} hint={s('befriending.log.noteHint')} maxlength={1000} />
        <TextArea i18n={i18n} id="concern" label={s('befriending.log.concern')} hint={s('befriending.log.concernHint')} maxlength={1000} />
        <button type="submit">{s('befriending.log.submit')}</button>
      </PostForm>
      <h3>{s('befriending.plan.heading')}</h3>
      <PostForm action={`${base}/contacts`} csrf={csrf}>
        <TextField i18n={i18n} id="planned_on" label={s('befriending.plan.date')} type="date" size="medium" />
        <TextField
          i18n={i18n}
          id="planned_time"
          label={s('befriending.plan.time')}
          hint={s('befriending.plan.timeHint')}
          size="medium"
          maxlength={40}
        />
        <button type="submit" class="secondary">
          {s('befriending.plan.submit')}
        </button>
      </PostForm>
    </>
  );
}
