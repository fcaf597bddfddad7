import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseContactRequestForm } from './contact-request-form.ts';

describe('the "ask someone to contact me" form', () => {
  const good = { name: ' Amina  K ', way: 'text', reach: '07700 900456', unsafe: ['call', 'nonsense'], language: 'ar', where: 'BD8' };

  it('reads a good request, tidied, with only known ways', () => {
    const r = parseContactRequestForm(good, 'en');
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      name: 'Amina K',
      language: 'ar',
      way: 'text',
      reach: '07700 900456',
      unsafeWays: ['call'],
      safeTimes: null,
      about: null,
      where: 'BD8',
    });
  });

  it('falls back to the page language for an unknown language', () => {
    const r = parseContactRequestForm({ ...good, language: 'xx' }, 'pl');
    assert.ok(r.ok && r.value.language === 'pl');
  });

  it('refuses a way marked unsafe, a missing name, way or reach, and a bad address', () => {
    const codes = (body: Record<string, unknown>) => {
      const r = parseContactRequestForm(body, 'en');
      return !r.ok && !r.spam ? r.problems.map((p) => p.code) : [];
    };
    assert.deepEqual(codes({ ...good, unsafe: 'text' }), ['wayUnsafe']);
    assert.deepEqual(codes({ name: '', way: '', reach: '' }), ['nameMissing', 'wayMissing', 'reachMissing']);
    assert.deepEqual(codes({ ...good, way: 'email', reach: 'nope' }), ['emailInvalid']);
    assert.deepEqual(codes({ ...good, reach: 'call me' }), ['phoneInvalid']);
    assert.deepEqual(codes({ ...good, about: 'x'.repeat(1001) }), ['aboutTooLong']);
  });

  it('marks a filled honeypot as spam', () => {
    assert.deepEqual(parseContactRequestForm({ ...good, website: 'x' }, 'en'), { ok: false, spam: true });
  });
});
