import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_WHAT, parseUnfairReportForm, parseUnfairStatus } from './unfair-report-form.ts';

const service = { id: '11111111-1111-4111-8111-111111111111', name: 'Chess club' };

describe('the unfair-treatment form', () => {
  it('needs a service, a kind, what happened and a choice about staying anonymous', () => {
    const r = parseUnfairReportForm({}, null);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && !r.spam);
    if (!r.ok && !r.spam)
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['serviceMissing', 'kindsMissing', 'whatMissing', 'anonymousMissing'],
      );
  });

  it('takes the service from its page, ignores unknown kinds and keeps them in a fixed order', () => {
    const r = parseUnfairReportForm(
      { serviceName: 'Ignored', kind: ['unsafe', 'bogus', 'racism'], whatHappened: ' Shouted at \r\n me ', anonymous: 'yes' },
      service,
    );
    assert.ok(r.ok);
    if (r.ok) {
      assert.equal(r.value.serviceId, service.id);
      assert.equal(r.value.serviceName, 'Chess club');
      assert.deepEqual(r.value.kinds, ['racism', 'unsafe']);
      assert.equal(r.value.whatHappened, 'Shouted at \n me');
    }
  });

  it('keeps no name or contact when anonymous, not even on an error page', () => {
    const ok = parseUnfairReportForm(
      { serviceName: 'Hall', kind: 'other', whatHappened: 'x', anonymous: 'yes', contactName: 'Sam', contact: '07700 900111' },
      null,
    );
    assert.ok(ok.ok && ok.value.contact === null && ok.value.contactName === null);
    const bad = parseUnfairReportForm({ serviceName: 'Hall', anonymous: 'yes', contactName: 'Sam', contact: '07700 900111' }, null);
    assert.ok(!bad.ok && !bad.spam && bad.values.contact === '' && bad.values.contactName === '');
  });

  it('needs a working phone number or e-mail address to reply to someone who is not anonymous', () => {
    const base = { serviceName: 'Hall', kind: 'racism', whatHappened: 'x', anonymous: 'no' };
    const codes = (extra: Record<string, string>) => {
      const r = parseUnfairReportForm({ ...base, ...extra }, null);
      return r.ok ? [] : r.spam ? ['spam'] : r.problems.map((p) => p.code);
    };
    assert.deepEqual(codes({}), ['contactMissing']);
    assert.deepEqual(codes({ contact: 'not a way' }), ['contactInvalid']);
    assert.deepEqual(codes({ contact: 'sam@example.org' }), []);
    assert.deepEqual(codes({ contact: '+44 7700 900111' }), []);
    assert.deepEqual(codes({ contact: '07700 900111', whatHappened: 'x'.repeat(MAX_WHAT + 1) }), ['tooLong']);
  });

  it('treats a filled-in honeypot as spam', () => {
    assert.deepEqual(parseUnfairReportForm({ website: 'http://spam.example' }, null), { ok: false, spam: true });
  });

  it('closes a case only with an outcome', () => {
    assert.deepEqual(parseUnfairStatus({ status: 'looking', outcome: 'ignored' }), { ok: true, status: 'looking', outcome: null });
    assert.deepEqual(parseUnfairStatus({ status: 'closed', outcome: '  ' }), { ok: false, problem: 'outcomeMissing', outcome: '' });
    assert.deepEqual(parseUnfairStatus({ status: 'closed', outcome: 'Apology given' }), {
      ok: true,
      status: 'closed',
      outcome: 'Apology given',
    });
    assert.equal(parseUnfairStatus({ status: 'done' }).ok, false);
  });
});
