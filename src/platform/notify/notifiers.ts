/** The transport a deployment asked for in its configuration (NOTIFY), if any. */
import type { Config } from '../../config.ts';
import type { Transport } from './delivery.ts';
import { govukNotifyTransport } from './govuk-notify.ts';

/** GOV.UK Notify when NOTIFY=govuk-notify; none (messages kept for staff) when NOTIFY=outbox. */
export type TransportConfig = Pick<
  Config,
  'NOTIFY' | 'GOVUK_NOTIFY_API_KEY' | 'GOVUK_NOTIFY_EMAIL_TEMPLATE_ID' | 'GOVUK_NOTIFY_SMS_TEMPLATE_ID' | 'GOVUK_NOTIFY_URL'
>;

export function transportFor(config: TransportConfig): Transport | null {
  if (config.NOTIFY !== 'govuk-notify') return null;
  return govukNotifyTransport({
    apiKey: config.GOVUK_NOTIFY_API_KEY!,
    emailTemplateId: config.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID!,
    smsTemplateId: config.GOVUK_NOTIFY_SMS_TEMPLATE_ID!,
    ...(config.GOVUK_NOTIFY_URL ? { baseUrl: config.GOVUK_NOTIFY_URL } : {}),
  });
}
