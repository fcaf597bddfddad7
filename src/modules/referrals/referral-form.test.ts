import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEvent, newAttempt } from './referral-transition.ts';
import { ERROR_MESSAGES, eventFromForm, FORM_EVENTS, parseReferralInput } from './referral-form.ts';
import en from '../../../locales/staff/en.json' with { type: 'json' };

describe('referral forms', () => {
  it('needs the need in words, and an interpreter language when an interpreter is needed', () => {
    const r = parseReferralInput({ need: '  ', interpreterNeeded: 'yes' });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.problems.map((p) => p.field), ['need', 'interpreterLanguage']);
    const ok = parseReferralInput({ need: ' Company ', interpreterLanguage: 'Pashto', accompanyWanted: 'yes' });
    assert.deepEqual(ok.ok && ok.value, {
      need: 'Company',
      summary: null,
      interpreterNeeded: false,
      interpreterLanguage: null,
      accompanyWanted: true,
      transportNeeded: false,
      childcareNeeded: false,
      route: null,
    });
  });

  it('records how the person came to the connector, or leaves it not recorded', () => {
    const gp = parseReferralInput({ need: 'Company', route: 'gp' });
    assert.equal(gp.ok && gp.value.route, 'gp');
    const none = parseReferralInput({ need: 'Company', route: 'not_recorded' });
    assert.equal(none.ok && none.value.route, null);
    const bad = parseReferralInput({ need: 'Company', route: 'police' });
    assert.deepEqual(!bad.ok && bad.problems, [{ field: 'route-0', message: 'referrals.problem.routeInvalid' }]);
  });

  it('turns forms into events the transition check then judges', () => {
    const visit = eventFromForm('book_first_visit', { date: '2026-03-10', companionKind: 'volunteer', companionName: 'Fatima' });
    assert.deepEqual(visit.event, {
      type: 'book_first_visit',
      date: '2026-03-10',
      companion: { kind: 'volunteer', accountId: null, name: 'Fatima' },
    });
    const alone = eventFromForm('book_first_visit', { date: '2026-03-10', companionKind: 'none', companionName: 'ignored' });
    assert.equal(alone.event.type === 'book_first_visit' && alone.event.companion, null);
    // An account chosen from the organisation's list wins over the free text; the service checks it and fills in its name.
    const chosen = eventFromForm('book_first_visit', {
      date: '2026-03-10',
      companionKind: 'none',
      companionName: 'ignored',
      companionAccountId: 'acc-1',
    });
    assert.deepEqual(chosen.event, {
      type: 'book_first_visit',
      date: '2026-03-10',
      companion: { kind: 'staff', accountId: 'acc-1', name: '' },
    });
    assert.deepEqual(
      applyEvent({ ...newAttempt(), state: 'accepted', version: 3 }, chosen.event, { side: 'recipient' }),
      { ok: false, error: 'companion_name_required' },
      'never stored unchecked',
    );
    assert.equal(eventFromForm('record_attendance', { interpreterMet: 'no' }).interpreterMet, false);
    const other = eventFromForm('decline', { reason: 'other' });
    const accepted = { ...newAttempt(), state: 'sent' as const, version: 1 };
    assert.deepEqual(applyEvent(accepted, other.event, { side: 'recipient' }), { ok: false, error: 'reason_required' });
    const made = eventFromForm('decline', { reason: 'made_up' });
    assert.deepEqual(applyEvent(accepted, made.event, { side: 'recipient' }), { ok: false, error: 'unknown_reason' });
    for (const t of FORM_EVENTS) assert.equal(eventFromForm(t, {}).event.type, t);
  });

  it('has a staff message for every error', () => {
    for (const key of Object.values(ERROR_MESSAGES)) assert.ok(key in en, key);
  });
});
