/**
 * Access-matrix rows for the crisis route. People's records belong to the
 * connector's organisation (a GP practice, whose connector is also its
 * manager): its connectors raise, see and acknowledge safeguarding concerns;
 * its manager and administrators name its safeguarding lead. Everyone else,
 * the other organisation's connector included, is refused.
 */
import type { Row, World } from '../../../test/support/access-matrix.ts';
import { newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { makePerson } from '../people/people.access-rows.ts';
import { crisisService } from './crisis.service.ts';

const notifier: Notifier = { enqueue: async () => undefined };
const crisis = (a: Parameters<typeof crisisService>[0]) => crisisService(a, { notifier });

const person = async (w: World, cell: string) => ({
  person: (await makePerson(w.database.db, w.orgConnector, { name: `Amina ${cell}` })).person,
});

/** A person of the connector's organisation with one concern waiting. */
async function concern(w: World, cell: string) {
  const { person: personId } = await person(w, cell);
  const id = newId();
  const now = new Date();
  await w.database.db
    .insertInto('safeguarding_concern')
    .values({
      id,
      person_id: personId,
      organisation_id: w.orgConnector,
      source: 'record',
      raised_by: w.accounts.connector,
      raised_at: now,
      acknowledge_by: new Date(now.getTime() + 3600_000),
    })
    .execute();
  return { person: personId, concern: id };
}

export const CRISIS_ROWS: Row[] = [
  {
    action: 'safeguarding.raise',
    does: 'say someone whose record the organisation holds is at risk (a concern for its safeguarding lead)',
    allowed: ['connector'],
    prepare: person,
    attempt: (a, _w, _c, t) => crisis(a).raise(t.person!, { source: 'record', note: null }),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('safeguarding_concern').select('id').where('person_id', '=', t.person!).executeTakeFirst()),
  },
  {
    action: 'safeguarding.view',
    does: 'see the safeguarding concerns on a person’s record',
    allowed: ['connector'],
    prepare: concern,
    attempt: (a, _w, _c, t) => crisis(a).ofPerson(t.person!),
  },
  {
    action: 'safeguarding.acknowledge',
    does: 'acknowledge a safeguarding concern about a person the organisation holds',
    allowed: ['connector'],
    prepare: concern,
    attempt: (a, _w, _c, t) => crisis(a).acknowledge(t.concern!),
    changed: async (w, _c, t) =>
      (
        await w.database.db
          .selectFrom('safeguarding_concern')
          .select('acknowledged_at')
          .where('id', '=', t.concern!)
          .executeTakeFirstOrThrow()
      ).acknowledged_at !== null,
  },
  {
    action: 'safeguarding.set_lead',
    does: 'name the connector organisation’s safeguarding lead (its manager, or an administrator)',
    allowed: ['administrator', 'connector'],
    attempt: async (a, w) => {
      const r = await crisis(a).setLead(w.orgConnector, w.accounts.connector);
      if (!r.ok) throw new Error(`not set: ${r.error}`);
    },
    changed: async (w) =>
      !!(await w.database.db
        .selectFrom('organisation_safeguarding')
        .select('lead_account_id')
        .where('organisation_id', '=', w.orgConnector)
        .executeTakeFirst()),
    cleanup: async (w) => {
      await w.database.db.deleteFrom('organisation_safeguarding').where('organisation_id', '=', w.orgConnector).execute();
    },
  },
];
