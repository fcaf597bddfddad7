/**
 * For modules that add to the person's own view (/my): who is signed in
 * (from the /my cookie) and the shape of a section they add to the page.
 * The composition root (app.ts) hands personViewRoutes the sections, so this
 * module never imports the modules that build on it.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { sessionFor } from './person-session.ts';

/** The person's session cookie (path /my). */
export const MY_COOKIE = 'belong_my';

/** The id of the person signed in at /my on this request, or null. */
export async function signedInPerson(db: Kysely<DB>, c: Context, now: Date): Promise<string | null> {
  const s = await sessionFor(db, getCookie(c, MY_COOKIE), now);
  return s?.personId ?? null;
}

/** A section of the person's page, in their language (null: nothing to show). */
export type MySection = (personId: string, i18n: I18n) => Promise<Child | null>;
