/**
 * A transport that sends e-mail and text messages through GOV.UK Notify
 * (https://www.notifications.service.gov.uk), the UK public sector's
 * messaging service, with its official Node client.
 *
 * Messages reach it from the outbox (notifier.ts, delivery.ts): the delivery
 * worker hands it one message at a time and records the outcome, so staff can
 * see what was sent and what failed. The outbox id travels as Notify's
 * `reference`. Notify refusing a message as invalid (HTTP 400) is final;
 * anything else (a network error, 429, 5xx, 403 while a key is being fixed)
 * is tried again with back-off.
 *
 * Notify sends only from templates. Make one e-mail template with subject
 * "((subject))" and body "((body))", and one text-message template with body
 * "((body))", and give their ids here. An address with "@" is sent as e-mail;
 * a UK phone number (or "sms:<number>") as a text message; anything else
 * stays in the outbox for staff to pass on.
 */
import { createRequire } from 'node:module';
import type { NotifyClient as Client } from 'notifications-node-client';
import { TransportError, UndeliverableAddress, type Transport } from './delivery.ts';

export interface GovukNotifySettings {
  /** The API key as Notify shows it: "<key name>-<service id>-<secret>". */
  apiKey: string;
  emailTemplateId: string;
  smsTemplateId: string;
  /** Notify's address; another only for tests or a proxy. */
  baseUrl?: string;
}

/**
 * Where a message goes: e-mail, or a text to a UK number in any common
 * format (Belong writes text addresses as "sms:<number>"), or neither.
 */
export function destination(to: string): { kind: 'email' | 'sms'; address: string } | null {
  const t = to.trim().replace(/^sms:/i, '');
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return { kind: 'email', address: t };
  const digits = t.replace(/[\s()-]/g, '');
  if (/^(\+44|0044|0)\d{9,10}$/.test(digits)) return { kind: 'sms', address: digits };
  return null;
}

/** The parts of a Notify API key (the key name may itself contain hyphens). */
export function parseNotifyKey(apiKey: string): { serviceId: string; secret: string } | null {
  const m = apiKey
    .trim()
    .match(
      /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    );
  return m ? { serviceId: m[1]!, secret: m[2]! } : null;
}

/** The GOV.UK Notify transport; throws at once when the key is not a Notify key. */
export function govukNotifyTransport(settings: GovukNotifySettings): Transport {
  if (!parseNotifyKey(settings.apiKey))
    throw new Error('GOVUK_NOTIFY_API_KEY is not a GOV.UK Notify API key ("<name>-<service id>-<secret>")');
  // Loaded here, not at start: the client and what it brings (axios, jsonwebtoken…) are about 40 modules
  // that a deployment without Notify never needs.
  const { NotifyClient } = createRequire(import.meta.url)('notifications-node-client') as { NotifyClient: typeof Client };
  const client = settings.baseUrl ? new NotifyClient(settings.baseUrl, settings.apiKey) : new NotifyClient(settings.apiKey);
  return {
    async send(m) {
      const dest = destination(m.to);
      if (!dest) throw new UndeliverableAddress('Not an e-mail address or UK phone number: kept in the outbox for staff to pass on');
      try {
        if (dest.kind === 'email')
          await client.sendEmail(settings.emailTemplateId, dest.address, {
            personalisation: { subject: m.subject, body: m.text },
            reference: m.id,
          });
        else
          await client.sendSms(settings.smsTemplateId, dest.address, {
            personalisation: { body: `${m.subject}\n\n${m.text}` },
            reference: m.id,
          });
      } catch (err) {
        const status = (err as { response?: { status?: number } }).response?.status;
        const detail = (err as { response?: { data?: { errors?: { error?: string; message?: string }[] } } }).response?.data?.errors?.[0];
        throw new TransportError(
          `GOV.UK Notify did not accept the message${status ? ` (HTTP ${status}${detail?.error ? ` ${detail.error}` : ''})` : ` (${(err as Error).message ?? 'no answer'})`}`,
          status === 400,
        );
      }
    },
  };
}
