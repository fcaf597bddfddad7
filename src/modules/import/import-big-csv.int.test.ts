import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { csvRecords } from './csv-source.ts';
import { importRecords } from './import.runner.ts';
import { BIG_CSV_MAPPING, badKindOf, tableCounts, writeBigCsv } from './import.test-support.ts';

const ROWS = 10_000;

describe(`importing a 10,000-row spreadsheet [${testEngine}]`, () => {
  let database: TestDatabase;
  let dir: string;
  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-big-csv-'));
  });
  after(async () => {
    await database.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'imports every good row, reports each bad row by line with its reason, and creates nothing on a second run',
    { timeout: 600_000 },
    async (t) => {
      const file = path.join(dir, 'services.csv');
      const bad = writeBigCsv(file, ROWS);
      assert.equal(bad, ROWS / 100);
      const ctx = { source: 'big-sheet', mapping: BIG_CSV_MAPPING, geocode: lookupPlace };

      let started = Date.now();
      const first = await importRecords(database.db, csvRecords(file, ctx), { source: 'big-sheet' });
      const firstMs = Date.now() - started;
      assert.equal(first.error, undefined);
      assert.deepEqual([first.total, first.created, first.updated, first.unchanged], [ROWS, ROWS - bad, 0, 0]);
      assert.equal(first.rejected.length, bad);
      for (const r of first.rejected) {
        const i = Number(r.ref.replace('line ', '')) - 1; // the header is line 1
        const expected = {
          'missing name': /^Service name: is missing$/,
          'bad postcode': /^Postcode: "QQ1 1QQ" is not a valid UK postcode$/,
          'closes before opens': /^Time: the closing time must be after the opening time$/,
        }[badKindOf(i)!];
        assert.ok(expected, `${r.ref} was not meant to be bad`);
        assert.equal(r.reasons.length, 1, `${r.ref}: ${r.reasons.join('; ')}`);
        assert.match(r.reasons[0]!, expected);
      }
      const counts = await tableCounts(database.db);
      assert.equal(counts.service, ROWS - bad);
      assert.equal(
        counts.belong_import_source - counts.organization - counts.location,
        ROWS - bad,
        'one source row per service, organisation and location',
      );
      const placed = await database.db
        .selectFrom('location')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('latitude', 'is not', null)
        .executeTakeFirstOrThrow();
      assert.equal(Number(placed.n), counts.location, 'every location got coordinates from its postcode');

      started = Date.now();
      const second = await importRecords(database.db, csvRecords(file, ctx), { source: 'big-sheet' });
      const secondMs = Date.now() - started;
      assert.deepEqual([second.created, second.updated, second.unchanged, second.rejected.length], [0, 0, ROWS - bad, bad]);
      assert.deepEqual(await tableCounts(database.db), counts);
      t.diagnostic(
        `${testEngine}: first run ${(firstMs / 1000).toFixed(1)} s, second run ${(secondMs / 1000).toFixed(1)} s for ${ROWS} rows`,
      );
    },
  );
});
