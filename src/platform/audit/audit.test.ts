import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayBounds, parseAuditQuery } from './audit.ts';

describe('audit search filters', () => {
  it('reads every filter from the query string', () => {
    const r = parseAuditQuery({
      actorAccountId: '6F1C7A52-8D0E-4B7E-9A51-6C2D0F4E8B19',
      action: 'staff.',
      subjectType: 'staff_account',
      subjectId: 'abc',
      outcome: 'denied',
      from: '2026-03-01',
      to: '2026-03-02',
      page: '3',
    });
    assert.deepEqual(r.filter, {
      actorAccountId: '6f1c7a52-8d0e-4b7e-9a51-6c2d0f4e8b19',
      action: 'staff.',
      subjectType: 'staff_account',
      subjectId: 'abc',
      outcome: 'denied',
      from: '2026-03-01',
      to: '2026-03-02',
    });
    assert.equal(r.page, 3);
    assert.deepEqual(r.problems, []);
  });

  it('reports values it cannot use instead of searching with them', () => {
    const r = parseAuditQuery({ actorAccountId: 'bob', action: 'DROP TABLE', from: '1 March', outcome: 'maybe' });
    assert.deepEqual(r.filter, {});
    assert.deepEqual(r.problems.map((p) => p.field).sort(), ['action', 'actorAccountId', 'from', 'outcome']);
  });

  it('ignores empty fields and keeps the page number sensible', () => {
    assert.deepEqual(parseAuditQuery({ action: '  ', page: '-4' }), { filter: {}, page: 1, problems: [] });
    assert.equal(parseAuditQuery({ page: 'many' }).page, 1);
  });

  it('turns a day into a range that includes all of it', () => {
    const { start, next } = dayBounds('2026-03-01');
    assert.equal(start.toISOString(), '2026-03-01T00:00:00.000Z');
    assert.equal(next.toISOString(), '2026-03-02T00:00:00.000Z');
  });
});
