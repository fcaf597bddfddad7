/**
 * Real feeds in, unknowns kept unknown (issue 10): three foreign feeds,
 * written the way other directories publish them, checked field by field in
 * what is stored, what the public page says and what `/oruk` publishes (valid
 * against the official ORUK 3.0 schemas):
 * - a feed that states nothing but names, places and times;
 * - a feed with its own audience and access taxonomy (two of its terms share
 *   a code, as the standard allows), read through a mapping file;
 * - a legacy ORUK 1.0 feed that, with its mapping, states every Belong field.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { CATALOGUES } from '../../platform/i18n/catalogue.ts';
import { LOCALE_CODES } from '../../platform/i18n/locales.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { loadServiceRecords, searchServices } from '../directory/directory.service.ts';
import { BELONG_FIELDS, isStated } from '../directory/service-graph.ts';
import type { ServiceRecord } from '../directory/service-record.ts';
import { parseServiceSearch } from '../directory/service-search.ts';
import { BELONG_TAXONOMY, termId } from '../directory/vocabulary.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { loadOrukValidator, REPO_ROOT } from '../oruk/oruk-schema.validator.ts';
import { feedRecords } from './feed-source.ts';
import { importRecords } from './import.runner.ts';
import { formatSummary } from './import-report.ts';
import { importedId } from './import-record.ts';
import { parseVocabularyMapping, type VocabularyMapping } from './vocabulary-mapping.ts';

const FEEDS = path.join(REPO_ROOT, 'test/fixtures/import/feeds');
const validator = loadOrukValidator();
const TODAY = '2026-03-02';

function mappingFile(name: string): VocabularyMapping {
  const m = parseVocabularyMapping(JSON.parse(fs.readFileSync(path.join(FEEDS, name), 'utf8')));
  if (!m.ok) assert.fail(m.errors.join('\n'));
  return m.mapping;
}

/** The feed's own ids, as the Calder Valley feed builds them (name-based UUIDs, kept as they are). */
const calder = JSON.parse(fs.readFileSync(path.join(FEEDS, 'calder-valley.oruk3.json'), 'utf8')) as {
  contents: { id: string; name: string }[];
};
const cv = (name: string) => calder.contents.find((s) => s.name === name)!.id;
const harbour = JSON.parse(fs.readFileSync(path.join(FEEDS, 'harbourside-silent.oruk3.json'), 'utf8')) as { id: string; name: string }[];
const hb = (name: string) => harbour.find((s) => s.name === name)!.id;
const kirklees = (externalId: number) => importedId('kirklees-connect', 'service', externalId);

type OrukService = { attributes?: { taxonomy_term: { code?: string; taxonomy_id?: string }; value?: string }[] };

