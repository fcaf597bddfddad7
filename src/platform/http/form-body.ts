/**
 * A submitted HTML form, as `c.req.parseBody({ all: true })` gives it: a field
 * sent once is a string, a field sent several times (checkboxes) an array.
 * Forms read it only through these helpers, so a field that arrives in an
 * unexpected shape (a file, a repeated text field) never reaches the domain.
 */

/** A parsed form body: repeated fields (checkboxes) arrive as arrays. */
export type FormBody = Readonly<Record<string, unknown>>;

/** Every string value of a field (none, one, or several for checkboxes). */
export function valuesOf(body: FormBody, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}
