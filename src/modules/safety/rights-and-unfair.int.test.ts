/**
 * Issue 15, items 1 and 4 and the organisation areas: the "know your rights"
 * pages (catalogue text by default, a deployment's own text per page and
 * language with a review date, audited, administrators only); the public
 * "report unfair treatment" form (checked in the person's language,
 * anonymous means no contact kept, honeypot and throttle), its queue for
 * administrators only (never the provider) with a case status; the counts per
 * service with small numbers hidden; and which areas organisations cover.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { REPORTS_PER_WINDOW } from '../../platform/http/form-throttle.ts';

const ORIGIN = 'http://localhost';

describe(`know your rights and reporting unfair treatment [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock(new Date('2026-06-10T09:00:00Z'));
  let admin: TestBrowser;
  let provider: TestBrowser;
  let connector: TestBrowser;
  let commissioner: TestBrowser;
  let serviceA: string;
  let serviceB: string;
  let referrer: string;

  const send = (path: string, fields: [string, string][], lang = 'en', ip = '198.51.100.1') =>
    new TestBrowser(app, { 'accept-language': lang, 'x-forwarded-for': ip }).request(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });
  const reports = () => database.db.selectFrom('unfair_treatment_report').selectAll().orderBy('created_at').execute();
  const audits = (action: string) => database.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();

  before(async () => {
    database = await openTestDatabase();
    app = createApp({
      config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'on' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
    });
    const [a, b] = await saveFixtures(database.db, [
      serviceFixture('women-sewing', { service: { name: 'Women’s sewing circle' } }),
      serviceFixture('chess', { service: { name: 'Saturday chess club' } }),
    ]);
    serviceA = a!.service.id;
    serviceB = b!.service.id;
    const team = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    referrer = await makeOrganisation(database.db, { name: 'Manningham link workers', kind: 'referrer' });
    const providerOrg = await makeOrganisation(database.db, {
      name: 'Sewing circle staff',
      kind: 'provider',
      listings: [a!.organization.id],
    });
    admin = new TestBrowser(app);
    await admin.signIn((await makeAccount(database.db, team, { role: 'administrator', name: 'Ada Admin' })).email, TEST_PASSWORD);
    provider = new TestBrowser(app);
    await provider.signIn((await makeAccount(database.db, providerOrg, { role: 'provider_staff' })).email, TEST_PASSWORD);
    connector = new TestBrowser(app);
    await connector.signIn((await makeAccount(database.db, referrer, { role: 'connector' })).email, TEST_PASSWORD);
    commissioner = new TestBrowser(app);
    await commissioner.signIn((await makeAccount(database.db, team, { role: 'commissioner' })).email, TEST_PASSWORD);
  });
  after(async () => {
    await database.dispose();
  });

  describe('know your rights', () => {
    it('shows every page in every language from the catalogue, linked from the start page and service pages', async () => {
      for (const lang of ['en', 'ar', 'ur', 'ti'] as const) {
        const { t } = createI18n(lang);
        const index = await new TestBrowser(app, { 'accept-language': lang }).get('/rights');
        assert.equal(index.status, 200);
        for (const p of ['gp', 'nhs', 'privacy', 'complain'] as const) {
          assert.ok(index.html.includes(`href="/rights/${p}"`), `${lang} ${p}`);
          const page = await new TestBrowser(app, { 'accept-language': lang }).get(`/rights/${p}`);
          assert.equal(page.status, 200);
          assert.ok(page.html.includes(t(`rights.${p}.title`)), `${lang} ${p} title`);
        }
      }
      const ar = await new TestBrowser(app, { 'accept-language': 'ar' }).get('/rights/gp');
      assert.match(ar.html, /<html lang="ar" dir="rtl">/);
      const nhs = await new TestBrowser(app).get('/rights/nhs');
      assert.match(nhs.html, /<ul><li dir="auto">seeing a GP/, 'lines starting "- " are a list');
      assert.match((await new TestBrowser(app).get('/')).html, /href="\/rights"/);
      const service = await new TestBrowser(app).get(`/services/${serviceA}`);
      assert.ok(service.html.includes(`href="/report-unfair?service=${serviceA}"`));
      assert.match(service.html, /href="\/rights"/);
      assert.equal((await new TestBrowser(app).get('/rights/visa')).status, 404);
    });

    it('lets an administrator replace a page in one language with a review date, audited; others keep the catalogue text', async () => {
      const form = await admin.get('/admin/rights/gp/ar');
      assert.equal(form.status, 200);
      assert.ok(form.html.includes(createI18n('ar').t('rights.gp.title')), 'the form starts from the catalogue text');
      const bad = await admin.post('/admin/rights/gp/ar', { mode: 'own', title: '', body: '', reviewBy: '2026-06-01' });
      assert.equal(bad.status, 400);
      assert.match(bad.html, /Enter a page title/);
      assert.match(bad.html, /The review date must be after today/);
      const saved = await admin.post('/admin/rights/gp/ar', {
        mode: 'own',
        title: 'التسجيل لدى طبيب في برادفورد',
        body: 'سطر أول.\n\n- عيادة الشارع الرئيسي\n- عيادة السوق',
        reviewBy: '2026-12-01',
      });
      assert.equal(saved.status, 303);
      assert.equal(saved.location, '/admin/rights?done=saved');
      const ar = await new TestBrowser(app, { 'accept-language': 'ar' }).get('/rights/gp');
      assert.match(ar.html, /<h1 dir="auto">التسجيل لدى طبيب في برادفورد<\/h1>/);
      assert.match(ar.html, /<li dir="auto">عيادة السوق<\/li>/);
      const en = await new TestBrowser(app).get('/rights/gp');
      assert.ok(en.html.includes('Registering with a GP'), 'English still shows the catalogue text');
      const [entry] = await audits('rights.edit');
      assert.equal(entry!.subject_id, 'gp:ar');
      assert.equal((entry!.details as { ownText: boolean }).ownText, true);
      // Back to Belong's text, still reviewed.
      await admin.get('/admin/rights/gp/ar');
      await admin.post('/admin/rights/gp/ar', { mode: 'catalogue', title: 'x', body: 'y', reviewBy: '2027-01-01' });
      const back = await new TestBrowser(app, { 'accept-language': 'ar' }).get('/rights/gp');
      assert.ok(back.html.includes(createI18n('ar').t('rights.gp.title')));
      assert.equal((await audits('rights.edit')).length, 2);
    });

    it('flags pages not reviewed yet and overdue reviews to administrators', async () => {
      const list = await admin.get('/admin/rights');
      assert.equal(list.status, 200);
      assert.match(list.html, /47 pages need a review \(of 48\)/, 'all but the one reviewed above');
      assert.match(list.html, /Not reviewed yet/);
      await database.db
        .insertInto('rights_page_text')
        .values({ page: 'nhs', locale: 'en', title: null, body: null, review_by: '2026-06-01', updated_by: null, updated_at: clock.now() })
        .execute();
      const later = await admin.get('/admin/rights');
      assert.match(later.html, /47 pages need a review/);
      assert.match(later.html, /2026-06-01<strong> Review overdue<\/strong>/);
    });

    it('lets no one but administrators see or change the pages’ texts', async () => {
      for (const b of [provider, connector, commissioner]) {
        assert.equal((await b.get('/admin/rights')).status, 403);
        assert.equal((await b.post('/admin/rights/gp/en', { mode: 'catalogue', reviewBy: '2027-01-01' })).status, 403);
      }
      assert.equal((await new TestBrowser(app).get('/admin/rights')).status, 303, 'signed out: to sign-in');
    });
  });

  describe('reporting unfair treatment', () => {
    it('explains what is missing in the person’s language and stores nothing', async () => {
      const { t } = createI18n('ur');
      const res = await send('/report-unfair', [['anonymous', 'no']], 'ur', '198.51.100.2');
      assert.equal(res.status, 400);
      assert.match(res.html, /<html lang="ur" dir="rtl">/);
      for (const k of ['unfair.error.service', 'unfair.error.kinds', 'unfair.error.what', 'unfair.error.contact'] as const)
        assert.ok(res.html.includes(t(k)), k);
      const none = await send('/report-unfair', [['serviceName', 'x']], 'ar', '198.51.100.2');
      assert.ok(none.html.includes(createI18n('ar').t('unfair.error.anonymous')));
      assert.equal((await reports()).length, 0);
    });

    it('takes an anonymous report from a service page and keeps no way to reach the person, even if typed', async () => {
      const page = await new TestBrowser(app, { 'accept-language': 'ar' }).get(`/report-unfair?service=${serviceA}`);
      assert.equal(page.status, 200);
      assert.ok(page.html.includes('Women’s sewing circle'));
      const res = await send(
        `/report-unfair?service=${serviceA}`,
        [
          ['kind', 'racism'],
          ['kind', 'unsafe'],
          ['whatHappened', 'قال لي أحد المتطوعين كلامًا عنصريًا'],
          ['anonymous', 'yes'],
          ['contactName', 'Amina'],
          ['contact', '07700 900123'],
        ],
        'ar',
        '198.51.100.3',
      );
      assert.equal(res.status, 303);
      assert.equal(res.location, '/report-unfair/thanks');
      const [r] = await reports();
      assert.equal(r!.service_id, serviceA);
      assert.equal(r!.service_name, 'Women’s sewing circle');
      assert.deepEqual(r!.kinds, ['racism', 'unsafe']);
      assert.equal(r!.anonymous, true);
      assert.equal(r!.contact, null);
      assert.equal(r!.contact_name, null);
      assert.equal(r!.language, 'ar');
      assert.equal(r!.status, 'new');
      const [entry] = await audits('unfair_report.create');
      assert.equal(entry!.subject_id, r!.id);
      assert.equal(entry!.actor_account_id, null);
      assert.doesNotMatch(JSON.stringify(entry!.details), /0770|Amina/);
    });

    it('matches a service named by its exact name, and keeps the contact of someone who wants a reply', async () => {
      const res = await send(
        '/report-unfair',
        [
          ['serviceName', '  saturday CHESS club '],
          ['kind', 'discrimination'],
          ['whatHappened', 'They said women could not join.'],
          ['happenedWhen', 'Last Saturday'],
          ['anonymous', 'no'],
          ['contactName', 'Olena'],
          ['contact', 'olena@example.org'],
        ],
        'uk',
        '198.51.100.4',
      );
      assert.equal(res.status, 303);
      const r = (await reports()).find((x) => x.service_id === serviceB)!;
      assert.equal(r.service_name, 'Saturday chess club', 'the listing’s own name');
      assert.equal(r.contact, 'olena@example.org');
      assert.equal(r.contact_name, 'Olena');
      const unknown = await send(
        '/report-unfair',
        [
          ['serviceName', 'The bus station café'],
          ['kind', 'other'],
          ['whatHappened', 'Shouted at.'],
          ['anonymous', 'yes'],
        ],
        'en',
        '198.51.100.4',
      );
      assert.equal(unknown.status, 303);
      assert.equal((await reports()).find((x) => x.service_name === 'The bus station café')!.service_id, null);
      assert.equal((await new TestBrowser(app).get('/report-unfair?service=00000000-0000-4000-8000-000000000000')).status, 404);
    });

    it('reaches the administrators only: never the provider of the service, nor connectors', async () => {
      const queue = await admin.get('/admin/unfair-treatment');
      assert.equal(queue.status, 200);
      assert.match(queue.html, /Women’s sewing circle/);
      assert.match(queue.html, /Saturday chess club/);
      assert.match(queue.html, /not matched to a listing/);
      const r = (await reports()).find((x) => x.service_id === serviceA)!;
      const one = await admin.get(`/admin/unfair-treatment/${r.id}`);
      assert.match(one.html, /Racism, Felt unsafe/);
      assert.match(one.html, /Anonymous/);
      for (const b of [provider, connector, commissioner]) {
        assert.equal((await b.get('/admin/unfair-treatment')).status, 403);
        assert.equal((await b.get(`/admin/unfair-treatment/${r.id}`)).status, 403);
      }
      assert.doesNotMatch((await provider.get('/staff/reports')).html, /سطر|عنصري/);
      assert.ok((await audits('unfair_report.list')).length >= 1, 'looking at the queue is audited');
      assert.ok((await audits('unfair_report.view')).some((a) => a.subject_id === r.id && a.outcome === 'allowed'));
      assert.ok(
        (await audits('unfair_report.view')).some((a) => a.outcome === 'denied'),
        'refusals are audited',
      );
    });

    it('moves a case from new to looking into it to closed with an outcome, audited', async () => {
      const r = (await reports()).find((x) => x.service_id === serviceB)!;
      await admin.get(`/admin/unfair-treatment/${r.id}`);
      const looking = await admin.post(`/admin/unfair-treatment/${r.id}/status`, { status: 'looking', outcome: '' });
      assert.equal(looking.status, 303);
      assert.equal(looking.location, `/admin/unfair-treatment/${r.id}?done=saved`);
      await admin.get(`/admin/unfair-treatment/${r.id}`);
      const noOutcome = await admin.post(`/admin/unfair-treatment/${r.id}/status`, { status: 'closed', outcome: ' ' });
      assert.equal(noOutcome.status, 400);
      assert.match(noOutcome.html, /Say what the outcome was/);
      const closed = await admin.post(`/admin/unfair-treatment/${r.id}/status`, {
        status: 'closed',
        outcome: 'Spoke to the club; they changed their rules.',
      });
      assert.equal(closed.status, 303);
      const row = await database.db.selectFrom('unfair_treatment_report').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'closed');
      assert.equal(row.outcome, 'Spoke to the club; they changed their rules.');
      const moves = (await audits('unfair_report.update')).filter((a) => a.subject_id === r.id);
      assert.deepEqual(
        moves.map((m) => `${(m.details as { from: string }).from}>${(m.details as { to: string }).to}`),
        ['new>looking', 'looking>closed'],
      );
      assert.doesNotMatch((await admin.get('/admin/unfair-treatment')).html, /Saturday chess club/, 'closed cases leave the open queue');
      assert.match((await admin.get('/admin/unfair-treatment?show=closed')).html, /Saturday chess club/);
      assert.equal((await provider.post(`/admin/unfair-treatment/${r.id}/status`, { status: 'new' })).status, 403);
    });

    it('thanks a robot that fills the honeypot and stores nothing; slows down a flood from one address', async () => {
      const before = (await reports()).length;
      const fields: [string, string][] = [
        ['serviceName', 'Anywhere'],
        ['kind', 'other'],
        ['whatHappened', 'Flood'],
        ['anonymous', 'yes'],
      ];
      const robot = await send('/report-unfair', [...fields, ['website', 'http://spam.example']], 'en', '198.51.100.9');
      assert.equal(robot.status, 303);
      assert.equal((await reports()).length, before);
      for (let i = 0; i < REPORTS_PER_WINDOW; i++) assert.equal((await send('/report-unfair', fields, 'en', '198.51.100.10')).status, 303);
      const tooMany = await send('/report-unfair', fields, 'so', '198.51.100.10');
      assert.equal(tooMany.status, 429);
      assert.ok(tooMany.html.includes(createI18n('so').t('quality.report.tooManyTitle')));
      assert.equal((await reports()).length, before + REPORTS_PER_WINDOW);
    });

    it('counts reports per service for commissioners, hiding small numbers', async () => {
      // Service A: 6 reports in all (1 already + 5 more), still new; service B: 1 closed; "not matched": 1 + 5 flood + 0.
      for (let i = 0; i < 5; i++)
        await send(
          `/report-unfair?service=${serviceA}`,
          [
            ['kind', 'racism'],
            ['whatHappened', `Report ${i}`],
            ['anonymous', 'yes'],
          ],
          'en',
          `198.51.100.${20 + i}`,
        );
      const page = await commissioner.get('/staff/unfair-treatment');
      assert.equal(page.status, 200);
      const row = (name: string) => page.html.match(new RegExp(`<tr><th scope="row">${name}</th>(.*?)</tr>`))?.[1] ?? '';
      assert.match(row('Women’s sewing circle'), /^<td>(6|hidden)<\/td><td>0<\/td><td>0<\/td><td>(6|hidden)<\/td>$/);
      assert.match(row('Saturday chess club'), /hidden/, 'a service with one report shows no figure');
      const shown = [...page.html.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
      assert.ok(shown.length > 0);
      assert.deepEqual(
        shown.filter((n) => n > 0 && n < 5),
        [],
        'no count from 1 to 4 is shown',
      );
      assert.doesNotMatch(page.html, /Olena|olena@|Flood|Report 0/, 'counts only');
      assert.ok((await audits('evidence.view')).some((a) => a.subject_id === 'unfair_treatment'));
      assert.equal((await provider.get('/staff/unfair-treatment')).status, 403);
      assert.equal((await connector.get('/staff/unfair-treatment')).status, 403);
      assert.equal((await commissioner.get('/staff/unfair-treatment?from=2026-13-01')).status, 400);
    });
  });

  describe('areas organisations cover', () => {
    it('lets an administrator set the outward codes a referring organisation covers, audited; refuses what is not one', async () => {
      const page = await admin.get('/admin/organisation-areas');
      assert.equal(page.status, 200);
      assert.match(page.html, /Manningham link workers/);
      assert.doesNotMatch(page.html, /Sewing circle staff/, 'providers take no requests');
      const bad = await admin.post(`/admin/organisation-areas/${referrer}`, { areas: 'BD8, Narnia, BD8 7AB' });
      assert.equal(bad.status, 400);
      assert.match(bad.html, /These are not postcode areas: Narnia/);
      await admin.get('/admin/organisation-areas');
      const ok = await admin.post(`/admin/organisation-areas/${referrer}`, { areas: 'bd8\nBD9, bd8' });
      assert.equal(ok.status, 303);
      const rows = await database.db
        .selectFrom('staff_organisation_area')
        .select('outcode')
        .where('staff_organisation_id', '=', referrer)
        .orderBy('outcode')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.outcode),
        ['BD8', 'BD9'],
      );
      const [entry] = await audits('organisation.areas');
      assert.deepEqual(entry!.details, { before: [], after: ['BD8', 'BD9'] });
      // A request from BD9 now reaches them.
      await send(
        '/ask',
        [
          ['name', 'Halima'],
          ['way', 'text'],
          ['reach', '07700 900222'],
          ['where', 'BD9 5AA'],
        ],
        'ur',
        '198.51.100.40',
      );
      const person = await database.db.selectFrom('person').selectAll().where('display_name', '=', 'Halima').executeTakeFirstOrThrow();
      assert.equal(person.organisation_id, referrer);
      assert.equal((await connector.post(`/admin/organisation-areas/${referrer}`, { areas: '' })).status, 403);
      assert.equal((await admin.post('/admin/organisation-areas/00000000-0000-4000-8000-000000000000', { areas: 'BD1' })).status, 404);
    });
  });
});
