import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers } from './conversation-answers.ts';
import { EMPTY_MUSTS, mustsFormValues, parseMusts, readMusts } from './conversation-musts.ts';
import { conversationToMatchRequest, type PersonForMatch } from './conversation-to-match.ts';

const mother: PersonForMatch = {
  origin: { latitude: 53.8, longitude: -1.77 },
  gender: 'woman',
  ageBand: '25_49',
  preferredLanguage: 'ar',
  otherLanguages: [],
  englishOk: false,
  interpreterNeeded: false,
};
const answers: Answers = {
  cost: { limit: 'free' },
  travel: { distance: 'walk_10' },
  modes: { modes: ['in_person'] },
};

describe('musts and nice-to-haves from the conversation', () => {
  it('reads the form: women only and a crèche as musts, mornings 9 to 12 on two days as a must, distance unless helped', () => {
    const r = parseMusts({
      imp_gender_setting: 'must',
      gender: 'women_only',
      imp_creche: 'must',
      imp_times: 'must',
      from_TU: '09:00',
      to_TU: '12:00',
      from_TH: '09:00',
      to_TH: '12:00',
      imp_distance: 'must',
      unlessHelped: 'yes',
      imp_no_id: 'nice',
      imp_cost: 'no',
    });
    assert.ok(r.ok);
    assert.deepEqual(r.value.importance, { gender_setting: 'must', creche: 'must', no_id: 'nice', times: 'must', distance: 'must' });
    assert.deepEqual(r.value.windows, [
      { day: 'TU', from: '09:00', to: '12:00' },
      { day: 'TH', from: '09:00', to: '12:00' },
    ]);
    const req = conversationToMatchRequest(mother, { ...answers, musts: r.value });
    assert.deepEqual(req.preferences, [
      { kind: 'gender_setting', value: 'women_only', must: true },
      { kind: 'creche', must: true },
      { kind: 'no_id', must: false },
      { kind: 'times', windows: r.value.windows, must: true },
      { kind: 'distance', metres: 800, unlessHelped: true, must: true },
    ]);
    assert.equal(req.maxDistanceMetres, null, 'the distance preference (which allows help to get there) replaces the plain limit');
    assert.equal(req.costLimit, 'free', 'cost not marked stays the hard limit the cost answer made it');
  });

  it('says what is missing: a must with nothing to mark, a value with no must/nice, a time window the wrong way round', () => {
    const r = parseMusts({ imp_gender_setting: 'must', access: 'hearing_loop', from_MO: '12:00', to_MO: '09:00', imp_cost: 'maybe' });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => `${p.field}:${p.code}`).sort(),
      ['from_MO:timeWindow', 'gender:chooseOne', 'imp_access:chooseImportance', 'imp_cost:unknownChoice'].sort(),
    );
    const half = parseMusts({ imp_times: 'nice', from_WE: '10:00' });
    assert.ok(!half.ok);
    assert.deepEqual(half.problems, [{ field: 'from_WE', code: 'timeWindow' }]);
  });

  it('nothing marked is a valid answer that changes nothing', () => {
    const r = parseMusts({});
    assert.ok(r.ok);
    assert.deepEqual(r.value, EMPTY_MUSTS);
    const plain = conversationToMatchRequest(mother, answers);
    assert.deepEqual(conversationToMatchRequest(mother, { ...answers, musts: r.value }), plain);
    assert.equal(plain.preferences, undefined);
  });

  it('a nice-to-have cost, distance or way of taking part is no longer a hard limit', () => {
    const r = parseMusts({ imp_cost: 'nice', imp_distance: 'nice', imp_mode: 'nice', homeVisit: 'yes' });
    assert.ok(r.ok);
    const req = conversationToMatchRequest(mother, { ...answers, musts: r.value });
    assert.equal(req.costLimit, 'any');
    assert.equal(req.maxDistanceMetres, null);
    assert.deepEqual(req.modes, ['in_person', 'phone', 'online']);
    assert.deepEqual(req.preferences, [
      { kind: 'cost', limit: 'free', must: false },
      { kind: 'distance', metres: 800, unlessHelped: false, must: false },
      { kind: 'mode', modes: ['in_person', 'home_visit'], must: false },
    ]);
  });

  it('a language must is about their own language, with an interpreter when that is fine; none for an English speaker', () => {
    const r = parseMusts({ imp_language: 'must', interpreterOk: 'yes', imp_access: 'nice', access: ['hearing_loop', 'step_free'] });
    assert.ok(r.ok);
    const cantonese = conversationToMatchRequest(
      { ...mother, preferredLanguage: 'en', spokenLanguage: 'yue' },
      { ...answers, musts: r.value },
    );
    assert.deepEqual(cantonese.preferences, [
      { kind: 'access', feature: 'step_free', must: false },
      { kind: 'access', feature: 'hearing_loop', must: false },
      { kind: 'language', code: 'yue', interpreterOk: true, must: true },
    ]);
    const english = conversationToMatchRequest({ ...mother, preferredLanguage: 'en' }, { ...answers, musts: r.value });
    assert.ok(!english.preferences?.some((p) => p.kind === 'language'));
  });

  it('stored marks read back as they were; a changed or broken shape is dropped', () => {
    const r = parseMusts({ imp_times: 'must', from_SA: '10:00', to_SA: '13:30', imp_creche: 'nice' });
    assert.ok(r.ok);
    const stored = JSON.parse(JSON.stringify(r.value));
    assert.deepEqual(readMusts(stored), r.value);
    assert.deepEqual(mustsFormValues(readMusts(stored)!), mustsFormValues(r.value));
    assert.equal(readMusts({ ...stored, windows: [{ day: 'XX', from: '1', to: '2' }] }), undefined);
    assert.equal(readMusts('nonsense'), undefined);
  });
});

describe('a person whose language has no page translation', () => {
  const cantonese: PersonForMatch = { ...mother, preferredLanguage: 'en', spokenLanguage: 'yue', otherLanguages: ['zh'] };

  it('is never taken as speaking English: their language first, the interpreter rule stays on', () => {
    const r = conversationToMatchRequest(cantonese, {});
    assert.deepEqual(r.languages, ['yue', 'zh']);
    assert.equal(r.englishOk, false);
  });

  it('unless the record says English is fine', () => {
    const r = conversationToMatchRequest({ ...cantonese, englishOk: true }, {});
    assert.equal(r.englishOk, true);
  });

  it('an English speaker with pages in English is content with English, as before', () => {
    const r = conversationToMatchRequest({ ...mother, preferredLanguage: 'en' }, {});
    assert.deepEqual(r.languages, ['en']);
    assert.equal(r.englishOk, true);
  });
});
