/**
 * Access-matrix rows for people's records, consents, conversations and
 * plans. Records belong to the connector's organisation (a GP practice);
 * `otherConnector` works for another organisation and must be refused every
 * record there, as must administrators and commissioners (who never read
 * personal records).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { Row } from '../../../test/support/access-matrix.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { conversationService } from '../conversation/conversation.service.ts';
import { peopleService } from './people.service.ts';
import type { PersonInput } from './person-form.ts';

const notifier: Notifier = { enqueue: async () => undefined };

const input = (name: string): PersonInput => ({
  displayName: name,
  preferredLanguage: 'ar',
  otherLanguages: [],
  englishOk: false,
  interpreterNeeded: false,
  interpreterLanguage: null,
  contactMethod: null,
  phone: null,
  email: null,
  safeToCall: null,
  safeToText: null,
  safeToLeaveMessage: null,
  area: null,
  outcode: null,
  gender: null,
  ageBand: null,
});

/** A record held by `organisationId`, with consent to keep the conversation (and, when asked, a finished one). */
export async function makePerson(
  db: Kysely<DB>,
  organisationId: string,
  opts: { name?: string; email?: string; finished?: boolean } = {},
): Promise<{ person: string; conversation: string | null }> {
  const person = newId();
  const now = new Date();
  await db
    .insertInto('person')
    .values({
      id: person,
      organisation_id: organisationId,
      display_name: opts.name ?? 'Amina',
      preferred_language: 'ar',
      email: opts.email ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('person_consent')
    .values({
      id: newId(),
      person_id: person,
      kind: 'store',
      scope: ['record', 'conversation', 'contact_details'],
      given_by: 'verbal',
      granted_at: now,
    })
    .execute();
  if (opts.email)
    await db
      .insertInto('person_consent')
      .values({ id: newId(), person_id: person, kind: 'contact', scope: ['email'], given_by: 'verbal', granted_at: now })
      .execute();
  if (!opts.finished) return { person, conversation: null };
  const conversation = newId();
  const answers = { cost: { limit: 'free' }, modes: { modes: ['in_person'] }, safety: { answer: 'vetted' } };
  await db
    .insertInto('conversation')
    .values({
      id: conversation,
      person_id: person,
      status: 'complete',
      answers: JSON.stringify(answers),
      language: 'ar',
      started_at: now,
      updated_at: now,
      completed_at: now,
    })
    .execute();
  return { person, conversation };
}

const people = (a: Parameters<Row['attempt']>[0]) => peopleService(a);
const conv = (a: Parameters<Row['attempt']>[0]) => conversationService(a, { notifier });
const fresh: Row['prepare'] = async (w, cell) => ({
  person: (await makePerson(w.database.db, w.orgConnector, { name: `Person ${cell}` })).person,
});

export const PEOPLE_ROWS: Row[] = [
  {
    action: 'person.list',
    does: 'list the people their own organisation holds',
    allowed: ['connector', 'otherConnector'],
    attempt: (a) => people(a).list(),
  },
  {
    action: 'person.create',
    does: 'make a record in their own organisation',
    allowed: ['connector', 'otherConnector'],
    attempt: (a, _w, cell) =>
      people(a).create(input(`Created ${cell}`), { kind: 'store', scope: ['record'], givenBy: 'verbal', expiresOn: null }, null),
    changed: async (w, cell) =>
      !!(await w.database.db.selectFrom('person').select('id').where('display_name', '=', `Created ${cell}`).executeTakeFirst()),
  },
  {
    action: 'person.view',
    does: 'read a record the GP practice holds',
    allowed: ['connector'],
    prepare: fresh,
    attempt: (a, _w, _c, t) => people(a).get(t.person!),
  },
  {
    action: 'person.update',
    does: 'change the details of a record the GP practice holds',
    allowed: ['connector'],
    prepare: fresh,
    attempt: (a, _w, cell, t) => people(a).update(t.person!, input(`Renamed ${cell}`)),
    changed: async (w, cell, t) =>
      (await w.database.db.selectFrom('person').select('display_name').where('id', '=', t.person!).executeTakeFirstOrThrow())
        .display_name === `Renamed ${cell}`,
  },
  {
    action: 'person.history',
    does: 'see who has looked at a record the GP practice holds',
    allowed: ['connector'],
    prepare: fresh,
    attempt: (a, _w, _c, t) => people(a).history(t.person!),
  },
  {
    action: 'consent.record',
    does: 'record a contact consent on a record the GP practice holds',
    allowed: ['connector'],
    prepare: fresh,
    attempt: (a, _w, _c, t) => people(a).recordConsent(t.person!, { kind: 'contact', scope: ['call'], givenBy: 'verbal', expiresOn: null }),
    changed: async (w, _c, t) =>
      !!(await w.database.db
        .selectFrom('person_consent')
        .select('id')
        .where('person_id', '=', t.person!)
        .where('kind', '=', 'contact')
        .executeTakeFirst()),
  },
  {
    action: 'conversation.view',
    does: 'read the conversation of a person the GP practice holds',
    allowed: ['connector'],
    prepare: fresh,
    attempt: (a, _w, _c, t) => conv(a).current(t.person!),
  },
  {
    action: 'conversation.save',
    does: 'start a conversation with a person the GP practice holds',
    allowed: ['connector'],
    prepare: fresh,
    attempt: (a, _w, _c, t) => conv(a).start(t.person!, 'ar'),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('conversation').select('id').where('person_id', '=', t.person!).executeTakeFirst()),
  },
  {
    action: 'plan.send',
    does: 'send the plan of a person the GP practice holds',
    allowed: ['connector'],
    prepare: async (w, cell) => {
      const made = await makePerson(w.database.db, w.orgConnector, {
        name: `Plan ${cell}`,
        email: `${cell.toLowerCase()}@person.example.org`,
        finished: true,
      });
      return { person: made.person, conversation: made.conversation! };
    },
    attempt: (a, _w, _c, t) => conv(a).sendPlan(t.person!, t.conversation!, { subject: 'Your plan', text: 'Plan' }),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('conversation').select('plan_sent_at').where('id', '=', t.conversation!).executeTakeFirstOrThrow())
        .plan_sent_at !== null,
  },
];
