import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGUES } from '../../platform/i18n/catalogue.ts';
import { expandSearch, foldWords } from './search-vocabulary.ts';

describe('multilingual search vocabulary', () => {
  it('folds case, accents, vowel marks and apostrophes', () => {
    assert.deepEqual(foldWords("Qur'an CAFÉ"), ['quran', 'cafe']);
    assert.deepEqual(foldWords('خِيَاطَة'), ['خياطة']);
  });

  it('turns a word in another language into the English words of its concept', () => {
    assert.deepEqual(expandSearch('خياطة'), ['sewing', 'sew', 'stitching', 'dressmaking', 'tailoring']);
    assert.deepEqual(expandSearch('szycie'), expandSearch('خياطة'));
    assert.ok(expandSearch('шиття').includes('sewing'));
  });

  it('reads the Arabic article joined to a word, and multi-word phrases only whole', () => {
    assert.ok(expandSearch('الخياطة').includes('sewing'));
    assert.ok(expandSearch('كرة القدم').includes('football'));
    assert.deepEqual(expandSearch('كرة'), []);
    assert.ok(expandSearch('piłka nożna dla kobiet').includes('women'));
  });

  it('knows English spellings and synonyms ("quran" → qur\'an, "soccer" → football)', () => {
    assert.ok(expandSearch('quran').includes('qur’an'));
    assert.ok(expandSearch('soccer').includes('football'));
    assert.deepEqual(expandSearch('quiz'), []);
    assert.deepEqual(expandSearch(''), []);
  });

  it('has a word list for every concept in every language', () => {
    const concepts = Object.keys(CATALOGUES.en).filter((k) => k.startsWith('search.words.'));
    assert.ok(concepts.length >= 20);
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      for (const key of concepts) assert.ok(foldWords(catalogue[key] ?? '').length > 0, `${locale} ${key}`);
    }
  });
});
