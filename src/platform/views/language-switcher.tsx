/**
 * The language switcher: every language, by its own name in its own script,
 * as plain links (`?lang=xx`, handled by i18n.middleware.ts). No JavaScript.
 *
 * Why a <details> in the header, and why it starts open: the person who most
 * needs the switcher is the one who cannot read the page they landed on
 * (phones are often set to English because their owner's language is not
 * offered). Until someone has picked a language, the list is shown open at
 * the top of every page, so their language is one tap away. Once they have
 * picked one (the cookie is set), it folds into a single line headed by a
 * globe and the word "Language" in their language — the list is then one tap
 * to open and one to choose, and pages stay short. A footer list would be one
 * tap too, but out of sight on a phone; a separate /language page would cost
 * a page load. If a browser does not support <details> (old Opera Mini), the
 * list is simply always shown.
 */
import type { I18n } from '../i18n/i18n.ts';
import { LOCALE_CODES, LOCALES } from '../i18n/locales.ts';

export function LanguageSwitcher({ i18n }: { i18n: I18n }) {
  return (
    <details class="lang" open={!i18n.chosen}>
      <summary>
        <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
          <path
            fill="none"
            stroke="currentColor"
            stroke-width="1.5"
            d="M10 1a9 9 0 1 0 0 18a9 9 0 1 0 0-18M1 10h18M10 1c-3.5 3-3.5 15 0 18M10 1c3.5 3 3.5 15 0 18"
          />
        </svg>
        {i18n.t('layout.language')}
        {i18n.locale !== 'en' && <span lang="en"> · Language</span>}
      </summary>
      <nav aria-label={i18n.t('layout.languageNav')}>
        <ul>
          {LOCALE_CODES.map((code) => (
            <li>
              <a href={i18n.hrefFor(code)} hreflang={code} lang={code} aria-current={code === i18n.locale ? 'true' : undefined}>
                {LOCALES[code].nativeName}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}
