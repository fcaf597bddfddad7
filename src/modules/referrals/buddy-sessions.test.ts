import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_SESSIONS,
  canPlanBuddy,
  nextSessionNumber,
  normaliseTime,
  outcomeEvent,
  parseOutcomeForm,
  parseSessionForm,
  reachFor,
  sessionProblemField,
} from './buddy-sessions.ts';
import { nextStep } from './referral-deadlines.ts';
import { ATTEMPT_STATES, BUDDY_OUTCOMES, CLOSED_STATES, type AttemptState } from './referral-states.ts';
import { applyEvent, newAttempt, type AttemptSnapshot } from './referral-transition.ts';

const good = {
  buddyAccountId: '6b0f8a0e-0000-4000-8000-000000000001',
  date: '2026-03-10',
  time: '10:30',
  meetingPoint: 'Outside the library',
};
const at = (state: AttemptState): AttemptSnapshot => ({
  ...newAttempt(),
  state,
  version: 5,
  firstVisit: { date: '2026-03-10', companion: null },
});
const coordinator = { name: 'Cora Connector', email: 'cora@example.org', organisation: 'Surgery' };

describe('travel buddies: the booking form', () => {
  it('reads a date, a time, a meeting point and the buddy; the phone is shared only when ticked', () => {
    const r = parseSessionForm({ ...good, meetingPoint: '  Outside   the library ' });
    assert.deepEqual(r, { ok: true, value: { ...good, contactShared: false } });
    const ticked = parseSessionForm({ ...good, contactShared: 'yes' });
    assert.ok(ticked.ok && ticked.value.contactShared);
  });

  it('accepts "9:30" and "09.30" as 09:30 and refuses what is not a clock time', () => {
    assert.equal(normaliseTime('9:30'), '09:30');
    assert.equal(normaliseTime('09.30'), '09:30');
    assert.equal(normaliseTime('23:59'), '23:59');
    for (const bad of ['24:00', '12:60', 'noon', '', '1030', '10:3', '-1:00']) assert.equal(normaliseTime(bad), null, bad);
  });

  it('says what is wrong with each field, pointing at the field', () => {
    const r = parseSessionForm({ date: '2026-02-30', time: 'half ten', meetingPoint: '   ' });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.problems, ['buddy_required', 'bad_date', 'bad_time', 'meeting_point_required']);
    assert.deepEqual(!r.ok && r.problems.map(sessionProblemField), ['buddyAccountId-0', 'date', 'time', 'meetingPoint']);
    const long = parseSessionForm({ ...good, meetingPoint: 'x'.repeat(201) });
    assert.deepEqual(!long.ok && long.problems, ['meeting_point_too_long']);
    const arrays = parseSessionForm({ buddyAccountId: ['a', 'b'], date: ['2026-03-10'], time: 5, meetingPoint: {} });
    assert.equal(arrays.ok, false, 'odd form values are refused, never thrown on');
  });

  it('books the first visit first, then up to MAX_SESSIONS in all, and only while the referral is at that stage', () => {
    assert.deepEqual(nextSessionNumber('accepted', []), { ok: true, number: 1 });
    assert.deepEqual(nextSessionNumber('in_touch', []), { ok: true, number: 1 });
    assert.deepEqual(nextSessionNumber('first_visit_booked', [1]), { ok: true, number: 2 });
    assert.deepEqual(nextSessionNumber('attending', [1, 2, 3]), { ok: true, number: 4 });
    assert.equal(MAX_SESSIONS, 4);
    assert.deepEqual(nextSessionNumber('attending', [1, 2, 3, 4]), { ok: false, error: 'too_many_sessions' });
    assert.deepEqual(nextSessionNumber('attending', []), { ok: false, error: 'wrong_state' });
    assert.deepEqual(nextSessionNumber('in_touch', [1]), { ok: false, error: 'wrong_state' });
    for (const s of CLOSED_STATES) {
      assert.equal(nextSessionNumber(s, []).ok, false, s);
      assert.equal(canPlanBuddy(s), false, s);
    }
    assert.equal(canPlanBuddy('draft'), false);
    assert.equal(canPlanBuddy('sent'), false);
    assert.equal(canPlanBuddy('attending'), true);
  });
});

