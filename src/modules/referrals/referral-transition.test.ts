import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEvent, newAttempt, type AttemptSnapshot, type TransitionContext } from './referral-transition.ts';
import { ATTEMPT_STATES, CLOSED_STATES, TRANSITIONS, type AttemptEvent, type AttemptState, type Side } from './referral-states.ts';

const referrer: TransitionContext = { side: 'referrer', consentToShare: true, recipientAvailable: true };
const recipient: TransitionContext = { side: 'recipient' };
const person: TransitionContext = { side: 'person' };
const system: TransitionContext = { side: 'system' };

/** Applies events in order, failing the test if any is refused. */
function run(steps: [AttemptEvent, TransitionContext][], from: AttemptSnapshot = newAttempt()): AttemptSnapshot {
  let a = from;
  for (const [e, ctx] of steps) {
    const r = applyEvent(a, e, ctx);
    assert.ok(r.ok, `${e.type} by ${ctx.side} from ${a.state}: ${!r.ok ? r.error : ''}`);
    if (r.changed) a = r.next;
  }
  return a;
}

describe('referral attempt transitions', () => {
  it('walks the supported path from draft to completed', () => {
    const a = run([
      [{ type: 'send' }, referrer],
      [{ type: 'acknowledge' }, recipient],
      [{ type: 'accept' }, recipient],
      [{ type: 'record_contact_attempt', channel: 'phone', interpreterUsed: true, reached: false }, recipient],
      [{ type: 'record_contact_attempt', channel: 'phone', interpreterUsed: true, reached: true }, recipient],
      [{ type: 'book_first_visit', date: '2026-12-01', companion: { kind: 'volunteer', accountId: null, name: 'Shazia' } }, referrer],
      [{ type: 'record_attendance', date: '2026-12-01' }, person],
      [{ type: 'pause', reason: 'In hospital for two weeks' }, referrer],
      [{ type: 'resume' }, person],
      [{ type: 'complete', outcome: 'going_independently' }, recipient],
    ]);
    assert.equal(a.state, 'completed');
    assert.equal(a.contactAttempts, 2);
    assert.deepEqual(a.firstVisit, { date: '2026-12-01', companion: { kind: 'volunteer', accountId: null, name: 'Shazia' } });
    assert.equal(a.version, 10);
  });

  it('sends only with consent to share and to a service that can take referrals', () => {
    assert.deepEqual(applyEvent(newAttempt(), { type: 'send' }, { side: 'referrer', consentToShare: false, recipientAvailable: true }), {
      ok: false,
      error: 'no_consent',
    });
    assert.deepEqual(applyEvent(newAttempt(), { type: 'send' }, { side: 'referrer', consentToShare: true, recipientAvailable: false }), {
      ok: false,
      error: 'recipient_unavailable',
    });
    assert.deepEqual(applyEvent(newAttempt(), { type: 'send' }, { side: 'referrer' }), { ok: false, error: 'no_consent' });
  });

  it('lets each side record only its own events', () => {
    const sent = run([[{ type: 'send' }, referrer]]);
    assert.deepEqual(applyEvent(sent, { type: 'accept' }, referrer), { ok: false, error: 'wrong_side' });
    assert.deepEqual(applyEvent(sent, { type: 'accept' }, person), { ok: false, error: 'wrong_side' });
    assert.deepEqual(applyEvent(sent, { type: 'expire' }, recipient), { ok: false, error: 'wrong_side' });
    assert.deepEqual(applyEvent(newAttempt(), { type: 'send' }, { ...recipient, consentToShare: true, recipientAvailable: true }), {
      ok: false,
      error: 'wrong_side',
    });
  });

  it('needs a reason to decline as "other", pause, withdraw or mark an error, and a known reason code', () => {
    const sent = run([[{ type: 'send' }, referrer]]);
    assert.deepEqual(applyEvent(sent, { type: 'decline', reason: 'other' }, recipient), { ok: false, error: 'reason_required' });
    assert.deepEqual(applyEvent(sent, { type: 'decline', reason: 'other', note: '  ' }, recipient), {
      ok: false,
      error: 'reason_required',
    });
    assert.equal(applyEvent(sent, { type: 'decline', reason: 'full' }, recipient).ok, true);
    assert.deepEqual(applyEvent(sent, { type: 'decline', reason: 'busy' as never }, recipient), { ok: false, error: 'unknown_reason' });
    assert.deepEqual(applyEvent(sent, { type: 'withdraw', reason: '' }, referrer), { ok: false, error: 'reason_required' });
    const accepted = run([[{ type: 'accept' }, recipient]], sent);
    assert.deepEqual(applyEvent(accepted, { type: 'pause', reason: '' }, referrer), { ok: false, error: 'reason_required' });
    assert.deepEqual(applyEvent(accepted, { type: 'book_first_visit', date: '2026-02-30', companion: null }, referrer), {
      ok: false,
      error: 'bad_date',
    });
    assert.deepEqual(
      applyEvent(
        accepted,
        { type: 'book_first_visit', date: '2026-12-01', companion: { kind: 'staff', accountId: null, name: ' ' } },
        referrer,
      ),
      {
        ok: false,
        error: 'companion_name_required',
      },
    );
  });

  it('treats a repeated click as no change, and refuses anything on a closed attempt', () => {
    const accepted = run([
      [{ type: 'send' }, referrer],
      [{ type: 'accept' }, recipient],
    ]);
    assert.deepEqual(applyEvent(accepted, { type: 'accept' }, recipient), { ok: true, changed: false, state: 'accepted' });
    const declined = run([[{ type: 'decline', reason: 'full' }, recipient]], run([[{ type: 'send' }, referrer]]));
    assert.deepEqual(applyEvent(declined, { type: 'decline', reason: 'full' }, recipient), { ok: true, changed: false, state: 'declined' });
    assert.deepEqual(applyEvent(declined, { type: 'accept' }, recipient), { ok: false, error: 'closed' });
    const error = run([[{ type: 'mark_entered_in_error', reason: 'Wrong person' }, referrer]], declined);
    assert.equal(error.state, 'entered_in_error');
    assert.deepEqual(applyEvent(error, { type: 'mark_entered_in_error', reason: 'again' }, referrer), { ok: false, error: 'closed' });
  });

  it('expires only what the recipient has not answered, and only by the system', () => {
    const sent = run([[{ type: 'send' }, referrer]]);
    assert.equal(run([[{ type: 'expire' }, system]], sent).state, 'expired');
    const ack = run([[{ type: 'acknowledge' }, recipient]], sent);
    assert.equal(run([[{ type: 'expire' }, system]], ack).state, 'expired');
    const accepted = run([[{ type: 'accept' }, recipient]], sent);
    assert.deepEqual(applyEvent(accepted, { type: 'expire' }, system), { ok: false, error: 'wrong_state' });
  });

  it('moves on to "in touch" when the contact reached the person, and never back from there', () => {
    const accepted = run([
      [{ type: 'send' }, referrer],
      [{ type: 'accept' }, recipient],
    ]);
    const tried = run(
      [[{ type: 'record_contact_attempt', channel: 'phone', interpreterUsed: false, reached: false }, recipient]],
      accepted,
    );
    assert.equal(tried.state, 'contact_attempted');
    const reached = run([[{ type: 'record_contact_attempt', channel: 'phone', interpreterUsed: false, reached: true }, recipient]], tried);
    assert.equal(reached.state, 'in_touch');
    assert.equal(reached.contactAttempts, 2);
    const again = run([[{ type: 'record_contact_attempt', channel: 'text', interpreterUsed: false, reached: false }, referrer]], reached);
    assert.equal(again.state, 'in_touch', 'a later missed call does not undo being in touch');
    const booked = run([[{ type: 'book_first_visit', date: '2026-12-03', companion: null }, recipient]], again);
    assert.equal(booked.state, 'first_visit_booked');
    const stillBooked = run(
      [[{ type: 'record_contact_attempt', channel: 'text', interpreterUsed: false, reached: true }, recipient]],
      booked,
    );
    assert.equal(stillBooked.state, 'first_visit_booked');
  });

  it('resumes to where it was paused from', () => {
    const waiting = run([
      [{ type: 'send' }, referrer],
      [{ type: 'waitlist' }, recipient],
      [{ type: 'pause', reason: 'Visiting family abroad' }, person],
    ]);
    assert.equal(waiting.pausedFrom, 'waiting_list');
    const resumed = run([[{ type: 'resume' }, referrer]], waiting);
    assert.equal(resumed.state, 'waiting_list');
    assert.equal(resumed.pausedFrom, null);
  });

  it('can reach every state from a draft', () => {
    const seen = new Set<AttemptState>(['draft']);
    const queue: AttemptSnapshot[] = [newAttempt()];
    const samples: AttemptEvent[] = sampleEvents();
    const sides: TransitionContext[] = [referrer, recipient, person, system];
    while (queue.length) {
      const a = queue.shift()!;
      for (const e of samples)
        for (const ctx of sides) {
          const r = applyEvent(a, e, ctx);
          if (r.ok && r.changed && !seen.has(r.to)) {
            seen.add(r.to);
            queue.push(r.next);
          }
        }
    }
    assert.deepEqual([...seen].sort(), [...ATTEMPT_STATES].sort());
  });
});

