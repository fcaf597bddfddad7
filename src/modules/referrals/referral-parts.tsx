/**
 * Page parts both sides of a referral use: state and next-step labels, the
 * shared fields as a provider sees them, the history, and the forms that
 * record an event (shown only for events this side may record now).
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { Checkbox, PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import type { FormEvent } from './referral-form.ts';
import type { SharedView } from './referral-sharing.ts';
import {
  COMPLETION_OUTCOMES,
  CONTACT_CHANNELS,
  DECLINE_REASONS,
  HISTORY_EVENT_TYPES,
  NOT_TAKEN_UP_REASONS,
  TRANSITIONS,
  type AttemptState,
  type Side,
} from './referral-states.ts';
import type { AttemptView, CompanionOption, EventView, NextStepView } from './referral-views.model.ts';

export const errorFor = (problems: readonly FieldProblem[], id: string) =>
  problems.find((p) => p.field === id || p.field.startsWith(`${id}-`))?.message;

/** A calendar date (YYYY-MM-DD) in words. */
export const dayText = (i18n: I18n, d: string) => i18n.formatDate(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium' });
export const whenText = (i18n: I18n, d: Date) => i18n.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });

export const stateLabel = (i18n: I18n, s: string) => i18n.staff(`referrals.staffState.${s}` as StaffKey);

export function StateTag({ i18n, state }: { i18n: I18n; state: AttemptState }) {
  const warn = state === 'declined' || state === 'expired' || state === 'not_taken_up';
  return <strong class={warn ? 'tag warn' : 'tag'}>{stateLabel(i18n, state)}</strong>;
}

export function NextStepLine({ i18n, next }: { i18n: I18n; next: NextStepView | null }) {
  const s = i18n.staff;
  if (!next) return <p class="hint">{s('referrals.noNextStep')}</p>;
  return (
    <p>
      {s(`referrals.task.${next.task}` as StaffKey)} — {s(`referrals.owner.${next.owner}` as StaffKey)}.{' '}
      {s('referrals.dueOn', { date: dayText(i18n, next.due) })}
      {next.urgency === 'overdue' && <strong class="tag warn">{s('referrals.overdue')}</strong>}
      {next.urgency === 'due' && <strong class="tag">{s('referrals.dueNow')}</strong>}
    </p>
  );
}

const yesNo = (i18n: I18n, v: boolean | null) =>
  v === null ? i18n.staff('referrals.notSaid') : v ? i18n.staff('referrals.yes') : i18n.staff('referrals.no');

/** Practical support as a list (interpreter, someone to go with them, transport, childcare). */
export function SupportList({
  i18n,
  support,
}: {
  i18n: I18n;
  support: {
    interpreterNeeded: boolean;
    interpreterLanguage: string | null;
    accompanyWanted: boolean;
    transportNeeded: boolean;
    childcareNeeded: boolean;
  };
}) {
  const s = i18n.staff;
  const items: string[] = [];
  if (support.interpreterNeeded) items.push(s('referrals.support.interpreter', { language: support.interpreterLanguage ?? '' }));
  if (support.accompanyWanted) items.push(s('referrals.support.accompany'));
  if (support.transportNeeded) items.push(s('referrals.support.transport'));
  if (support.childcareNeeded) items.push(s('referrals.support.childcare'));
  if (!items.length) return <p>{s('referrals.support.none')}</p>;
  return (
    <ul class="support">
      {items.map((t) => (
        <li dir="auto">{t}</li>
      ))}
    </ul>
  );
}

/** Exactly what was shared, field by field. */
export function SharedFields({ i18n, shared }: { i18n: I18n; shared: SharedView }) {
  const s = i18n.staff;
  return (
    <dl class="shared">
      {shared.name !== undefined && (
        <>
          <dt>{s('referrals.field.name')}</dt>
          <dd dir="auto">{shared.name}</dd>
        </>
      )}
      {shared.language && (
        <>
          <dt>{s('referrals.field.language')}</dt>
          <dd>
            {shared.language.preferred}
            {shared.language.interpreterNeeded &&
              ` — ${s('referrals.support.interpreter', { language: shared.language.interpreterLanguage ?? '' })}`}
          </dd>
        </>
      )}
      {shared.contact && (
        <>
          <dt>{s('referrals.field.contact')}</dt>
          <dd>
            {shared.contact.method && <span>{s(`referrals.method.${shared.contact.method}` as StaffKey)}. </span>}
            {shared.contact.phone && <span>{s('referrals.phone', { phone: shared.contact.phone })} </span>}
            {shared.contact.email && <span>{s('referrals.email', { email: shared.contact.email })} </span>}
            <span>
              {s('referrals.safeToCall', { answer: yesNo(i18n, shared.contact.safeToCall) })}{' '}
              {s('referrals.safeToText', { answer: yesNo(i18n, shared.contact.safeToText) })}{' '}
              {s('referrals.safeToLeaveMessage', { answer: yesNo(i18n, shared.contact.safeToLeaveMessage) })}
            </span>
          </dd>
        </>
      )}
      {shared.need !== undefined && (
        <>
          <dt>{s('referrals.field.need')}</dt>
          <dd dir="auto">{shared.need}</dd>
        </>
      )}
      {shared.practicalSupport && (
        <>
          <dt>{s('referrals.field.practical_support')}</dt>
          <dd>
            <SupportList i18n={i18n} support={shared.practicalSupport} />
          </dd>
        </>
      )}
      {shared.summary !== undefined && (
        <>
          <dt>{s('referrals.field.summary')}</dt>
          <dd dir="auto">{shared.summary ?? s('referrals.none')}</dd>
        </>
      )}
    </dl>
  );
}

