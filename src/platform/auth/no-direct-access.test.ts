// Routes and the pages they render must reach protected data only through
// policy-checked services (access.run), never by naming a protected table or
// the raw save function themselves. This scans every route, view and panel
// file, so a new one that forgets the rule fails here. Every table in the
// schema (platform/db/schema.ts, interface DB) is protected unless it is
// named below as public directory data: a new table is protected by default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PUBLIC_TABLES } from '../db/public-tables.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA = path.join(SRC, 'platform/db/schema.ts');

/** The tables of the Kysely schema: the members of `export interface DB { … }`. */
function schemaTables(): string[] {
  const text = fs.readFileSync(SCHEMA, 'utf8');
  const body = /export interface DB \{([^}]*)\}/.exec(text)?.[1];
  assert.ok(body, `no "export interface DB" in ${SCHEMA}`);
  return [...body.matchAll(/^\s*([a-z_][a-z0-9_]*)\s*:/gm)].map((m) => m[1]!);
}

/** Tables only policy-checked services may query. */
const PROTECTED_TABLES = schemaTables().filter((t) => !PUBLIC_TABLES.includes(t));
/** Storage functions that skip the policy. */
const RAW_FUNCTIONS = ['saveServiceGraph', 'listOutbox', 'searchAuditEvents', 'auditEventsForSubject', 'appendAuditEvent'];

/** Kysely query builders and SQL keywords that name a table. */
const usesTable = (text: string, table: string) =>
  new RegExp(
    `\\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\\(\\s*['"\`]${table}\\b`,
  ).test(text) || new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b`, 'i').test(text);

/** Files that answer requests or render what they answer: routes, views and panels. */
const SCANNED = /\.(routes\.tsx?|views\.tsx|panel\.tsx)$/;

function scannedFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) scannedFiles(p, out);
    else if (SCANNED.test(e.name)) out.push(p);
  }
  return out;
}

describe('routes, views and protected data', () => {
  it('finds the staff route, view and panel files', () => {
    const names = scannedFiles(SRC).map((f) => path.basename(f));
    for (const n of [
      'accounts.routes.tsx',
      'organisations.routes.tsx',
      'admin.routes.tsx',
      'organisations.views.tsx',
      'conversation.panel.tsx',
    ])
      assert.ok(names.includes(n), n);
  });

  it('protects every table of the schema that is not public directory data', () => {
    const tables = schemaTables();
    assert.ok(tables.length > 40, `only ${tables.length} tables read from the schema`);
    for (const t of PUBLIC_TABLES) assert.ok(tables.includes(t), `${t} is allowed but is not in the schema`);
    for (const t of ['staff_account', 'audit_event', 'person', 'referral', 'belong_secret', 'handover'])
      assert.ok(PROTECTED_TABLES.includes(t), t);
    assert.ok(!PROTECTED_TABLES.includes('service'));
  });

  it('recognises a query on a protected table when it sees one', () => {
    assert.equal(usesTable("db.selectFrom('staff_account').selectAll()", 'staff_account'), true);
    assert.equal(usesTable('sql`SELECT * FROM audit_event`', 'audit_event'), true);
    assert.equal(usesTable("auditLog(access).forSubject('staff_account', id)", 'staff_account'), false);
  });

  it('never query a protected table or call a raw storage function in a route, view or panel file', () => {
    const offences: string[] = [];
    for (const file of scannedFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const table of PROTECTED_TABLES) if (usesTable(text, table)) offences.push(`${path.relative(SRC, file)} queries ${table}`);
      for (const fn of RAW_FUNCTIONS) if (new RegExp(`\\b${fn}\\(`).test(text)) offences.push(`${path.relative(SRC, file)} calls ${fn}`);
    }
    assert.deepEqual(offences, []);
  });
});
