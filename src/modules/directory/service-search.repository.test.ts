import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { parseServiceSearch } from './service-search.ts';
import { belongTermCondition, longWords, serviceAtLocationSearchQuery, serviceSearchQuery } from './service-search.repository.ts';
import { VOCABULARY, termId, vettingCutoff } from './vocabulary.ts';

// Compiles SQL without a database.
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const params = (q: Record<string, string>) => {
  const r = parseServiceSearch(q, { today: '2025-06-15', lookupPlace: () => ({ code: 'BD8', latitude: 53.8, longitude: -1.78 }) });
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.value;
};

describe('service search SQL', () => {
  it('has a condition for every Belong vocabulary term', () => {
    for (const t of VOCABULARY) assert.ok(belongTermCondition(t.code, '2025-06-15'), `no condition for ${t.code}`);
    assert.equal(belongTermCondition('help:teleport', '2025-06-15'), null);
    assert.equal(belongTermCondition('colour:blue', '2025-06-15'), null);
  });

  it('counts a safeguarding review as in date for one year, as isSafeguardingVetted does', () => {
    assert.equal(vettingCutoff('2025-06-15'), '2024-06-15');
    assert.equal(vettingCutoff('2024-02-29'), '2023-03-01');
  });

  it('passes every value typed by the user as a parameter, never inside the SQL', () => {
    const hostile = "x'); drop table service; --";
    const { page, count } = serviceSearchQuery(db, params({ search: hostile, postcode: 'BD8', proximity: '1000' }));
    for (const q of [page.compile(), count.compile()]) {
      assert.ok(!q.sql.includes('drop table'), q.sql);
      assert.ok(q.parameters.includes(hostile));
    }
  });

  it('uses the indexable operators: @@ and <% for words, earth_box for a radius, @> for kinds of support', () => {
    const q = serviceSearchQuery(
      db,
      params({ search: 'legal aid', postcode: 'BD8', proximity: '1000', taxonomy_term_id: termId('support:advice') }),
    ).page.compile().sql;
    assert.match(q, /search_tsv @@ websearch_to_tsquery\('english', belong_fold\(\$\d+\)\)/);
    assert.match(q, /belong_fold\(\$\d+\) <% belong_fold\(service\.name\)/);
    assert.match(q, /belong_earth_box\(belong_ll_to_earth\(\$\d+::float8, \$\d+::float8\), \$\d+::float8\) @> sp\.point/);
    assert.match(q, /"bs"\."support_kinds" @> array\[\$\d+\]::text\[\]/);
    assert.match(q, /limit \$\d+ offset \$\d+/);
  });

  it('matches very short searches by whole words only, since fuzzy matches of "art" are noise', () => {
    assert.doesNotMatch(serviceSearchQuery(db, params({ search: 'art' })).page.compile().sql, /<%/);
    assert.match(serviceSearchQuery(db, params({ search: 'arts' })).page.compile().sql, /<%/);
  });

  it('tries the words, then each longer word with typos, then the whole search with typos, each only when the last found nothing', () => {
    const q = serviceSearchQuery(db, params({ search: 'ligal ayd' })).page.compile().sql;
    assert.match(q, /with "words" as materialized \(select .*service\.search_tsv @@ websearch_to_tsquery/s);
    assert.match(
      q,
      /"eachWord" as materialized \(select .*\(belong_fold\(\$\d+\) <% belong_fold\(service\.name\) and belong_typo_near\(\$\d+, belong_fold\(service\.name\)\)\)\) and not exists \(select 1 from "words"\)\)/s,
    );
    assert.match(
      q,
      /"phrase" as materialized \(select .*belong_fold\(\$\d+\) <% belong_fold\(service\.name\) and \(belong_typo_near\(\$\d+, belong_fold\(service\.name\)\)\)\)\) and not exists \(select 1 from "words"\) and not exists \(select 1 from "eachWord"\)\)/s,
    );
    assert.match(q, /order by "m"\."word_hit" desc, "m"\."rank" desc, "m"\."name", "m"\."id"/);
    assert.deepEqual(longWords('Ligal ayd, LIGAL aid-centre'), ['ligal', 'centre']);
    assert.doesNotMatch(q, /"related"/, 'nothing in the vocabulary, no other script: no related way');
  });

  it("tries the vocabulary's words and translations after the words, before any typo", () => {
    const q = serviceSearchQuery(db, params({ search: 'خياطة' })).page.compile().sql;
    assert.match(
      q,
      /"related" as materialized \(select .*plainto_tsquery\('english', belong_fold\(\$\d+\)\).* or service\.id in \(select bt\.entity_id from belong_translation bt .*and not exists \(select 1 from "words"\)\)/s,
    );
    assert.match(q, /"phrase" as materialized .*not exists \(select 1 from "related"\)/s);
  });

  it('measures distances only for the services that match when there are words and no radius', () => {
    const q = serviceSearchQuery(db, params({ search: 'legal aid', postcode: 'BD8' })).page.compile().sql;
    assert.match(q, /with "matched" as materialized/);
    assert.match(q, /"sp"\."service_id" in \(select "matched"\."id" from "matched"\)/);
  });

  it('walks the search points nearest first around a place when there are no words and no radius', () => {
    const { page, count } = serviceSearchQuery(db, params({ postcode: 'BD8', page: '3', per_page: '20' }));
    const q = page.compile();
    assert.match(
      q.sql,
      /with "located" as materialized \(select .* from "belong_search_point" as "sp" .* order by sp\.point <-> belong_ll_to_earth\(/s,
    );
    assert.ok(q.parameters.includes(60), 'the walk goes as far as the end of the page asked for');
    assert.doesNotMatch(count.compile().sql, /location/, 'the count needs no distances');
  });

  it('tells a schedule runs on a day with a cheap LIKE before the exact pattern', () => {
    const q = serviceSearchQuery(db, params({ day: 'SU' })).page.compile();
    assert.match(q.sql, /s\.byday like \$\d+ and s\.byday ~ \$\d+/);
    assert.ok(q.parameters.includes('%SU%') && q.parameters.includes('(^|,)(-?[1-5])?SU(,|$)'));
  });

  it('lists service-at-locations measured from their own location', () => {
    const q = serviceAtLocationSearchQuery(db, params({ postcode: 'BD8', proximity: '1000' })).page.compile().sql;
    assert.match(q, /from "service_at_location" as "sal"/);
    assert.match(q, /earth_box/);
  });
});