describe('travel buddies: how the buddy reaches someone', () => {
  const contact = { method: 'phone', phone: '07700 900777', email: null, safeToCall: true, safeToText: false, safeToLeaveMessage: null };
  it('the person’s phone only when the booker recorded their agreement and it is shared under a consent in force', () => {
    assert.deepEqual(reachFor(true, { contact }, coordinator), {
      who: 'person',
      phone: '07700 900777',
      safeToCall: true,
      safeToText: false,
    });
    assert.deepEqual(reachFor(false, { contact }, coordinator), { who: 'coordinator', ...coordinator }, 'not agreed for the buddy');
    assert.deepEqual(reachFor(true, {}, coordinator), { who: 'coordinator', ...coordinator }, 'not shared, or the consent was withdrawn');
  });
  it('never a phone it is not safe to call or text', () => {
    assert.equal(reachFor(true, { contact: { ...contact, safeToCall: false, safeToText: false } }, coordinator).who, 'coordinator');
    assert.equal(reachFor(true, { contact: { ...contact, safeToCall: null, safeToText: null } }, coordinator).who, 'coordinator');
    assert.equal(reachFor(true, { contact: { ...contact, phone: null } }, coordinator).who, 'coordinator');
    assert.equal(reachFor(true, { contact: { ...contact, safeToCall: false, safeToText: true } }, coordinator).who, 'person');
  });
});

describe('travel buddies: "how did it go" moves the referral on through the one transition check', () => {
  it('reads the answer and a short note', () => {
    assert.deepEqual(parseOutcomeForm({ outcome: 'went_together', note: ' Lovely ' }), {
      ok: true,
      value: { outcome: 'went_together', note: 'Lovely' },
    });
    assert.deepEqual(parseOutcomeForm({ outcome: 'person_did_not_come' }), {
      ok: true,
      value: { outcome: 'person_did_not_come', note: null },
    });
    assert.deepEqual(parseOutcomeForm({}), { ok: false, problems: ['outcome_required'] });
    assert.deepEqual(parseOutcomeForm({ outcome: 'went', note: 'x'.repeat(501) }), {
      ok: false,
      problems: ['outcome_required', 'note_too_long'],
    });
  });

  it('went together: a booked first visit becomes attending, by the booker’s side', () => {
    for (const side of ['recipient', 'referrer'] as const) {
      const r = applyEvent(at('first_visit_booked'), outcomeEvent('went_together', 1, null), { side });
      assert.ok(r.ok && r.changed && r.to === 'attending', side);
    }
    const again = applyEvent(at('attending'), outcomeEvent('went_together', 2, 'Fine'), { side: 'recipient' });
    assert.ok(again.ok && again.changed && again.to === 'attending' && again.next.version === 6);
  });

  it('the person did not come or the buddy could not go: it stays where it is and the connector follows up within 2 working days', () => {
    for (const outcome of ['person_did_not_come', 'buddy_could_not_go'] as const)
      for (const state of ['first_visit_booked', 'attending'] as const) {
        const r = applyEvent(at(state), outcomeEvent(outcome, 1, null), { side: 'recipient' });
        assert.ok(r.ok && r.changed && r.to === state, `${outcome} ${state}`);
        const step = nextStep({ ...r.next, missedVisit: true }, '2026-03-13');
        assert.deepEqual(step, { task: 'follow_up_missed_visit', owner: 'referrer', due: '2026-03-17', lateAfter: '2026-03-20' });
      }
    // Without a missed visit the usual steps stay.
    assert.equal(nextStep({ state: 'attending', firstVisit: null }, '2026-03-13')?.task, 'review_at_six_weeks');
  });

  it('is refused from every other state, by the person or the system, and for an unknown answer', () => {
    for (const state of ATTEMPT_STATES) {
      if (state === 'first_visit_booked' || state === 'attending') continue;
      const r = applyEvent({ ...at(state), pausedFrom: null }, outcomeEvent('went_together', 1, null), { side: 'recipient' });
      assert.equal(r.ok, false, state);
    }
    assert.deepEqual(applyEvent(at('first_visit_booked'), outcomeEvent('went_together', 1, null), { side: 'person' }), {
      ok: false,
      error: 'wrong_side',
    });
    assert.deepEqual(applyEvent(at('first_visit_booked'), outcomeEvent('went_together', 1, null), { side: 'system' }), {
      ok: false,
      error: 'wrong_side',
    });
    assert.deepEqual(
      applyEvent(at('first_visit_booked'), { type: 'record_buddy_session', outcome: 'maybe' as never, session: 1 }, { side: 'recipient' }),
      {
        ok: false,
        error: 'unknown_reason',
      },
    );
  });

  it('property: any answer from any state either is refused or lands in attending (went together) or where it was', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ATTEMPT_STATES),
        fc.constantFrom(...BUDDY_OUTCOMES),
        fc.integer({ min: 1, max: 4 }),
        (state, outcome, n) => {
          const r = applyEvent(at(state), outcomeEvent(outcome, n, null), { side: 'referrer' });
          if (!r.ok || !r.changed) return;
          assert.ok(state === 'first_visit_booked' || state === 'attending');
          assert.equal(r.to, outcome === 'went_together' ? 'attending' : state);
          assert.equal(r.next.version, 6);
        },
      ),
    );
  });
});
