/**
 * Access-matrix rows for volunteers, befriending matches and pathways.
 * People's records belong to the connector's organisation (a GP practice);
 * the world's volunteer works in provider organisation A, whose manager
 * (and only that manager) manages A's volunteers. A match names the world's
 * volunteer, so the volunteer-side rows show that only that volunteer gets
 * in — every other actor, the other organisations' connector included, is
 * refused.
 */
import type { Row, World } from '../../../test/support/access-matrix.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { befriendingService } from './befriending.service.ts';
import { makeBefriendee, makeMatch, makeVolunteer } from './befriending.test-support.ts';
import { pathwaysService } from './pathways.service.ts';
import { volunteersService } from './volunteers.service.ts';
import type { MatchState } from '../../platform/db/schema.ts';

const notifier: Notifier = { enqueue: async () => undefined };
const bf = (a: Parameters<typeof befriendingService>[0]) => befriendingService(a, { notifier });
const anyone = { wantedGender: 'woman' as const, mode: 'either' as const, times: [] };

const person = async (w: World, cell: string) => ({
  person: await makeBefriendee(w.database.db, w.orgConnector, { name: `Amina ${cell}` }),
});

/** A match between a person of the connector's organisation and the world's volunteer. */
const match = (state: MatchState) => async (w: World, cell: string) => {
  const { person: personId } = await person(w, cell);
  const id = await makeMatch(w.database.db, {
    personId,
    organisationId: w.orgConnector,
    volunteerId: w.accounts.volunteer,
    coordinatorId: w.accounts.connector,
    state,
  });
  return { person: personId, match: id };
};

const matchRow = async (w: World, id: string) =>
  w.database.db.selectFrom('befriending_match').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const BEFRIENDING_ROWS: Row[] = [
  {
    action: 'volunteer.manage',
    does: "see a volunteer of organisation A with their vetting (A's manager only)",
    allowed: ['providerManager'],
    attempt: (a, w) => volunteersService(a).get(w.accounts.volunteer),
  },
  {
    action: 'volunteer.edit_own',
    does: 'see and keep up to date their own volunteer profile and availability',
    allowed: ['volunteer'],
    attempt: (a) => volunteersService(a).own(),
  },
  {
    action: 'befriending.find',
    does: 'find volunteers for a person whose record the organisation holds',
    allowed: ['connector'],
    prepare: person,
    attempt: (a, _w, _c, t) => bf(a).find(t.person!, anyone),
  },
  {
    action: 'befriending.propose',
    does: 'propose a vetted volunteer of their own organisation to a person',
    allowed: ['connector'],
    prepare: async (w, cell) => {
      const p = await person(w, cell);
      const v = await makeVolunteer(w.database.db, w.orgConnector, { name: `Volunteer ${cell}` });
      return { ...p, volunteer: v.id };
    },
    attempt: async (a, _w, _c, t) => {
      const r = await bf(a).propose(t.person!, { ...anyone, volunteerAccountId: t.volunteer!, goal: null });
      if (!r.ok) throw new Error(`not proposed: ${r.error}`);
    },
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('befriending_match').select('id').where('person_id', '=', t.person!).executeTakeFirst()),
  },
  {
    action: 'befriending.view',
    does: 'see a match with its contacts, concerns and check-ins',
    allowed: ['connector'],
    prepare: match('active'),
    attempt: (a, _w, _c, t) => bf(a).detail(t.match!),
  },
  {
    action: 'befriending.manage',
    does: "record the person's agreement to a proposed match",
    allowed: ['connector'],
    prepare: match('proposed'),
    attempt: async (a, _w, _c, t) => {
      const r = await bf(a).personAgreed(t.match!);
      if (!r.ok) throw new Error(r.error);
    },
    changed: async (w, _c, t) => (await matchRow(w, t.match!)).person_agreed_at !== null,
  },
  {
    action: 'befriending.view_own',
    does: 'see a match they are the volunteer of',
    allowed: ['volunteer'],
    prepare: match('active'),
    attempt: async (a, _w, _c, t) => {
      const m = await bf(a).forVolunteer(t.match!);
      if (!m.person) throw new Error('the volunteer does not see the person after both agreed');
    },
  },
  {
    action: 'befriending.respond',
    does: 'accept a match proposed to them',
    allowed: ['volunteer'],
    prepare: match('proposed'),
    attempt: async (a, _w, _c, t) => {
      const r = await bf(a).respond(t.match!, 'accept');
      if (!r.ok) throw new Error(r.error);
    },
    changed: async (w, _c, t) => (await matchRow(w, t.match!)).volunteer_agreed_at !== null,
  },
  {
    action: 'befriending.log_contact',
    does: 'log a contact on a running match (its volunteer or its coordinators)',
    allowed: ['volunteer', 'connector'],
    prepare: match('active'),
    attempt: async (a, _w, _c, t) => {
      const r = await bf(a).logContact(t.match!, { contactId: null, date: null, status: 'done', note: 'Tea and a walk', concern: null });
      if (!r.ok) throw new Error(r.error);
    },
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('befriending_contact').select('id').where('match_id', '=', t.match!).executeTakeFirst()),
  },
  {
    action: 'pathway.view',
    does: "see a person's pathway and the next steps they might like",
    allowed: ['connector'],
    prepare: person,
    attempt: (a, _w, _c, t) => pathwaysService(a).overview(t.person!),
  },
  {
    action: 'pathway.update',
    does: "set the stage of a person's pathway",
    allowed: ['connector'],
    prepare: person,
    attempt: (a, _w, _c, t) => pathwaysService(a).setStage(t.person!, 'groups'),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('person_pathway').select('stage').where('person_id', '=', t.person!).executeTakeFirst()),
  },
];
