import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { locationFixture, organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { createAccess, type Access } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { loadServiceRecords } from '../directory/service-read.repository.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { orukService } from '../oruk/oruk.mapper.ts';
import { listingsService } from './listings.service.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import { formValues, parseSection, type FormBody } from './listing-form.ts';
import { loadServiceGraph } from './listing-graph.repository.ts';
import { sectionById } from './listing-sections.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const normal = (g: ServiceGraph) => ({
  ...g,
  organization: { ...g.organization, identifiers: byId(g.organization.identifiers) },
  locations: byId(g.locations).map((l) => ({
    ...l,
    addresses: byId(l.addresses),
    accessibility: byId(l.accessibility),
    phones: byId(l.phones),
  })),
  schedules: byId(g.schedules),
  languages: byId(g.languages),
  phones: byId(g.phones),
  capacities: byId(g.capacities).map((c) => ({ ...c, updated: null })),
});

/** A form body as the page would post it, with some fields changed. */
function formFor(section: string, graph: ServiceGraph, changes: Record<string, string | string[]>): FormBody {
  const values = formValues(sectionById(section)!, graph);
  const body: FormBody = {};
  for (const [k, v] of Object.entries(values)) body[k] = typeof v === 'boolean' ? (v ? 'yes' : undefined) : v;
  return { ...body, ...changes };
}

