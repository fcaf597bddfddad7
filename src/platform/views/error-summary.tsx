/**
 * Form errors, the GOV.UK way: a summary at the top of the page linking to
 * each field, and a message above each field. Works without JavaScript: the
 * summary takes focus on load (`autofocus`), so screen readers announce it.
 * Pages with errors should pass `hasErrors` to the Layout so the title starts
 * with "Error:".
 */
import type { I18n } from '../i18n/i18n.ts';

/** One problem with one field: `field` is the id of the input to jump to. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function ErrorSummary({ i18n, problems }: { i18n: I18n; problems: readonly FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="err-summary" role="alert" aria-labelledby="err-summary-title" tabindex={-1} autofocus>
      <h2 id="err-summary-title">{i18n.t('errors.summaryTitle')}</h2>
      <ul>
        {problems.map((p) => (
          <li>
            <a href={`#${p.field}`}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message shown above a field; give the field `aria-describedby={id}`. */
export function ErrorMessage({ i18n, id, message }: { i18n: I18n; id: string; message: string }) {
  return (
    <p class="err-msg" id={id}>
      <span class="vh">{i18n.t('errors.prefix')} </span>
      {message}
    </p>
  );
}
