/**
 * The person's page, safeguarding section: "Someone is at risk" (the crisis
 * route from the record) and every concern raised about them, with where it
 * stands and "Acknowledge" while it waits.
 */
import type { PersonPanel } from '../people/person-panels.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { crisisService } from './crisis.service.ts';
import { ConcernItem } from './crisis.views.tsx';

export const safeguardingPanel =
  (notifier: Notifier): PersonPanel =>
  async ({ access, i18n, csrf, person }) => {
    const s = i18n.staff;
    const own = { organisationId: person.organisationId };
    if (!access.can('safeguarding.view', own)) return null;
    const concerns = await crisisService(access, { notifier }).ofPerson(person.id);
    const canAcknowledge = access.can('safeguarding.acknowledge', own);
    return (
      <>
        <h2 id="safeguarding">{s('safety.panel.heading')}</h2>
        {access.can('safeguarding.raise', own) && (
          <p>
            <a class="button warning" href={`/staff/people/${person.id}/crisis?from=record`}>
              {s('safety.panel.raise')}
            </a>
          </p>
        )}
        {concerns.length === 0 ? (
          <p>{s('safety.panel.none')}</p>
        ) : (
          <ul class="concerns">
            {concerns.map((c) => (
              <ConcernItem i18n={i18n} csrf={csrf} c={c} canAcknowledge={canAcknowledge} />
            ))}
          </ul>
        )}
      </>
    );
  };