describe(`provider self-service on listings [${testEngine}]`, () => {
  let database: TestDatabase;
  let graph: ServiceGraph;
  let provider: Access;
  let admin: Access;
  let otherProvider: Access;

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await ensureVocabulary(db);
    const saved = await saveFixtures(db, [
      serviceFixture('sewing-circle', {
        organization: organizationFixture('sisters'),
        locations: [locationFixture('sewing-circle')],
        extra: {
          capacities: [
            {
              id: '6f1f8a63-3c8d-4f1e-9d2a-1f7b0e9c2a11',
              unit: { id: '6f1f8a63-3c8d-4f1e-9d2a-1f7b0e9c2a12', name: 'places' },
              available: 4,
              maximum: 12,
            },
          ],
          schedule_exceptions: [
            {
              id: '6f1f8a63-3c8d-4f1e-9d2a-1f7b0e9c2a13',
              starts_on: '2026-12-24',
              ends_on: '2026-12-26',
              closed: true,
              description: 'Christmas',
            },
          ],
        },
      }),
    ]);
    graph = saved[0]!;
    await saveFixtures(db, [serviceFixture('football', { organization: organizationFixture('lads') })]);
    const providerOrg = await makeOrganisation(db, { name: 'Sisters Together', kind: 'provider', listings: [graph!.organization.id] });
    const otherOrg = await makeOrganisation(db, { name: 'Lads Club', kind: 'provider', listings: [organizationFixture('lads').id] });
    const operator = await makeOrganisation(db, { name: 'Belong team', kind: 'referrer', operator: true });
    const mk = async (org: string, role: 'provider_staff' | 'administrator') =>
      createAccess(db, { actor: await loadActor(db, (await makeAccount(db, org, { role, password: false })).id), now: () => NOW });
    provider = await mk(providerOrg, 'provider_staff');
    otherProvider = await mk(otherOrg, 'provider_staff');
    admin = await mk(operator, 'administrator');
  });
  after(async () => {
    await database.dispose();
  });

  it('reads a stored listing back as the same graph, capacities and holiday closures included', async () => {
    const loaded = await loadServiceGraph(database.db, graph.service.id);
    assert.ok(loaded);
    assert.deepEqual(normal(loaded), normal(graph));
  });

  it('lists a provider’s own listings only, with review flags', async () => {
    const mine = await listingsService(provider).list();
    assert.deepEqual(
      mine.map((l) => l.name),
      ['Sewing-circle group'],
    );
    assert.equal(mine[0]!.review, 'unset');
    const all = await listingsService(admin).list();
    assert.equal(all.length, 2);
    await assert.rejects(() => listingsService(otherProvider).get(graph.service.id), { name: 'AccessDenied' });
  });

  it('provider changes a session time and sets full: the stored service and the ORUK mapping follow, other parts are kept', async () => {
    const svc = listingsService(provider);
    const { graph: current } = await svc.get(graph.service.id);
    const when = sectionById('when')!;
    const r = await svc.edit(
      graph.service.id,
      (g) => parseSection(when, g, formFor('when', current, { 'schedules.0.opens_at': '18:30', 'schedules.0.closes_at': '20:00' })),
      { what: 'when' },
    );
    assert.deepEqual(r, { ok: true, applied: ['schedules'], pending: [] });
    const full = await svc.quick(graph.service.id, 'full');
    assert.equal(full.ok, true);

    const [record] = await loadServiceRecords(database.db, [graph.service.id], '2026-03-02');
    assert.equal(record!.schedules[0]!.opens_at, '18:30:00');
    assert.equal(record!.belong!.capacity_status, 'full');
    const oruk = orukService(record!) as { schedules: { opens_at: string }[]; attributes: { taxonomy_term: { code: string } }[] };
    assert.match(oruk.schedules[0]!.opens_at, /^18:30/);
    assert.ok(oruk.attributes.some((a) => a.taxonomy_term.code === 'capacity:full'));
    // Holiday closures and capacities the form did not show are kept.
    const after = await loadServiceGraph(database.db, graph.service.id);
    assert.equal(after!.schedule_exceptions.length, 1);
    assert.equal(after!.capacities[0]!.available, 4);

    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', graph.service.id)
      .where('action', '=', 'listing.edit')
      .orderBy('at')
      .execute();
    assert.deepEqual(audit.map((a) => (a.details as { changedFields: string[] }).changedFields.join()).sort(), [
      'belong.capacity_status',
      'schedules',
    ]);
  });

  it('says what is wrong with each field and saves nothing', async () => {
    const svc = listingsService(provider);
    const { graph: current } = await svc.get(graph.service.id);
    const r = await svc.edit(graph.service.id, (g) =>
      parseSection(
        sectionById('when')!,
        g,
        formFor('when', current, {
          'schedules.0.opens_at': '21:00',
          'schedules.0.closes_at': '20:00',
          'exceptions.1.starts_on': '2026-13-01',
        }),
      ),
    );
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.problems, [
      { field: 'exceptions.1.starts_on', code: 'date' },
      { field: 'exceptions.1.ends_on', code: 'required' },
    ]);
    const r2 = await svc.edit(graph.service.id, (g) =>
      parseSection(
        sectionById('when')!,
        g,
        formFor('when', current, { 'schedules.0.opens_at': '21:00', 'schedules.0.closes_at': '20:00' }),
      ),
    );
    assert.deepEqual(!r2.ok && r2.problems, [{ field: 'schedules.0.closes_at', code: 'closesBeforeOpens' }]);
    const [record] = await loadServiceRecords(database.db, [graph.service.id], '2026-03-02');
    assert.equal(record!.schedules[0]!.opens_at, '18:30:00');
  });

  it('keeps a provider’s safeguarding change waiting until an administrator approves it', async () => {
    const svc = listingsService(provider);
    const { graph: current } = await svc.get(graph.service.id);
    const section = sectionById('safeguarding')!;
    const r = await svc.edit(graph.service.id, (g) =>
      parseSection(
        section,
        g,
        formFor('safeguarding', current, {
          safeguarding_policy: 'yes',
          safeguarding_checked_leads: 'yes',
          safeguarding_review_date: '2026-09-01',
          verified_by: 'Aisha',
        }),
      ),
    );
    assert.equal(r.ok, true);
    assert.ok(r.ok);
    assert.deepEqual(r.applied, ['belong.verified_by']);
    assert.deepEqual(
      r.pending.map((c) => c.field),
      ['belong.safeguarding_policy', 'belong.safeguarding_checked_leads', 'belong.safeguarding_review_date'],
    );

    let stored = await loadServiceGraph(database.db, graph.service.id);
    assert.equal(stored!.belong.safeguarding_policy, false, 'not applied yet');
    assert.equal(stored!.belong.verified_by, 'Aisha', 'the rest of the edit applied');
    const { pending } = await svc.get(graph.service.id);
    assert.equal(pending.length, 1);

    await assert.rejects(() => svc.decide(pending[0]!.id, 'approved', ''), { name: 'AccessDenied' });
    const queue = await listingsService(admin).pendingApprovals();
    assert.deepEqual(
      queue.map((q) => q.id),
      [pending[0]!.id],
    );
    assert.deepEqual(await listingsService(admin).decide(pending[0]!.id, 'approved', ''), { ok: true });
    stored = await loadServiceGraph(database.db, graph.service.id);
    assert.equal(stored!.belong.safeguarding_policy, true);
    assert.equal(stored!.belong.safeguarding_checked_leads, true);
    assert.equal(stored!.belong.safeguarding_review_date, '2026-09-01');
    assert.deepEqual(await listingsService(admin).decide(pending[0]!.id, 'approved', ''), { ok: false, why: 'notPending' });
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('subject_id', '=', pending[0]!.id)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['listing.approve'],
    );
  });

  it('leaves the listing unchanged when a change is rejected, and refuses an approval whose “before” no longer holds', async () => {
    const svc = listingsService(provider);
    const loc = graph.locations[0]!.id;
    const { graph: current } = await svc.get(graph.service.id);
    const where = sectionById('where')!;
    const ask = () =>
      svc.edit(graph.service.id, (g) => parseSection(where, g, formFor('where', current, { 'locations.0.confidential': 'yes' })));
    const first = await ask();
    assert.ok(first.ok);
    assert.deepEqual(first.pending, [{ field: `location.${loc}.confidential`, before: false, after: true }]);
    const second = await ask();
    assert.ok(second.ok);
    const [a, b] = (await svc.get(graph.service.id)).pending;

    assert.deepEqual(await listingsService(admin).decide(a!.id, 'rejected', ''), { ok: false, why: 'noteMissing' });
    assert.deepEqual(await listingsService(admin).decide(a!.id, 'rejected', 'This is a drop-in hall, not a refuge'), { ok: true });
    assert.equal((await loadServiceGraph(database.db, graph.service.id))!.locations[0]!.belong.confidential, false);

    // An administrator's own edit applies at once; the other request's "before" then no longer holds.
    const direct = await listingsService(admin).edit(graph.service.id, (g) =>
      parseSection(where, g, formFor('where', current, { 'locations.0.confidential': 'yes' })),
    );
    assert.ok(direct.ok);
    assert.deepEqual(direct.pending, []);
    assert.equal((await loadServiceGraph(database.db, graph.service.id))!.locations[0]!.belong.confidential, true);
    assert.deepEqual(await listingsService(admin).decide(b!.id, 'approved', ''), {
      ok: false,
      why: 'stale',
      fields: [`location.${loc}.confidential`],
    });
    const row = await database.db.selectFrom('listing_change').select(['status', 'note']).where('id', '=', a!.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'rejected', note: 'This is a drop-in hall, not a refuge' });
  });

  it('marks a listing as still correct: checked today, next review in six months, by whom', async () => {
    const r = await listingsService(provider).quick(graph.service.id, 'still_correct');
    assert.ok(r.ok);
    const g = await loadServiceGraph(database.db, graph.service.id);
    assert.equal(g!.service.assured_date, '2026-03-02');
    assert.equal(g!.belong.review_due, '2026-09-02');
    assert.match(g!.belong.verified_by ?? '', /Sisters Together/);
    const [mine] = await listingsService(provider).list();
    assert.equal(mine!.review, null);
  });
});
