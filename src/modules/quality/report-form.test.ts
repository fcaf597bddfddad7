import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CONTACT, MAX_DETAILS, parseReportForm, REPORT_KINDS } from './report-form.ts';
import { REPORT_WINDOW_MS, REPORTS_PER_WINDOW, takeReport } from '../../platform/http/form-throttle.ts';

describe('the report-a-problem form', () => {
  it('takes each kind of problem, with details and contact optional', () => {
    for (const kind of REPORT_KINDS.filter((k) => k !== 'other')) {
      assert.deepEqual(parseReportForm({ kind }), { ok: true, value: { kind, details: null, contact: null } });
    }
    const full = parseReportForm({ kind: 'times', details: '  Now on Wednesdays\r\n10 till 12  ', contact: ' 07700 900123 ' });
    assert.deepEqual(full, { ok: true, value: { kind: 'times', details: 'Now on Wednesdays\n10 till 12', contact: '07700 900123' } });
  });

  it('asks what is wrong when nothing is chosen or the choice is unknown', () => {
    for (const body of [{}, { kind: '' }, { kind: 'hacked' }]) {
      const r = parseReportForm(body);
      assert.equal(r.ok, false);
      assert.ok(!r.ok && !r.spam);
      if (!r.ok && !r.spam) assert.deepEqual(r.problems, [{ field: 'kind', code: 'kindMissing' }]);
    }
  });

  it('needs details for “something else”, and keeps what was typed to show again', () => {
    const r = parseReportForm({ kind: 'other', details: '   ', contact: 'me@example.org' });
    assert.ok(!r.ok && !r.spam);
    if (!r.ok && !r.spam) {
      assert.deepEqual(r.problems, [{ field: 'details', code: 'detailsNeeded' }]);
      assert.deepEqual(r.values, { kind: 'other', details: '', contact: 'me@example.org' });
    }
    assert.equal(parseReportForm({ kind: 'other', details: 'The hall has moved' }).ok, true);
  });

  it('refuses text that is too long, counting characters not bytes', () => {
    const arabic = 'ب'.repeat(MAX_DETAILS);
    assert.equal(parseReportForm({ kind: 'cost', details: arabic }).ok, true);
    const r = parseReportForm({ kind: 'cost', details: `${arabic}ب`, contact: 'x'.repeat(MAX_CONTACT + 1) });
    assert.ok(!r.ok && !r.spam);
    if (!r.ok && !r.spam)
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['detailsTooLong', 'contactTooLong'],
      );
  });

  it('strips control characters and keeps the contact on one line', () => {
    const r = parseReportForm({ kind: 'contact', details: 'a\u0000b\u0007c', contact: 'me@\nexample.org' });
    assert.deepEqual(r, { ok: true, value: { kind: 'contact', details: 'a b c', contact: 'me@ example.org' } });
  });

  it('treats a filled-in honeypot as spam, whatever else is sent', () => {
    assert.deepEqual(parseReportForm({ kind: 'times', website: 'http://spam.example' }), { ok: false, spam: true });
    assert.equal(parseReportForm({ kind: 'times', website: '' }).ok, true);
  });
});

describe('the report throttle', () => {
  const t0 = new Date('2026-03-02T09:00:00Z');

  it(`allows ${REPORTS_PER_WINDOW} reports an hour from one address, then refuses until the window ends`, () => {
    let state = null;
    for (let i = 1; i <= REPORTS_PER_WINDOW; i++) {
      const d = takeReport(state, new Date(t0.getTime() + i * 1000));
      assert.ok(d.allowed);
      if (d.allowed) state = d.next;
    }
    const refused = takeReport(state, new Date(t0.getTime() + 10 * 60 * 1000));
    assert.deepEqual(refused, { allowed: false, retryAt: new Date(t0.getTime() + 1000 + REPORT_WINDOW_MS) });
    const later = takeReport(state, new Date(t0.getTime() + 1000 + REPORT_WINDOW_MS));
    assert.deepEqual(later, { allowed: true, next: { windowStartedAt: new Date(t0.getTime() + 1000 + REPORT_WINDOW_MS), reports: 1 } });
  });

  it('starts a new window when the clock goes backwards', () => {
    const d = takeReport({ windowStartedAt: t0, reports: REPORTS_PER_WINDOW }, new Date(t0.getTime() - 1000));
    assert.equal(d.allowed, true);
  });
});
