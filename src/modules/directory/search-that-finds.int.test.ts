/**
 * Searches that must find (issue 15): a word in the person's language finds
 * services with translated text or whose English text has the word's
 * meaning; a different word that merely shares letters ("quiz" for "quran")
 * never comes up as a typo; real typos still do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { saveTranslations } from './directory.service.ts';
import { parseServiceSearch, type ServiceSearchParams } from './service-search.ts';
import { searchServiceAtLocations, searchServices } from './service-search.repository.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

const TODAY = '2026-03-03';
const params = (search: string, more: Record<string, string> = {}): ServiceSearchParams => {
  const r = parseServiceSearch({ search, ...more }, { today: TODAY, lookupPlace: () => null });
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.value;
};
const id = (key: string) => fixtureId(`service:${key}`);

describe(`search that finds [${testEngine}]`, () => {
  let database: TestDatabase;
  const find = async (search: string) => (await searchServices(database.db, params(search))).ids;

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFixtures(database.db, [
      serviceFixture('quran', { service: { name: 'Qur’an study circle', description: 'Read and learn together.' } }),
      serviceFixture('quiz', { service: { name: 'Quiz and games afternoon', description: 'Questions, cards and tea.' } }),
      serviceFixture('sewing-translated', { service: { name: 'Women’s circle', description: 'Make clothes and chat.' } }),
      serviceFixture('sewing-english', { service: { name: 'Sewing and stitching', description: 'Bring a project.' } }),
      serviceFixture('football', { service: { name: 'Saturday football', description: 'Friendly games.' } }),
      serviceFixture('legal', { service: { name: 'Legal aid drop-in', description: 'Free advice.' } }),
    ]);
    await saveTranslations(database.db, [
      {
        entity: 'service',
        entityId: id('sewing-translated'),
        field: 'description',
        locale: 'ar',
        text: 'خياطة الملابس ودردشة مع نساء أخريات.',
        source: 'human',
      },
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('"quran" finds the Qur’an circle and never the quiz', async () => {
    assert.deepEqual(await find('quran'), [id('quran')]);
    assert.deepEqual(await find('Quran classes'), [id('quran')]);
    assert.deepEqual(await find('quiz'), [id('quiz')]);
  });

  it('does not take a word that merely shares letters for a typo', async () => {
    assert.deepEqual(await find('quilt'), []);
    assert.deepEqual(await find('quasar'), []);
  });

  it('still forgives real typos', async () => {
    assert.deepEqual(await find('ligal ayd'), [id('legal')]);
    assert.deepEqual(await find('futball'), [id('football')]);
    assert.deepEqual(await find('sewinng'), [id('sewing-english')]);
  });

  it('an Arabic word for sewing finds the translated group and the English-only sewing group', async () => {
    const ids = await find('خياطة');
    assert.deepEqual(new Set(ids), new Set([id('sewing-translated'), id('sewing-english')]));
    assert.ok((await find('الخياطة')).includes(id('sewing-english')), 'with the article joined on');
  });

  it('a word only the translation has finds that service', async () => {
    assert.deepEqual(await find('الملابس'), [id('sewing-translated')]);
  });

  it('words in Polish, Ukrainian and Somali find what they mean', async () => {
    assert.deepEqual(await find('szycie'), [id('sewing-english')]);
    assert.deepEqual(await find('футбол'), [id('football')]);
    assert.deepEqual(await find('kubbadda cagta'), [id('football')]);
  });

  it('an unknown word in another script finds nothing', async () => {
    assert.deepEqual(await find('ككككك'), []);
  });

  it('lists service-at-location pairs the same way', async () => {
    const pairs = await searchServiceAtLocations(database.db, params('quran'));
    assert.equal(pairs.total, 1);
    const arabic = await searchServiceAtLocations(database.db, params('خياطة'));
    assert.equal(arabic.total, 2);
  });
});

describe(`search that finds: words some service has are not a typo [${testEngine}]`, () => {
  let database: TestDatabase;

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFixtures(database.db, [
      serviceFixture('sewing', { service: { name: 'Sewing and stitching', description: 'Bring a project.' } }),
      serviceFixture('sowing', { service: { name: 'Sowing seeds', description: 'Grow vegetables.', minimum_age: 5 } }),
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('when the filters leave none of the services with the words, names that only look like them do not stand in', async () => {
    const find = async (search: string, more: Record<string, string> = {}) => (await searchServices(database.db, params(search, more))).ids;
    const fromFive = { minimum_age: '5' };
    assert.deepEqual(await find('sewing'), [id('sewing')]);
    assert.deepEqual(await find('sewing', fromFive), [], 'not "Sowing seeds" for "sewing"');
    assert.deepEqual(await find('sewinng', fromFive), [id('sowing')], 'a typo no service has still finds look-alike names');
    assert.deepEqual(await find('sowing', fromFive), [id('sowing')]);
    // Listed by service and place, the same.
    const pairs = async (search: string) => (await searchServiceAtLocations(database.db, params(search, fromFive))).total;
    assert.equal(await pairs('sewing'), 0);
    assert.equal(await pairs('sewinng'), 1);
  });
});
