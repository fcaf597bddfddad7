import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from './i18n.ts';
import { glossSide, markGlosses, twoLanguages } from './two-languages.ts';

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

describe('the connector’s half marked with its language', () => {
  const ar = createI18n('ar');
  const both = twoLanguages(ar, createI18n('en'));
  const text = both.t('conversation.musts.asMust', { what: both.t('matching.need.noId') });

  it('wraps the connector’s half of text between tags in a span with its language and direction', () => {
    const marked = markGlosses(`<p>${text}</p>`, { locale: 'en', dir: 'ltr' });
    assert.equal(marked, `<p>${text.replace(/\u2068([^\u2068\u2069]*)\u2069$/, '<span lang="en" dir="ltr">\u2068$1\u2069</span>')}</p>`);
    assert.match(marked, /<span lang="en" dir="ltr">\u2068No ID needed \(must\)\u2069<\/span><\/p>$/);
  });

  it('leaves attribute values, titles, options and text areas as they are', () => {
    const html = `<title>${text}</title><input value="${text}"><select><option>${text}</option></select><textarea>${text}</textarea><p>${text}</p>`;
    const marked = markGlosses(html, { locale: 'en', dir: 'ltr' });
    assert.equal((marked.match(/<span lang="en"/g) ?? []).length, 1, 'only the paragraph');
    assert.ok(
      marked.startsWith(
        `<title>${text}</title><input value="${text}"><select><option>${text}</option></select><textarea>${text}</textarea>`,
      ),
    );
  });

  it('changes nothing in a page with no glosses', () => {
    const html = '<p>What matters to you?</p><a href="/x">Next</a>';
    assert.equal(markGlosses(html, { locale: 'en', dir: 'ltr' }), html);
  });
});