/** The attempt's facts beyond its state: reasons, first visit, companion, interpreter. */
export function AttemptFacts({ i18n, a }: { i18n: I18n; a: AttemptView }) {
  const s = i18n.staff;
  return (
    <ul class="facts">
      {a.declineReason && <li>{s('referrals.declinedBecause', { reason: s(`referrals.decline.${a.declineReason}` as StaffKey) })}</li>}
      {a.notTakenUpReason && <li>{s(`referrals.notTakenUp.${a.notTakenUpReason}` as StaffKey)}</li>}
      {a.outcome && <li>{s(`referrals.outcome.${a.outcome}` as StaffKey)}</li>}
      {a.reasonNote && <li dir="auto">{s('referrals.noteSaid', { note: a.reasonNote })}</li>}
      {a.contactAttempts > 0 && <li>{s('referrals.contactAttempts', { count: a.contactAttempts })}</li>}
      {a.firstVisitDate && (
        <li>
          {a.companion
            ? s('referrals.firstVisitWith', {
                date: dayText(i18n, a.firstVisitDate),
                name: a.companion.name,
                kind: s(`referrals.companion.${a.companion.kind}` as StaffKey),
              })
            : s('referrals.firstVisitAlone', { date: dayText(i18n, a.firstVisitDate) })}
        </li>
      )}
      {a.interpreterMet !== null && <li>{s('referrals.interpreterMet', { answer: yesNo(i18n, a.interpreterMet) })}</li>}
    </ul>
  );
}

/** A history row's words; a type this version does not know (older or newer data) still shows, never a 500. */
export const eventLabel = (i18n: I18n, type: string): string =>
  (HISTORY_EVENT_TYPES as readonly string[]).includes(type)
    ? i18n.staff(`referrals.event.${type}` as StaffKey)
    : i18n.staff('referrals.event.other', { type });

export function History({ i18n, events }: { i18n: I18n; events: EventView[] }) {
  const s = i18n.staff;
  if (!events.length) return <p>{s('referrals.noHistory')}</p>;
  return (
    <ol class="history">
      {events.map((e) => (
        <li>
          <span>{whenText(i18n, e.at)}</span> — {eventLabel(i18n, e.type)}
          {e.to && e.from !== e.to && <span> ({stateLabel(i18n, e.to)})</span>}
          {e.via === 'link' ? (
            <span> — {s('referrals.via.link')}</span>
          ) : e.actorName ? (
            <span>
              {' '}
              — {e.actorName}
              {e.via === 'phone' && ` (${s('referrals.via.phone')})`}
            </span>
          ) : (
            <span> — {s(`referrals.side.${e.side}` as StaffKey)}</span>
          )}
          {e.note && <span dir="auto"> — “{e.note}”</span>}
        </li>
      ))}
    </ol>
  );
}

/** Events this side may record from this state (the same table the transition check reads). */
export function eventsFor(state: AttemptState, side: Side, events: readonly FormEvent[]): FormEvent[] {
  return events.filter((e) => TRANSITIONS[e].by.includes(side) && TRANSITIONS[e].from.includes(state));
}

export interface EventFormProps {
  i18n: I18n;
  csrf: string;
  action: string;
  event: FormEvent;
  version: number;
  problems: readonly FieldProblem[];
  /** Label override (e.g. check-in answers). */
  label?: string;
  values?: Record<string, string>;
  /** For booking a first visit: accounts of the actor's organisation that may go along. */
  companions?: readonly CompanionOption[];
}

