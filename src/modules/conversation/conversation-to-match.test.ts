import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_MATCH_REQUEST } from '../matching/match-request.ts';
import { conversationToMatchRequest, interestWordsOf, unavailableTimes, type PersonForMatch } from './conversation-to-match.ts';

const person: PersonForMatch = {
  origin: { latitude: 53.8, longitude: -1.77 },
  gender: 'woman',
  ageBand: '25_49',
  preferredLanguage: 'bn',
  otherLanguages: ['syl'],
  englishOk: false,
  interpreterNeeded: false,
};

describe('conversation → match request', () => {
  it('turns a young Bengali-speaking mother’s answers into hard rules and preferences', () => {
    const r = conversationToMatchRequest(person, {
      interests: { kinds: ['skills'], words: 'Sewing, cooking' },
      strengths: { words: 'I was a teacher' },
      wants: { wants: ['shared_identity', 'practical'], faith: false, communities: 'Bengali, Muslim women' },
      help: { needs: ['childcare', 'interpreter'] },
      cost: { limit: 'free' },
      times: { unavailable: ['MO.morning', 'MO.afternoon', 'MO.evening', 'FR.evening'] },
      travel: { distance: 'walk_10' },
      modes: { modes: ['in_person'] },
      avoid: { serviceIds: ['0b8e5a0e-8f4c-4a57-a0a6-3b8f5f6f2e11'], settings: ['forms', 'support_groups'], words: '' },
      safety: { answer: 'no_need' },
    });
    assert.deepEqual(r, {
      origin: person.origin,
      maxDistanceMetres: 800,
      gender: 'woman',
      ageBand: '25_49',
      languages: ['bn', 'syl'],
      englishOk: false,
      interpreterNeeded: true,
      costLimit: 'free',
      complexNeeds: false,
      modes: ['in_person'],
      avoidServiceIds: ['0b8e5a0e-8f4c-4a57-a0a6-3b8f5f6f2e11'],
      avoidOrganizationIds: [],
      avoidKinds: ['peer_support', 'therapy'],
      avoidSettings: ['forms', 'support_groups'],
      avoidWords: [],
      outcode: null,
      unavailable: [{ day: 'MO' }, { day: 'FR', time: 'evening' }],
      interests: ['skills'],
      interestWords: ['sewing', 'cooking', 'teacher'],
      wants: ['shared_identity', 'practical'],
      communities: ['Bengali', 'Muslim women'],
      faith: 'any',
      needsAccompaniment: false,
      needsTransport: false,
      needsChildcare: true,
      prefersDropIn: true,
    });
  });

  it('leaves unanswered questions open, except safety, where not knowing means vetted groups only', () => {
    const r = conversationToMatchRequest({ ...person, gender: null, ageBand: null, preferredLanguage: 'en', otherLanguages: [] }, {});
    assert.deepEqual(r, {
      ...EMPTY_MATCH_REQUEST,
      origin: person.origin,
      languages: ['en'],
      complexNeeds: true,
      avoidKinds: [],
      avoidSettings: [],
      avoidWords: [],
      outcode: null,
    });
  });

  it('asks for vetted groups when the person is unsure', () => {
    assert.equal(conversationToMatchRequest(person, { safety: { answer: 'unsure' } }).complexNeeds, true);
    assert.equal(conversationToMatchRequest(person, { safety: { answer: 'vetted' } }).complexNeeds, true);
  });

  it('maps faith wishes both ways', () => {
    assert.equal(conversationToMatchRequest(person, { wants: { wants: [], faith: true, communities: '' } }).faith, 'faith_based');
    assert.equal(conversationToMatchRequest(person, { avoid: { serviceIds: [], settings: ['faith_setting'], words: '' } }).faith, 'avoid');
    const words = conversationToMatchRequest(person, {
      avoid: { serviceIds: [], settings: ['faith_setting'], words: 'the mosque on Oak Lane, Hope Centre' },
    });
    assert.deepEqual(words.avoidSettings, ['faith_setting'], 'a faith setting is kept away from, not only ranked lower');
    assert.deepEqual(words.avoidWords, ['the mosque on Oak Lane', 'Hope Centre']);
  });

  it('keeps words in any script and drops filler', () => {
    assert.deepEqual(interestWordsOf('خياطة و طبخ', 'the and sewing'), ['خياطة', 'طبخ', 'sewing']);
    assert.deepEqual(unavailableTimes(['SA.morning', 'SA.evening']), [
      { day: 'SA', time: 'morning' },
      { day: 'SA', time: 'evening' },
    ]);
  });
});
