import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from './i18n.ts';
import { glossSide, twoLanguages } from './two-languages.ts';

describe('two languages at once', () => {
  it('gives each message in the person’s language with the connector’s beside it, isolated for direction', () => {
    const both = twoLanguages(createI18n('ar'), createI18n('en'));
    const text = both.t('conversation.check.title');
    assert.equal(text, `\u2068${createI18n('ar').t('conversation.check.title')}\u2069\u00a0/ \u2068Check your answers\u2069`);
    assert.equal(both.dir, 'rtl');
    assert.equal(both.locale, 'ar');
    assert.match(both.t('matching.reason.speaks', { languages: 'Arabic' }), /Speaks Arabic/);
  });

  it('glosses a message built from glossed parts once: each side gets its own half', () => {
    const both = twoLanguages(createI18n('ar'), createI18n('en'));
    const what = both.t('matching.need.noId');
    const text = both.t('conversation.musts.asMust', { what });
    assert.equal(glossSide(text, 2), 'No ID needed (must)');
    assert.equal(glossSide(text, 1), createI18n('ar').t('conversation.musts.asMust', { what: createI18n('ar').t('matching.need.noId') }));
    assert.equal(text.split('\u2068').length - 1, 2, 'one gloss, not nested ones');
  });

  it('is the person’s kit unchanged when both languages are the same', () => {
    const en = createI18n('en');
    assert.equal(twoLanguages(en, createI18n('en')), en);
  });
});
