import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { Reason } from './match-rank.ts';
import { noneRuledOut } from './match-rules.ts';
import type { MatchResult } from './match.service.ts';
import { reasonLine, Suggestions } from './suggestions.views.tsx';

const reasons: Reason[] = [
  { code: 'speaks', params: { language: 'bn' } },
  { code: 'womenOnly' },
  { code: 'free' },
  { code: 'creche' },
  { code: 'walk', params: { minutes: 10 } },
  { code: 'when', params: { day: 'TU', part: 'morning' } },
];

const result = (over: Partial<MatchResult>): MatchResult => ({ suggestions: [], unmet: false, ruledOut: noneRuledOut(), ...over });

describe('suggestions view', () => {
  it('explains a suggestion in one line', () => {
    assert.equal(
      reasonLine(createI18n('en'), reasons),
      'Speaks Bengali · Women only · Free · Crèche · about 10 minutes’ walk · Tuesday mornings',
    );
  });

  it('phrases every reason in every language, with no message left unformatted', () => {
    const all: Reason[] = [
      ...reasons,
      { code: 'interpreter' },
      { code: 'menOnly' },
      { code: 'lowCost' },
      { code: 'kind', params: { kind: 'gardening' } },
      { code: 'community', params: { community: 'Somali' } },
      { code: 'faithBased' },
      { code: 'goWith' },
      { code: 'fares' },
      { code: 'dropIn' },
      { code: 'vetted' },
      { code: 'distance', params: { metres: 3400 } },
      { code: 'byPhone' },
      { code: 'online' },
      { code: 'when', params: { day: 'any', part: 'evening' } },
      { code: 'when', params: { day: 'SA', part: 'any' } },
      { code: 'timesToArrange' },
      { code: 'waitingList' },
    ];
    for (const locale of ['en', 'ar', 'bn', 'ckb', 'fa', 'pl', 'ps', 'ro', 'so', 'ti', 'uk', 'ur'] as const) {
      const line = reasonLine(createI18n(locale), all);
      assert.equal(line.split(' · ').length, all.length, locale);
      assert.doesNotMatch(line, /[{}]|matching\./, locale);
    }
    assert.match(reasonLine(createI18n('en'), [{ code: 'distance', params: { metres: 3400 } }]), /^3\.4 km away$/);
  });

  it('renders the shortlist with the waiting list shown as such', () => {
    const html = String(
      Suggestions({
        i18n: createI18n('en'),
        result: result({
          suggestions: [
            {
              serviceId: 'a1',
              name: 'Sewing circle',
              organizationName: 'Oak Lane',
              distanceMetres: 700,
              waitingList: false,
              reasons,
              score: 9,
            },
            {
              serviceId: 'b2',
              name: 'Stay and play',
              organizationName: 'Girlington',
              distanceMetres: 400,
              waitingList: true,
              reasons: [{ code: 'free' }, { code: 'waitingList' }],
              score: 3,
            },
          ],
        }),
      }),
    );
    assert.match(html, /<a href="\/services\/a1">Sewing circle<\/a>/);
    assert.match(html, /Run by Oak Lane/);
    assert.match(html, /Tuesday mornings/);
    assert.equal(html.match(/Waiting list/g)?.length, 1);
  });

  it('says plainly when nothing fits, and why, in Arabic too', () => {
    const ruledOut = { ...noneRuledOut(), language: 12, cost: 3 };
    const en = String(Suggestions({ i18n: createI18n('en'), result: result({ unmet: true, ruledOut }) }));
    assert.match(en, /Nothing we know of fits at the moment/);
    assert.match(en, /What ruled things out: language and cost\./);
    assert.doesNotMatch(en, /<ol/);
    const ar = String(Suggestions({ i18n: createI18n('ar'), result: result({ unmet: true, ruledOut }) }));
    assert.match(ar, /لا يوجد حاليًا/);
  });
});
