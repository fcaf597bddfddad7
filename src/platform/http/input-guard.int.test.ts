import assert from 'node:assert/strict';
import http from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { makeAccount, makeOrganisation, ORIGIN, TEST_PASSWORD, TestBrowser } from '../../modules/accounts/accounts.test-support.ts';
import { makePerson } from '../../modules/referrals/referrals.test-support.ts';
import { createLogger } from '../log.ts';
import { saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { FORM_BODY_LIMIT } from './input-guard.ts';

const MB = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe(`input hardening: body limits, 400 for what no route can use, request ids, headers [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let serviceId: string;
  let email: string;
  let personId: string;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const [fixture] = await saveFixtures(database.db, [serviceFixture('guard-tea')]);
    serviceId = fixture!.service.id;
    const org = await makeOrganisation(database.db, { kind: 'referrer' });
    ({ email } = await makeAccount(database.db, org, { role: 'connector' }));
    personId = await makePerson(database.db, org);
  });
  after(async () => {
    await database.dispose();
  });

  describe('a 600 MB POST to /staff/sign-in', () => {
    let server: ServerType;
    let port: number;
    const sockets: Socket[] = [];
    before(async () => {
      await new Promise<void>((resolve) => {
        server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
          port = info.port;
          resolve();
        });
      });
      server.on('connection', (s: Socket) => sockets.push(s));
    });
    after(() => {
      server.close();
    });

    /** Streams `total` bytes from a generator (one reused 1 MB chunk) and returns what happened. */
    async function bigPost(total: number, announceLength: boolean) {
      sockets.length = 0;
      const chunk = Buffer.alloc(MB, 'a');
      let produced = 0;
      async function* body() {
        yield Buffer.from('email=someone%40example.org&password=');
        while (produced < total) {
          produced += chunk.length;
          yield chunk;
        }
      }
      const rssBefore = process.memoryUsage().rss;
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/staff/sign-in',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: `http://127.0.0.1:${port}`,
          accept: 'text/html',
          'accept-language': 'en',
          ...(announceLength ? { 'content-length': String(total + 37) } : {}),
        },
      });
      req.on('error', () => undefined); // the server closes the connection on us: that is the point
      const response = new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
      Readable.from(body()).pipe(req);
      const res = await response;
      let html = '';
      for await (const part of res) html += String(part);
      // The server closes the connection after its answer; wait for that, then stop sending.
      await new Promise<void>((resolve) => (req.socket?.destroyed ? resolve() : req.socket?.once('close', () => resolve())));
      req.destroy();
      const serverRead = sockets.reduce((n, s) => n + s.bytesRead, 0);
      return {
        status: res.statusCode,
        connection: res.headers.connection,
        html,
        produced,
        serverRead,
        rssBefore,
        rssAfter: process.memoryUsage().rss,
      };
    }

    for (const announce of [true, false]) {
      it(`is refused with 413 before the body is read (${announce ? 'Content-Length announced' : 'sent in chunks'}); memory stays flat`, async () => {
        const r = await bigPost(600 * MB, announce);
        assert.equal(r.status, 413);
        assert.equal(r.connection, 'close');
        assert.match(r.html, /Too much was sent/);
        // The server read at most a few socket buffers of it: the limit (128 KB) and what was in flight.
        assert.ok(r.serverRead < 8 * MB, `the server read ${r.serverRead} bytes`);
        console.log(
          `600 MB POST (${announce ? 'with Content-Length' : 'chunked'}): server read ${(r.serverRead / MB).toFixed(2)} MB, ` +
            `client produced ${(r.produced / MB).toFixed(0)} MB before the connection closed; ` +
            `RSS ${(r.rssBefore / MB).toFixed(0)} MB before, ${(r.rssAfter / MB).toFixed(0)} MB after`,
        );
      });
    }
  });

  it('takes a form just under the limit, and refuses one just over it with a page in the person’s language', async () => {
    const post = (size: number) =>
      app.request('/shortlist/add', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': 'ar' },
        body: `id=${serviceId}&junk=`.padEnd(size, 'x'),
      });
    const under = await post(FORM_BODY_LIMIT - 10);
    assert.equal(under.status, 303, 'a large form within the limit is handled as usual');
    const over = await post(FORM_BODY_LIMIT + 1);
    assert.equal(over.status, 413);
    const html = await over.text();
    assert.match(html, /<html lang="ar" dir="rtl"/);
    assert.match(html, /ما أرسلته أكبر من اللازم/);
  });

  it('lets the hand-over import take a package file larger than a form, and no larger than a package', async () => {
    const upload = (size: number) => {
      const form = new FormData();
      form.append('package', new File([new Uint8Array(size)], 'handover.json'));
      return app.request('/staff/handovers/import', { method: 'POST', headers: { origin: ORIGIN, accept: 'text/html' }, body: form });
    };
    assert.notEqual((await upload(1.5 * MB)).status, 413, 'a 1.5 MB package is not refused for its size');
    const tooBig = await upload(3 * MB);
    assert.equal(tooBig.status, 413);
    assert.match(await tooBig.text(), /Too much was sent/);
  });

  it('answers a multipart form without its boundary with 400 on every public form, in the person’s language', async () => {
    for (const path of [
      '/my',
      '/my/contact',
      '/my/sign-out',
      `/my/check-in/${serviceId}`,
      `/services/${serviceId}/report`,
      '/shortlist/add',
      '/shortlist/remove',
      '/shortlist/save',
      '/shortlist/clear',
    ]) {
      const res = await app.request(path, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'multipart/form-data', accept: 'text/html', 'accept-language': 'pl' },
        body: `id=${serviceId}`,
      });
      assert.equal(res.status, 400, path);
      const html = await res.text();
      assert.match(html, /<html lang="pl"/, path);
      assert.match(html, /Nie udało się odczytać tego, co wysłano/, path);
    }
  });

  it('answers broken forms and bodies that are not forms with 400, staff forms with a staff page', async () => {
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/people/new');
    const cases: [string, string, BodyInit][] = [
      ['/staff/people', 'multipart/form-data', `_csrf=${b.csrf}&name=Amina`],
      ['/staff/people', 'multipart/form-data; boundary=zz', 'this is not multipart'],
      ['/staff/people', 'text/plain', `_csrf=${b.csrf}&name=Amina`],
      ['/staff/sign-in', 'application/json', '{"email":"x"}'],
      ['/shortlist/add', 'application/octet-stream', new Uint8Array([0, 1, 2, 255])],
    ];
    for (const [path, type, body] of cases) {
      const res = await b.request(path, { method: 'POST', headers: { origin: ORIGIN, 'content-type': type }, body });
      assert.equal(res.status, 400, `${path} as ${type}`);
      assert.match(
        res.html,
        path.startsWith('/staff') ? /The form could not be read/ : /We could not read what was sent/,
        `${path} as ${type}`,
      );
    }
  });

  it('refuses a NUL byte anywhere (address, query, cookies, fields, JSON) with 400 before it reaches the database', async () => {
    const api = await app.request('/oruk/services?search=a%00b');
    assert.equal(api.status, 400);
    assert.equal(((await api.json()) as { error: string }).error, 'BadRequest');
    for (const path of ['/find?q=tea%00', `/services/${serviceId}%00`, '/oruk/services/%00']) {
      assert.equal((await app.request(path, { headers: { accept: 'text/html' } })).status, 400, path);
    }
    assert.equal((await app.request('/find', { headers: { cookie: 'shortlist=%00' } })).status, 400, 'cookie');
    const match = await app.request('/api/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ where: 'BD8\u0000' }),
    });
    assert.equal(match.status, 400);

    const signIn = await new TestBrowser(app).post('/staff/sign-in', { email: `someone\u0000@example.org`, password: 'x' });
    assert.equal(signIn.status, 400, 'the sign-in e-mail');
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/people/new');
    const name = await b.post('/staff/people', { name: 'Ami\u0000na', preferredLanguage: 'en' });
    assert.equal(name.status, 400, 'a name');
    assert.match(name.html, /The form could not be read/);
    await b.get(`/staff/people/${personId}/handover`);
    const note = await b.post(`/staff/people/${personId}/handover`, { to: personId, givenBy: 'verbal', note: 'note\u0000' });
    assert.equal(note.status, 400, 'a note');
    assert.match(note.html, /The form could not be read/);
    const multipart = new FormData();
    multipart.append('_csrf', b.csrf);
    multipart.append('name', 'x\u0000');
    assert.equal(
      (await b.request('/staff/people', { method: 'POST', headers: { origin: ORIGIN }, body: multipart })).status,
      400,
      'multipart',
    );
  });

  it('gives every request its own id, never the client’s, and the audit log keeps ours', async () => {
    const b = new TestBrowser(app, { 'x-request-id': 'chosen-by-the-client' });
    const res = await b.signIn(email, TEST_PASSWORD);
    assert.equal(res.status, 303);
    const ours = res.headers.get('x-request-id') ?? '';
    assert.match(ours, UUID);
    const entry = await database.db
      .selectFrom('audit_event')
      .select('request_id')
      .where('action', '=', 'account.sign_in')
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(entry.request_id, ours);
    const other = await app.request('/', { headers: { 'x-request-id': ours } });
    assert.notEqual(other.headers.get('x-request-id'), ours, 'a client cannot make us reuse an id either');
  });

  it('sends a Permissions-Policy that denies the browser features Belong never uses', async () => {
    for (const path of ['/', '/staff/sign-in', '/oruk/services', '/nowhere']) {
      const policy = (await app.request(path)).headers.get('permissions-policy') ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
        assert.match(policy, new RegExp(`(^|, )${feature}=\\(\\)`), `${path}: ${feature}`);
      }
    }
  });
});
