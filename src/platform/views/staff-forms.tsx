/**
 * Form parts for staff pages, the GOV.UK way: a label above each field, an
 * optional hint, the error message above the field when there is one, and
 * the field pointing at both with `aria-describedby`. Every form carries the
 * CSRF token. No JavaScript.
 */
import type { Child } from 'hono/jsx';
import { CsrfField } from '../auth/csrf.tsx';
import type { I18n } from '../i18n/i18n.ts';
import { ErrorMessage } from './error-summary.tsx';

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

interface FieldIds {
  hintId: string | undefined;
  errorId: string | undefined;
  /** For the field's aria-describedby: the hint and the error, when there are any. */
  describedBy: string | undefined;
}

function fieldIds(p: { id: string; hint?: string | undefined; error?: string | undefined }): FieldIds {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  return { hintId, errorId, describedBy: describedBy(hintId, errorId) };
}

/** The hint, then the error message, between a field's label (or legend) and the field. */
function HintAndError({ i18n, hint, error, ids }: { i18n: I18n; hint?: string | undefined; error?: string | undefined; ids: FieldIds }) {
  return (
    <>
      {hint && (
        <p class="hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      {error && <ErrorMessage i18n={i18n} id={ids.errorId!} message={error} />}
    </>
  );
}

export interface TextFieldProps {
  i18n: I18n;
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'date';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email';
  required?: boolean;
  /** Class for the input, e.g. "w-short" for a 6-digit code. */
  size?: 'short' | 'medium' | 'long';
  maxlength?: number;
}

export function TextField(p: TextFieldProps) {
  const ids = fieldIds(p);
  return (
    <div class={p.error ? 'field err-field' : 'field'}>
      <label for={p.id}>{p.label}</label>
      <HintAndError i18n={p.i18n} hint={p.hint} error={p.error} ids={ids} />
      <input
        id={p.id}
        name={p.name ?? p.id}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : p.value}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        required={p.required}
        maxlength={p.maxlength}
        class={p.size ? `w-${p.size}` : undefined}
        aria-describedby={ids.describedBy}
        aria-invalid={p.error ? 'true' : undefined}
        spellcheck={p.type === 'email' || p.type === 'password' ? false : undefined}
      />
    </div>
  );
}

export interface TextAreaProps {
  i18n: I18n;
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  maxlength?: number;
}

export function TextArea(p: TextAreaProps) {
  const ids = fieldIds(p);
  return (
    <div class={p.error ? 'field err-field' : 'field'}>
      <label for={p.id}>{p.label}</label>
      <HintAndError i18n={p.i18n} hint={p.hint} error={p.error} ids={ids} />
      <textarea
        id={p.id}
        name={p.name ?? p.id}
        rows={3}
        maxlength={p.maxlength}
        aria-describedby={ids.describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export interface RadiosProps {
  i18n: I18n;
  /** Id prefix; the first radio's id is `${id}-0` (error summaries link there). */
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  value?: string;
}

export function Radios(p: RadiosProps) {
  const ids = fieldIds(p);
  return (
    <div class={p.error ? 'field err-field' : 'field'}>
      <fieldset aria-describedby={ids.describedBy}>
        <legend>{p.legend}</legend>
        <HintAndError i18n={p.i18n} hint={p.hint} error={p.error} ids={ids} />
        {p.options.map((o, i) => (
          <div class="choice">
            <input
              type="radio"
              id={`${p.id}-${i}`}
              name={p.name}
              value={o.value}
              checked={o.value === p.value}
              aria-describedby={o.hint ? `${p.id}-${i}-hint` : undefined}
            />
            <label for={`${p.id}-${i}`}>{o.label}</label>
            {o.hint && (
              <p class="hint" id={`${p.id}-${i}-hint`}>
                {o.hint}
              </p>
            )}
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export function Checkbox({
  id,
  name,
  label,
  hint,
  checked,
}: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  checked?: boolean;
}) {
  return (
    <div class="field choice">
      <input type="checkbox" id={id} name={name ?? id} value="yes" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A form that posts to `action` with the CSRF token inside. */
export function PostForm({
  action,
  csrf,
  children,
  class: cls,
  novalidate = true,
}: {
  action: string;
  csrf: string;
  children: Child;
  class?: string;
  novalidate?: boolean;
}) {
  return (
    <form method="post" action={action} class={cls} novalidate={novalidate}>
      <CsrfField token={csrf} />
      {children}
    </form>
  );
}

/** A one-button form (sign out, revoke, …). */
export function ButtonForm({
  action,
  csrf,
  label,
  variant,
}: {
  action: string;
  csrf: string;
  label: string;
  variant?: 'secondary' | 'warning' | 'link';
}) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField token={csrf} />
      <button type="submit" class={variant}>
        {label}
      </button>
    </form>
  );
}
