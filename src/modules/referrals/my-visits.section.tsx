/**
 * The person's own page (/my): the visits someone is going with them to —
 * who (the buddy's first name), where to meet, the day and the time — in the
 * person's language. Only sessions not yet answered, of referrals still open.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Child } from 'hono/jsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { sessionsOfPerson } from './buddy-sessions.repository.ts';
import { VISIT_STATES } from './visits.service.ts';

/** A section of /my (the shape person-view's MySection expects; not imported, as person-view imports referrals). */
export function myVisitsSection(db: Kysely<DB>): (personId: string, i18n: I18n) => Promise<Child | null> {
  return async (personId, i18n) => {
    const sessions = (await sessionsOfPerson(db, personId, VISIT_STATES)).filter((s) => s.outcome === null);
    if (!sessions.length) return null;
    return (
      <section id="going-with-you">
        <h2>{i18n.t('buddy.my.heading')}</h2>
        <ul>
          {sessions.map((s) => (
            <li data-session={s.id}>
              <p dir="auto">
                {i18n.t('buddy.my.session', {
                  name: s.buddy_name.trim().split(/\s+/)[0] ?? '',
                  place: s.meeting_point,
                  date: i18n.formatDate(new Date(`${String(s.on_date)}T12:00:00Z`), { dateStyle: 'full' }),
                  time: s.at_time,
                  service: s.service_name,
                })}
              </p>
            </li>
          ))}
        </ul>
        <p class="hint">{i18n.t('buddy.my.change')}</p>
      </section>
    );
  };
}
