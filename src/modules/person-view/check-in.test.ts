import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEvent, newAttempt } from '../referrals/referral-transition.ts';
import { ATTEMPT_STATES } from '../referrals/referral-states.ts';
import { asksCheckIn, CHECK_IN_ANSWERS, checkInOutcome, isCheckInAnswer } from './check-in.ts';
import { parseContactChoice, parseFeedback } from './person-view.forms.ts';

describe('check-in answers', () => {
  it('maps each answer to what it does', () => {
    assert.deepEqual(checkInOutcome('went', null), { kind: 'event', event: { type: 'record_attendance' } });
    assert.deepEqual(checkInOutcome('went', ' It was lovely '), {
      kind: 'event',
      event: { type: 'record_attendance', note: 'It was lovely' },
    });
    assert.deepEqual(checkInOutcome('not_going', '  too far '), {
      kind: 'event',
      event: { type: 'not_taken_up', reason: 'person_chose_not_to', note: 'too far' },
    });
    assert.deepEqual(checkInOutcome('not_going', ''), { kind: 'event', event: { type: 'not_taken_up', reason: 'person_chose_not_to' } });
    assert.deepEqual(checkInOutcome('pause', 'in hospital'), { kind: 'event', event: { type: 'pause', reason: 'in hospital' } });
    assert.equal(checkInOutcome('pause', null).kind, 'event');
    assert.deepEqual(checkInOutcome('not_yet', 'x'), { kind: 'note', askForHelp: false });
    assert.deepEqual(checkInOutcome('want_help', null), { kind: 'note', askForHelp: true });
  });

  it('every answer that changes the referral is allowed for the person from every state they are asked in', () => {
    const asked = ATTEMPT_STATES.filter(asksCheckIn);
    assert.deepEqual([...asked].sort(), ['accepted', 'contact_attempted', 'first_visit_booked', 'in_touch']);
    for (const state of asked) {
      for (const answer of CHECK_IN_ANSWERS) {
        const o = checkInOutcome(answer, null);
        if (o.kind !== 'event') continue;
        const r = applyEvent({ ...newAttempt(), state, version: 3 }, o.event, { side: 'person' });
        assert.equal(r.ok && r.changed, true, `${answer} from ${state}: ${JSON.stringify(r)}`);
      }
    }
  });

  it('knows its answers', () => {
    assert.equal(isCheckInAnswer('went'), true);
    assert.equal(isCheckInAnswer('complete'), false);
    assert.equal(isCheckInAnswer(undefined), false);
  });
});

describe('the person’s forms', () => {
  it('reads feedback: a rating 1–5 or words, anonymous only when ticked', () => {
    assert.deepEqual(parseFeedback({ rating: '4', comment: ' lovely ', anonymous: 'yes' }), {
      rating: 4,
      comment: 'lovely',
      anonymous: true,
    });
    assert.deepEqual(parseFeedback({ rating: '9', comment: 'ok' }), { rating: null, comment: 'ok', anonymous: false });
    assert.equal(parseFeedback({ rating: '', comment: '   ' }), null);
    assert.equal(parseFeedback({}), null);
  });

  it('reads contact choices and never consents to a way that is not safe', () => {
    const c = parseContactChoice({
      method: 'text',
      ways: ['call', 'text', 'email', 'pigeon'],
      safeToCall: 'no',
      safeToText: 'yes',
      safeToLeaveMessage: 'unsure',
    });
    assert.deepEqual(c, { method: 'text', safeToCall: false, safeToText: true, safeToLeaveMessage: null, ways: ['text', 'email'] });
    assert.deepEqual(parseContactChoice({ method: 'carrier', ways: 'call', safeToCall: 'yes' }).ways, ['call']);
    assert.equal(parseContactChoice({ method: 'carrier' }).method, null);
  });
});
