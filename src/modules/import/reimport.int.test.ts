/**
 * Re-import respects people's work (issue 10): a feed is imported, a
 * provider changes the times of one of its services, an administrator
 * approves a safeguarding record, and the feed is imported again, three
 * times: with one unrelated change; with new times, a statement about
 * safeguarding and a service gone; and once more with that service back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { searchPointCount, searchPointDrift } from '../../../test/support/search-points.ts';
import { createAccess, type Access } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { loadServiceRecords } from '../directory/directory.service.ts';
import { termId } from '../directory/vocabulary.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { formValues, parseSection, type FormBody } from '../listings/listing-form.ts';
import { sectionById } from '../listings/listing-sections.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import { listingsService } from '../listings/listings.service.ts';
import { REPO_ROOT } from '../oruk/oruk-schema.validator.ts';
import { importRecords, type ImportReport } from './import.runner.ts';
import { formatSummary } from './import-report.ts';
import { mapOruk3Service, newFeedContext } from './oruk3.mapper.ts';
import { parseVocabularyMapping, type VocabularyMapping } from './vocabulary-mapping.ts';

const FEEDS = path.join(REPO_ROOT, 'test/fixtures/import/feeds');
const NOW = new Date('2026-03-02T09:00:00Z');
const TODAY = '2026-03-02';

type Feed = { contents: Record<string, unknown>[] };
const original = JSON.parse(fs.readFileSync(path.join(FEEDS, 'calder-valley.oruk3.json'), 'utf8')) as Feed;
const mappingJson = JSON.parse(fs.readFileSync(path.join(FEEDS, 'calder-valley-mapping.json'), 'utf8')) as { terms: unknown[] };
// The council's access taxonomy also says when a group has no safeguarding policy on file.
mappingJson.terms.push({ taxonomy: 'CVCD Access', code: 'ACC-NOSG', set: { safeguarding_policy: false } });
const parsedMapping = parseVocabularyMapping(mappingJson);
if (!parsedMapping.ok) throw new Error(parsedMapping.errors.join('\n'));
const mapping: VocabularyMapping = parsedMapping.mapping;

const byName = (feed: Feed, name: string) => feed.contents.find((s) => s.name === name)!;
const LUNCH = byName(original, 'Thursday Lunch Club').id as string;
const CARERS = byName(original, "Carers' Coffee Morning").id as string;
const clone = (): Feed => JSON.parse(JSON.stringify(original)) as Feed;

/** The lunch club's only session (the feed has one per place). */
type Sal = { schedules: { opens_at: string; closes_at: string }[] };
const lunchSession = (feed: Feed) => (byName(feed, 'Thursday Lunch Club').service_at_locations as Sal[])[0]!.schedules[0]!;

function formFor(section: string, graph: ServiceGraph, changes: Record<string, string | string[]>): FormBody {
  const body: FormBody = {};
  for (const [k, v] of Object.entries(formValues(sectionById(section)!, graph)))
    body[k] = typeof v === 'boolean' ? (v ? 'yes' : undefined) : v;
  return { ...body, ...changes };
}

