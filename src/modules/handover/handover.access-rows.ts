/**
 * Access-matrix rows for moving area: only connectors of the organisation
 * holding a record may offer or export it; only connectors of the receiving
 * organisation may accept (`otherConnector`, in a third organisation, is
 * refused); and once accepted, the old organisation's connector can no
 * longer read the record.
 */
import type { Kysely } from 'kysely';
import type { Row, World } from '../../../test/support/access-matrix.ts';
import { createAccess } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { peopleService } from '../people/people.service.ts';
import { RecordingNotifier } from '../referrals/referrals.test-support.ts';
import { newPackageId, sealPackage, type HandoverContents } from './handover-package.ts';
import { handoverService } from './handover.service.ts';

const notifier = new RecordingNotifier();
const svc = (a: Parameters<typeof handoverService>[0]) => handoverService(a, { notifier });
const PASS = 'matrix passphrase 123';

async function personIn(db: Kysely<DB>, org: string, name: string): Promise<string> {
  const id = newId();
  const now = new Date();
  await db
    .insertInto('person')
    .values({ id, organisation_id: org, display_name: name, preferred_language: 'ar', created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('person_consent')
    .values({ id: newId(), person_id: id, kind: 'store', scope: ['record'], given_by: 'verbal', granted_at: now })
    .execute();
  return id;
}

const accessOf = async (db: Kysely<DB>, accountId: string) =>
  createAccess(db, { actor: await loadActor(db, accountId), now: () => new Date() });

/** A person held by a third organisation, offered to the GP practice (the connector's). */
async function offeredToConnector(w: World, cell: string): Promise<Record<string, string>> {
  const db = w.database.db;
  const third = await makeOrganisation(db, { name: `Moor Lane ${cell}`, kind: 'referrer' });
  const starter = (await makeAccount(db, third, { role: 'connector', password: false })).id;
  const person = await personIn(db, third, `Moving ${cell}`);
  const r = await svc(await accessOf(db, starter)).start(person, {
    toOrganisationId: w.orgConnector,
    scope: ['record', 'conversation'],
    givenBy: 'verbal',
    newArea: null,
    note: null,
  });
  if (!r.ok) throw new Error(r.error);
  return { person, handover: r.handoverId };
}

function contents(cell: string): HandoverContents {
  return {
    format: 'belong-handover',
    version: 1,
    packageId: newPackageId(),
    exportedAt: new Date().toISOString(),
    fromOrganisation: 'Elsewhere',
    scope: ['record'],
    person: {
      displayName: `Imported ${cell}`,
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
    },
    conversation: null,
    plan: null,
    measures: [],
    referrals: [],
  };
}

export const HANDOVER_ROWS: Row[] = [
  {
    action: 'handover.start',
    does: 'offer a record the GP practice holds to another organisation',
    allowed: ['connector'],
    prepare: async (w, cell) => ({ person: await personIn(w.database.db, w.orgConnector, `Offer ${cell}`) }),
    attempt: (a, w, _c, t) =>
      svc(a).start(t.person!, { toOrganisationId: w.orgOtherConnector, scope: ['record'], givenBy: 'verbal', newArea: null, note: null }),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('handover').select('id').where('person_id', '=', t.person!).executeTakeFirst()),
  },
  {
    action: 'handover.incoming',
    does: 'see the hand-overs offered to their own organisation',
    allowed: ['connector', 'otherConnector'],
    attempt: (a) => svc(a).incoming(),
  },
  {
    action: 'handover.respond',
    does: 'accept a hand-over offered to the GP practice by a third organisation',
    allowed: ['connector'],
    prepare: offeredToConnector,
    attempt: (a, _w, _c, t) => svc(a).accept(t.handover!),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('person').select('organisation_id').where('id', '=', t.person!).executeTakeFirstOrThrow())
        .organisation_id === w.orgConnector,
  },
  {
    action: 'handover.respond',
    does: 'decline a hand-over offered to the GP practice by a third organisation',
    allowed: ['connector'],
    prepare: offeredToConnector,
    attempt: (a, _w, _c, t) => svc(a).decline(t.handover!, null),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('handover').select('status').where('id', '=', t.handover!).executeTakeFirstOrThrow()).status ===
      'declined',
  },
  {
    action: 'handover.export',
    does: 'export a sealed package of a record the GP practice holds',
    allowed: ['connector'],
    prepare: async (w, cell) => ({ person: await personIn(w.database.db, w.orgConnector, `Export ${cell}`) }),
    attempt: (a, _w, _c, t) => svc(a).exportPackage(t.person!, ['record'], 'verbal', PASS),
    changed: async (w, _c, t) =>
      !!(await w.database.db
        .selectFrom('person_consent')
        .select('id')
        .where('person_id', '=', t.person!)
        .where('purpose', 'like', 'handover-export:%')
        .executeTakeFirst()),
  },
  {
    action: 'handover.import',
    does: 'import a package into their own organisation',
    allowed: ['connector', 'otherConnector'],
    prepare: async (_w, cell) => {
      const c = contents(cell);
      return { file: await sealPackage(c, PASS), packageId: c.packageId };
    },
    attempt: (a, _w, _c, t) => svc(a).importPackage(t.file!, PASS, 'verbal'),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('handover_import').select('id').where('package_id', '=', t.packageId!).executeTakeFirst()),
  },
  {
    action: 'person.view',
    does: 'read a record after the GP practice handed it over to the charity (only the charity may)',
    allowed: ['otherConnector'],
    prepare: async (w, cell) => {
      const db = w.database.db;
      const person = await personIn(db, w.orgConnector, `Moved ${cell}`);
      const started = await svc(await accessOf(db, w.accounts.connector)).start(person, {
        toOrganisationId: w.orgOtherConnector,
        scope: ['record'],
        givenBy: 'verbal',
        newArea: null,
        note: null,
      });
      if (!started.ok) throw new Error(started.error);
      const accepted = await svc(await accessOf(db, w.accounts.otherConnector)).accept(started.handoverId);
      if (!accepted.ok) throw new Error(accepted.error);
      return { person };
    },
    attempt: (a, _w, _c, t) => peopleService(a).get(t.person!),
  },
];
