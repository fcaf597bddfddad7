/**
 * Test helpers for staff accounts: a small "browser" over `app.request()`
 * that keeps cookies, sends the Origin header a real browser sends with a
 * form, and reads the CSRF token from the last page; a movable clock; and
 * quick ways to make organisations and accounts directly in the database.
 */
import type { Kysely } from 'kysely';
import type { createApp } from '../../app.ts';
import type { DB, StaffOrganisationKind, StaffRole } from '../../platform/db/schema.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { newId } from '../../platform/ids.ts';

export const ORIGIN = 'http://localhost';

/** A clock tests can move forward. */
export class TestClock {
  constructor(public at = new Date('2026-03-02T09:00:00Z')) {}
  now = (): Date => new Date(this.at.getTime());
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

type App = ReturnType<typeof createApp>;

export interface Page {
  status: number;
  html: string;
  location: string | null;
  headers: Headers;
}

/** A cookie-keeping client for the app, like one browser. */
export class TestBrowser {
  cookies = new Map<string, string>();
  /** The CSRF token on the last page that had one. */
  csrf = '';
  constructor(
    private app: App,
    private extraHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Page> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    if (!headers.has('accept')) headers.set('accept', 'text/html');
    const res = await this.app.request(path, { ...init, headers });
    this.keep(res);
    const html = await res.text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1]!;
    return { status: res.status, html, location: res.headers.get('location'), headers: res.headers };
  }

  get(path: string): Promise<Page> {
    return this.request(path);
  }

  /** Posts a form as a browser on this site would (Origin header, CSRF token from the last page unless given). */
  post(path: string, fields: Record<string, string>, opts: { origin?: string | null; csrf?: string | null } = {}): Promise<Page> {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.set('_csrf', token);
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const origin = opts.origin === undefined ? ORIGIN : opts.origin;
    if (origin !== null) headers.origin = origin;
    return this.request(path, { method: 'POST', body, headers });
  }

  /** Opens the sign-in page and signs in. Returns the response to the POST. */
  async signIn(email: string, password: string): Promise<Page> {
    await this.get('/staff/sign-in');
    return this.post('/staff/sign-in', { email, password });
  }
}

/** One password hash shared by every test account (hashing is slow on purpose). */
export const TEST_PASSWORD = 'correct horse battery';
let sharedHash: Promise<string> | null = null;
export const testPasswordHash = (): Promise<string> => (sharedHash ??= hashPassword(TEST_PASSWORD));

export async function makeOrganisation(
  db: Kysely<DB>,
  opts: { name?: string; kind?: StaffOrganisationKind; operator?: boolean; suspended?: boolean; listings?: string[] } = {},
): Promise<string> {
  const id = newId();
  await db
    .insertInto('staff_organisation')
    .values({
      id,
      name: opts.name ?? `Organisation ${id.slice(0, 8)}`,
      kind: opts.kind ?? 'provider',
      operator: opts.operator ?? false,
      suspended_at: opts.suspended ? new Date() : null,
      created_at: new Date(),
    })
    .execute();
  for (const organization_id of opts.listings ?? []) {
    await db.insertInto('staff_organisation_listing').values({ staff_organisation_id: id, organization_id }).execute();
  }
  return id;
}

export async function makeAccount(
  db: Kysely<DB>,
  organisationId: string,
  opts: {
    email?: string;
    name?: string;
    role?: StaffRole;
    manager?: boolean;
    disabled?: boolean;
    password?: boolean;
    totpSecret?: string;
  } = {},
): Promise<{ id: string; email: string }> {
  const id = newId();
  const email = opts.email ?? `${id.slice(0, 8)}@example.org`;
  await db
    .insertInto('staff_account')
    .values({
      id,
      organisation_id: organisationId,
      email,
      name: opts.name ?? `Person ${id.slice(0, 4)}`,
      role: opts.role ?? 'provider_staff',
      manager: opts.manager ?? false,
      password_hash: opts.password === false ? null : await testPasswordHash(),
      disabled_at: opts.disabled ? new Date() : null,
      totp_secret: opts.totpSecret ?? null,
      created_at: new Date(),
    })
    .execute();
  return { id, email };
}

/** The audit entries about one record, oldest first (for assertions). */
export async function auditFor(db: Kysely<DB>, subjectId: string) {
  return db.selectFrom('audit_event').selectAll().where('subject_id', '=', subjectId).orderBy('at').orderBy('action').execute();
}
