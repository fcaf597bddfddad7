// Routes must reach protected data only through policy-checked services
// (access.run), never by naming a protected table or the raw save function
// themselves. This scans every route file, so a new route that forgets the
// rule fails here. Later modules add their tables (people, referrals, …) to
// PROTECTED.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

/** Tables only policy-checked services may query. */
const PROTECTED_TABLES = [
  'staff_account',
  'staff_organisation',
  'staff_organisation_listing',
  'staff_session',
  'staff_invitation',
  'staff_password_reset',
  'audit_event',
  'outbox',
  'person',
  'person_consent',
  'conversation',
  'measure_administration',
  'referral',
  'referral_attempt',
  'referral_event',
  'listing_change',
  'listing_report',
  'listing_report_throttle',
  'review_reminder',
  'unmet_need',
];
/** Storage functions that skip the policy. */
const RAW_FUNCTIONS = ['saveServiceGraph', 'listOutbox', 'searchAuditEvents', 'auditEventsForSubject', 'appendAuditEvent'];

/** Kysely query builders and SQL keywords that name a table. */
const usesTable = (text: string, table: string) =>
  new RegExp(
    `\\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\\(\\s*['"\`]${table}\\b`,
  ).test(text) || new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b`, 'i').test(text);

function routeFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) routeFiles(p, out);
    else if (/\.routes\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('routes and protected data', () => {
  it('finds the staff route files', () => {
    const names = routeFiles(SRC).map((f) => path.basename(f));
    for (const n of ['accounts.routes.tsx', 'organisations.routes.tsx', 'admin.routes.tsx']) assert.ok(names.includes(n), n);
  });

  it('recognises a query on a protected table when it sees one', () => {
    assert.equal(usesTable("db.selectFrom('staff_account').selectAll()", 'staff_account'), true);
    assert.equal(usesTable('sql`SELECT * FROM audit_event`', 'audit_event'), true);
    assert.equal(usesTable("auditLog(access).forSubject('staff_account', id)", 'staff_account'), false);
  });

  it('never query a protected table or call a raw storage function in a route file', () => {
    const offences: string[] = [];
    for (const file of routeFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const table of PROTECTED_TABLES) if (usesTable(text, table)) offences.push(`${path.relative(SRC, file)} queries ${table}`);
      for (const fn of RAW_FUNCTIONS) if (new RegExp(`\\b${fn}\\(`).test(text)) offences.push(`${path.relative(SRC, file)} calls ${fn}`);
    }
    assert.deepEqual(offences, []);
  });
});