describe(`importing foreign feeds, field by field [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;

  const record = async (id: string): Promise<ServiceRecord> => {
    const [r] = await loadServiceRecords(database.db, [id], TODAY);
    assert.ok(r, `service ${id} is stored`);
    return r;
  };
  const page = async (id: string): Promise<string> => {
    const res = await app.request(`/services/${id}`);
    assert.equal(res.status, 200);
    return (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  };
  /** The service in /oruk, checked against the official schema; its Belong term codes, and their values. */
  const oruk = async (id: string) => {
    const res = await app.request(`/oruk/services/${id}`);
    assert.equal(res.status, 200);
    const json = (await res.json()) as OrukService;
    assert.deepEqual(validator.check('service', json), [], `/oruk/services/${id} is valid ORUK 3.0`);
    const belong = (json.attributes ?? []).filter((a) => a.taxonomy_term.taxonomy_id === BELONG_TAXONOMY.id);
    return {
      json,
      codes: belong.map((a) => a.taxonomy_term.code!).sort(),
      values: Object.fromEntries(belong.filter((a) => a.value).map((a) => [a.taxonomy_term.code!, a.value!])),
      foreign: (json.attributes ?? []).filter((a) => a.taxonomy_term.taxonomy_id !== BELONG_TAXONOMY.id).map((a) => a.taxonomy_term.code),
    };
  };
  const find = async (query: Record<string, string>) => {
    const p = parseServiceSearch(query, { lookupPlace: () => null, today: TODAY });
    assert.ok(p.ok);
    return (await searchServices(database.db, p.value)).ids.sort();
  };
  const withTerm = (code: string) => find({ taxonomy_term_id: termId(code), per_page: '200' });

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  });
  after(async () => {
    await database.dispose();
  });

  it('a dry run writes nothing, and says per field how many services got a value and which terms no mapping used', async () => {
    const r = await importRecords(
      database.db,
      feedRecords(path.join(FEEDS, 'calder-valley.oruk3.json'), 'calder-valley', { mapping: mappingFile('calder-valley-mapping.json') }),
      { source: 'calder-valley', dryRun: true },
    );
    assert.deepEqual([r.created, r.rejected.length], [6, 0]);
    const n = await database.db
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0, 'nothing written');
    assert.deepEqual(r.coverage.audiences, { stated: 5, unknown: 1 });
    assert.deepEqual(r.coverage.gender, { stated: 1, unknown: 5 });
    assert.deepEqual(r.coverage.eligibility, { stated: 2, unknown: 4 });
    assert.deepEqual(r.coverage.entry, { stated: 3, unknown: 3 });
    assert.deepEqual(r.coverage.capacity_status, { stated: 0, unknown: 6 });
    assert.deepEqual(r.unmappedTerms, [{ term: 'CVCD Audiences: [VET] "Armed forces veterans"', services: 1 }]);
    const text = formatSummary(r);
    assert.match(text, /Checked \(dry run, nothing written\)/);
    assert.match(text, /\n {2}audiences\s+5 \/ 1\n/);
  });

  it('a feed that states nothing: every Belong field stays not stated, the page says "ask before you go", the feed publishes nothing for it', async () => {
    const r = await importRecords(database.db, feedRecords(path.join(FEEDS, 'harbourside-silent.oruk3.json'), 'harbourside'), {
      source: 'harbourside',
    });
    assert.deepEqual([r.created, r.rejected.length], [2, 0]);
    for (const f of BELONG_FIELDS) assert.equal(r.coverage[f].stated, f === 'modes' ? 1 : 0, f);

    const chat = await record(hb('Tuesday Chat Café'));
    const b = chat.belong!;
    for (const f of BELONG_FIELDS) {
      // Delivered at a place with an address: the feed says it happens in person.
      if (f === 'modes') assert.deepEqual(b.modes, ['in_person']);
      else assert.equal(isStated(b as unknown as Record<string, unknown>, f), false, `${f} is not stated`);
    }
    const text = await page(chat.service.id);
    assert.equal(text.match(/Not stated: ask before you go\./g)?.length, 3, 'who can come, how to join and cost');
    for (const claim of ['Everyone is welcome', 'You can just turn up', 'Free.', 'Nobody needs to refer you', 'crèche'])
      assert.ok(!text.includes(claim), `the page does not claim "${claim}"`);
    assert.deepEqual((await oruk(chat.service.id)).codes, ['mode:in_person']);
    assert.deepEqual((await oruk(hb('Hub Helpline'))).codes, []);

    // Filters never match what was not stated.
    for (const code of [
      'cost:free',
      'entry:drop_in',
      'gender:mixed',
      'gender:women_only',
      'capacity:places_available',
      'referrals:accepting',
    ])
      assert.ok(!(await withTerm(code)).includes(chat.service.id), code);
  });

  it('a feed with its own audience taxonomy, read through a mapping: audiences, "only", access and needs land in Belong fields', async () => {
    const r = await importRecords(
      database.db,
      feedRecords(path.join(FEEDS, 'calder-valley.oruk3.json'), 'calder-valley', { mapping: mappingFile('calder-valley-mapping.json') }),
      { source: 'calder-valley' },
    );
    assert.deepEqual([r.created, r.rejected.length], [6, 0]);

    // Two terms share the code "OLD" (the standard allows it): both are kept, and both services read it.
    const old = await database.db.selectFrom('taxonomy_term').select(['name']).where('code', '=', 'OLD').orderBy('name').execute();
    assert.deepEqual(
      old.map((t) => t.name),
      ['Older people', 'Over 60s'],
    );

    const lunch = await record(cv('Thursday Lunch Club'));
    assert.deepEqual(lunch.belong!.audiences, ['older_people']);
    assert.equal(lunch.belong!.eligibility, 'especially_welcome', '"everyone welcome" and an audience');
    assert.equal(lunch.belong!.entry, 'drop_in');
    assert.equal(lunch.belong!.cost_band, 'low_cost');
    assert.deepEqual(lunch.belong!.accessibility, { step_free: true, hearing_loop: true });
    assert.equal(lunch.belong!.gender, null);
    let text = await page(lunch.service.id);
    assert.match(text, /Everyone is welcome, especially: Older people\./);
    assert.match(text, /Step-free access/);
    assert.match(text, /Hearing loop/);
    assert.equal(text.match(/Not stated: ask before you go\./g)?.length ?? 0, 0, 'who, how to join and cost are all stated');
    let feed = await oruk(lunch.service.id);
    for (const code of ['audience:older_people', 'eligibility:especially_welcome', 'entry:drop_in', 'cost:low_cost', 'access:hearing_loop'])
      assert.ok(feed.codes.includes(code), code);
    assert.ok(!feed.codes.some((c) => c.startsWith('gender:')), 'no gender published: the feed did not say');
    assert.ok(feed.foreign.includes('OLD') && feed.foreign.includes('ACC-LOOP'), 'the feed’s own terms stay linked');

    const carers = await record(cv("Carers' Coffee Morning"));
    assert.deepEqual([carers.belong!.audiences, carers.belong!.eligibility, carers.belong!.entry], [['carers'], null, null]);
    assert.deepEqual(carers.belong!.requirements, { id_documents: false });
    text = await page(carers.service.id);
    assert.match(text, /For: Carers\. Ask whether others can come\./);
    assert.match(text, /You do not need: ID or documents\./);
    assert.equal(text.match(/Not stated: ask before you go\./g)?.length, 2, 'how to join and cost');

    const welcome = await record(cv('New Neighbours Welcome Group'));
    assert.deepEqual([welcome.belong!.audiences, welcome.belong!.eligibility], [['refugees_asylum'], 'only']);
    assert.deepEqual([welcome.belong!.entry, welcome.belong!.cost_band], ['drop_in', 'free']);
    assert.deepEqual(welcome.belong!.accessibility, { step_free: false }, '"steps at the entrance, no lift"');
    text = await page(welcome.service.id);
    assert.match(text, /Only for: Refugees and people seeking asylum\./);
    assert.match(text, /Not step-free: there are steps/);
    feed = await oruk(welcome.service.id);
    for (const code of ['audience:refugees_asylum', 'eligibility:only', 'requires:no_id_documents', 'access:no_step_free'])
      assert.ok(feed.codes.includes(code), code);

    const rainbow = await record(cv('Rainbow Connections'));
    assert.deepEqual(
      [rainbow.belong!.audiences, rainbow.belong!.entry, rainbow.service.minimum_age],
      [['lgbtq'], 'professional_referral', 18],
    );
    assert.match(await page(rainbow.service.id), /A worker, such as a GP, link worker or support worker, needs to refer you\./);

    const home = await record(cv('Home Library Service'));
    assert.deepEqual([home.belong!.audiences, home.belong!.modes], [['older_people'], ['home_visit']]);
    text = await page(home.service.id);
    assert.match(text, /Covers: Calderdale/);
    assert.match(text, /Home visits/);

    const sewing = await record(cv("Women's Sewing Circle"));
    assert.deepEqual([sewing.belong!.gender, sewing.belong!.cost_band], ['women_only', 'low_cost']);
    assert.deepEqual(
      (await oruk(sewing.service.id)).codes.filter((c) => c.startsWith('gender:')),
      ['gender:women_only'],
    );

    // Search and filters: by audience, access and "no ID needed"; never by what was not stated.
    assert.deepEqual(await withTerm('audience:carers'), [carers.service.id]);
    assert.deepEqual(await withTerm('access:hearing_loop'), [lunch.service.id, sewing.service.id].sort());
    assert.deepEqual(await withTerm('requires:no_id_documents'), [carers.service.id, welcome.service.id].sort());
    assert.deepEqual(await withTerm('eligibility:only'), [welcome.service.id]);
    assert.deepEqual(await withTerm('mode:home_visit'), [home.service.id]);
    const findPage = await (await app.request('/find?for=carers&access=hearing_loop')).text();
    assert.ok(!findPage.includes(carers.service.id) && !findPage.includes(lunch.service.id), 'both filters must hold');
    const noId = await (await app.request('/find?need=no_id')).text();
    assert.ok(noId.includes(`/services/${carers.service.id}`) && noId.includes(`/services/${welcome.service.id}`));
    assert.ok(!noId.includes(`/services/${lunch.service.id}`), 'not stated is not "no ID needed"');
  });

  it('a legacy ORUK 1.0 feed that, with its mapping, states every Belong field', async () => {
    const r = await importRecords(
      database.db,
      feedRecords(path.join(FEEDS, 'kirklees-everything.oruk1.json'), 'kirklees-connect', {
        mapping: mappingFile('kirklees-mapping.json'),
      }),
      { source: 'kirklees-connect' },
    );
    assert.deepEqual([r.created, r.rejected.length, r.unmappedTerms], [2, 0, []]);

    const circle = await record(kirklees(7310));
    const b = circle.belong!;
    for (const f of BELONG_FIELDS) assert.ok(isStated(b as unknown as Record<string, unknown>, f), `${f} is stated`);
    assert.deepEqual(
      {
        gender: b.gender,
        audiences: b.audiences,
        eligibility: b.eligibility,
        communities: b.communities,
        faith: b.faith,
        entry: b.entry,
        cost: b.cost_band,
        help: [b.childcare, b.transport_offered, b.accompany_first_visit, b.interpreter_available],
        modes: [...b.modes].sort(),
        food: b.food,
        kinds: [...b.support_kinds].sort(),
        access: b.accessibility,
        needs: b.requirements,
        places: [b.capacity_status, b.accepting_referrals],
        safeguarding: [b.safeguarding_policy, b.safeguarding_checked_leads, b.trauma_informed_training, String(b.safeguarding_review_date)],
      },
      {
        gender: 'women_only',
        audiences: ['communities'],
        eligibility: 'especially_welcome',
        communities: ['Pakistani', 'Bangladeshi'],
        faith: 'faith_friendly',
        entry: 'drop_in',
        cost: 'free',
        help: [true, true, true, true],
        modes: ['home_visit', 'in_person'],
        food: ['food', 'halal'],
        kinds: ['advice', 'arts'],
        access: { step_free: true, hearing_loop: true },
        needs: { id_documents: false },
        places: ['waiting_list', true],
        safeguarding: [true, true, true, '2026-01-15'],
      },
    );
    assert.equal(circle.service.minimum_age, 16);
    const text = await page(circle.service.id);
    for (const line of [
      'Women only.',
      'Everyone is welcome, especially: Particular communities.',
      'Especially for: Pakistani, Bangladeshi',
      'You can just turn up.',
      'Ask at reception for the Sisters',
      'A welcome host meets you at the door',
      'Free.',
      'There is a crèche or childcare.',
      'They can help with transport or pay your fares.',
      'Someone can meet you and go with you the first time.',
      'An interpreter can be arranged.',
      'The food is halal.',
      'Home visits',
      'There is a waiting list.',
    ])
      assert.ok(text.includes(line), `the page says "${line}"`);
    const feed = await oruk(circle.service.id);
    for (const code of [
      'gender:women_only',
      'faith:faith_friendly',
      'help:childcare',
      'help:interpreter_available',
      'capacity:waiting_list',
      'referrals:accepting',
      'safeguarding:policy',
      'safeguarding:checked_leads',
      'safeguarding:trauma_informed_training',
      'safeguarding:reviewed',
      'vetting:vetted',
      'detail:how_to_join',
      'detail:what_to_expect',
      'detail:community',
    ])
      assert.ok(feed.codes.includes(code), code);
    assert.equal(feed.values['safeguarding:reviewed'], '2026-01-15');

    // Stated "no"s stay "no", and are published as such.
    const shed = await record(kirklees(7311));
    assert.deepEqual(
      [shed.belong!.gender, shed.belong!.entry, shed.belong!.cost_band, shed.belong!.childcare],
      ['men_only', 'self_referral', 'low_cost', false],
    );
    assert.deepEqual([shed.belong!.accessibility, shed.belong!.requirements], [{ step_free: false }, { gp_registration: true }]);
    const shedPage = await page(shed.service.id);
    assert.match(shedPage, /You need: to be registered with a GP\./);
    assert.ok(!shedPage.includes('There is a crèche'));
    const shedFeed = await oruk(shed.service.id);
    for (const code of ['help:no_childcare', 'access:no_step_free', 'requires:gp_registration'])
      assert.ok(shedFeed.codes.includes(code), code);
    assert.ok(!shedFeed.codes.includes('help:childcare'));
  });

  it('says "not stated: ask before you go" in every language', async () => {
    const chat = hb('Tuesday Chat Café');
    for (const lang of LOCALE_CODES) {
      const res = await app.request(`/services/${chat}`, { headers: { cookie: `lang=${lang}` } });
      assert.equal(res.status, 200);
      const html = await res.text();
      const said = CATALOGUES[lang]['service.notStated']!;
      assert.equal(html.split(said).length - 1, 3, `${lang}: who can come, how to join and cost`);
    }
  });
});
