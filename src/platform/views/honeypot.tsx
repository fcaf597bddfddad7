/**
 * The hidden field of a public form that people never see or fill in and
 * simple robots do: a form that comes back with it filled is treated as spam
 * (thanked, and dropped). Hidden from everyone, out of the tab order and
 * never autofilled; its label says to leave it empty for anyone who meets it.
 */
import type { I18n } from '../i18n/i18n.ts';

export const HONEYPOT_FIELD = 'website';

export function Honeypot({ i18n }: { i18n: I18n }) {
  return (
    <div hidden>
      <label for={HONEYPOT_FIELD}>{i18n.t('quality.report.honeypot')}</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}