describe(`re-importing a feed after people changed its services in Belong [${testEngine}]`, () => {
  let database: TestDatabase;
  let provider: Access;
  let admin: Access;

  const run = (feed: Feed): Promise<ImportReport> => {
    const ctx = newFeedContext('calder-valley', mapping, TODAY);
    return importRecords(
      database.db,
      feed.contents.map((raw, i) => mapOruk3Service(raw, ctx, i + 1)),
      { source: 'calder-valley' },
    );
  };
  const lunch = async () => (await loadServiceRecords(database.db, [LUNCH], TODAY))[0]!;

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await ensureVocabulary(db);
    const first = await run(clone());
    assert.deepEqual([first.created, first.rejected.length], [6, 0]);

    const cvca = (byName(original, 'Thursday Lunch Club').organization as { id: string }).id;
    const providerOrg = await makeOrganisation(db, { name: 'Calder Valley Community Action', kind: 'provider', listings: [cvca] });
    const operator = await makeOrganisation(db, { name: 'Belong team', kind: 'referrer', operator: true });
    const mk = async (org: string, role: 'provider_staff' | 'administrator') =>
      createAccess(db, { actor: await loadActor(db, (await makeAccount(db, org, { role, password: false })).id), now: () => NOW });
    provider = await mk(providerOrg, 'provider_staff');
    admin = await mk(operator, 'administrator');

    // The provider moves the lunch club half an hour later…
    const svc = listingsService(provider);
    const { graph } = await svc.get(LUNCH);
    const times = await svc.edit(LUNCH, (g) =>
      parseSection(sectionById('when')!, g, formFor('when', graph, { 'schedules.0.opens_at': '12:30', 'schedules.0.closes_at': '14:30' })),
    );
    assert.deepEqual(times.ok && times.applied, ['schedules']);
    // …and asks for its safeguarding record, which an administrator approves.
    const asked = await svc.edit(LUNCH, (g) =>
      parseSection(
        sectionById('safeguarding')!,
        g,
        formFor('safeguarding', graph, {
          safeguarding_policy: 'yes',
          safeguarding_checked_leads: 'yes',
          trauma_informed_training: 'yes',
          safeguarding_review_date: '2026-02-20',
        }),
      ),
    );
    assert.ok(asked.ok && asked.pending.length === 4);
    const [request] = await listingsService(admin).pendingApprovals();
    assert.deepEqual(await listingsService(admin).decide(request!.id, 'approved', ''), { ok: true });
  });
  after(async () => {
    await database.dispose();
  });

  it('keeps the approved safeguarding record and the provider’s times after an unrelated change in the feed', async () => {
    const feed = clone();
    byName(feed, 'Thursday Lunch Club').description = 'A hot two-course lunch, a chat and a quiz every Thursday.';
    const r = await run(feed);
    assert.deepEqual([r.created, r.updated, r.unchanged, r.rejected.length, r.retired.length], [0, 1, 5, 0, 0]);
    assert.deepEqual(r.conflicts, [], 'the feed did not change what people set');
    assert.ok(r.kept >= 5, `${r.kept} fields kept`);

    const now = await lunch();
    assert.equal(now.service.description, 'A hot two-course lunch, a chat and a quiz every Thursday.', 'the feed’s own change applies');
    assert.deepEqual([now.schedules[0]!.opens_at, now.schedules[0]!.closes_at], ['12:30:00', '14:30:00']);
    const b = now.belong!;
    assert.deepEqual(
      [b.safeguarding_policy, b.safeguarding_checked_leads, b.trauma_informed_training, String(b.safeguarding_review_date)],
      [true, true, true, '2026-02-20'],
    );
    assert.ok(
      now.belongTerms.some((t) => t.id === termId('vetting:vetted')),
      'still safeguarding-checked for matching',
    );
    // The rest of what the feed says still applies.
    assert.deepEqual([b.audiences, b.entry, b.cost_band], [['older_people'], 'drop_in', 'low_cost']);
    assert.ok((await searchPointCount(database.db)) > 0, 'the feed has places on the map');
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, 'the search points follow the import and the provider');
  });

  it('reports a conflict when the feed changes a field people set, keeps theirs, and retires a service the feed dropped', async () => {
    const feed = clone();
    byName(feed, 'Thursday Lunch Club').description = 'A hot two-course lunch, a chat and a quiz every Thursday.';
    Object.assign(lunchSession(feed), { opens_at: '11:30', closes_at: '13:30' });
    const lunchFeed = byName(feed, 'Thursday Lunch Club') as { attributes: Record<string, unknown>[] };
    const access = (lunchFeed.attributes[1]!.taxonomy_term as Record<string, unknown>).taxonomy_detail;
    lunchFeed.attributes.push({
      id: '5b0c8f3e-7a52-4d1f-9d6e-2f41a0c3b911',
      taxonomy_term: {
        id: '5b0c8f3e-7a52-4d1f-9d6e-2f41a0c3b912',
        code: 'ACC-NOSG',
        name: 'No safeguarding policy on file',
        taxonomy: 'CVCD Access',
        taxonomy_detail: access,
      },
    });
    feed.contents = feed.contents.filter((s) => s.id !== CARERS);

    const r = await run(feed);
    assert.deepEqual([r.updated, r.rejected.length], [1, 0]);
    assert.equal(r.conflicts.length, 1);
    const c = r.conflicts[0]!;
    assert.equal(c.serviceId, LUNCH);
    assert.deepEqual(c.conflicts.map((x) => [x.field, x.origin]).sort(), [
      ['belong.safeguarding_policy', 'administrator'],
      ['schedules', 'provider'],
    ]);
    const now = await lunch();
    assert.deepEqual([now.schedules[0]!.opens_at, now.belong!.safeguarding_policy], ['12:30:00', true]);

    // The service the feed no longer lists is retired, not deleted, and said so.
    assert.deepEqual(r.retired, [{ externalId: CARERS, serviceId: CARERS }]);
    const [carers] = await loadServiceRecords(database.db, [CARERS], TODAY);
    assert.equal(carers!.service.status, 'inactive');
    const text = formatSummary(r);
    assert.match(text, /Conflicts \(kept as set in Belong; the feed now says something else\):/);
    assert.match(
      text,
      /Thursday Lunch Club\): belong\.safeguarding_policy \(set or approved by an administrator on \d{4}-\d\d-\d\d\); schedules \(edited by a provider on \d{4}-\d\d-\d\d\)/,
    );
    assert.match(text, /1 service\(s\) the source no longer lists were retired \(made inactive, not deleted\)/);

    // The listing shows what people set, so staff know the feed will not overwrite it.
    const { origins } = await listingsService(admin).get(LUNCH);
    assert.deepEqual([...origins.values()].map((o) => [o.field, o.origin]).sort(), [
      ['belong.safeguarding_checked_leads', 'administrator'],
      ['belong.safeguarding_policy', 'administrator'],
      ['belong.safeguarding_review_date', 'administrator'],
      ['belong.trauma_informed_training', 'administrator'],
      ['schedules', 'provider'],
    ]);
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, 'the search points follow the import and the provider');
  });

  it('reports a conflict once, and brings back a retired service the feed lists again', async () => {
    const feed = clone();
    byName(feed, 'Thursday Lunch Club').description = 'Lunch, a chat and a quiz on Thursdays.';
    Object.assign(lunchSession(feed), { opens_at: '11:30', closes_at: '13:30' });
    const lunchFeed = byName(feed, 'Thursday Lunch Club') as { attributes: Record<string, unknown>[] };
    const access = (lunchFeed.attributes[1]!.taxonomy_term as Record<string, unknown>).taxonomy_detail;
    lunchFeed.attributes.push({
      id: '5b0c8f3e-7a52-4d1f-9d6e-2f41a0c3b911',
      taxonomy_term: {
        id: '5b0c8f3e-7a52-4d1f-9d6e-2f41a0c3b912',
        code: 'ACC-NOSG',
        name: 'No safeguarding policy on file',
        taxonomy: 'CVCD Access',
        taxonomy_detail: access,
      },
    });
    const r = await run(feed);
    assert.deepEqual(r.conflicts, [], 'the feed says what it said last time about the fields people set');
    assert.deepEqual(r.retired, []);
    const [carers] = await loadServiceRecords(database.db, [CARERS], TODAY);
    assert.equal(carers!.service.status, 'active', 'listed again: running again');
    assert.equal((await lunch()).service.description, 'Lunch, a chat and a quiz on Thursdays.');
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, 'the search points follow the import and the provider');
  });
});
