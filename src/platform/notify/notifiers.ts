/** The notifier a deployment asked for in its configuration (NOTIFY). */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../db/schema.ts';
import { govukNotifyNotifier } from './govuk-notify.ts';
import { outboxNotifier, type Notifier } from './notifier.ts';

export function notifierFor(config: Config, db: Kysely<DB>, now: () => Date = () => new Date()): Notifier {
  if (config.NOTIFY === 'govuk-notify') {
    return govukNotifyNotifier(
      {
        apiKey: config.GOVUK_NOTIFY_API_KEY!,
        emailTemplateId: config.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID!,
        smsTemplateId: config.GOVUK_NOTIFY_SMS_TEMPLATE_ID!,
        ...(config.GOVUK_NOTIFY_URL ? { baseUrl: config.GOVUK_NOTIFY_URL } : {}),
      },
      db,
      now,
    );
  }
  return outboxNotifier(db, now);
}
