// The languages a person speaks, as matching and befriending read them (person.ts languagesSpoken).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languagesSpoken } from './person.ts';
import { requestFor } from '../befriending/befriending.service.ts';

const base = { preferredLanguage: 'ar', otherLanguages: [] as string[], englishOk: false };

describe('the languages a person speaks', () => {
  it('puts their own language first when the pages have none, and English pages say nothing about speaking English', () => {
    assert.deepEqual(languagesSpoken({ ...base, preferredLanguage: 'en', spokenLanguage: 'yue' }), {
      languages: ['yue'],
      englishOk: false,
    });
    assert.deepEqual(languagesSpoken({ ...base, preferredLanguage: 'en', spokenLanguage: 'yue', englishOk: true }), {
      languages: ['yue'],
      englishOk: true,
    });
  });

  it('keeps a page language they chose beside their own, then the others, each once', () => {
    assert.deepEqual(languagesSpoken({ ...base, spokenLanguage: 'ckb', otherLanguages: ['ar', 'fa'] }), {
      languages: ['ckb', 'ar', 'fa'],
      englishOk: false,
    });
    assert.deepEqual(languagesSpoken({ ...base, preferredLanguage: 'en' }), { languages: ['en'], englishOk: true });
  });

  it('is what a befriending search looks for', () => {
    const person = { ...base, preferredLanguage: 'en', spokenLanguage: 'yue', outcode: 'LS7' } as Parameters<typeof requestFor>[0];
    const r = requestFor(person, { wantedGender: null, mode: 'either', times: [] });
    assert.deepEqual(r.languages, ['yue']);
    assert.equal(r.englishOk, false);
  });
});
