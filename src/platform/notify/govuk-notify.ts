/**
 * A Notifier that sends e-mail and text messages through GOV.UK Notify
 * (https://www.notifications.service.gov.uk), the UK public sector's
 * messaging service, with its official Node client.
 *
 * Every message is still written to the outbox first, so staff can see what
 * was sent and what failed; a message Notify accepted is marked sent. A
 * failure leaves the row unsent and throws (callers log it; nothing they do
 * depends on delivery).
 *
 * Notify sends only from templates. Make one e-mail template with subject
 * "((subject))" and body "((body))", and one text-message template with body
 * "((body))", and give their ids here. An address with "@" is sent as e-mail;
 * a UK phone number (or "sms:<number>") as a text message; anything else
 * stays in the outbox only.
 */
import type { Kysely } from 'kysely';
import { NotifyClient } from 'notifications-node-client';
import type { DB } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { Message, Notifier } from './notifier.ts';

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

export class NotifyDeliveryError extends Error {
  constructor(
    message: string,
    public readonly outboxId: string,
  ) {
    super(message);
    this.name = 'NotifyDeliveryError';
  }
}

export function govukNotifyNotifier(settings: GovukNotifySettings, db: Kysely<DB>, now: () => Date = () => new Date()): Notifier {
  if (!parseNotifyKey(settings.apiKey))
    throw new Error('GOVUK_NOTIFY_API_KEY is not a GOV.UK Notify API key ("<name>-<service id>-<secret>")');
  const client = settings.baseUrl ? new NotifyClient(settings.baseUrl, settings.apiKey) : new NotifyClient(settings.apiKey);
  return {
    async send(m: Message) {
      const id = newId();
      await db.insertInto('outbox').values({ id, created_at: now(), recipient: m.to, subject: m.subject, body: m.text }).execute();
      const dest = destination(m.to);
      if (!dest) throw new NotifyDeliveryError(`Not an e-mail address or UK phone number: kept in the outbox only`, id);
      try {
        if (dest.kind === 'email')
          await client.sendEmail(settings.emailTemplateId, dest.address, {
            personalisation: { subject: m.subject, body: m.text },
            reference: id,
          });
        else
          await client.sendSms(settings.smsTemplateId, dest.address, {
            personalisation: { body: `${m.subject}\n\n${m.text}` },
            reference: id,
          });
      } catch (err) {
        const status = (err as { response?: { status?: number } }).response?.status;
        throw new NotifyDeliveryError(
          `GOV.UK Notify did not accept the message${status ? ` (HTTP ${status})` : ''}: kept in the outbox`,
          id,
        );
      }
      await db.updateTable('outbox').set({ sent_at: now() }).where('id', '=', id).execute();
    },
  };
}
