import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig, ConfigError } from '../../config.ts';
import { destination, govukNotifyTransport, parseNotifyKey } from './govuk-notify.ts';
import { TransportError, UndeliverableAddress } from './delivery.ts';
import { transportFor } from './notifiers.ts';
import { STAND_IN, STAND_IN_KEY, startNotifyStandIn, type NotifyStandIn } from './notify-stand-in.test-support.ts';

describe('GOV.UK Notify transport', () => {
  let notify: NotifyStandIn;
  before(async () => {
    notify = await startNotifyStandIn();
  });
  after(() => notify.close());

  const transport = () =>
    govukNotifyTransport({
      apiKey: STAND_IN_KEY,
      emailTemplateId: STAND_IN.emailTemplate,
      smsTemplateId: STAND_IN.smsTemplate,
      baseUrl: notify.url,
    });

  it('sends e-mail through the e-mail template with a signed token, the outbox id as reference', async () => {
    await transport().send({
      id: 'a6b0c4c2-3f7e-4b7e-9a51-6c2d0f4e8b19',
      to: 'amina@example.org',
      subject: 'Your plan',
      text: 'Here is your plan.',
    });
    const r = notify.received.at(-1)!;
    assert.equal(r.path, '/v2/notifications/email');
    assert.ok(r.jwt, 'the token is signed with the key’s secret and names the service');
    assert.equal(r.body.template_id, STAND_IN.emailTemplate);
    assert.equal(r.body.email_address, 'amina@example.org');
    assert.deepEqual(r.body.personalisation, { subject: 'Your plan', body: 'Here is your plan.' });
    assert.equal(r.body.reference, 'a6b0c4c2-3f7e-4b7e-9a51-6c2d0f4e8b19');
  });

  it('sends a text message to a UK number through the text template', async () => {
    await transport().send({ id: 'x', to: 'sms:07700 900123', subject: 'Belong', text: 'Did you manage to get to the Tuesday group?' });
    const r = notify.received.at(-1)!;
    assert.equal(r.path, '/v2/notifications/sms');
    assert.equal(r.body.template_id, STAND_IN.smsTemplate);
    assert.equal(r.body.phone_number, '07700900123');
    assert.match(String((r.body.personalisation as { body: string }).body), /Tuesday group/);
  });

  it('says a fault can be retried, and a refusal cannot', async () => {
    notify.failNext(1, 500);
    await assert.rejects(
      transport().send({ id: 'x', to: 'fault@example.org', subject: 's', text: 't' }),
      (e: unknown) => e instanceof TransportError && !e.permanent && /HTTP 500/.test(e.message),
    );
    notify.failNext(1, 400);
    await assert.rejects(
      transport().send({ id: 'x', to: 'refused@example.org', subject: 's', text: 't' }),
      (e: unknown) => e instanceof TransportError && e.permanent && /HTTP 400 BadRequestError/.test(e.message),
    );
  });

  it('does not call Notify for an address it cannot send to', async () => {
    const before = notify.received.length;
    await assert.rejects(transport().send({ id: 'x', to: 'the front desk', subject: 's', text: 't' }), UndeliverableAddress);
    assert.equal(notify.received.length, before);
  });

  it('is chosen by configuration, which names what is missing', () => {
    assert.throws(
      () => loadConfig({ NOTIFY: 'govuk-notify' }),
      (e: unknown) =>
        e instanceof ConfigError && /GOVUK_NOTIFY_API_KEY: needed/.test(e.message) && /GOVUK_NOTIFY_SMS_TEMPLATE_ID/.test(e.message),
    );
    const config = loadConfig({
      NOTIFY: 'govuk-notify',
      GOVUK_NOTIFY_API_KEY: STAND_IN_KEY,
      GOVUK_NOTIFY_EMAIL_TEMPLATE_ID: STAND_IN.emailTemplate,
      GOVUK_NOTIFY_SMS_TEMPLATE_ID: STAND_IN.smsTemplate,
      GOVUK_NOTIFY_URL: notify.url,
    });
    assert.ok(transportFor(config));
    assert.throws(() => transportFor({ ...config, GOVUK_NOTIFY_API_KEY: 'not-a-key' }), /not a GOV.UK Notify API key/);
    assert.equal(transportFor(loadConfig({})), null, 'NOTIFY=outbox: messages are kept for staff');
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
    assert.deepEqual(parseNotifyKey(`my-live-key-${STAND_IN.service}-${STAND_IN.secret}`), {
      serviceId: STAND_IN.service,
      secret: STAND_IN.secret,
    });
    assert.equal(parseNotifyKey('my-key'), null);
  });
});
