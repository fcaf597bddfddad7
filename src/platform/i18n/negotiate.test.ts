import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchLocale, negotiateLocale, parseAcceptLanguage } from './negotiate.ts';

describe('matching a language tag to a catalogue', () => {
  const cases: [string, string | undefined][] = [
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN_us', 'en'],
    ['ar', 'ar'],
    ['ar-SA', 'ar'],
    ['ar-EG', 'ar'],
    ['fa', 'fa'],
    ['fa-IR', 'fa'],
    ['fa-AF', 'fa'],
    ['prs', 'fa'],
    ['prs-AF', 'fa'],
    ['pes', 'fa'],
    ['ps-AF', 'ps'],
    ['pbt', 'ps'],
    ['ur-PK', 'ur'],
    ['bn-BD', 'bn'],
    ['pl-PL', 'pl'],
    ['ro-MD', 'ro'],
    ['so-SO', 'so'],
    ['ti-ER', 'ti'],
    ['ti-ET', 'ti'],
    ['uk-UA', 'uk'],
    ['ckb', 'ckb'],
    ['ckb-IQ', 'ckb'],
    ['ckb-Arab-IR', 'ckb'],
    ['ku', 'ckb'],
    ['ku-IQ', 'ckb'],
    ['ku-Arab', 'ckb'],
    ['ku-Latn', undefined], // Kurmanji in Latin script is not Sorani
    ['ku-TR', undefined],
    ['kmr', undefined],
    ['pa', undefined], // Punjabi: not shipped yet
    ['zh-Hans-CN', undefined],
    ['', undefined],
    ['*', undefined],
    ['en;q=1', undefined],
    ['../../etc', undefined],
  ];
  for (const [tag, expected] of cases) {
    it(`"${tag}" reads ${expected ?? 'nothing we have'}`, () => assert.equal(matchLocale(tag), expected));
  }
});

describe('parsing Accept-Language', () => {
  it('orders tags by q-value, keeping header order for ties', () => {
    assert.deepEqual(parseAcceptLanguage('en;q=0.5, ar-SA, fa;q=0.9, ps;q=0.9'), [
      { tag: 'ar-SA', q: 1 },
      { tag: 'fa', q: 0.9 },
      { tag: 'ps', q: 0.9 },
      { tag: 'en', q: 0.5 },
    ]);
  });

  it('drops q=0 (not acceptable), wildcards and malformed entries', () => {
    assert.deepEqual(parseAcceptLanguage('ar;q=0, *;q=0.1, fa;q=1.5, pl;q=abc, bad tag, uk;q=0.3'), [{ tag: 'uk', q: 0.3 }]);
  });

  it('treats a missing or empty header as no preference', () => {
    assert.deepEqual(parseAcceptLanguage(undefined), []);
    assert.deepEqual(parseAcceptLanguage(''), []);
  });

  it('reads at most 32 entries of a very long header', () => {
    assert.equal(parseAcceptLanguage(Array.from({ length: 1000 }, () => 'en').join(',')).length, 32);
  });
});

describe('choosing the language for a request', () => {
  const cases: { name: string; cookie?: string; header?: string; locale: string; source: string }[] = [
    { name: 'the person’s own choice beats the browser', cookie: 'ti', header: 'ar,en;q=0.8', locale: 'ti', source: 'cookie' },
    { name: 'a cookie with an alias still counts as a choice', cookie: 'prs', header: 'en', locale: 'fa', source: 'cookie' },
    { name: 'an unknown cookie is ignored', cookie: 'xx', header: 'uk', locale: 'uk', source: 'header' },
    { name: 'the browser’s first language we have wins', header: 'zh-CN, so;q=0.9, ar;q=0.8', locale: 'so', source: 'header' },
    { name: 'a higher q-value wins over header order', header: 'en;q=0.4, bn-BD;q=0.8', locale: 'bn', source: 'header' },
    { name: 'Dari in the browser gives Farsi', header: 'fa-AF', locale: 'fa', source: 'header' },
    { name: 'bare Kurdish gives Sorani', header: 'ku, en;q=0.5', locale: 'ckb', source: 'header' },
    { name: 'nothing we have gives English', header: 'zh, ja;q=0.5', locale: 'en', source: 'default' },
    { name: 'no header gives English', locale: 'en', source: 'default' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(negotiateLocale({ cookie: c.cookie, acceptLanguage: c.header }), { locale: c.locale, source: c.source });
    });
  }
});
