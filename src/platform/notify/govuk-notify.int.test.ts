import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig, ConfigError } from '../../config.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { destination, govukNotifyNotifier, NotifyDeliveryError, parseNotifyKey } from './govuk-notify.ts';
import { notifierFor } from './notifiers.ts';

const SERVICE = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const KEY = `belong_test-${SERVICE}-${SECRET}`;
const EMAIL_TEMPLATE = '11111111-1111-4111-8111-111111111111';
const SMS_TEMPLATE = '22222222-2222-4222-8222-222222222222';

interface Received {
  path: string;
  body: Record<string, unknown>;
  jwt: { iss: string; iat: number } | null;
}

/** Checks an HS256 token the way Notify does: signature with the secret, issuer the service id, issued within 30 s. */
function verify(auth: string | undefined): { iss: string; iat: number } | null {
  const token = auth?.replace(/^Bearer /, '') ?? '';
  const [h, p, sig] = token.split('.');
  if (!h || !p || !sig) return null;
  const expected = crypto.createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url');
  if (expected !== sig) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss: string; iat: number };
  return claims.iss === SERVICE && Math.abs(Date.now() / 1000 - claims.iat) < 30 ? claims : null;
}

describe(`GOV.UK Notify notifier [${testEngine}]`, () => {
  let database: TestDatabase;
  let server: http.Server;
  let baseUrl: string;
  const received: Received[] = [];
  let failNext = false;

  before(async () => {
    database = await openTestDatabase();
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const jwt = verify(req.headers.authorization);
        received.push({ path: req.url ?? '', body: JSON.parse(data || '{}'), jwt });
        res.setHeader('content-type', 'application/json');
        if (!jwt)
          return res.writeHead(403).end(JSON.stringify({ errors: [{ error: 'AuthError', message: 'Invalid token' }], status_code: 403 }));
        if (failNext) {
          failNext = false;
          return res
            .writeHead(400)
            .end(JSON.stringify({ errors: [{ error: 'BadRequestError', message: 'Missing personalisation' }], status_code: 400 }));
        }
        res.writeHead(201).end(
          JSON.stringify({
            id: crypto.randomUUID(),
            content: { body: 'x', subject: 'y', from_email: 'z' },
            uri: 'u',
            template: { id: 't', version: 1, uri: 'u' },
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await database.dispose();
  });

  const notifier = () =>
    govukNotifyNotifier({ apiKey: KEY, emailTemplateId: EMAIL_TEMPLATE, smsTemplateId: SMS_TEMPLATE, baseUrl }, database.db);
  const outboxRow = (recipient: string) =>
    database.db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).executeTakeFirstOrThrow();

  it('sends e-mail through the e-mail template with a signed token, and marks the outbox row sent', async () => {
    await notifier().send({ to: 'amina@example.org', subject: 'Your plan', text: 'Here is your plan.' });
    const r = received.at(-1)!;
    assert.equal(r.path, '/v2/notifications/email');
    assert.ok(r.jwt, 'the token is signed with the key’s secret and names the service');
    assert.equal(r.body.template_id, EMAIL_TEMPLATE);
    assert.equal(r.body.email_address, 'amina@example.org');
    assert.deepEqual(r.body.personalisation, { subject: 'Your plan', body: 'Here is your plan.' });
    const row = await outboxRow('amina@example.org');
    assert.equal(r.body.reference, row.id, 'the outbox id travels as the reference');
    assert.ok(row.sent_at, 'marked sent');
  });

  it('sends a text message to a UK number through the text template', async () => {
    await notifier().send({ to: 'sms:07700 900123', subject: 'Belong', text: 'Did you manage to get to the Tuesday group?' });
    const r = received.at(-1)!;
    assert.equal(r.path, '/v2/notifications/sms');
    assert.equal(r.body.template_id, SMS_TEMPLATE);
    assert.equal(r.body.phone_number, '07700900123');
    assert.match(String((r.body.personalisation as { body: string }).body), /Tuesday group/);
    assert.ok((await outboxRow('sms:07700 900123')).sent_at);
  });

  it('keeps a message Notify refused in the outbox, unsent, and says so', async () => {
    failNext = true;
    await assert.rejects(
      notifier().send({ to: 'refused@example.org', subject: 's', text: 't' }),
      (e: unknown) => e instanceof NotifyDeliveryError && /HTTP 400/.test(e.message),
    );
    const row = await outboxRow('refused@example.org');
    assert.equal(row.sent_at, null);
  });

  it('keeps a message to an address it cannot send to in the outbox without calling Notify', async () => {
    const before = received.length;
    await assert.rejects(notifier().send({ to: 'the front desk', subject: 's', text: 't' }), NotifyDeliveryError);
    assert.equal(received.length, before);
    assert.equal((await outboxRow('the front desk')).sent_at, null);
  });

  it('is chosen by configuration, which names what is missing', () => {
    assert.throws(
      () => loadConfig({ NOTIFY: 'govuk-notify' }),
      (e: unknown) =>
        e instanceof ConfigError && /GOVUK_NOTIFY_API_KEY: needed/.test(e.message) && /GOVUK_NOTIFY_SMS_TEMPLATE_ID/.test(e.message),
    );
    const config = loadConfig({
      NOTIFY: 'govuk-notify',
      GOVUK_NOTIFY_API_KEY: KEY,
      GOVUK_NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE,
      GOVUK_NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE,
      GOVUK_NOTIFY_URL: baseUrl,
    });
    assert.ok(notifierFor(config, database.db));
    assert.throws(() => notifierFor({ ...config, GOVUK_NOTIFY_API_KEY: 'not-a-key' }, database.db), /not a GOV.UK Notify API key/);
    assert.equal(loadConfig({}).NOTIFY, 'outbox');
  });
});

describe('Notify addresses and keys', () => {
  it('tells e-mail from UK phone numbers', () => {
    assert.deepEqual(destination('a@b.org'), { kind: 'email', address: 'a@b.org' });
    for (const n of ['07700900123', '+44 7700 900123', '0044 7700 900 123', '(0113) 496 0000', 'sms:07700900123'])
      assert.equal(destination(n)?.kind, 'sms', n);
    assert.equal(destination('sms:+44 7700 900123')?.address, '+447700900123');
    for (const n of ['12345', 'someone', '+1 202 555 0100', 'sms:']) assert.equal(destination(n), null, n);
  });

  it('reads the service id and secret from the end of a key whose name has hyphens', () => {
    assert.deepEqual(parseNotifyKey(`my-live-key-${SERVICE}-${SECRET}`), { serviceId: SERVICE, secret: SECRET });
    assert.equal(parseNotifyKey('my-key'), null);
  });
});
