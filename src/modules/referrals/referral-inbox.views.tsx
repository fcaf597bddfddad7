/**
 * The provider's referral pages: the inbox (incoming attempts for their
 * services, new and overdue first; which services take referrals, with a
 * pause button) and one incoming attempt with exactly what was shared, the
 * practical support needed, the due date and the actions for its state.
 */
import { canPlanBuddy } from './buddy-sessions.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ButtonForm } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { RECIPIENT_EVENTS, type IncomingDetail, type IncomingReferral, type ManagedService } from './referral-inbox.service.ts';
import {
  AttemptFacts,
  dayText,
  EventForm,
  eventsFor,
  History,
  NextStepLine,
  SharedFields,
  StateTag,
  SupportList,
} from './referral-parts.tsx';

function Summary({ i18n, a }: { i18n: I18n; a: IncomingReferral }) {
  const s = i18n.staff;
  if (a.consentWithdrawn) return <p class="note warn">{s('referrals.inbox.consentWithdrawn')}</p>;
  return (
    <>
      {a.shared.name !== undefined && <p dir="auto">{a.shared.name}</p>}
      {a.shared.need !== undefined && <p dir="auto">{a.shared.need}</p>}
      {a.shared.practicalSupport && <SupportList i18n={i18n} support={a.shared.practicalSupport} />}
    </>
  );
}

export function InboxPage({
  i18n,
  csrf,
  actor,
  items,
  services,
  notice,
}: StaffViewBase & { items: IncomingReferral[]; services: ManagedService[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('referrals.inbox.title')} notice={notice}>
      <h1>{s('referrals.inbox.title')}</h1>
      {items.length === 0 && <p>{s('referrals.inbox.empty')}</p>}
      {items.length > 0 && (
        <ul class="inbox">
          {items.map((a) => (
            <li class={a.next?.urgency === 'overdue' ? 'overdue' : undefined}>
              <h2>
                <a href={`/staff/referrals/inbox/${a.id}`}>
                  {s('referrals.inbox.itemHeading', {
                    service: a.serviceName,
                    date: dayText(i18n, (a.sentAt ?? a.updatedAt).toISOString().slice(0, 10)),
                  })}
                </a>{' '}
                <StateTag i18n={i18n} state={a.state} />
              </h2>
              <Summary i18n={i18n} a={a} />
              <NextStepLine i18n={i18n} next={a.next} />
            </li>
          ))}
        </ul>
      )}
      {services.length > 0 && (
        <section aria-labelledby="services-heading">
          <h2 id="services-heading">{s('referrals.inbox.services')}</h2>
          <p class="hint">{s('referrals.inbox.servicesHint')}</p>
          <ul class="choices">
            {services.map((svc) => (
              <li>
                <span dir="auto">{svc.name}</span>{' '}
                {svc.acceptingReferrals ? (
                  <>
                    <strong class="tag">{s('referrals.inbox.accepting')}</strong>{' '}
                    <ButtonForm
                      action={`/staff/referrals/services/${svc.id}/pause`}
                      csrf={csrf}
                      label={s('referrals.inbox.pause', { service: svc.name })}
                      variant="secondary"
                    />
                  </>
                ) : (
                  <>
                    <strong class="tag warn">{s('referrals.inbox.paused')}</strong>{' '}
                    <ButtonForm
                      action={`/staff/referrals/services/${svc.id}/resume`}
                      csrf={csrf}
                      label={s('referrals.inbox.resume', { service: svc.name })}
                      variant="secondary"
                    />
                  </>
                )}
                {svc.capacityStatus === 'full' && <strong class="tag warn">{s('referrals.error.full')}</strong>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </StaffPage>
  );
}

/** How to get in touch for the next step: the person's own contact when they shared it, else through the connector. */
function HowToReach({ i18n, a }: { i18n: I18n; a: IncomingDetail }) {
  const s = i18n.staff;
  if (!a.next || a.next.owner !== 'recipient' || a.consentWithdrawn) return null;
  const c = a.shared.contact;
  const direct = c && (c.phone || c.email);
  return (
    <p class="callout">
      {direct
        ? s('referrals.incoming.reachDirect', {
            name: a.shared.name ?? s('referrals.incoming.thePerson'),
            how: [c.phone && s('referrals.phone', { phone: c.phone }), c.email && s('referrals.email', { email: c.email })]
              .filter(Boolean)
              .join(' '),
          })
        : s('referrals.incoming.reachThroughConnector', { name: a.referrer.name, email: a.referrer.email })}
    </p>
  );
}

export function IncomingPage({
  i18n,
  csrf,
  actor,
  a,
  problems = [],
  notice,
  stale,
}: StaffViewBase & { a: IncomingDetail; stale?: boolean }) {
  const s = i18n.staff;
  return (
    <StaffPage
      i18n={i18n}
      actor={actor}
      csrf={csrf}
      title={s('referrals.incoming.title', { service: a.serviceName })}
      problems={problems}
      notice={notice}
    >
      <p>
        <a href="/staff/referrals/inbox">{s('referrals.incoming.back')}</a>
      </p>
      <h1>
        {s('referrals.incoming.heading', { service: a.serviceName })} <StateTag i18n={i18n} state={a.state} />
      </h1>
      {stale && (
        <div class="note warn" role="alert">
          <p>{s('referrals.error.stale')}</p>
        </div>
      )}
      <NextStepLine i18n={i18n} next={a.next} />
      <HowToReach i18n={i18n} a={a} />
      <h2>{s('referrals.incoming.referrer')}</h2>
      <p>
        <span dir="auto">{a.referrer.name}</span>, <span dir="auto">{a.referrer.organisation}</span> —{' '}
        <a href={`mailto:${a.referrer.email}`}>{a.referrer.email}</a>
      </p>
      <h2>{s('referrals.incoming.shared')}</h2>
      {a.consentWithdrawn ? (
        <p class="note warn">{s('referrals.inbox.consentWithdrawn')}</p>
      ) : (
        <SharedFields i18n={i18n} shared={a.shared} />
      )}
      <AttemptFacts i18n={i18n} a={a} />
      <h2>{s('referrals.incoming.actions')}</h2>
      {eventsFor(a.state, 'recipient', RECIPIENT_EVENTS).length === 0 && <p>{s('referrals.incoming.noActions')}</p>}
      {eventsFor(a.state, 'recipient', RECIPIENT_EVENTS).map((ev) => (
        <EventForm
          i18n={i18n}
          csrf={csrf}
          action={`/staff/referrals/inbox/${a.id}/${ev}`}
          event={ev}
          version={a.version}
          problems={problems}
          companions={a.companions}
        />
      ))}
      {canPlanBuddy(a.state) && (
        <p>
          <a href={`/staff/visits/plan/${a.id}`}>{s('buddy.plan.link')}</a>
        </p>
      )}
      <h2>{s('referrals.page.history')}</h2>
      <History i18n={i18n} events={a.events} />
    </StaffPage>
  );
}