/** One event's form, collapsed in a <details> unless it has an error. */
export function EventForm({ i18n, csrf, action, event, version, problems, label, values = {}, companions = [] }: EventFormProps) {
  const s = i18n.staff;
  const id = (f: string) => `${event}-${f}`;
  const err = (f: string) => errorFor(problems, id(f));
  const open = problems.some((p) => p.field.startsWith(`${event}-`));
  const title = label ?? s(`referrals.action.${event}` as StaffKey);
  const options = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: s(`${prefix}.${v}` as StaffKey) }));
  let fields;
  switch (event) {
    case 'waitlist':
      fields = (
        <TextArea i18n={i18n} id={id('note')} name="note" label={s('referrals.form.noteOptional')} maxlength={1000} value={values.note} />
      );
      break;
    case 'decline':
      fields = (
        <>
          <Radios
            i18n={i18n}
            id={id('reason')}
            name="reason"
            legend={s('referrals.form.declineReason')}
            options={options(DECLINE_REASONS, 'referrals.decline')}
            error={err('reason')}
            value={values.reason}
          />
          <TextArea
            i18n={i18n}
            id={id('note')}
            name="note"
            label={s('referrals.form.note')}
            hint={s('referrals.form.declineNoteHint')}
            error={err('note')}
            maxlength={1000}
            value={values.note}
          />
        </>
      );
      break;
    case 'record_contact_attempt':
      fields = (
        <>
          <Radios
            i18n={i18n}
            id={id('channel')}
            name="channel"
            legend={s('referrals.form.channel')}
            options={options(CONTACT_CHANNELS, 'referrals.channel')}
            error={err('channel')}
            value={values.channel}
          />
          <Checkbox id={id('interpreterUsed')} name="interpreterUsed" label={s('referrals.form.interpreterUsed')} />
          <Checkbox id={id('reached')} name="reached" label={s('referrals.form.reached')} />
          <TextArea i18n={i18n} id={id('note')} name="note" label={s('referrals.form.noteOptional')} maxlength={1000} />
        </>
      );
      break;
    case 'book_first_visit':
      fields = (
        <>
          <TextField
            i18n={i18n}
            id={id('date')}
            name="date"
            type="date"
            label={s('referrals.form.visitDate')}
            error={err('date')}
            value={values.date}
          />
          <Radios
            i18n={i18n}
            id={id('companionKind')}
            name="companionKind"
            legend={s('referrals.form.companionKind')}
            options={[{ value: 'none', label: s('referrals.companion.none') }, ...options(['volunteer', 'staff'], 'referrals.companion')]}
            value={values.companionKind ?? 'none'}
          />
          <TextField
            i18n={i18n}
            id={id('companionName')}
            name="companionName"
            label={s('referrals.form.companionName')}
            error={err('companionName')}
            value={values.companionName}
            maxlength={200}
          />
          {companions.length > 0 && (
            <div class="field">
              <label for={id('companionAccountId')}>{s('referrals.form.companionAccount')}</label>
              <p class="hint" id={id('companionAccountId-hint')}>
                {s('referrals.form.companionAccountHint')}
              </p>
              <select id={id('companionAccountId')} name="companionAccountId" aria-describedby={id('companionAccountId-hint')}>
                <option value="">{s('referrals.form.companionAccountNone')}</option>
                {companions.map((o) => (
                  <option value={o.id} selected={values.companionAccountId === o.id}>
                    {o.name} ({s(`referrals.companion.${o.kind}` as StaffKey)})
                  </option>
                ))}
              </select>
            </div>
          )}
        </>
      );
      break;
    case 'record_attendance':
      fields = (
        <>
          <TextField i18n={i18n} id={id('date')} name="date" type="date" label={s('referrals.form.attendedOn')} error={err('date')} />
          <Radios
            i18n={i18n}
            id={id('interpreterMet')}
            name="interpreterMet"
            legend={s('referrals.form.interpreterMet')}
            options={[
              { value: 'yes', label: s('referrals.yes') },
              { value: 'no', label: s('referrals.no') },
              { value: '', label: s('referrals.form.notNeeded') },
            ]}
            value=""
          />
        </>
      );
      break;
    case 'pause':
    case 'withdraw':
      fields = (
        <TextField
          i18n={i18n}
          id={id('reason')}
          name="reason"
          label={s('referrals.form.why')}
          error={err('reason')}
          maxlength={1000}
          value={values.reason}
        />
      );
      break;
    case 'complete':
      fields = (
        <>
          <Radios
            i18n={i18n}
            id={id('outcome')}
            name="outcome"
            legend={s('referrals.form.outcome')}
            options={options(COMPLETION_OUTCOMES, 'referrals.outcome')}
            error={err('outcome')}
          />
          <TextArea i18n={i18n} id={id('note')} name="note" label={s('referrals.form.noteOptional')} maxlength={1000} />
        </>
      );
      break;
    case 'not_taken_up':
      fields = (
        <>
          <Radios
            i18n={i18n}
            id={id('reason')}
            name="reason"
            legend={s('referrals.form.notTakenUpReason')}
            options={options(NOT_TAKEN_UP_REASONS, 'referrals.notTakenUp')}
            error={err('reason')}
            value={values.reason}
          />
          <TextArea i18n={i18n} id={id('note')} name="note" label={s('referrals.form.noteOptional')} maxlength={1000} />
        </>
      );
      break;
    default:
      fields = null;
  }
  const form = (
    <PostForm action={action} csrf={csrf}>
      <input type="hidden" name="version" value={String(version)} />
      {fields}
      <button type="submit">{title}</button>
    </PostForm>
  );
  if (!fields) return <div class="event-form">{form}</div>;
  return (
    <details class="event-form" open={open}>
      <summary>{title}</summary>
      {form}
    </details>
  );
}
