import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsx } from 'hono/jsx';
import { createI18n } from './i18n.ts';
import { LOCALE_CODES } from './locales.ts';

const render = async (child: unknown) =>
  String(await (jsx('div', {}, child as never) as unknown as { toString(): string | Promise<string> }).toString());

describe('numbers in each language’s own digits', () => {
  const cases: [Parameters<typeof createI18n>[0], string][] = [
    ['en', '12,345'],
    ['ar', '١٢٬٣٤٥'],
    ['ckb', '١٢٬٣٤٥'],
    ['fa', '۱۲٬۳۴۵'],
    ['ps', '۱۲٬۳۴۵'],
    ['bn', '১২,৩৪৫'],
    ['ur', '12,345'],
    ['pl', '12 345'],
    ['uk', '12 345'],
    ['ti', '12,345'],
  ];
  for (const [locale, expected] of cases) {
    it(`${locale} writes 12345 as ${expected}`, () => {
      // Polish and Ukrainian group with a no-break space.
      assert.equal(
        createI18n(locale)
          .formatNumber(12345)
          .replace(/\u00a0/g, ' '),
        expected,
      );
    });
  }

  it('uses the same digits inside plural messages', () => {
    assert.match(createI18n('fa').t('home.serviceCount', { count: 7 }), /۷/);
    assert.match(createI18n('ar').t('home.organisationCount', { count: 7 }), /٧/);
    assert.match(createI18n('bn').t('home.serviceCount', { count: 7 }), /৭টি/);
    assert.doesNotMatch(createI18n('ar').t('home.organisationCount', { count: 7 }), /7/);
  });
});

describe('plurals', () => {
  it('English says "1 … organisation" and "2 … organisations"', () => {
    const { t } = createI18n('en');
    assert.equal(t('home.organisationCount', { count: 1 }), 'They are run by 1 local organisation.');
    assert.equal(t('home.organisationCount', { count: 2 }), 'They are run by 2 local organisations.');
    assert.equal(t('home.serviceCount', { count: 0 }), 'No activities or services are listed yet.');
  });

  it('Arabic uses its one, two, few and many forms', () => {
    const { t } = createI18n('ar');
    assert.match(t('home.organisationCount', { count: 1 }), /منظمة محلية واحدة/);
    assert.match(t('home.organisationCount', { count: 2 }), /منظمتان/);
    assert.match(t('home.organisationCount', { count: 3 }), /٣ منظمات/);
    assert.match(t('home.organisationCount', { count: 11 }), /١١ منظمة/);
  });

  it('Polish and Ukrainian use their few and many forms', () => {
    assert.match(createI18n('pl').t('home.organisationCount', { count: 3 }), /3 lokalne organizacje/);
    assert.match(createI18n('pl').t('home.organisationCount', { count: 5 }), /5 lokalnych organizacji/);
    assert.match(createI18n('uk').t('home.organisationCount', { count: 22 }), /22 місцеві організації/);
    assert.match(createI18n('uk').t('home.organisationCount', { count: 25 }), /25 місцевих організацій/);
  });
});

