/**
 * Place names on the finding pages (issue 15): towns and districts the
 * deployment names, the directory's own area names, and misspellings of
 * either, with "Did you mean"; and words in the person's language.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { CompiledQuery, sql } from 'kysely';
import { i18nMiddleware } from '../../platform/i18n/i18n.middleware.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { usePlaceNames } from '../geo/places.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { resolvePlace } from './find-place.ts';
import { findRoutes } from './find.routes.tsx';
import { areaQuery, similarAreaQuery } from './find.repository.ts';
import { FIND_NOW, saveFindFixtures } from './find.test-support.ts';

const names = (html: string) => [...html.matchAll(/<h3><a href="\/services\/[^"]+"><bdi>([^<]+)<\/bdi><\/a><\/h3>/g)].map((m) => m[1]!);

describe(`place names and words that find [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: Hono;
  const html = async (p: string, lang = 'en') => {
    const res = await app.request(p, { headers: { cookie: `lang=${lang}` } });
    return { status: res.status, page: await res.text() };
  };

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFindFixtures(database.db);
    app = new Hono();
    app.use(i18nMiddleware());
    app.route('/', findRoutes({ database }, { now: () => FIND_NOW }));
  });
  after(async () => {
    usePlaceNames();
    await database.dispose();
  });

  it('takes a town the deployment names ("Bradford") as a place', async () => {
    const r = await resolvePlace(database.db, 'Bradford', lookupPlace);
    assert.ok(r.ok && r.place);
    assert.equal(r.place.code, 'Bradford');
    assert.equal(r.didYouMean, undefined);
    const { status, page } = await html('/find?where=Bradford&km=5');
    assert.equal(status, 200);
    assert.match(page, /Within 5 km of <bdi>Bradford<\/bdi>/);
    assert.ok(names(page).includes('Women’s sewing circle'));
  });

  it('takes "Manningam" to Manningham, and says so', async () => {
    const r = await resolvePlace(database.db, 'Manningam', lookupPlace);
    assert.ok(r.ok && r.place);
    assert.equal(r.didYouMean, 'Manningham');
    const { status, page } = await html('/find?where=Manningam&who=women_only');
    assert.equal(status, 200);
    assert.match(page, /Did you mean <bdi>Manningham<\/bdi>\? We do not know “<bdi>Manningam<\/bdi>”/);
    assert.ok(names(page).includes('Women’s sewing circle'));
    const arabic = await html('/find?where=Manningam', 'ar');
    assert.match(arabic.page, /هل تقصد <bdi>Manningham<\/bdi>/);
  });

  it('finds the directory’s own area names misspelt, when the deployment’s list has nothing near', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'places-'));
    usePlaceNames(path.join(dir, 'none.csv'));
    try {
      const r = await resolvePlace(database.db, 'Girlingtn', lookupPlace);
      assert.ok(r.ok && r.place);
      assert.equal(r.didYouMean, 'Girlington');
      const lower = await resolvePlace(database.db, 'lower grnge', lookupPlace);
      assert.ok(lower.ok && lower.didYouMean === 'Lower Grange');
      const exact = await resolvePlace(database.db, 'GIRLINGTON', lookupPlace);
      assert.ok(exact.ok && exact.place?.code === 'Girlington' && exact.didYouMean === undefined);
      const far = await resolvePlace(database.db, 'Birmingham', lookupPlace);
      assert.equal(far.ok, false);
      const secret = await resolvePlace(database.db, 'Bradford distrct', lookupPlace);
      assert.equal(secret.ok, false, 'a confidential venue’s area is never a place to search around');
    } finally {
      usePlaceNames();
    }
  });

  it('looks area names up through their indexes, not by folding every location’s name', async () => {
    const planOf = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) =>
      database.db.transaction().execute(async (trx) => {
        // The fixtures are few: only an index the query cannot use would leave a full scan now.
        await sql`set local enable_seqscan = off`.execute(trx);
        const c = q.compile();
        const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (costs off) ${c.sql}`, [...c.parameters]));
        return r.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    const exact = await planOf(areaQuery(database.db, 'Girlington'));
    assert.match(exact, /belong_location_area_fold/, exact);
    const similar = await planOf(similarAreaQuery(database.db, 'Girlingtn'));
    assert.match(similar, /Bitmap Index Scan on belong_location_area_trgm/, similar);
  });

  it('still says it does not know a place nothing is near', async () => {
    const { status, page } = await html('/find?where=Atlantis');
    assert.equal(status, 400);
    assert.match(page, /We do not know the place “Atlantis”/);
  });

  it('finds the sewing circle from an Arabic word, on the Arabic page', async () => {
    const { page } = await html(`/find?q=${encodeURIComponent('خياطة')}`, 'ar');
    assert.ok(names(page).includes('Women’s sewing circle'));
    const polish = await html('/find?q=szycie', 'pl');
    assert.ok(names(polish.page).includes('Women’s sewing circle'));
  });
});
