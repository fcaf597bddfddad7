/**
 * Fuzzing every route: a few thousand generated requests, on both engines,
 * and not one may answer 5xx. A bad request is the client's problem (4xx);
 * a 500 means a route trusted its input, a 503 here means a database failure
 * a request could cause.
 *
 * What it sends:
 * - addresses: every route the app has (taken from the Hono app itself) with
 *   its parameters filled by real ids, ids of other things, random UUIDs and
 *   junk; every address and form the pages link to (found by crawling the
 *   site as an administrator, a connector, a provider and nobody);
 * - any method; query strings with the pages' own field names and junk values
 *   (NUL bytes, 10 000 characters, broken percent-encoding, odd numbers);
 * - bodies: forms (urlencoded and multipart, with the right CSRF token most
 *   of the time so the route itself runs), multipart without a boundary or
 *   that does not parse, JSON, plain text, bytes that are not UTF-8, bodies
 *   larger than any form, streamed bodies, odd charsets and encodings;
 * - headers: signed in or not, cookies that are junk, odd Accept and
 *   Accept-Language, a foreign or missing Origin.
 *
 * BELONG_FUZZ_RUNS sets the number of generated requests per engine (default
 * 1500); BELONG_FUZZ_SEED replays a run (the seed is printed on failure).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { makeAccount, makeOrganisation, ORIGIN, TEST_PASSWORD, TestBrowser } from '../../src/modules/accounts/accounts.test-support.ts';
import { seedDemoArea } from '../../src/modules/demo/demo.seed.ts';
import { ensureVocabulary } from '../../src/modules/directory/vocabulary.repository.ts';
import { referralsService } from '../../src/modules/referrals/referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier } from '../../src/modules/referrals/referrals.test-support.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../support/test-db.ts';

const RUNS = Number(process.env.BELONG_FUZZ_RUNS ?? 1500);
const SEED = process.env.BELONG_FUZZ_SEED ? Number(process.env.BELONG_FUZZ_SEED) : undefined;
/** Pages each visitor opens while crawling for addresses, forms and field names. */
const CRAWL_BUDGET = { admin: 70, connector: 45, provider: 35, nobody: 30 } as const;

type Who = keyof typeof CRAWL_BUDGET;

interface Visitor {
  who: Who;
  cookie: string;
  csrf: string;
}

/** What crawling the site found. */
interface Harvest {
  getPaths: Set<string>;
  forms: Map<string, string>; // action → method
  fieldNames: Set<string>;
  fieldValues: Set<string>;
  segments: Set<string>; // path segments seen in real addresses (ids, event names, sections)
}

interface Generated {
  who: Who;
  method: string;
  path: string;
  query: string;
  body: BodySpec;
  headers: Record<string, string>;
}

type BodySpec =
  | { kind: 'none' }
  | { kind: 'urlencoded' | 'multipart' | 'multipart-no-boundary' | 'json' | 'stream'; fields: [string, string][]; csrf: boolean }
  | { kind: 'raw'; contentType: string | null; bytes: number[] }
  | { kind: 'huge'; contentType: string; size: number };

const JUNK_SEGMENTS = [
  '',
  'new',
  '0',
  '-1',
  '1e309',
  '99999999999999999999999',
  '..',
  '%2e%2e',
  '%2F',
  'a%00b',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%80',
  '%FF%FE',
  'x'.repeat(3000),
  '%F0%9F%98%80',
  'null',
  'undefined',
  '%3Cscript%3E',
  "'%20or%201=1--",
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
];

const JUNK_VALUES = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x'.repeat(10_000),
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '1e309',
  '99999999999999999999999',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  'true',
  '[]',
  '{}',
  '<b>x</b>',
  "'; drop table person; --",
  '\uD800',
  '\uFFFF',
  '😀',
  'ـ',
  '\r\n',
  'on',
  'BD8',
  'BD8 7AB',
  'someone@example.org',
  '00000000-0000-0000-0000-000000000000',
];

