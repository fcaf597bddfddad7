/**
 * Radios and checkboxes for the pages the public and the people Belong helps
 * use (styled by the public stylesheet, belong.css). Each control sits inside
 * its own label, so the whole label is the tap target and a tap can never land
 * on the option above or below.
 */
import type { I18n } from '../i18n/i18n.ts';
import { ErrorMessage } from './error-summary.tsx';

export interface ChoiceOption {
  value: string;
  label: string;
}

export function ChoiceRadios(p: {
  i18n: I18n;
  id: string;
  name: string;
  legend: string;
  options: readonly ChoiceOption[];
  /** The chosen value; nothing is chosen unless given. */
  value?: string | undefined;
  hint?: string;
  error?: string | undefined;
}) {
  const described = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field err-field' : 'field'}>
      <fieldset aria-describedby={described}>
        <legend>{p.legend}</legend>
        {p.hint && (
          <p class="hint" id={`${p.id}-hint`}>
            {p.hint}
          </p>
        )}
        {p.error && <ErrorMessage i18n={p.i18n} id={`${p.id}-error`} message={p.error} />}
        {p.options.map((o, i) => (
          <label class="cb" for={`${p.id}-${i}`}>
            <input type="radio" id={`${p.id}-${i}`} name={p.name} value={o.value} checked={o.value === p.value} />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

export function ChoiceCheckbox(p: { id: string; name: string; value?: string; label: string; hint?: string; checked?: boolean }) {
  return (
    <div class="field">
      <label class="cb" for={p.id}>
        <input
          type="checkbox"
          id={p.id}
          name={p.name}
          value={p.value ?? 'yes'}
          checked={p.checked}
          aria-describedby={p.hint ? `${p.id}-hint` : undefined}
        />
        <span>{p.label}</span>
      </label>
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
    </div>
  );
}
