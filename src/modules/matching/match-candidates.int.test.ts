/**
 * The phone and online candidates: read from the small table of phone and
 * online services (belong_match_remote), they are exactly the ids the same
 * query gives over every service, for the benchmark's people on a
 * bulk-loaded directory (both engines), so suggestions stay the same.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { benchPeople } from '../../../bench/match-people.ts';
import { bulkLoadServices } from '../demo/bulk-load.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { remoteCandidateIds } from './match.repository.ts';

const TODAY = '2026-03-10';

describe(`phone and online candidates [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await bulkLoadServices(database.db, { services: 3000, dropIndexes: true, today: TODAY });
  });
  after(async () => {
    await database.dispose();
  });

  it('are the same services, in the same order, as over every service', async () => {
    const people = benchPeople(400, 2026).filter((p) => p.modes.some((m) => m !== 'in_person'));
    assert.ok(people.length > 60, `${people.length} people who can take part by phone or online`);
    let some = 0;
    for (const p of [...people, ...people.map((p) => ({ ...p, interests: [] }))]) {
      const remote = await remoteCandidateIds(database.db, p, TODAY, 'remote');
      const plain = await remoteCandidateIds(database.db, p, TODAY, 'plain');
      assert.deepEqual(remote, plain, JSON.stringify(p));
      if (remote.length) some++;
    }
    assert.ok(some > people.length / 2, `${some} people with phone or online candidates`);
  });
});
