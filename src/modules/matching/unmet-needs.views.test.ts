/** The unmet-needs page says every need and rule in plain words, never an internal code. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { HARD_RULES } from './match-rules.ts';
import { person } from './match.test-support.ts';
import { needCodes } from './unmet-needs.repository.ts';
import { needLabel, ruleLabel } from './unmet-needs.views.tsx';

const i18n = createI18n('en');
const looksLikeCode = (s: string) => /^[a-z0-9_]+(:[a-z0-9_+]*)*$/.test(s) || s.includes('_') || /\b[a-z]+:[a-z]/.test(s);

describe('unmet needs in plain words', () => {
  it('says every need matching can record in words', () => {
    const codes = needCodes(
      person({
        languages: ['so', 'ti'],
        englishOk: false,
        interpreterNeeded: true,
        costLimit: 'low_cost',
        complexNeeds: true,
        interests: ['befriending', 'informal_english', 'gardening'],
        wants: ['shared_identity', 'mixing', 'one_to_one', 'group', 'practical', 'volunteering'],
        needsChildcare: true,
        needsTransport: true,
        needsAccompaniment: true,
        prefersDropIn: true,
        modes: ['phone'],
        unavailable: [{ day: 'mo', from: '09:00', to: '12:00' }] as never,
        preferences: [
          { kind: 'gender_setting', value: 'women_only', must: true },
          { kind: 'creche', must: true },
          { kind: 'access', feature: 'step_free', must: true },
          { kind: 'no_id', must: true },
          { kind: 'cost', limit: 'free', must: true },
          { kind: 'language', code: 'yue', interpreterOk: true, must: true },
          { kind: 'audience', audience: 'carers', must: true },
          { kind: 'mode', modes: ['phone', 'online'], must: true },
        ] as never,
      }),
    );
    assert.ok(codes.length >= 25, `all kinds of need are exercised (${codes.length})`);
    for (const code of codes) {
      const words = needLabel(i18n, code);
      assert.ok(!looksLikeCode(words), `${code} → ${words}`);
      assert.notEqual(words, i18n.staff('unmetNeeds.needOther'), `${code} has its own words`);
    }
    assert.equal(needLabel(i18n, 'must:access:step_free'), 'Step-free access (they must have this)');
    assert.equal(needLabel(i18n, 'want:mixing'), 'Meeting people from other communities');
  });

  it('never shows a code it does not know, and never fails on one', () => {
    for (const code of ['kind:knitting', 'must:telepathy', 'want:', 'nonsense', 'cost:', 'term.kind.x', 'must:access:teleport', ''])
      assert.equal(needLabel(i18n, code), 'Something else they needed', code);
  });

  it('says each rule that ruled services out in words', () => {
    for (const rule of HARD_RULES) {
      const words = ruleLabel(i18n, rule);
      assert.ok(!looksLikeCode(words) && words !== 'Another reason', `${rule} → ${words}`);
    }
    assert.equal(ruleLabel(i18n, 'moon_phase'), 'Another reason');
  });
});
