// Belong's vocabulary is written at every start (ensureVocabulary): only what
// differs is written, so a start with the vocabulary already in place leaves
// the directory's change counter alone (every process keeps its figures).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { directoryVersion } from './directory-cache.ts';
import { BELONG_TAXONOMY, VOCABULARY } from './vocabulary.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

describe(`writing the vocabulary at start [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  const terms = () =>
    database.db.selectFrom('taxonomy_term').select(['id', 'name', 'parent_id']).where('taxonomy_id', '=', BELONG_TAXONOMY.id).execute();

  it('writes every term into an empty directory, then nothing while it is unchanged', async () => {
    await ensureVocabulary(database.db);
    assert.equal((await terms()).length, VOCABULARY.length);
    const version = await directoryVersion(database.db);
    await ensureVocabulary(database.db);
    assert.equal(await directoryVersion(database.db), version, 'the change counter did not move');
  });

  it('puts back a term and the taxonomy changed by someone else, and only then moves the counter', async () => {
    const term = VOCABULARY.find((t) => t.parentCode)!;
    await runElsewhere(database, `update taxonomy_term set name = 'Renamed', parent_id = null where id = '${term.id}'`);
    await runElsewhere(database, `update taxonomy set version = '0' where id = '${BELONG_TAXONOMY.id}'`);
    const version = await directoryVersion(database.db);
    await ensureVocabulary(database.db);
    const row = (await terms()).find((t) => t.id === term.id)!;
    assert.equal(row.name, term.name);
    assert.notEqual(row.parent_id, null);
    const taxonomy = await database.db
      .selectFrom('taxonomy')
      .select('version')
      .where('id', '=', BELONG_TAXONOMY.id)
      .executeTakeFirstOrThrow();
    assert.equal(taxonomy.version, BELONG_TAXONOMY.version);
    assert.notEqual(await directoryVersion(database.db), version);
  });
});
