/**
 * Reads for the Open Referral UK endpoints that are not service searches:
 * organisations, taxonomies and taxonomy terms, a page at a time.
 */
import { sql, type Selectable } from 'kysely';
import type { TaxonomyTable } from '../../platform/db/schema.ts';
import type { OrganizationRow, TermRow } from '../directory/service-record.ts';
import type { Executor } from '../../platform/db/executor.ts';

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface Paged<T> {
  total: number;
  rows: T[];
}

const offset = (p: PageRequest) => (p.page - 1) * p.perPage;

/** Organisations by name. */
export async function listOrganizations(db: Executor, p: PageRequest): Promise<Paged<OrganizationRow>> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('organization')
      .selectAll()
      .orderBy(sql`belong_fold(name)`)
      .orderBy('id')
      .limit(p.perPage)
      .offset(offset(p))
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

/** Ids of an organisation's active services, by name. */
export async function activeServiceIdsOf(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('service')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export type TaxonomyRow = Selectable<TaxonomyTable>;

export async function listTaxonomies(db: Executor, p: PageRequest): Promise<Paged<TaxonomyRow>> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('taxonomy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('taxonomy')
      .selectAll()
      .orderBy(sql`belong_fold(name)`)
      .orderBy('id')
      .limit(p.perPage)
      .offset(offset(p))
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

export async function getTaxonomy(db: Executor, id: string): Promise<TaxonomyRow | null> {
  return (await db.selectFrom('taxonomy').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export interface TermFilter {
  taxonomyId?: string;
  parentId?: string;
}

function termsQuery(db: Executor, f: TermFilter) {
  let q = db.selectFrom('taxonomy_term as t').leftJoin('taxonomy as x', 'x.id', 't.taxonomy_id');
  if (f.taxonomyId) q = q.where('t.taxonomy_id', '=', f.taxonomyId);
  if (f.parentId) q = q.where('t.parent_id', '=', f.parentId);
  return q;
}

/** Terms by taxonomy, then code (parents come before their children), then name. */
export async function listTaxonomyTerms(db: Executor, p: PageRequest, f: TermFilter = {}): Promise<Paged<TermRow>> {
  const [count, rows] = await Promise.all([
    termsQuery(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    termsQuery(db, f)
      .selectAll('t')
      .select('x.name as taxonomy_name')
      .orderBy('x.name')
      .orderBy('t.code')
      .orderBy('t.name')
      .orderBy('t.id')
      .limit(p.perPage)
      .offset(offset(p))
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

/** Every term of one taxonomy (for the taxonomy's own page). */
export async function termsOfTaxonomy(db: Executor, taxonomyId: string): Promise<TermRow[]> {
  return termsQuery(db, { taxonomyId })
    .selectAll('t')
    .select('x.name as taxonomy_name')
    .orderBy('t.code')
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
}

export async function getTaxonomyTerm(db: Executor, id: string): Promise<TermRow | null> {
  return (await termsQuery(db, {}).selectAll('t').select('x.name as taxonomy_name').where('t.id', '=', id).executeTakeFirst()) ?? null;
}
