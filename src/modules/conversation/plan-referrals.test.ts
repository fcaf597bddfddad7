import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { Person } from '../people/person.ts';
import { conversationToMatchRequest } from './conversation-to-match.ts';
import { fitWarnings, referralInputFor } from './plan-referrals.ts';

const en = createI18n('en');
const mei: Person = {
  id: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-000000000002',
  displayName: 'Mei',
  preferredLanguage: 'en',
  spokenLanguage: 'yue',
  otherLanguages: [],
  englishOk: false,
  interpreterNeeded: true,
  interpreterLanguage: null,
  contactMethod: 'text',
  phone: null,
  email: null,
  safeToCall: false,
  safeToText: true,
  safeToLeaveMessage: null,
  area: null,
  outcode: null,
  gender: 'woman',
  ageBand: '65_plus',
  createdAt: new Date(0),
  updatedAt: new Date(0),
  consents: [],
};

describe('the plan’s referrals, filled in from the conversation', () => {
  it('carries an interpreter in her own language (Cantonese), transport, and how to contact her', () => {
    const answers = { help: { needs: ['transport' as const] }, interests: { kinds: ['arts' as const], words: '' } };
    const request = conversationToMatchRequest({ ...mei, origin: null }, answers);
    const input = referralInputFor(en, en, { person: mei, answers, request, serviceName: 'Tai chi in the park', firstLanguage: 'yue' });
    assert.equal(input.interpreterNeeded, true);
    assert.equal(input.interpreterLanguage, 'Cantonese');
    assert.equal(input.transportNeeded, true);
    assert.equal(input.accompanyWanted, false);
    assert.equal(input.childcareNeeded, false);
    assert.match(input.need, /^Tai chi in the park: from the/);
    assert.match(input.summary ?? '', /How to contact them: Text message/);
    assert.match(input.summary ?? '', /It is not safe to call them/);
    assert.match(input.summary ?? '', /What matters to them: Arts/);
  });

  it('warns with what a place picked by hand breaks: musts first, then the other hard rules', () => {
    const words = fitWarnings(en, {
      found: true,
      broken: ['must', 'cost'],
      musts: [
        { kind: 'gender_setting', value: 'women_only', must: true },
        { kind: 'access', feature: 'hearing_loop', must: true },
      ],
    });
    assert.deepEqual(words, ['Women only', 'Hearing loop', 'cost']);
    assert.deepEqual(fitWarnings(en, { found: true, broken: [], musts: [] }), []);
  });
});
