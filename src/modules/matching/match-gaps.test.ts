import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { needGaps } from './match-gaps.ts';
import type { Reason, Suggestion } from './match-rank.ts';
import { EMPTY_MATCH_REQUEST, type MatchRequest } from './match-request.ts';
import { gapText } from './suggestions.views.tsx';

const suggestion = (name: string, reasons: Reason[]): Suggestion => ({
  serviceId: `00000000-0000-4000-8000-${String(name.length).padStart(12, '0')}`,
  name,
  organizationName: 'Org',
  distanceMetres: 500,
  waitingList: false,
  reasons,
  score: 1,
});

describe('needs nothing on the list meets', () => {
  const request: MatchRequest = {
    ...EMPTY_MATCH_REQUEST,
    needsAccompaniment: true,
    needsTransport: true,
    needsChildcare: true,
    preferences: [
      { kind: 'access', feature: 'hearing_loop', must: false },
      { kind: 'no_id', must: false },
      { kind: 'gender_setting', value: 'women_only', must: true },
    ],
  };
  const list = [
    suggestion('Sewing circle', [
      { code: 'asked', params: { need: 'gender_setting', value: 'women_only' } },
      { code: 'creche' },
      { code: 'fares' },
    ]),
    suggestion('Tea morning', [
      { code: 'asked', params: { need: 'no_id' } },
      { code: 'askFirst', params: { need: 'access', value: 'hearing_loop' } },
    ]),
  ];

  it('flags someone to go with them and a hearing loop nobody is known to have; not what one place offers, not a must', () => {
    assert.deepEqual(needGaps(request, list), [
      { need: 'go_with' },
      { need: 'preference', ref: { need: 'access', value: 'hearing_loop' } },
    ]);
  });

  it('says nothing when the list is empty ("nothing fits" says it) or every need is met', () => {
    assert.deepEqual(needGaps(request, []), []);
    const met = [
      ...list,
      suggestion('Walk and talk', [{ code: 'goWith' }, { code: 'asked', params: { need: 'access', value: 'hearing_loop' } }]),
    ];
    assert.deepEqual(needGaps(request, met), []);
  });

  it('an interpreter need is met by staff who speak their language or an interpreter, never by English', () => {
    const r: MatchRequest = { ...EMPTY_MATCH_REQUEST, englishOk: false, interpreterNeeded: true, languages: ['yue'] };
    assert.deepEqual(needGaps(r, [suggestion('A', [{ code: 'speaks', params: { language: 'en' } }])]), [{ need: 'interpreter' }]);
    assert.deepEqual(needGaps(r, [suggestion('A', [{ code: 'speaks', params: { language: 'yue' } }])]), []);
    assert.deepEqual(needGaps(r, [suggestion('A', [{ code: 'interpreter' }])]), []);
  });

  it('is said plainly, with what would help, in the person’s language', () => {
    const en = createI18n('en');
    assert.equal(
      gapText(en, { need: 'go_with' }),
      'Nothing here offers someone to go with you: ask about a volunteer who could go with you.',
    );
    assert.match(
      gapText(en, { need: 'preference', ref: { need: 'access', value: 'hearing_loop' } }),
      /Hearing loop\. Ask the places first/,
    );
    assert.match(gapText(createI18n('ar'), { need: 'go_with' }), /متطوع/);
  });
});
