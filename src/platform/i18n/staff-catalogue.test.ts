import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { PROBLEM_CODES, problemKey } from '../../modules/accounts/problems.ts';
import { messageArguments } from './catalogue.ts';
import { createI18n } from './i18n.ts';
import { LOCALE_CODES } from './locales.ts';
import { compiledStaffMessage, hasStaffCatalogue, STAFF_CATALOGUES, STAFF_KEYS } from './staff-catalogue.ts';

const DIR = new URL('../../../locales/staff/', import.meta.url);
const en = STAFF_CATALOGUES.en!;

describe('the staff message catalogue', () => {
  it('has English, and every other staff catalogue file is a known language that is loaded', () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
    assert.ok(files.includes('en'));
    for (const code of files) {
      assert.ok((LOCALE_CODES as readonly string[]).includes(code), `${code}.json is not an interface language`);
      assert.ok(hasStaffCatalogue(code as never), `${code}.json exists but staff-catalogue.ts does not load it`);
    }
  });

  it('keeps every other staff catalogue a subset of English, with the same argument names', () => {
    for (const [code, cat] of Object.entries(STAFF_CATALOGUES)) {
      if (code === 'en') continue;
      for (const [key, message] of Object.entries(cat!)) {
        assert.ok(key in en, `${code} has ${key}, which English does not`);
        assert.deepEqual([...messageArguments(message).args].sort(), [...messageArguments(en[key]!).args].sort(), `${code} ${key}`);
      }
    }
  });

  it('parses every English staff message, with tidy text', () => {
    for (const key of STAFF_KEYS) {
      const m = en[key]!;
      assert.doesNotThrow(() => compiledStaffMessage('en', key), key);
      assert.equal(m, m.trim(), key);
      assert.doesNotMatch(m, /'/, `${key}: use ’ (a straight apostrophe starts an ICU quote)`);
    }
  });

  it('has a message for every problem a staff form can report', () => {
    for (const code of PROBLEM_CODES) assert.ok(problemKey(code) in en, `problem.${code} is missing`);
  });

  it('falls back to English, key by key, for languages without staff words', () => {
    assert.equal(createI18n('ar').staff('header.signOut'), 'Sign out');
    assert.equal(
      createI18n('en').staff('signIn.throttled', { seconds: 1 }),
      'There have been too many wrong tries from here. Wait 1 second and try again.',
    );
  });

  it('uses no labelling words the project avoids', () => {
    for (const key of STAFF_KEYS) assert.doesNotMatch(en[key]!, /\blonely\b|\bisolated\b|\bvulnerable\b/i, key);
  });
});
