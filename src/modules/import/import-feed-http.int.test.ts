import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { uuidV5 } from '../../platform/ids.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { termId } from '../directory/vocabulary.ts';
import { feedRecords } from './feed-source.ts';
import { importRecords } from './import.runner.ts';
import { tableCounts } from './import.test-support.ts';

const SERVICES = 23;
const org = (k: number) => ({
  id: uuidV5(`http:org:${k}`),
  name: `Neighbourhood Network ${k}`,
  description: 'Runs groups across the city.',
});

/** A fully nested ORUK 3 service; number 13 has no organisation and is rejected. */
function fullService(i: number) {
  const id = uuidV5(`http:service:${i}`);
  const sal = uuidV5(`http:sal:${i}`);
  return {
    id,
    name: `Friendship group ${i}`,
    description: `Meet new people, session ${i}.`,
    status: 'active',
    ...(i === 13 ? {} : { organization: org(i % 4) }),
    service_at_locations: [
      {
        id: sal,
        location: {
          id: uuidV5(`http:loc:${i % 5}`),
          name: `Community room ${i % 5}`,
          latitude: 53.79 + i / 1000,
          longitude: -1.75,
          addresses: [
            {
              id: uuidV5(`http:addr:${i % 5}`),
              address_1: `${i % 5} Market Street`,
              city: 'Bradford',
              postal_code: 'BD1 1AA',
              country: 'GB',
            },
          ],
        },
      },
    ],
    schedules: [
      {
        id: uuidV5(`http:sched:${i}`),
        service_at_location_id: sal,
        freq: 'WEEKLY',
        byday: ['MO', 'TU', 'WE'][i % 3],
        opens_at: '10:00:00',
        closes_at: '12:00:00',
      },
    ],
    languages: [{ id: uuidV5(`http:lang:${i}`), code: i % 2 ? 'ur' : 'pl', name: i % 2 ? 'Urdu' : 'Polish' }],
    attributes: [{ id: uuidV5(`http:attr:${i}`), taxonomy_term_id: termId(i % 2 ? 'gender:women_only' : 'gender:mixed') }],
  };
}
/** What a `/services` list gives: one-to-one fields and the organisation only. */
function summary(i: number) {
  const { service_at_locations: _s, schedules: _c, languages: _l, attributes: _a, ...rest } = fullService(i);
  return rest;
}
/** The same data as an ORUK 1.0 service. */
function legacyService(i: number) {
  return {
    id: String(5000 + i),
    name: `Lunch club ${i}`,
    description: 'Hot lunch and company.',
    status: 'active',
    organization: { id: String(70 + (i % 3)), name: `Lunch Club Trust ${i % 3}`, description: '' },
    regular_schedules: [{ id: `rs${i}`, weekday: ['Monday', 'Thursday'][i % 2], opens_at: '12:00', closes_at: '14:00' }],
    languages: [{ id: `l${i}`, language: 'Punjabi' }],
    service_at_locations: [
      {
        id: `sal${i}`,
        location: {
          id: String(900 + (i % 4)),
          name: 'Church hall',
          latitude: '53.80',
          longitude: '-1.76',
          physical_addresses: [{ address_1: 'Church Lane', city: 'Bradford', postal_code: 'BD3 9AA', country: 'England' }],
        },
      },
    ],
  };
}

function page<T>(items: T[], pageNo: number, perPage: number) {
  const total = items.length;
  const contents = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  return {
    total_items: total,
    total_pages: Math.ceil(total / perPage),
    page_number: pageNo,
    size: contents.length,
    first_page: pageNo === 1,
    last_page: pageNo * perPage >= total,
    empty: contents.length === 0,
    contents,
  };
}