describe('dates and lists', () => {
  const newYear = new Date('2025-01-05T12:00:00Z');

  it('writes dates in UK time, long style, Gregorian calendar', () => {
    assert.equal(createI18n('en').formatDate(newYear), '5 January 2025');
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    assert.equal(createI18n('en').formatDate(new Date('2025-06-30T23:30:00Z')), '1 July 2025');
    const fa = createI18n('fa').formatDate(newYear);
    assert.match(fa, /۲۰۲۵/);
    assert.match(fa, /ژانویه/);
    assert.match(createI18n('ps').formatDate(newYear), /۲۰۲۵/);
  });

  it('honours explicit date options', () => {
    assert.equal(createI18n('en').formatDate(newYear, { weekday: 'long' }), 'Sunday');
  });

  it('keeps formatters per language for an options object used again, and by content for a new one', () => {
    // A constant options object, as the presenters pass, finds its formatter without being serialised again:
    // used for one language first, it must still format the next language in that language's own words and digits.
    const weekday: Intl.DateTimeFormatOptions = { weekday: 'long' };
    assert.equal(createI18n('en').formatDate(newYear, weekday), 'Sunday');
    assert.equal(createI18n('ar').formatDate(newYear, weekday), 'الأحد');
    assert.equal(createI18n('en').formatDate(newYear, weekday), 'Sunday');
    // New objects with the same content, and different content, each get what they ask for.
    assert.equal(createI18n('en').formatDate(newYear, { weekday: 'long' }), 'Sunday');
    assert.equal(createI18n('en').formatDate(newYear, { weekday: 'short' }), 'Sun');
    const tenths: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };
    assert.equal(createI18n('en').formatNumber(1.25, tenths), '1.3');
    assert.equal(createI18n('ar').formatNumber(1.25, tenths), '١٫٣');
    assert.equal(createI18n('en').formatNumber(1.25, { maximumFractionDigits: 0 }), '1');
    assert.equal(createI18n('en').formatNumber(1234.5), '1,234.5');
    // No options at all: long dates, in each language.
    assert.equal(createI18n('en').formatDate(newYear), '5 January 2025');
    assert.match(createI18n('fa').formatDate(newYear), /۲۰۲۵/);
  });

  it('joins lists in the language’s own words, including Sorani, which Node’s ICU lacks', () => {
    assert.equal(createI18n('en').formatList(['tea', 'walks', 'choir']), 'tea, walks and choir');
    assert.equal(createI18n('ckb').formatList(['ئا', 'بێ', 'جێ']), 'ئا، بێ و جێ');
    assert.equal(createI18n('ckb').formatList(['ئا']), 'ئا');
    assert.match(createI18n('pl').formatList(['a', 'b']), /a i b/);
    assert.match(createI18n('en').formatList(['a', 'b'], { type: 'disjunction' }), /a or b/);
  });
});

describe('rich messages and links', () => {
  it('puts page fragments into a message and escapes the text around them', async () => {
    const i18n = createI18n('en');
    const html = await render(i18n.rich('home.openData', { link: jsx('a', { href: '/oruk/' }, '/oruk/') }));
    assert.match(
      html,
      /^<div>Everything listed here is open data, in the Open Referral UK standard: <a href="\/oruk\/">\/oruk\/<\/a><\/div>$/,
    );
  });

  it('escapes values given as plain text', async () => {
    const html = await render(createI18n('en').rich('home.openData', { link: '<script>x</script>' }));
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('builds switcher links to the same page, keeping its query', () => {
    const i18n = createI18n('en', { currentPath: '/search?q=tea+dance&near=E1' });
    assert.equal(i18n.hrefFor('ar'), '/search?q=tea+dance&near=E1&lang=ar');
    assert.equal(createI18n('en').hrefFor('ti'), '/?lang=ti');
    // One link after another for the same page: each has its own language, once, where the page had one.
    const again = createI18n('pl', { currentPath: '/find?lang=pl&where=BD8&lang=en' });
    assert.equal(again.hrefFor('ar'), '/find?lang=ar&where=BD8');
    assert.equal(again.hrefFor('so'), '/find?lang=so&where=BD8');
    assert.equal(i18n.hrefFor('ur'), '/search?q=tea+dance&near=E1&lang=ur');
  });

  it('knows each language’s direction', () => {
    const rtl = LOCALE_CODES.filter((c) => createI18n(c).dir === 'rtl').sort();
    assert.deepEqual(rtl, ['ar', 'ckb', 'fa', 'ps', 'ur']);
  });

  it('only accepts message keys that exist in English (checked by the type-checker)', () => {
    const { t } = createI18n('en');
    // @ts-expect-error: not a key in locales/en.json, so it must not compile.
    assert.throws(() => t('no.such.key'));
  });
});
