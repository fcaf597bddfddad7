import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../../modules/accounts/accounts.test-support.ts';
import { listingsService } from '../../modules/listings/listings.service.ts';
import { createAccess } from '../auth/access.ts';
import { loadActor } from '../auth/actor.ts';
import { createLogger } from '../log.ts';
import { newId } from '../ids.ts';
import { appendAuditEvent } from './audit.repository.ts';
import { auditLog } from '../auth/audit-log.service.ts';
import { AUDIT_PAGE_SIZE } from './audit.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

describe(`the audit log [${testEngine}]`, () => {
  let database: TestDatabase;
  let adminId: string;
  let adminEmail: string;
  let providerEmail: string;
  let orgA: string;
  const subject = newId();

  before(async () => {
    database = await openTestDatabase();
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    ({ id: adminId, email: adminEmail } = await makeAccount(database.db, operator, { role: 'administrator', name: 'Ada Admin' }));
    orgA = await makeOrganisation(database.db, { name: 'Bradford Moor Tenants' });
    ({ email: providerEmail } = await makeAccount(database.db, orgA, { manager: true }));
    const actor = { accountId: adminId, organisationId: operator, role: 'administrator' };
    // 60 entries about one record over three days, a few refused, from two actors.
    for (let i = 0; i < 60; i++) {
      await appendAuditEvent(
        database.db,
        { actor: i % 10 === 9 ? null : actor, now: new Date(Date.UTC(2026, 0, 10 + (i % 3), 12, i)), requestId: `r${i}` },
        {
          action: i % 2 ? 'person.view' : 'person.update',
          outcome: i % 10 === 9 ? 'denied' : 'allowed',
          subjectType: 'person',
          subjectId: subject,
          reason: i === 0 ? 'Preparing the referral' : null,
        },
      );
    }
  });
  after(async () => {
    await database.dispose();
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, for everyone', async () => {
    await assert.rejects(
      () => database.db.updateTable('audit_event').set({ reason: 'tampered' }).where('subject_id', '=', subject).execute(),
      /append-only/,
    );
    await assert.rejects(() => database.db.deleteFrom('audit_event').where('subject_id', '=', subject).execute(), /append-only/);
    await assert.rejects(() => sql`TRUNCATE audit_event`.execute(database.db), /append-only/);
    const n = await database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', subject)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 60, 'every entry is still there');
  });

  it('searches by who, what (exactly or by prefix), which record, outcome and dates, newest first', async () => {
    const access = createAccess(database.db, { actor: await loadActor(database.db, adminId), now: () => new Date() });
    const log = auditLog(access);
    const all = await log.search({ subjectType: 'person', subjectId: subject }, 1);
    assert.equal(all.rows.length, AUDIT_PAGE_SIZE);
    assert.equal(all.hasMore, true);
    const times = all.rows.map((r) => r.at.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    const page2 = await log.search({ subjectId: subject }, 2);
    assert.equal(page2.rows.length, 10);
    assert.equal(page2.hasMore, false);
    assert.equal(
      (await log.search({ subjectId: subject, action: 'person.view' }, 1)).rows.length +
        (await log.search({ subjectId: subject, action: 'person.view' }, 2)).rows.length,
      30,
    );
    assert.equal((await log.search({ subjectId: subject, action: 'person.' }, 2)).rows.length, 10, 'prefix search');
    assert.equal((await log.search({ subjectId: subject, outcome: 'denied' }, 1)).rows.length, 6);
    const byAdmin = await log.search({ subjectId: subject, actorAccountId: adminId }, 2);
    assert.equal(byAdmin.rows.length, 4, '54 by the administrator, so 4 on page two');
    assert.equal(byAdmin.rows[0]!.actorName, 'Ada Admin');
    const oneDay = await log.search({ subjectId: subject, from: '2026-01-11', to: '2026-01-11' }, 1);
    assert.equal(oneDay.rows.length, 20);
    assert.ok(oneDay.rows.every((r) => r.at.toISOString().startsWith('2026-01-11')));
    const reasoned = await log.search({ subjectId: subject, from: '2026-01-10', to: '2026-01-10' }, 1);
    assert.ok(reasoned.rows.some((r) => r.reason === 'Preparing the referral'));
  });

  it('tells who has looked at a record, and records that the history itself was read', async () => {
    const access = createAccess(database.db, { actor: await loadActor(database.db, adminId), now: () => new Date() });
    const rows = await auditLog(access).forSubject('person', subject);
    assert.equal(rows.length, 60);
    assert.equal(rows[0]!.at.toISOString(), '2026-01-12T12:59:00.000Z');
    const after = await auditLog(access).forSubject('person', subject);
    assert.equal(after.length, 61);
    assert.equal(after[0]!.action, 'audit.subject_history');
    assert.equal(after[0]!.actorAccountId, adminId);
  });

  it('records every listing change with who, which organisation and the fields that changed', async () => {
    const [g] = await saveFixtures(database.db, [serviceFixture('bingo', { organization: organizationFixture('bingo') })]);
    await database.db
      .insertInto('staff_organisation_listing')
      .values({ staff_organisation_id: orgA, organization_id: g!.organization.id })
      .execute();
    const provider = await database.db
      .selectFrom('staff_account')
      .select('id')
      .where('email', '=', providerEmail)
      .executeTakeFirstOrThrow();
    const actor = await loadActor(database.db, provider.id);
    const access = createAccess(database.db, { actor, now: () => new Date(), requestId: 'req-bingo' });
    const result = await listingsService(access).save(
      { ...g!, service: { ...g!.service, name: 'Bingo and a brew' }, belong: { ...g!.belong, capacity_status: 'full' } },
      'Term has started',
    );
    assert.deepEqual(result.changedFields.sort(), ['capacity_status', 'name']);
    const [entry] = await database.db.selectFrom('audit_event').selectAll().where('subject_id', '=', g!.service.id).execute();
    assert.equal(entry!.action, 'listing.edit');
    assert.equal(entry!.actor_account_id, provider.id);
    assert.equal(entry!.actor_organisation_id, orgA);
    assert.equal(entry!.actor_role, 'provider_staff');
    assert.equal(entry!.reason, 'Term has started');
    assert.equal(entry!.request_id, 'req-bingo');
    assert.deepEqual((entry!.details.changedFields as string[]).sort(), ['capacity_status', 'name']);
    const meta = await database.db
      .selectFrom('metadata')
      .select('updated_by')
      .where('resource_id', '=', g!.service.id)
      .where('field_name', '=', 'name')
      .executeTakeFirstOrThrow();
    assert.equal(meta.updated_by, `staff:${provider.id}`);
  });

  it('offers the search page to administrators only, with filters kept in the paging links', async () => {
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const admin = new TestBrowser(app);
    await admin.signIn(adminEmail, TEST_PASSWORD);
    const page = await admin.get(`/admin/audit?subjectId=${subject}&action=person.`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>Audit log<\/h1>/);
    assert.match(page.html, /Preparing the referral|person\.update/);
    assert.match(page.html, new RegExp(`href="/admin/audit\\?action=person\\.&amp;subjectId=${subject}&amp;page=2" rel="next"`));
    const bad = await admin.get('/admin/audit?from=yesterday');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /We could not use “yesterday” here/);
    const provider = new TestBrowser(app);
    await provider.signIn(providerEmail, TEST_PASSWORD);
    const refused = await provider.get('/admin/audit');
    assert.equal(refused.status, 403);
    assert.match(refused.html, /You do not have access to this/);
    const searches = await database.db.selectFrom('audit_event').select(['outcome']).where('action', '=', 'audit.search').execute();
    assert.ok(
      searches.some((s) => s.outcome === 'allowed') && searches.some((s) => s.outcome === 'denied'),
      'searches and refusals are both recorded',
    );
  });
});
