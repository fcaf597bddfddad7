import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  crossStepProblems,
  MAX_WORDS_LENGTH,
  nextUnanswered,
  parseStep,
  readAnswers,
  stepFormValues,
  STEPS,
  type Answers,
} from './conversation-answers.ts';

describe('conversation answers', () => {
  it('keeps known choices as codes and the person’s own words tidied', () => {
    const r = parseStep('interests', { kinds: ['gardening', 'arts'], words: '  sewing   and  cooking ' });
    assert.deepEqual(r, { ok: true, value: { kinds: ['arts', 'gardening'], words: 'sewing and cooking' } });
  });

  for (const [step, body, field, code] of [
    ['interests', { kinds: 'therapy-plus' }, 'kinds', 'unknownChoice'],
    ['strengths', { words: 'x'.repeat(MAX_WORDS_LENGTH + 1) }, 'words', 'tooLong'],
    ['cost', {}, 'limit', 'chooseOne'],
    ['cost', { limit: 'cheap' }, 'limit', 'unknownChoice'],
    ['travel', {}, 'distance', 'chooseOne'],
    ['modes', {}, 'modes', 'chooseMode'],
    ['safety', {}, 'answer', 'chooseOne'],
    ['times', { unavailable: ['MO.night'] }, 'unavailable', 'unknownChoice'],
    ['avoid', { serviceIds: 'not-an-id' }, 'serviceIds', 'notAService'],
  ] as const) {
    it(`refuses ${step} with ${JSON.stringify(body).slice(0, 40)} (${code})`, () => {
      const r = parseStep(step, body);
      assert.equal(r.ok, false);
      if (!r.ok) assert.deepEqual(r.problems[0], { field, code });
    });
  }

  it('accepts an empty answer where every choice is optional', () => {
    for (const step of ['practical', 'interests', 'strengths', 'wants', 'help', 'times', 'avoid'] as const)
      assert.equal(parseStep(step, {}).ok, true, step);
  });

  it('round-trips every step through the form values', () => {
    const answers: Answers = {
      practical: { needs: ['housing', 'phone'] },
      interests: { kinds: ['sport'], words: 'football' },
      strengths: { words: 'I was a nurse' },
      wants: { wants: ['mixing', 'group'], faith: true, communities: 'Somali' },
      help: { needs: ['go_with', 'childcare'] },
      cost: { limit: 'low_cost' },
      times: { unavailable: ['MO.morning', 'FR.evening'] },
      travel: { distance: 'walk_20' },
      modes: { modes: ['in_person', 'phone'] },
      avoid: { serviceIds: ['0b8e5a0e-8f4c-4a57-a0a6-3b8f5f6f2e11'], settings: ['forms'], words: '' },
      safety: { answer: 'unsure' },
    };
    for (const step of STEPS) {
      const r = parseStep(step, stepFormValues(step, answers));
      assert.deepEqual(r, { ok: true, value: answers[step] }, step);
    }
    assert.deepEqual(readAnswers(JSON.parse(JSON.stringify(answers))), answers);
    assert.equal(nextUnanswered(answers), null);
  });

  it('resumes at the first question without an answer and drops stored answers that no longer parse', () => {
    const stored = {
      practical: { needs: [] },
      interests: { kinds: ['sport'], words: '' },
      strengths: { words: 42 },
      cost: { limit: 'sometimes' },
    };
    const a = readAnswers(stored);
    assert.deepEqual(Object.keys(a), ['practical', 'interests']);
    assert.equal(nextUnanswered(a), 'strengths');
    // A conversation kept before the practical question was asked resumes there.
    assert.equal(nextUnanswered(readAnswers({ interests: { kinds: [], words: '' } })), 'practical');
  });

  it('will not both want and avoid a faith setting', () => {
    const p = crossStepProblems({
      wants: { wants: [], faith: true, communities: '' },
      avoid: { serviceIds: [], settings: ['faith_setting'], words: '' },
    });
    assert.deepEqual(p, [{ step: 'avoid', problem: { field: 'settings', code: 'faithBoth' } }]);
  });
});