const COMMON_PARAMS = [
  'lang',
  'q',
  'where',
  'page',
  'per_page',
  'search',
  'postcode',
  'proximity',
  'taxonomy_term_id',
  'done',
  'next',
  'day',
  'who',
  'need',
  'speaks',
  'sort',
  'status',
  'format',
  'id',
  'from',
  'to',
];

const BROKEN_PERCENT = ['%', '%zz', '%E0%A4%A', '%C0%80', '%FF', '%00', '%uD800', '%ED%A0%80'];

/** Percent-encodes any string (a lone surrogate becomes U+FFFD: addresses are UTF-8; BROKEN_PERCENT has the raw forms). */
const enc = (s: string) => encodeURIComponent((s as string & { toWellFormed(): string }).toWellFormed());

describe(`fuzzing every route: no 5xx [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const logged: string[] = [];
  const visitors = new Map<Who, Visitor>();
  const harvest: Harvest = { getPaths: new Set(), forms: new Map(), fieldNames: new Set(), fieldValues: new Set(), segments: new Set() };
  /** Accounts and organisations the signed-in visitors need to stay signed in: never changed by a fuzzed request. */
  const keep = new Set<string>();
  let routes: { method: string; path: string }[] = [];
  let sent = 0;

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await seedDemoArea(database.db);
    const log = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) });
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log });

    // People to be: an administrator, a connector with a person and a referral, a provider who received it.
    const w = await buildReferralWorld(database.db, 'fuzz');
    const operator = await makeOrganisation(database.db, { name: 'Fuzz operator', kind: 'referrer', operator: true });
    const admin = await makeAccount(database.db, operator, { role: 'administrator' });
    const connector = await makeAccount(database.db, w.connectorOrg, { role: 'connector', manager: true });
    const provider = await makeAccount(database.db, w.providerA, { role: 'provider_staff', manager: true });
    for (const id of [operator, admin.id, w.connectorOrg, connector.id, w.providerA, provider.id]) keep.add(id);
    const person = await makePerson(database.db, w.connectorOrg, { contact: ['call'] });
    const svc = referralsService(await accessFor(database.db, connector.id), { notifier: new RecordingNotifier() });
    const referral = await svc.create(person, {
      need: 'Company on Tuesdays',
      summary: '',
      interpreterNeeded: false,
      interpreterLanguage: '',
      accompanyWanted: false,
      transportNeeded: false,
      childcareNeeded: false,
    });
    const chosen = await svc.chooseService(referral, w.services.tea);
    assert.ok(chosen.ok);
    await svc.send(referral, chosen.attemptId, { fields: ['name', 'need'], givenBy: 'verbal', expectedVersion: 0 });

    for (const [who, account] of [
      ['admin', admin],
      ['connector', connector],
      ['provider', provider],
    ] as const) {
      const b = new TestBrowser(app);
      const res = await b.signIn(account.email, TEST_PASSWORD);
      assert.equal(res.status, 303, `${who} signs in`);
      await b.get('/staff');
      visitors.set(who, { who, cookie: cookieHeader(b), csrf: b.csrf });
    }
    const nobody = new TestBrowser(app);
    await nobody.get('/staff/sign-in');
    visitors.set('nobody', { who: 'nobody', cookie: cookieHeader(nobody), csrf: nobody.csrf });

    routes = dedupe(app.routes.map((r) => ({ method: r.method, path: r.path })));
    for (const who of Object.keys(CRAWL_BUDGET) as Who[]) await crawl(visitors.get(who)!, CRAWL_BUDGET[who]);
  });
  after(async () => {
    await database?.dispose();
  });

  function cookieHeader(b: TestBrowser): string {
    return [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  function dedupe<T>(items: T[]): T[] {
    const seen = new Set<string>();
    return items.filter((i) => {
      const k = JSON.stringify(i);
      return seen.has(k) ? false : (seen.add(k), true);
    });
  }

  const failures: string[] = [];
  /** Notes a server error (all are listed at the end, so one run shows everything it found). */
  const statuses = new Map<number, number>();
  function check(status: number, what: string) {
    sent++;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) failures.push(`${status} for ${what}\n    log: ${logged.at(-1)?.slice(0, 600) ?? '(nothing logged)'}`);
  }

  async function crawl(v: Visitor, budget: number) {
    const queue = ['/', '/find', '/find?where=BD8', '/shortlist', '/my', '/oruk/services', '/staff', '/admin'];
    for (const r of routes) if (r.method === 'GET' && !r.path.includes(':') && !r.path.includes('*')) queue.push(r.path);
    const seen = new Set<string>();
    while (queue.length && seen.size < budget) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await app.request(path, { headers: { cookie: v.cookie, accept: 'text/html' } });
      check(res.status, `GET ${path} as ${v.who} (crawling)`);
      if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
      const html = await res.text();
      for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
        const href = decodeEntities(m[1]!);
        if (href.startsWith('/static/')) continue;
        harvest.getPaths.add(href);
        for (const s of href.split(/[/?&=]/)) if (s.length > 2 && s.length < 60) harvest.segments.add(s);
        if (!seen.has(href)) queue.push(href);
      }
      for (const m of html.matchAll(/<form[^>]*>/g)) {
        const action = /action="([^"]*)"/.exec(m[0])?.[1];
        const method = /method="([^"]*)"/i.exec(m[0])?.[1]?.toUpperCase() ?? 'GET';
        if (action?.startsWith('/')) harvest.forms.set(decodeEntities(action), method);
      }
      for (const m of html.matchAll(/name="([^"]+)"/g))
        if (m[1] !== '_csrf' && m[1] !== 'viewport') harvest.fieldNames.add(decodeEntities(m[1]!));
      for (const m of html.matchAll(/value="([^"]{0,80})"/g)) harvest.fieldValues.add(decodeEntities(m[1]!));
    }
  }

  function decodeEntities(s: string): string {
    return s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }

  function requests(): fc.Arbitrary<Generated> {
    const pick = <T>(items: Iterable<T>) => fc.constantFrom(...[...items]);
    const segment = fc.oneof(
      { weight: 5, arbitrary: pick(harvest.segments) },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: pick(JUNK_SEGMENTS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(enc) },
    );
    const fromRoute = fc.tuple(pick(routes), fc.array(segment, { minLength: 8, maxLength: 8 })).map(([r, segs]) => {
      let i = 0;
      const path = r.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () => segs[i++ % segs.length]!).replace(/\*$/, () => segs[i++ % segs.length]!);
      return { method: r.method === 'ALL' ? 'GET' : r.method, path };
    });
    // Pages and forms by their shape (ids taken out), so the hundreds of forms of one kind on one page do not crowd out the rest.
    const byShape = <T>(items: Iterable<[string, T]>) => {
      const groups = new Map<string, [string, T][]>();
      for (const [path, extra] of items) {
        const shape = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id').replace(/\?.*/, '');
        groups.set(shape, [...(groups.get(shape) ?? []), [path, extra]]);
      }
      return pick(groups.values()).chain((members) => pick(members));
    };
    const fromPages = byShape([...harvest.getPaths].map((p): [string, string] => [p, 'GET'])).map(([path]) => ({ method: 'GET', path }));
    const fromForms = byShape(harvest.forms).map(([path, method]) => ({ method, path }));
    const target = fc.oneof({ weight: 4, arbitrary: fromRoute }, { weight: 3, arbitrary: fromForms }, { weight: 2, arbitrary: fromPages });

    const value = fc.oneof(
      { weight: 4, arbitrary: pick(harvest.fieldValues) },
      { weight: 3, arbitrary: pick(JUNK_VALUES) },
      { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
      { weight: 1, arbitrary: fc.integer().map(String) },
      { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    );
    const name = fc.oneof({ weight: 6, arbitrary: pick(harvest.fieldNames) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    const fields = fc.array(fc.tuple(name, value), { maxLength: 12 });
    const queryPart = fc.oneof(
      fc.tuple(fc.oneof(pick(COMMON_PARAMS), name), value).map(([k, v]) => `${enc(k)}=${enc(v)}`),
      fc.tuple(pick(COMMON_PARAMS), pick(BROKEN_PERCENT)).map(([k, v]) => `${k}=${v}`),
    );
    const query = fc.array(queryPart, { maxLength: 4 }).map((parts) => (parts.length ? `?${parts.join('&')}` : ''));

    const body: fc.Arbitrary<BodySpec> = fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constantFrom('urlencoded', 'urlencoded', 'urlencoded', 'multipart', 'multipart-no-boundary', 'json', 'stream'),
          fields,
          csrf: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('raw' as const),
          contentType: fc.constantFrom(
            null,
            'text/plain',
            'application/octet-stream',
            'application/json',
            'multipart/form-data; boundary=xyz',
            'multipart/form-data; boundary=',
            'application/x-www-form-urlencoded; charset=utf-16',
            'application/x-www-form-urlencoded; charset=latin1',
            'text/html; charset=utf-8',
            'garbage',
          ),
          bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('huge' as const),
          contentType: fc.constantFrom(
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=b',
            'application/json',
            'text/plain',
          ),
          size: fc.integer({ min: 100_000, max: 400_000 }),
        }),
      },
    );

    // Each odd header on about one request in eight, so most requests get as far as the route itself.
    const rarely = <T>(a: fc.Arbitrary<T>, oneIn = 8) =>
      fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
    const extraHeaders = fc
      .record({
        'accept-language': rarely(
          fc.oneof(fc.constantFrom('ar', 'uk;q=0.9, en;q=0.1', 'zz', '*', 'x'.repeat(500), 'en-GB-oxendict-x-private'), fc.string()),
        ),
        'x-request-id': rarely(fc.string({ maxLength: 300 })),
        'x-forwarded-for': rarely(fc.constantFrom('1.2.3.4', 'not an address', '::1, 10.0.0.1', '')),
        'content-encoding': rarely(fc.constantFrom('gzip', 'br', 'identity')),
        accept: rarely(fc.constantFrom('application/json', '*/*', 'text/html', 'image/png')),
        origin: rarely(fc.constantFrom('https://evil.example', 'null')),
      })
      .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
    const junkCookie = fc.constantFrom(
      'belong_session=%00',
      'belong_session=' + 'a'.repeat(43),
      'belong_form=x',
      'lang=zz',
      'lang=%00',
      'shortlist=not-an-id,%00,00000000-0000-0000-0000-000000000000',
      'belong_my=' + 'b'.repeat(43),
      'belong_my=%00',
      '=;;==',
    );

    return fc
      .record({
        who: fc.constantFrom<Who>('admin', 'admin', 'connector', 'provider', 'nobody'),
        target,
        otherMethod: rarely(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'), 6),
        query,
        body,
        extraHeaders,
        junkCookie: rarely(junkCookie, 6),
      })
      .map(({ who, target: t, otherMethod, query: q, body: b, extraHeaders: h, junkCookie: jc }) => {
        const v = visitors.get(who)!;
        let cookie = v.cookie;
        if (jc) cookie = cookie ? `${cookie}; ${jc}` : jc;
        return {
          who,
          method: otherMethod ?? t.method,
          path: t.path,
          query: q,
          body: b,
          headers: { origin: ORIGIN, accept: 'text/html', ...h, ...(cookie ? { cookie } : {}) },
        };
      });
  }

  function toRequestInit(g: Generated): RequestInit {
    const headers = new Headers();
    for (const [k, v] of Object.entries(g.headers)) {
      try {
        headers.set(k, v);
      } catch {
        // a header value a real client could not send either
      }
    }
    if (g.method === 'GET' || g.method === 'HEAD' || g.body.kind === 'none') return { method: g.method, headers };
    const b = g.body;
    const csrf = visitors.get(g.who)!.csrf;
    const withToken = (fields: [string, string][], token: boolean): [string, string][] => (token ? [['_csrf', csrf], ...fields] : fields);
    switch (b.kind) {
      case 'urlencoded':
      case 'multipart-no-boundary': {
        headers.set('content-type', b.kind === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data');
        return { method: g.method, headers, body: new URLSearchParams(withToken(b.fields, b.csrf)).toString() };
      }
      case 'multipart': {
        const form = new FormData();
        for (const [k, v] of withToken(b.fields, b.csrf)) form.append(k, v);
        if (b.fields.length % 3 === 0) form.append('package', new File([b.fields.flat().join('\n')], 'package.json'));
        return { method: g.method, headers, body: form };
      }
      case 'json': {
        headers.set('content-type', 'application/json');
        return { method: g.method, headers, body: JSON.stringify(Object.fromEntries(withToken(b.fields, b.csrf))) };
      }
      case 'stream': {
        headers.set('content-type', 'application/x-www-form-urlencoded');
        const text = new URLSearchParams(withToken(b.fields, b.csrf)).toString();
        const bytes = new TextEncoder().encode(text);
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
            controller.close();
          },
        });
        return { method: g.method, headers, body: stream, duplex: 'half' } as RequestInit;
      }
      case 'raw': {
        if (b.contentType) headers.set('content-type', b.contentType);
        return { method: g.method, headers, body: new Uint8Array(b.bytes) };
      }
      case 'huge': {
        headers.set('content-type', b.contentType);
        return { method: g.method, headers, body: 'a='.padEnd(b.size, 'x') };
      }
    }
  }

  /** A request that would sign a fuzzing visitor out, or change the accounts they use, goes without their session. */
  function spareTheVisitors(g: Generated): Generated {
    if (g.method === 'GET' || g.method === 'HEAD') return g;
    const touchesVisitors = /sign-out|\/staff\/account\//.test(g.path) || [...keep].some((id) => g.path.includes(id));
    if (!touchesVisitors) return g;
    const { cookie: _dropped, ...headers } = g.headers;
    return { ...g, headers };
  }

  it(`answers ${RUNS} generated requests without a server error`, async () => {
    const seed = SEED ?? Math.floor(Math.random() * 2 ** 31);
    const crawled = sent;
    for (const generated of fc.sample(requests(), { numRuns: RUNS, seed })) {
      const g = spareTheVisitors(generated);
      const url = g.path + g.query;
      let init: RequestInit;
      try {
        init = toRequestInit(g);
      } catch {
        continue; // not a request a client could send
      }
      const res = await app.request(url, init);
      const text = await res.text();
      if (process.env.BELONG_FUZZ_DEBUG)
        console.log(
          'DEBUG',
          res.status,
          g.method,
          url.slice(0, 80),
          g.who,
          g.body.kind,
          'csrf' in g.body ? g.body.csrf : '',
          JSON.stringify(g.headers).slice(0, 60),
          text.slice(0, 200).replace(/\s+/g, ' '),
        );
      check(res.status, `${g.method} ${url.slice(0, 300)} as ${g.who}, body ${JSON.stringify(g.body).slice(0, 300)}`);
    }
    console.log(
      `fuzz [${testEngine}] seed ${seed}: ${sent - crawled} generated and ${crawled} crawling requests over ${routes.length} routes ` +
        `(${harvest.getPaths.size} addresses, ${harvest.forms.size} forms, ${harvest.fieldNames.size} field names found); ` +
        `answers: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([st, n]) => `${st}×${n}`)
          .join(' ')}; ${failures.length} server errors`,
    );
    assert.deepEqual(
      failures.slice(0, 25),
      [],
      `server errors (replay with BELONG_FUZZ_SEED=${seed}):\n${failures.slice(0, 25).join('\n')}`,
    );
    // The crawl reached the staff area (the sessions worked) and found forms to send.
    assert.ok(harvest.forms.size > 20, `forms found: ${harvest.forms.size}`);
  });

  it('the fuzzing sessions were real: a signed-in visitor still sees the staff area', async () => {
    // (If every session had been lost, the fuzzing above would have run anonymous.)
    const res = await app.request('/staff', { headers: { cookie: visitors.get('connector')!.cookie, accept: 'text/html' } });
    assert.equal(res.status, 200);
  });

  it('collects the routes from the app itself', () => {
    assert.ok(routes.some((r) => r.method === 'POST' && r.path === '/staff/sign-in'));
    assert.ok(routes.some((r) => r.path === '/oruk/services'));
    assert.ok(routes.length > 100, `routes: ${routes.length}`);
  });
});
