/**
 * POST /api/match and GET /api/openapi.json: real responses checked against
 * the OpenAPI document's schemas, the document's examples checked against
 * the same schemas (and the request example run for real), clear 400s for
 * bad input, CORS, and nothing stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'kysely';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { ERROR_EXAMPLE, OPENAPI_DOCUMENT, REQUEST_EXAMPLE, RESPONSE_EXAMPLE, TOO_LARGE_EXAMPLE, UNAVAILABLE_EXAMPLE } from './openapi.ts';
import { saveCandidates } from './match.test-graphs.ts';
import { candidate } from './match.test-support.ts';
import { offsetPoint } from '../../../test/support/directory-fixtures.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const bd8 = lookupPlace('BD8')!;

before(async () => {
  database = await openTestDatabase();
  app = createApp({
    config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
    database,
    log: createLogger('silent'),
    now: () => new Date('2026-03-10T12:00:00Z'),
  });
  await saveCandidates(database.db, [
    candidate('Bengali women’s sewing circle', {
      gender: 'women_only',
      languages: ['bn', 'en'],
      childcare: true,
      supportKinds: ['skills'],
      points: [offsetPoint(bd8, 700, 0)],
      sessions: [{ day: 'TU', opensAt: '10:00:00', closesAt: '12:00:00' }],
    }),
    candidate('Stay and play', {
      languages: ['bn'],
      capacityStatus: 'waiting_list',
      supportKinds: ['peer_support'],
      points: [offsetPoint(bd8, 300, 0)],
    }),
    candidate('Paid yoga', { costBand: 'paid', languages: ['bn'], points: [offsetPoint(bd8, 100, 0)] }),
  ]);
});
after(async () => {
  await database.dispose();
});

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'belong-match', components: OPENAPI_DOCUMENT.components });
const validator = (name: string) => ajv.getSchema(`belong-match#/components/schemas/${name}`)!;
function assertValid(name: string, value: unknown) {
  const v = validator(name);
  assert.ok(v(value), `${name}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(value, null, 1)}`);
}

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/api/match', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('matching API', () => {
  it('the OpenAPI examples fit the OpenAPI schemas', () => {
    assertValid('MatchRequest', REQUEST_EXAMPLE);
    assertValid('MatchResponse', RESPONSE_EXAMPLE);
    assertValid('Error', ERROR_EXAMPLE);
    assertValid('Error', TOO_LARGE_EXAMPLE);
    assertValid('Error', UNAVAILABLE_EXAMPLE);
    assert.equal(OPENAPI_DOCUMENT.openapi, '3.1.0');
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.request('/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = (await res.json()) as typeof OPENAPI_DOCUMENT;
    assert.deepEqual(doc.paths['/api/match'].post.requestBody.content['application/json'].examples.youngMother.value, REQUEST_EXAMPLE);
  });

  it('answers the documented request example with a response that fits the schema and says the same things as the example', async () => {
    const res = await post(REQUEST_EXAMPLE);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as typeof RESPONSE_EXAMPLE & { suggestions: { waitingList: boolean; name: string }[] };
    assertValid('MatchResponse', body);
    const first = body.suggestions[0]!;
    const example = RESPONSE_EXAMPLE.suggestions[0]!;
    assert.equal(first.name, example.name);
    assert.equal(first.explanation, example.explanation);
    assert.deepEqual(first.reasons, example.reasons);
    assert.ok(body.suggestions.some((s) => s.name === 'Stay and play' && s.waitingList));
    assert.ok(!body.suggestions.some((s) => s.name === 'Paid yoga'));
    assert.equal(body.unmet, false);
    assert.equal(body.because, null);
  });

  it('explains in the language asked for, and says plainly when nothing fits', async () => {
    const ar = (await (await post({ ...REQUEST_EXAMPLE, language: 'ar' })).json()) as { suggestions: { explanation: string }[] };
    assert.match(ar.suggestions[0]!.explanation, /للنساء فقط/);
    const res = await post({ postcode: 'BD8', languages: ['ti'], englishOk: false, costLimit: 'free', complexNeeds: true });
    const none = (await res.json()) as { suggestions: unknown[]; unmet: boolean; because: string; ruledOut: Record<string, number> };
    assertValid('MatchResponse', none);
    assert.deepEqual(none.suggestions, []);
    assert.equal(none.unmet, true);
    assert.match(none.because, /^What ruled things out: .*language/);
  });

  it('gives 400 with one clear line per problem, in the documented shape', async () => {
    const res = await post({ costLimit: 'cheap', maxDistanceMetres: 1000, languages: ['Bengali'], modes: [], surname: 'Begum' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; message: string; details: string[] };
    assertValid('Error', body);
    const text = body.details.join('\n');
    assert.match(text, /^costLimit: /m);
    assert.match(text, /^languages\.0: must be an ISO 639 language code/m);
    assert.match(text, /^modes: must list at least one way of taking part/m);
    assert.match(text, /surname/);
    const noStart = (await (await post({ maxDistanceMetres: 1000 })).json()) as { details: string[] };
    assert.deepEqual(noStart.details, ['maxDistanceMetres: needs a postcode or an origin to measure from']);
    for (const [payload, headers, message] of [
      ['{not json', undefined, /not valid JSON/],
      ['{}', { 'content-type': 'application/xml' }, /Content-Type: application\/json/],
      [{ postcode: 'ZZ99 9ZZ' }, undefined, /postcode/],
    ] as const) {
      const r = await post(payload, headers);
      assert.equal(r.status, 400);
      const b = (await r.json()) as { message: string; details?: string[] };
      assertValid('Error', b);
      assert.match(`${b.message} ${(b.details ?? []).join(' ')}`, message);
    }
  });

  it('answers a body over the limit with the documented 413', async () => {
    const res = await post(JSON.stringify({ postcode: 'BD8 7DZ', interests: ['x'.repeat(200 * 1024)] }));
    assert.equal(res.status, 413);
    const body = await res.json();
    assertValid('Error', body);
    assert.deepEqual(body, TOO_LARGE_EXAMPLE);
    const documented = OPENAPI_DOCUMENT.paths['/api/match'].post.responses;
    for (const status of ['200', '400', '413', '503'] as const) assert.ok(documented[status], `${status} is documented`);
  });

  it('answers CORS preflight for programs on other sites, and stores nothing', async () => {
    const pre = await app.request('/api/match', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.ok(pre.status === 204 || pre.status === 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    const cross = await post(REQUEST_EXAMPLE, { 'content-type': 'application/json', origin: 'https://example.org' });
    assert.equal(cross.status, 200);
    const { rows } = await sql<{ n: string }>`select count(*) as n from unmet_need`.execute(database.db);
    assert.equal(Number(rows[0]!.n), 0, 'the API records no unmet need');
  });
});