describe(`importing an ORUK feed over HTTP [${testEngine}]`, () => {
  let database: TestDatabase;
  let server: http.Server;
  let base = '';
  const requests: string[] = [];

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    const all = Array.from({ length: SERVICES }, (_, k) => k + 1);
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://localhost');
      requests.push(url.pathname + url.search);
      const pageNo = Number(url.searchParams.get('page') ?? '1');
      const perPage = Number(url.searchParams.get('per_page') ?? '10');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const detail = /^\/v3\/services\/([0-9a-f-]+)$/.exec(url.pathname);
      if (url.pathname === '/v3/services') return json(200, page(all.map(summary), pageNo, perPage));
      if (detail) {
        const i = all.find((k) => uuidV5(`http:service:${k}`) === detail[1]);
        return i ? json(200, fullService(i)) : json(404, { error: 'not found' });
      }
      if (url.pathname === '/v1/services') {
        const items = [1, 2, 3, 4, 5, 6, 7].map(legacyService);
        const size = 4;
        const content = items.slice((pageNo - 1) * size, pageNo * size);
        return json(200, {
          totalElements: items.length,
          totalPages: 2,
          number: pageNo,
          size,
          first: pageNo === 1,
          last: pageNo === 2,
          content,
        });
      }
      if (url.pathname === '/flaky/services')
        return pageNo === 1 ? json(200, page(all.map(fullService), 1, 10)) : json(503, { error: 'down' });
      if (url.pathname === '/stuck/services') return json(200, page(all.map(fullService), 1, 10));
      return json(404, { error: 'not found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.dispose();
  });

  it('follows every page, fetches each listed service in full, and a second run creates nothing', async () => {
    const url = `${base}/v3/services`;
    requests.length = 0;
    const first = await importRecords(database.db, feedRecords(url, 'http-feed', { perPage: 10 }), { source: 'http-feed' });
    assert.equal(first.error, undefined);
    assert.deepEqual([first.total, first.created, first.updated, first.unchanged], [SERVICES, SERVICES - 1, 0, 0]);
    assert.deepEqual(first.rejected, [{ ref: `service ${uuidV5('http:service:13')}`, reasons: ['the service has no organisation'] }]);
    assert.deepEqual(
      requests.filter((r) => r.startsWith('/v3/services?')),
      ['/v3/services?page=1&per_page=10', '/v3/services?page=2&per_page=10', '/v3/services?page=3&per_page=10'],
    );
    assert.equal(requests.filter((r) => /^\/v3\/services\/[0-9a-f-]+$/.test(r)).length, SERVICES, 'each summary was fetched in full');
    const sched = await database.db
      .selectFrom('schedule')
      .select(['byday', 'service_at_location_id'])
      .where('service_id', '=', uuidV5('http:service:2'))
      .executeTakeFirstOrThrow();
    assert.equal(sched.byday, 'WE');
    assert.notEqual(sched.service_at_location_id, null);
    const women = await database.db
      .selectFrom('belong_service')
      .select('gender')
      .where('service_id', '=', uuidV5('http:service:3'))
      .executeTakeFirstOrThrow();
    assert.equal(women.gender, 'women_only');

    const counts = await tableCounts(database.db);
    const second = await importRecords(database.db, feedRecords(url, 'http-feed', { perPage: 10 }), { source: 'http-feed' });
    assert.deepEqual([second.created, second.updated, second.unchanged, second.rejected.length], [0, 0, SERVICES - 1, 1]);
    assert.deepEqual(await tableCounts(database.db), counts);
  });

  it('pages through a legacy ORUK 1.0 API twice without duplicates', async () => {
    const url = `${base}/v1/services`;
    const first = await importRecords(database.db, feedRecords(url, 'legacy-api'), { source: 'legacy-api' });
    assert.deepEqual([first.total, first.created, first.rejected.length], [7, 7, 0]);
    const lunch = await database.db
      .selectFrom('service')
      .innerJoin('schedule', 'schedule.service_id', 'service.id')
      .innerJoin('language', 'language.service_id', 'service.id')
      .select(['schedule.byday', 'language.code'])
      .where('service.name', '=', 'Lunch club 2')
      .executeTakeFirstOrThrow();
    assert.deepEqual(lunch, { byday: 'MO', code: 'pa' });
    const counts = await tableCounts(database.db);
    const second = await importRecords(database.db, feedRecords(url, 'legacy-api'), { source: 'legacy-api' });
    assert.deepEqual([second.created, second.unchanged], [0, 7]);
    assert.deepEqual(await tableCounts(database.db), counts);
  });

  it('stops with a clear message when a page fails, keeping the services read before it', async () => {
    const url = `${base}/flaky/services`;
    const r = await importRecords(database.db, feedRecords(url, 'flaky', { retries: 1, retryDelayMs: 10 }), { source: 'flaky' });
    assert.match(r.error ?? '', /flaky\/services\?page=2 answered HTTP 503/);
    assert.equal(r.total, 10);
    // The same services were imported from another source above, so they are updated, not created.
    assert.deepEqual([r.created, r.updated, r.rejected.length], [0, 10, 0]);
    const sources = await database.db
      .selectFrom('belong_import_source')
      .select('external_id')
      .where('source', '=', 'flaky')
      .where('entity', '=', 'service')
      .execute();
    assert.equal(sources.length, 10, 'the services of the first page were saved');
  });

  it('stops when a feed ignores the page parameter instead of importing the same page forever', async () => {
    const r = await importRecords(database.db, feedRecords(`${base}/stuck/services`, 'stuck', { retries: 0 }), { source: 'stuck' });
    assert.match(r.error ?? '', /seems to ignore the page parameter/);
    assert.equal(r.total, 10);
  });
});