function sampleEvents(): AttemptEvent[] {
  return [
    { type: 'send' },
    { type: 'acknowledge' },
    { type: 'accept' },
    { type: 'waitlist' },
    { type: 'decline', reason: 'cannot_meet_language_need' },
    { type: 'record_contact_attempt', channel: 'text', interpreterUsed: false, reached: true },
    { type: 'record_contact_attempt', channel: 'phone', interpreterUsed: false, reached: false },
    { type: 'book_first_visit', date: '2026-12-03', companion: null },
    { type: 'record_attendance' },
    { type: 'pause', reason: 'Ill' },
    { type: 'resume' },
    { type: 'complete', outcome: 'need_met' },
    { type: 'not_taken_up', reason: 'could_not_reach' },
    { type: 'withdraw', reason: 'Person asked' },
    { type: 'expire' },
    { type: 'redirect', toServiceId: null },
    { type: 'move_area' },
    { type: 'mark_entered_in_error', reason: 'Duplicate' },
  ];
}

describe('referral attempt transitions: properties', () => {
  const event = fc.constantFrom(...sampleEvents());
  const side = fc.constantFrom<Side>('referrer', 'recipient', 'person', 'system');

  it('only ever moves along the table, by a side the table names, one version at a time; closed attempts stay closed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(event, side, fc.boolean(), fc.boolean()), { maxLength: 40 }), (steps) => {
        let a = newAttempt();
        for (const [e, s, consent, available] of steps) {
          const r = applyEvent(a, e, { side: s, consentToShare: consent, recipientAvailable: available });
          if (!r.ok || !r.changed) {
            if (r.ok) assert.equal(r.state, a.state);
            continue;
          }
          const rule = TRANSITIONS[e.type];
          assert.ok(rule.by.includes(s), `${e.type} by ${s}`);
          assert.ok(rule.from.includes(a.state), `${e.type} from ${a.state}`);
          if (CLOSED_STATES.has(a.state)) assert.equal(r.to, 'entered_in_error', 'a closed attempt only moves to entered in error');
          if (e.type === 'send') assert.ok(consent && available, 'sent without consent or to an unavailable service');
          assert.equal(r.next.version, a.version + 1);
          a = r.next;
        }
      }),
    );
  });
});
